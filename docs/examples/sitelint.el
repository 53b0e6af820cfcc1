;;; sitelint.el --- M-x compile for sitelint  -*- lexical-binding: t -*-

;; Load it from your init file: (load "/path/to/sitelint.el").
;; M-x sitelint-page lints the current page against its site root (the
;; folder holding sitelint.conf or index.html above it); M-x compile with
;; any sitelint command works too: this regexp reads its lines in both
;; languages (error/warning/note and 错误/警告/提示).  next-error (M-g n)
;; jumps to each finding.  See docs/editors.md; tests/integrations.sh
;; parses real output with the regexp below.

(require 'compile)

(add-to-list 'compilation-error-regexp-alist-alist
             '(sitelint
               "^\\(.+?\\):\\([0-9]+\\):\\([0-9]+\\): \\(?:\\(error\\|错误\\)\\|\\(warning\\|警告\\)\\|\\(note\\|提示\\)\\): "
               1 2 3 (5 . 6)))
(add-to-list 'compilation-error-regexp-alist 'sitelint)

(defun sitelint--root ()
  "The site root of the current file: the nearest folder above it
holding sitelint.conf, else index.html, else the file's folder."
  (let ((dir (file-name-directory buffer-file-name)))
    (or (locate-dominating-file dir "sitelint.conf")
        (locate-dominating-file dir "index.html")
        dir)))

(defun sitelint-page ()
  "Lint the current page against its site with sitelint."
  (interactive)
  (save-buffer)
  (compile (format "sitelint -q --no-excerpt --color never --root %s %s"
                   (shell-quote-argument (sitelint--root))
                   (shell-quote-argument buffer-file-name))))

(provide 'sitelint)
;;; sitelint.el ends here
