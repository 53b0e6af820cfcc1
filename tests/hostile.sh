#!/bin/sh
# Hostile snapshots (written at test time by tests/tools/slhostile): each
# must end with exit status 0, 1 or 2 and a message, within 60 seconds,
# under 512 MB of resident memory, and must write no file anywhere.
# Usage: tests/hostile.sh BUILD_DIR WORK_DIR
# (The sanitizer build sets HOSTILE_RSS_MB higher: ASan's shadow memory
# and quarantine are not the program's.)
set -u
build=$1
work=$2
bin=$(cd "$(dirname "$build/sitelint")" && pwd)/sitelint
run=$(cd "$build/tools" && pwd)/slrun
mkdir -p "$work/in" "$work/cwd"
"$build/tools/slhostile" "$work/in" || exit 1
fail=0
check() {   # NAME EXPECTED_STATUSES [sitelint args...]
	name=$1; want=$2; shift 2
	res=$(cd "$work/cwd" && "$run" 60 "${HOSTILE_RSS_MB:-512}" "$work/$name.log" -- "$bin" --no-excerpt "$@")
	rc=$?
	st=${res#status=}; st=${st%% *}
	case " $want " in *" $st "*) ;; *) rc=1;; esac
	if [ ! -s "$work/$name.log" ]; then rc=1; res="$res (no message)"; fi
	if [ -n "$(ls -A "$work/cwd")" ]; then rc=1; res="$res (wrote files)"; fi
	if [ $rc -ne 0 ]; then
		fail=$((fail + 1)); echo "FAIL hostile $name: $res"; head -5 "$work/$name.log"
	else
		echo "hostile $name: $res"
	fi
}
in=$work/in
check traversal   "1 0"   "$in/traversal.tar"
check zeros       "1 0"   "$in/zeros.tar.gz"
check many        "0 1"   "$in/many.tar"
check many-capped "0 1 2" --max-members 50000 "$in/many.tar"
check liar-tar    "2"     "$in/liar.tar"
check dup-zip     "0 1"   "$in/dup.zip"
[ -f "$in/encrypted.zip" ] && check encrypted "0 1 2" "$in/encrypted.zip"
check truncated   "2"     "$in/truncated.tar.gz"
check random      "2"     "$in/random.bin"
check empty       "1"     "$in/empty.tar"
check nested      "0 1"   "$in/nested.html"
check longline   "0 1"    "$in/longline.html"
check nul         "0 1"   "$in/nul.html"
check badgbk      "0 1"   "$in/badgbk.html"
check liar-warc   "1 2"   "$in/liar.warc"
check missing     "2"     "$in/does-not-exist"
check full-output "2"     -o /dev/full "$in/traversal.tar"
[ $fail -eq 0 ]
