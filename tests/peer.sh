#!/bin/sh
# Peer acceptance suite: sitelint over the link-check fixtures of htmltest
# (MIT, see tests/peer/htmltest/NOTICE).  For each of htmltest's offline
# tests (no network, not skipped, an expected issue count, not a doctype
# test) listed in tests/peer/htmltest/expectations.tsv, sitelint lints the
# directory htmltest would use as its root (the fixture's folder, or the
# fixture itself for a directory test) and counts its link findings
# (links/* and forms/missing) in the fixture's file.  The count is
# compared with htmltest's expected issue count.
#
# Prints "peer: N/M agree".  Fails only on a regression: a test that
# disagrees and is not listed in tests/peer/htmltest/DISAGREEMENTS.md with
# the count sitelint gives, or a listed one whose count changed.  A listed
# test that now agrees is reported, so that its entry can be removed.
# VERBOSE=1 prints every test.
set -u
build=${1:-build}
bin=$build/sitelint
dir=tests/peer/htmltest
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
export LC_ALL=C
unset LANG LC_MESSAGES
tab=$(printf '\t')

# The known disagreements: "| Test | htmltest | sitelint | why |" rows.
awk -F'|' '/^\| Test/ { gsub(/ /, "", $2); gsub(/ /, "", $4); print $2, $4 }' \
	"$dir/DISAGREEMENTS.md" >"$tmp/known"

# Link findings of FILE (a member path, or "" for all) under ROOT.
count() {
	root=$1 file=$2
	key=$(printf '%s' "$root" | tr '/ ' '__')
	if [ ! -f "$tmp/$key.out" ]; then
		"$bin" --no-excerpt -q -j 1 --as-of 2020-01-01 "$root" >"$tmp/$key.out" 2>"$tmp/$key.err"
		st=$?
		if [ "$st" -gt 1 ] || grep -q 'Sanitizer\|runtime error' "$tmp/$key.err"; then
			echo "peer: sitelint failed on $root (exit status $st):" >&2
			head -5 "$tmp/$key.err" >&2
			echo failed >"$tmp/failed"
		fi
	fi
	awk -v p="$root/$file" '
		index($0, p) == 1 && (p ~ /\/$/ || substr($0, length(p) + 1, 1) == ":") &&
		($0 ~ /\[links\/[a-z-]+\]$/ || $0 ~ /\[forms\/missing\]$/) { n++ }
		END { print n + 0 }' "$tmp/$key.out"
}

# The offline tests: "test fixture expected options" (options "-" when
# none).  Read with awk: the file has empty fields, which read would merge.
awk -F'\t' 'NR > 1 && $1 != "check-doctype_test.go" && $3 != "" && $3 !~ /;/ &&
	$4 != "" && $5 == "" && $6 == "" { print $2 "\t" $3 "\t" $4 "\t" ($7 == "" ? "-" : $7) }' \
	"$dir/expectations.tsv" >"$tmp/tests"

agree=0 total=0 bad=0
while IFS="$tab" read -r test fixture expected options; do
	path=$dir/${fixture%/}
	if [ -d "$path" ]; then
		got=$(count "$path" "")
	else
		got=$(count "$(dirname "$path")" "$(basename "$path")")
	fi
	total=$((total + 1))
	known=$(awk -v t="$test" '$1 == t { print $2 }' "$tmp/known")
	if [ "$got" = "$expected" ]; then
		agree=$((agree + 1))
		[ -n "$known" ] && echo "peer: $test now agrees ($got): remove it from DISAGREEMENTS.md"
		[ "${VERBOSE:-0}" = 1 ] && echo "agree: $test ($got)"
	elif [ -z "$known" ]; then
		bad=$((bad + 1))
		echo "peer: REGRESSION: $test: htmltest expects $expected, sitelint finds $got (options: $options)"
	elif [ "$known" != "$got" ]; then
		bad=$((bad + 1))
		echo "peer: CHANGED: $test: DISAGREEMENTS.md says sitelint finds $known, now $got"
	elif [ "${VERBOSE:-0}" = 1 ]; then
		echo "known: $test: htmltest $expected, sitelint $got"
	fi
done <"$tmp/tests"

echo "peer: $agree/$total agree with htmltest's expected issue counts (disagreements explained in $dir/DISAGREEMENTS.md)"
[ "$bad" -eq 0 ] && [ ! -f "$tmp/failed" ]
