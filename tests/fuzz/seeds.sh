#!/bin/sh
# Writes the seed corpus of every fuzz target from what the repository
# already holds (test cases, the demo snapshot, WARC fixtures,
# dictionaries, configuration files), at fuzz time; nothing here is
# committed.  Seeds are kept small: libFuzzer mutates small inputs faster.
#
# Usage: tests/fuzz/seeds.sh BUILD_DIR OUT_DIR
# BUILD_DIR holds tools/slpack (archives are packed with it); OUT_DIR
# gets one folder per target (archive, warc, decode, page, member, dates,
# dict, config, suppress, url, filecheck, json).
set -eu
build=$1
out=$2
rm -rf "$out"
for t in archive warc decode page member dates dict config suppress url filecheck json; do
	mkdir -p "$out/$t"
done

# Pages: the test cases and the demo's pages up to 32 KB.
find tests/cases snapshots -type f \( -name '*.html' -o -name '*.htm' \) -size -32k |
	LC_ALL=C sort >"$out/.pages"
i=0
while IFS= read -r f; do
	i=$((i + 1))
	cp "$f" "$out/page/p$i.html"
	# member: a first byte that picks the name, charset, language, mode.
	{ printf "\\$(printf '%03o' $((i % 64)))"; cat "$f"; } >"$out/member/m$i"
	# decode: a first byte 0 (no HTTP header) or 1 (a Content-Type line).
	{ printf '\000'; cat "$f"; } >"$out/decode/d$i"
	[ $((i % 4)) -eq 0 ] && { printf '\001text/html; charset=gbk\n'; cat "$f"; } >"$out/decode/h$i"
	# dates: the lines of each page that hold digits.
	LC_ALL=C grep -a -e '[0-9]' -e '〇' -e '年' "$f" | head -40 >"$out/dates/p$i" || true
	# suppress: comments of the page, one per NUL-separated field.
	{ grep -ao '<!--[^>]*-->' "$f" || true; } | sed 's/^<!--//; s/-->$//' |
		tr '\n' '\000' >"$out/suppress/p$i"
	# url: each href/src of the page resolved from the page's own path.
	rel=${f#snapshots/county-portal/}
	{ grep -ao '\(href\|src\)="[^"]*"' "$f" || true; } | head -20 | sed 's/^[a-z]*="//; s/"$//' |
		while IFS= read -r ref; do printf '%s\n-\n%s\n\000' "$rel" "$ref"; done >"$out/url/p$i"
done <"$out/.pages"
rm -f "$out/.pages"
printf '%s' '<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"><title>t</title></head><body><p>&#19981;&nbsp;&#x4E0D;&bogus;</p><a href="a.html#x">x</a><img src=x.png srcset="a.png 1x, b.png 2x" alt=alt></body></html>' >"$out/page/entities.html"
printf '\357\273\277<html><body><div><ul><li><a href="t20170324_1.html">a</a><span>[03-24]</span></li></ul></div></body></html>' >"$out/page/bom.html"

# Dates written the ways sites write them.
for d in '2017-03-24' '2017/3/24' '2017.03.24' '2017年3月24日' '２０１７年０３月２４日' \
         '二〇一七年三月二十四日' '[03-24]' '（03/24）' '2017-02-30' '2017年3月' \
         '2022-04-17 14:46:05' '2022-04-17T14:46:00+08:00' '2022-04-17 2:46 PM' \
         'http://x.gov.cn/art/2017/3/24/t20170324_123.html' '/201703/P020170324123456.doc' \
         '发布日期：2017-03-24 09:30' '2017年3月24号' '00-00' '9999-12-31 23:59:59'; do
	i=$((i + 1))
	printf '%s' "$d" >"$out/dates/s$i"
done

# Dictionaries: the bundled files in pieces of 60 lines, loaded (first
# byte 0) and checked with their self-tests (first byte 1).
for f in dictionaries/text/*.txt; do
	b=$(basename "$f" .txt)
	split -l 60 -a 3 "$f" "$out/dict/.$b."
done
for f in "$out"/dict/.*; do
	[ -f "$f" ] || continue
	{ printf '\000'; cat "$f"; } >"$f.load"
	{ printf '\001'; cat "$f"; } >"$f.check"
	rm -f "$f"
	for g in "$f.load" "$f.check"; do mv "$g" "$out/dict/$(basename "$g" | cut -c2-)"; done
done

# Configuration files.
i=0
for f in $(find tests/cases snapshots -name sitelint.conf | LC_ALL=C sort); do
	i=$((i + 1))
	cp "$f" "$out/config/c$i.conf"
done
awk '/^```ini/{on=1; n++; next} /^```/{on=0} on{print > (out "/config/doc" n ".conf")}' \
	out="$out" docs/config.md

# Suppressions written by hand (fields: a line gap byte, then the text).
printf '\000 sitelint-disable-next-line pages/missing-title -- why \000\001 sitelint-disable text/*, links/broken \000\002 sitelint-enable text/* \000' >"$out/suppress/s1"
printf '\000sitelint-disable-line *\000\004 sitelint-disable\n multi\nline \000\001 sitelint-enable\000\003sitelint-bogus x\000' >"$out/suppress/s2"

# URLs written by hand (page, base, reference, root choice byte).
i=0
while IFS='|' read -r page base ref; do
	i=$((i + 1))
	printf '%s\n%s\n%s\n\001' "$page" "$base" "$ref" >"$out/url/s$i"
done <<'URLS'
xwzx/gzdt/index.html|-|../../index.html
a/b.html|http://www.example.gov.cn/x/|../y.html?q=1#frag
index.html|-|http://WWW.Example.gov.cn:80/%E4%B8%AD%E6%96%87.html
index.html|-|//www.example.gov.cn/a/./b/../c/
index.html|-|javascript:void(0)
index.html|-|#top
index.html|-|%D6%D0%CE%C4.doc
index.html|-|\\a\\..\\..\\..\\etc\\passwd
index.html|../|mailto:x@example.gov.cn
index.html|-|a.png 1x, data:image/png;base64,AA== 2x
index.html|-|0; url='x.html'
index.html|-|background:url("a.png") @import 'b.css'
URLS

# Archives and WARCs: small sites packed in every format, the fixtures.
for site in tests/cases/links tests/cases/positions; do
	n=$(basename "$site")
	for fmt in tar tar.gz tar.bz2 tar.xz zip 7z cpio warc warc.gz; do
		"$build/tools/slpack" "$fmt" "$site" "$out/archive/$n.$fmt" 2>/dev/null || true
	done
	cp "$out/archive/$n.warc" "$out/warc/$n.warc" 2>/dev/null || true
	cp "$out/archive/$n.warc.gz" "$out/warc/$n.warc.gz" 2>/dev/null || true
done
for f in tests/fixtures/warc/*.warc tests/fixtures/warc/*.warc.gz; do
	[ "$(wc -c <"$f")" -le 65536 ] || continue
	cp "$f" "$out/warc/"
	cp "$f" "$out/archive/"
done
cp "$out/page/entities.html" "$out/archive/"

# Downloads: the test cases' attachments, each after the byte of what its
# extension promises (enum sl_file_expect), and as "any download" (0).
find tests/cases snapshots -type f -size -64k ! -name '*.html' ! -name '*.htm' \
	! -name '*.conf' ! -name '.*' | LC_ALL=C sort >"$out/.files"
i=0
while IFS= read -r f; do
	i=$((i + 1))
	case ${f##*.} in
	doc|docx|wps|dot|dotx) e=1;; xls|xlsx|et) e=2;; ppt|pptx|dps) e=3;; ofd) e=4;;
	pdf) e=5;; zip) e=6;; rar) e=7;; 7z) e=8;; rtf) e=9;; txt|csv) e=10;; gz) e=11;; *) e=0;;
	esac
	{ printf "\\$(printf '%03o' $e)"; cat "$f"; } >"$out/filecheck/f$i"
	[ $e -ne 0 ] && { printf '\000'; cat "$f"; } >"$out/filecheck/a$i"
done <"$out/.files"
rm -f "$out/.files"

# JSON: the NDJSON files of the --merge tests, whole and line by line.
for f in tests/cases/merge/*.ndjson; do
	b=$(basename "$f" .ndjson)
	cp "$f" "$out/json/$b.ndjson"
	split -l 1 -a 3 "$f" "$out/json/$b.line."
done
printf '%s' '{"a":[1,-2.5e3,true,false,null,"\u4e2d\ud83d\ude00\ud800"],"b":{"c":"\"\\\/\b\f\n\r\t"}}' >"$out/json/escapes.json"
