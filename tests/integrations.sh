#!/bin/sh
# Integration tests: the outputs and the set-ups of docs/examples work with
# the tools they are for (issue 7).  Usage: tests/integrations.sh [BUILD]
#
#   SARIF      every golden SARIF file and live runs validate against the
#              OASIS schema (tests/sarif/) and GitHub's needs
#   JSON       json and ndjson output parse; ndjson has one line a snapshot
#   HTML       the report parses as HTML5 without error (html5lib, strict),
#              loads nothing from outside, and renders in headless Chromium
#              (a screenshot; skipped when Chromium is not installed)
#   editors    Vim, reviewdog, Emacs and VS Code patterns from docs/examples
#              read real output (and real Vim's quickfix, when Vim exists)
#   diff       --format diff applies with patch -p1, fixes every fix-it,
#              keeps GBK bytes GBK, and is empty after that
#   --root     a page and the same text on standard input lint alike
#   unpack     --unpack-to writes the files the findings name, and refuses
#              a symlink planted in the target and hostile member names
#   merge      --merge of ndjson pieces equals one run over all snapshots
#   progress   a progress line on a terminal (script(1)), none otherwise
#   hooks      the pre-commit hook blocks a commit with an error
#   CI         the GitHub Actions and pre-commit YAML examples parse
#
# A check whose tool is missing (python3-jsonschema, python3-html5lib,
# Chromium, Vim, script, git, patch, PyYAML) is reported as skipped.
# SCREENSHOT=FILE keeps the Chromium screenshot of the demo's report.
set -u
build=${1:-build}
bin=$(cd "$(dirname "$build/sitelint")" && pwd)/sitelint
pass=0; fail=0; skip=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
export LC_ALL=C
unset LANG LC_MESSAGES

ok() { pass=$((pass + 1)); echo "ok: $*"; }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
skipped() { skip=$((skip + 1)); echo "skip: $*"; }

# A python3 that can import module $1 (Debian's first: make check
# installs python3-jsonschema and python3-html5lib for it).
py_with() {
	for p in /usr/bin/python3 python3; do
		if command -v "$p" >/dev/null 2>&1 && "$p" -c "import $1" 2>/dev/null; then
			echo "$p"; return 0
		fi
	done
	return 1
}

demo=snapshots/county-portal
dicts="--no-default-dicts --dict tests/cases/fixes.dict"

# --- SARIF ------------------------------------------------------------------
if py=$(py_with jsonschema); then
	"$bin" -q --format sarif "$demo" >"$tmp/demo.sarif"
	"$bin" -q --format sarif --column-unit utf16 --lang zh "$demo" tests/cases/sarif >"$tmp/utf16.sarif"
	"$bin" -q --format sarif --column-unit byte $dicts tests/cases/sarif tests/cases/fixes/gbk.html \
		>"$tmp/byte.sarif"
	if "$py" tests/sarif/validate.py tests/golden/sarif*.out "$tmp"/*.sarif >"$tmp/sarif.log" 2>&1; then
		ok "SARIF: $(grep -c valid "$tmp/sarif.log") files valid against the SARIF 2.1.0 schema"
	else
		bad "SARIF validation"; cat "$tmp/sarif.log"
	fi
else
	skipped "SARIF schema validation (no python3-jsonschema)"
fi

# --- JSON and NDJSON ----------------------------------------------------------
if py=$(py_with json); then
	"$bin" -q --format json "$demo" tests/cases/links >"$tmp/out.json"
	"$bin" -q --format ndjson "$demo" tests/cases/links >"$tmp/out.ndjson"
	if "$py" - "$tmp/out.json" "$tmp/out.ndjson" <<'EOF'
import json, sys
doc = json.load(open(sys.argv[1], encoding="utf-8"))
lines = [json.loads(l) for l in open(sys.argv[2], encoding="utf-8")]
assert len(doc["snapshots"]) == 2 and len(lines) == 2, "two snapshots, two lines"
for a, b in zip(doc["snapshots"], lines):
    assert a == b, "ndjson line differs from the json element"
    for k in ("path", "site_name", "home", "as_of", "as_of_source", "verdict", "stats", "diagnostics"):
        assert k in b, k
EOF
	then ok "json and ndjson parse; one ndjson line per snapshot, equal to json's"
	else bad "json/ndjson"; fi
fi

# --- HTML ---------------------------------------------------------------------
"$bin" -q --format html --lang zh "$demo" >"$tmp/report-zh.html"
"$bin" -q --format html --lang en "$demo" tests/cases/sarif >"$tmp/report-en.html"
if py=$(py_with html5lib); then
	if "$py" - tests/golden/html*.out "$tmp"/report-*.html <<'EOF'
import html.parser, sys
import html5lib
for path in sys.argv[1:]:
    data = open(path, "rb").read()
    p = html5lib.HTMLParser(strict=True)
    p.parse(data)          # raises on the first parse error
    class Refs(html.parser.HTMLParser):
        bad = []
        def handle_starttag(self, tag, attrs):
            if tag in ("script", "link", "img", "iframe", "object", "embed"):
                self.bad.append(tag)
            for k, v in attrs:
                if k in ("src", "srcset") or (k == "href" and not (v or "").startswith("#")):
                    self.bad.append("%s=%s" % (k, v))
        def handle_data(self, data):
            if self.lasttag == "style" and ("url(" in data or "@import" in data):
                self.bad.append("style url()")
    r = Refs()
    r.feed(data.decode("utf-8"))
    assert not r.bad, "%s loads external resources: %s" % (path, r.bad[:5])
EOF
	then ok "HTML reports parse as HTML5 (html5lib strict) and load nothing external"
	else bad "HTML report parse"; fi
else
	skipped "HTML parse (no python3-html5lib)"
fi
chrome=
for c in chromium chromium-browser google-chrome; do
	command -v "$c" >/dev/null 2>&1 && { chrome=$c; break; }
done
if [ -n "$chrome" ]; then
	shot=${SCREENSHOT:-$tmp/report.png}
	case $tmp in /*) url=file://$tmp/report-zh.html;; *) url=file://$(pwd)/$tmp/report-zh.html;; esac
	rm -f "$shot"
	timeout 120 "$chrome" --headless --no-sandbox --disable-gpu --hide-scrollbars \
		--window-size=1100,1500 --screenshot="$shot" "$url" >"$tmp/chrome.log" 2>&1
	if [ -s "$shot" ] && [ "$(head -c 4 "$shot" | od -An -c | tr -d ' ')" = "211PNG" ]; then
		ok "headless $chrome rendered the report ($(wc -c <"$shot") byte screenshot)"
	else
		bad "headless $chrome did not render the report"; tail -3 "$tmp/chrome.log"
	fi
else
	skipped "browser rendering (no Chromium)"
fi

# --- editor and review patterns -------------------------------------------------
if py=$(py_with json); then
	set -- "$demo" tests/cases/sarif tests/cases/fixes/gbk.html
	"$bin" -q --no-excerpt --color never --lang en $dicts "$@" >"$tmp/gcc.txt"
	"$bin" -q --format json $dicts "$@" >"$tmp/gcc.json"
	qf=
	if command -v vim >/dev/null 2>&1; then
		cat >"$tmp/qf.vim" <<EOF
source docs/examples/sitelint.vim
cgetfile $tmp/gcc.txt
call writefile(map(getqflist(), {i, v -> bufname(v.bufnr) . '|' . v.lnum . '|' . v.col . '|' . v.type . '|' . v.text}), '$tmp/qf.txt')
qall!
EOF
		vim -Nu NONE -i NONE -es -S "$tmp/qf.vim" "$tmp/x.html" </dev/null >/dev/null 2>&1
		[ -s "$tmp/qf.txt" ] && qf=$tmp/qf.txt
	else
		skipped "real Vim (not installed): its errorformat is still checked as a regex"
	fi
	if "$py" tests/integrations/patterns.py "$tmp/gcc.txt" "$tmp/gcc.json" $qf; then
		ok "editor and reviewdog patterns read real output"
	else
		bad "editor patterns"
	fi
	"$bin" -q --no-excerpt --color never --lang zh $dicts "$@" >"$tmp/gcc-zh.txt"
	if "$py" tests/integrations/patterns.py --emacs-only "$tmp/gcc-zh.txt" "$tmp/gcc.json"; then
		ok "Emacs regexp reads Chinese output"
	else
		bad "Emacs regexp on Chinese output"
	fi
fi

# --- diff ---------------------------------------------------------------------
if command -v patch >/dev/null 2>&1; then
	cp -R tests/cases/fixes "$tmp/fx"
	"$bin" -q --format diff $dicts "$tmp/fx" >"$tmp/fx.diff"
	if (cd "$tmp/fx" && patch -p1 -s <"$tmp/fx.diff") &&
	   ! "$bin" -q $dicts "$tmp/fx" | grep -q 'text/' &&
	   iconv -f GBK -t UTF-8 "$tmp/fx/gbk.html" >/dev/null 2>&1 &&
	   grep -q "$(printf '\303\361')" "$tmp/fx/gbk.html" &&
	   [ ! -s "$("$bin" -q --format diff $dicts "$tmp/fx" >"$tmp/fx2.diff"; echo "$tmp/fx2.diff")" ] &&
	   cmp -s tests/cases/fixes/sitelint.conf "$tmp/fx/sitelint.conf"; then
		ok "--format diff: patch -p1 applies it, the fixes are gone, GBK stays GBK, a second diff is empty"
	else
		bad "--format diff round trip"; head -20 "$tmp/fx.diff"
	fi
else
	skipped "diff round trip (no patch)"
fi

# --- --root: a page, and unsaved text on standard input ---------------------------
"$bin" -q $dicts --root tests/cases/fixes tests/cases/fixes/tags.html >"$tmp/root1.txt"
"$bin" -q $dicts --root tests/cases/fixes --stdin-filename tests/cases/fixes/tags.html - \
	<tests/cases/fixes/tags.html >"$tmp/root2.txt"
sed 's/敏/民/' tests/cases/fixes/tags.html |
	"$bin" -q $dicts --root tests/cases/fixes --stdin-filename tests/cases/fixes/tags.html - >"$tmp/root3.txt"
if [ -s "$tmp/root1.txt" ] && cmp -s "$tmp/root1.txt" "$tmp/root2.txt" &&
   [ "$(grep -c . "$tmp/root3.txt")" -eq $(($(grep -c . "$tmp/root1.txt") - 1)) ]; then
	ok "--root: a page and its text on standard input lint alike; an edit in the buffer counts"
else
	bad "--root"; cat "$tmp/root1.txt" "$tmp/root2.txt" "$tmp/root3.txt"
fi

# --- --unpack-to -------------------------------------------------------------------
if [ -x "$build/tools/slpack" ]; then
	"$build/tools/slpack" tar.gz tests/cases/links "$tmp/links.tar.gz"
	"$bin" -q --unpack-to "$tmp/u" "$tmp/links.tar.gz" >"$tmp/u.txt"
	st=$?
	"$bin" -q tests/cases/links | sed "s|^tests/cases/links/|$tmp/u/|" >"$tmp/u-want.txt"
	missing=0
	for f in $(cut -d: -f1 "$tmp/u.txt" | sort -u); do [ -f "$f" ] || missing=$((missing + 1)); done
	if [ $st -le 1 ] && [ -s "$tmp/u.txt" ] && [ $missing -eq 0 ] && cmp -s "$tmp/u.txt" "$tmp/u-want.txt"; then
		ok "--unpack-to: the findings name files that exist under DIR, as a directory run would"
	else
		bad "--unpack-to (status $st, $missing missing)"; diff "$tmp/u-want.txt" "$tmp/u.txt" | head
	fi
	mkdir -p "$tmp/u2" "$tmp/victim" && ln -s "$tmp/victim" "$tmp/u2/sub"
	"$bin" -q --unpack-to "$tmp/u2" "$tmp/links.tar.gz" >/dev/null 2>"$tmp/u2.err"
	st=$?
	if [ $st -eq 2 ] && [ -z "$(ls -A "$tmp/victim")" ] && grep -q symlink "$tmp/u2.err"; then
		ok "--unpack-to refuses to write through a symlink planted in DIR (exit 2)"
	else
		bad "--unpack-to wrote through a symlink (status $st)"; ls -la "$tmp/victim"
	fi
	if [ -x "$build/tools/slhostile" ] && mkdir -p "$tmp/h" &&
	   "$build/tools/slhostile" "$tmp/h" >/dev/null 2>&1; then
		mkdir -p "$tmp/cage/in"
		touch "$tmp/marker"
		(cd "$tmp/cage/in" && "$bin" -q --unpack-to out "$tmp/h/traversal.tar" >/dev/null 2>&1)
		outside=$(find "$tmp" -newer "$tmp/marker" -type f ! -path "$tmp/cage/in/out/*" | grep -v "^$tmp/h/" | head -3)
		if [ -z "$outside" ]; then
			ok "--unpack-to of a traversal archive writes nothing outside DIR"
		else
			bad "--unpack-to wrote outside DIR: $outside"
		fi
	fi
fi

# --- --merge -----------------------------------------------------------------------
"$bin" -q --format ndjson "$demo" >"$tmp/p1.ndjson"
"$bin" -q --format ndjson tests/cases/links tests/cases/sarif >"$tmp/p2.ndjson"
"$bin" -q --format summary "$demo" tests/cases/links tests/cases/sarif >"$tmp/direct.txt"
"$bin" --merge "$tmp/p1.ndjson" "$tmp/p2.ndjson" >"$tmp/merged.txt"
"$bin" -q --format json "$demo" tests/cases/links tests/cases/sarif >"$tmp/direct.json"
cat "$tmp/p1.ndjson" "$tmp/p2.ndjson" | "$bin" --merge --format json - >"$tmp/merged.json"
if cmp -s "$tmp/direct.txt" "$tmp/merged.txt" && cmp -s "$tmp/direct.json" "$tmp/merged.json"; then
	ok "--merge of ndjson pieces gives the summary and json of one run over all snapshots"
else
	bad "--merge"; diff "$tmp/direct.txt" "$tmp/merged.txt" | head
fi

# --- progress line ---------------------------------------------------------------------
if command -v script >/dev/null 2>&1; then
	SITELINT_PROGRESS_DELAY=0 script -qec "$bin $demo >/dev/null" "$tmp/typescript" >/dev/null 2>&1
	SITELINT_PROGRESS_DELAY=0 "$bin" "$demo" >/dev/null 2>"$tmp/notty.err"
	if grep -q 'files read' "$tmp/typescript" && ! grep -q 'files read' "$tmp/notty.err"; then
		ok "progress line on a terminal, none when standard error is a file"
	else
		bad "progress line"; cat -v "$tmp/typescript" | head -3
	fi
else
	skipped "progress line (no script(1))"
fi

# --- the pre-commit hook -------------------------------------------------------------------
if command -v git >/dev/null 2>&1; then
	mkdir -p "$tmp/bin"
	printf '#!/bin/sh\nexec "%s" --no-default-dicts --dict "%s" "$@"\n' "$bin" \
		"$(pwd)/tests/cases/fixes.dict" >"$tmp/bin/sitelint"
	chmod +x "$tmp/bin/sitelint"
	repo=$tmp/repo
	cp -R tests/cases/fixes "$repo"
	sed -i 's/敏/民/; s/建全/健全/; s/互联王/互联网/' "$repo/index.html"
	(
		cd "$repo" && git init -q && git config user.email t@example.org && git config user.name t &&
		git add -A && git commit -q --no-verify -m base &&
		cp "$OLDPWD/docs/examples/pre-commit" .git/hooks/pre-commit &&
		PATH="$tmp/bin:$PATH" && export PATH &&
		echo '<p>新增：县人敏政府</p>' >>index.html && git add index.html &&
		! git commit -q -m typo >/dev/null 2>&1 &&
		sed -i 's/人敏政府/人民政府/' index.html && git add index.html &&
		git commit -q -m fixed >/dev/null 2>&1
	)
	if [ $? -eq 0 ]; then
		ok "pre-commit hook: blocks a staged typo, lets the fixed page through"
	else
		bad "pre-commit hook"
	fi
else
	skipped "pre-commit hook (no git)"
fi

# --- CI examples ---------------------------------------------------------------------------------
if py=$(py_with yaml); then
	if "$py" - <<'EOF'
import yaml
wf = yaml.safe_load(open("docs/examples/github-actions.yml"))
steps = wf["jobs"]["sitelint"]["steps"]
assert any(s.get("uses", "").startswith("github/codeql-action/upload-sarif") for s in steps)
assert any("--format sarif" in s.get("run", "") for s in steps)
assert wf["permissions"]["security-events"] == "write"
pc = yaml.safe_load(open("docs/examples/pre-commit-config.yaml"))
assert pc["repos"][0]["hooks"][0]["id"] == "sitelint"
rd = yaml.safe_load(open("docs/examples/reviewdog.yml"))
assert rd["runner"]["sitelint"]["errorformat"]
EOF
	then ok "GitHub Actions, pre-commit and reviewdog YAML examples parse"
	else bad "CI YAML examples"; fi
else
	skipped "YAML examples (no PyYAML)"
fi

echo "integration tests: $pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
