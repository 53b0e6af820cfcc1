" sitelint.vim - Vim: lint the page being edited against its site with :make.
"
" Put this file in ~/.vim/after/ftplugin/html.vim (or :source it from an
" HTML buffer).  g:sitelint_root names the site's root folder (default:
" Vim's current directory).  :make lints the saved page; the quickfix list
" jumps to each finding.  The autocommand lints on every save.
" (docs/editors.md; tests/integrations.sh parses real output with the
" errorformat below.)

let s:root = get(g:, 'sitelint_root', '.')
let &l:makeprg = 'sitelint -q --no-excerpt --color never --lang en --root '
      \ . shellescape(s:root) . ' %:S'
setlocal errorformat=%f:%l:%c:\ %trror:\ %m,%f:%l:%c:\ %tarning:\ %m,%f:%l:%c:\ %tote:\ %m,%f:\ %trror:\ %m,%f:\ %tarning:\ %m,%f:\ %tote:\ %m

augroup sitelint
  autocmd! BufWritePost <buffer> silent make! | cwindow | redraw!
augroup END
