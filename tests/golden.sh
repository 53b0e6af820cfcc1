#!/bin/sh
# Golden tests: each tests/golden/NAME.cmd holds the sitelint arguments
# (one line, run from the repository root); NAME.out is the expected
# standard output and NAME.status the expected exit status.  Output is
# compared byte for byte under LC_ALL=C; when NAME.err exists, standard
# error is compared with it too.  Set UPDATE=1 to rewrite the
# expectations (a decision: explain it in the commit message).
#
# Then: the same site as directory, tar.gz, zip, 7z, ... gives the same
# diagnostics (paths aside), --jobs 1 and --jobs 4 give identical output,
# and the hostile inputs end cleanly (tests/hostile.sh).
set -u
build=${1:-build}
bin=$build/sitelint
pass=0; fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
export LC_ALL=C
unset LANG LC_MESSAGES

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

for cmd in tests/golden/*.cmd; do
	[ -f "$cmd" ] || continue
	name=${cmd%.cmd}
	case ${name##*/} in ${GOLDEN_ONLY:-*}) ;; *) continue;; esac
	args=$(cat "$cmd")
	# shellcheck disable=SC2086
	eval "$bin --no-excerpt -q $args" >"$tmp/out" 2>"$tmp/err"
	st=$?
	if [ "${UPDATE:-0}" = 1 ]; then
		cp "$tmp/out" "$name.out"; echo "$st" >"$name.status"
	fi
	want=$(cat "$name.status" 2>/dev/null || echo missing)
	if [ "$st" != "$want" ]; then
		bad "$name: exit status $st, expected $want"; sed 's/^/  stderr: /' "$tmp/err" | head -5
	elif ! cmp -s "$tmp/out" "$name.out"; then
		bad "$name: output differs"; diff -u "$name.out" "$tmp/out" | head -30
	elif [ -f "$name.err" ] && ! cmp -s "$tmp/err" "$name.err"; then
		bad "$name: standard error differs"; diff -u "$name.err" "$tmp/err" | head -10
	else
		ok
	fi
done

# The demo site packed in every format gives the same findings.
site=snapshots/county-portal
if [ -d "$site" ] && [ -z "${GOLDEN_ONLY:-}" ]; then
	$bin --no-excerpt -q -j 1 "$site" >"$tmp/dir.out" 2>/dev/null
	dir_status=$?
	sed "s|^$site/||" "$tmp/dir.out" >"$tmp/dir.norm"
	for fmt in tar tar.gz tar.bz2 tar.xz tar.zst zip 7z cpio iso warc.gz; do
		arch="$tmp/county-portal.$fmt"
		if ! "$build/tools/slpack" "$fmt" "$site" "$arch" 2>"$tmp/pack.err"; then
			if [ $? -eq 3 ]; then echo "skip: $fmt ($(cat "$tmp/pack.err"))"; continue; fi
			bad "slpack $fmt failed: $(cat "$tmp/pack.err")"; continue
		fi
		$bin --no-excerpt -q "$arch" >"$tmp/arch.out" 2>"$tmp/arch.err"
		st=$?
		prefix="$arch/"
		case $fmt in warc*) prefix="$arch/county-portal/";; esac
		sed "s|^$prefix||" "$tmp/arch.out" >"$tmp/arch.norm"
		if [ $st -ne $dir_status ]; then
			bad "$fmt: exit status $st, the directory's was $dir_status"; head -3 "$tmp/arch.err"
		elif ! cmp -s "$tmp/dir.norm" "$tmp/arch.norm"; then
			bad "$fmt: findings differ from the directory's"; diff -u "$tmp/dir.norm" "$tmp/arch.norm" | head -20
		else
			ok
		fi
	done
	# A damaged archive: what was readable is linted, the damage is
	# reported, and the exit status is 2.
	if "$build/tools/slpack" tar "$site" "$tmp/whole.tar" 2>/dev/null; then
		size=$(wc -c <"$tmp/whole.tar")
		head -c $((size / 2)) "$tmp/whole.tar" >"$tmp/cut.tar"
		$bin --no-excerpt -q "$tmp/cut.tar" >"$tmp/cut.out" 2>/dev/null
		st=$?
		if [ $st -ne 2 ]; then
			bad "truncated tar: exit status $st, expected 2"
		elif ! grep -q '\[snapshot/damaged\]' "$tmp/cut.out"; then
			bad "truncated tar: no snapshot/damaged finding"
		elif [ "$(grep -c '\[pages/' "$tmp/cut.out")" -lt 1 ]; then
			bad "truncated tar: the readable members were not linted"
		else
			ok
		fi
	fi
	# Any number of threads, the same bytes.
	for j in 2 4 7; do
		$bin --no-excerpt -q -j $j --format json "$site" >"$tmp/j$j.json" 2>/dev/null
		$bin --no-excerpt -q -j 1 --format json "$site" >"$tmp/j1.json" 2>/dev/null
		if cmp -s "$tmp/j1.json" "$tmp/j$j.json"; then ok; else bad "--jobs $j output differs from --jobs 1"; fi
	done
fi

# No as-of date in the configuration or on the command line: it is the
# newest file time (a copy with pinned times, since a fresh clone's are
# the day of the clone).
if [ -z "${GOLDEN_ONLY:-}" ]; then
	mkdir -p "$tmp/dated"
	cp -R tests/cases/positions/. "$tmp/dated/"
	find "$tmp/dated" -type f -exec touch -d '2026-03-04 10:00:00' {} +
	touch -d '2026-05-06 09:00:00' "$tmp/dated/index.html"
	$bin --no-excerpt -q --format summary "$tmp/dated" >"$tmp/dated.out" 2>/dev/null
	if grep -q 'as of: 2026-05-06 (from mtime)' "$tmp/dated.out"; then
		ok
	else
		bad "as-of from file times: $(grep 'as of' "$tmp/dated.out")"
	fi
fi

if [ -f tests/hostile.sh ] && [ -z "${GOLDEN_ONLY:-}" ]; then
	if sh tests/hostile.sh "$build" "$tmp/hostile"; then ok; else bad "hostile inputs (see above)"; fi
fi

echo "golden tests: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
