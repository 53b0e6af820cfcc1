#!/bin/sh
# Hostile snapshots (written at test time by tests/tools/slhostile): each
# must end with an expected exit status (0, 1 or 2) and the messages that
# name what went wrong, within HOSTILE_SECONDS (60), under HOSTILE_RSS_MB
# (512) of resident memory, without a NUL byte in the output, and must
# write no file anywhere.  Then the failure paths: a gzip stream damaged
# mid-way, a damaged zip member, an unreadable file and a named pipe in a
# directory snapshot, a full output device.
# Usage: tests/hostile.sh BUILD_DIR WORK_DIR
# (The sanitizer and valgrind runs set HOSTILE_RSS_MB and HOSTILE_SECONDS
# higher: their shadow memory and slowdown are not the program's.)
set -u
build=$1
work=$2
bin=$(cd "$(dirname "$build/sitelint")" && pwd)/sitelint
run=$(cd "$build/tools" && pwd)/slrun
mkdir -p "$work/in" "$work/cwd"
"$build/tools/slhostile" "$work/in" || exit 1
fail=0
as=   # a command prefix that runs sitelint as another user

# check NAME EXPECTED_STATUSES MESSAGES [sitelint args...]
# MESSAGES: fixed strings separated by '|' that must all be in the log
# ("-" for none beyond some output).
check() {
	name=$1; want=$2; msgs=$3; shift 3
	log=$work/$name.log
	res=$(cd "$work/cwd" && "$run" "${HOSTILE_SECONDS:-60}" "${HOSTILE_RSS_MB:-512}" "$log" \
		-- $as "$bin" --no-excerpt "$@")
	rc=$?
	st=${res#status=}; st=${st%% *}
	case " $want " in *" $st "*) ;; *) rc=1; res="$res (expected status $want)";; esac
	if [ ! -s "$log" ]; then rc=1; res="$res (no message)"; fi
	if [ -n "$(ls -A "$work/cwd")" ]; then rc=1; res="$res (wrote files)"; fi
	if ! tr -d '\000' <"$log" | cmp -s - "$log"; then rc=1; res="$res (NUL byte in the output)"; fi
	old_ifs=$IFS; IFS='|'
	for m in $msgs; do
		[ "$m" = - ] && continue
		if ! grep -qF -- "$m" "$log"; then rc=1; res="$res (no \"$m\")"; fi
	done
	IFS=$old_ifs
	if [ $rc -ne 0 ]; then
		fail=$((fail + 1)); echo "FAIL hostile $name: $res"; head -5 "$log"
	else
		echo "hostile $name: $res"
	fi
}
in=$work/in
climb='name climbs out of the snapshot with ".."'
dup='a member with this path was already read; the first is kept'
check traversal   "1 0"   "'../evil.html': $climb|'/etc/evil.html': absolute name|'a\\..\\..\\slip.html': $climb|'C:/windows/evil.html': name starts with a drive letter|'hard.html': hard link to '../outside.html' refused|'passwd.html': symbolic link to '/etc/passwd' refused|'up.html': symbolic link to '../../outside.html' refused|'loop1.html': link loop|'loop2.html': link loop" \
	"$in/traversal.tar"
check zipslip     "1 0"   "'../../evil.html': $climb|'a/../../slip.html': $climb|'C:/Windows/evil.html': name starts with a drive letter|'/abs.html': absolute name|2 members (2 pages, 4 skipped)" \
	"$in/zipslip.zip"
check links-zip   "1 0"   "'out.html': symbolic link to '../../etc/passwd' refused|'abs.html': symbolic link to '/etc/passwd' refused|'zloop1.html': link loop|'zloop2.html': link loop|'self.html': link loop|2 members (2 pages, 5 skipped)" \
	"$in/links.zip"
check links-tar   "1 0"   "'c00.html': link loop (or a chain of more than 40 links)|'hnone.html': links to 'nothere.html', which is not a file|'hself.html': link loop|'dirlink': links to 'sub'" \
	"$in/links.tar"
check dup-zip     "0 1"   "'index.html': $dup" "$in/dup.zip"
check dup-tar     "0 1"   "'a/b.html': $dup|'index.html': $dup|2 members (2 pages, 3 skipped)" "$in/dup.tar"
check zeros       "1 0"   "'big.html': larger than the member size cap (67108864 bytes); skipped" "$in/zeros.tar.gz"
check bomb-zip    "0 1"   "'bomb.html': larger than the member size cap (67108864 bytes); skipped" "$in/bomb.zip"
check many        "0 1"   "60001 members" "$in/many.tar"
check many-capped "0 1 2" "more than 50000 members; the rest of the snapshot is not read" \
	--max-members 50000 "$in/many.tar"
check liar-tar    "2"     "'index.html': Truncated tar archive" "$in/liar.tar"
check liar-zip    "2"     "'more.html': Truncated ZIP file data|not read in full" "$in/liar.zip"
if [ -f "$in/encrypted.zip" ]; then
	check encrypted "0 1 2" "'secret.html': encrypted; skipped" "$in/encrypted.zip"
fi
check truncated   "2"     "damaged: truncated gzip input" "$in/truncated.tar.gz"
check random      "2"     "not a directory, an archive, a WARC or an HTML file" "$in/random.bin"
check empty       "1"     "no home page" "$in/empty.tar"
check nested      "0 1"   "page analysis capped: elements nested deeper than 4096" "$in/nested.html"
check longline    "0 1"   "page analysis capped: more than 20000 links|page analysis capped: more than 8 MiB of text" \
	"$in/longline.html"
check nul         "0 1"   "invalid in UTF-8" "$in/nul.html"
check badref      "0 1"   "badref.html" "$in/badref.html"
check badgbk      "0 1"   "invalid in GBK" "$in/badgbk.html"
check liar-warc   "2"     "'http://h.example/b.html': record truncated: Content-Length says 999999 bytes" \
	"$in/liar.warc"
check warc-missing "0 1"  "a response record has no WARC-Target-URI|'http://h.example/notype.html': WARC record without a WARC-Type|'http://h.example/nohttp.html': response record without a valid HTTP head|'http://h.example/nolength.html': WARC record without a valid Content-Length|'http://h.example/revisit.html': revisit" \
	"$in/warc-missing.warc"
check missing     "2"     "does-not-exist: No such file or directory" "$in/does-not-exist"

# Failure paths: what was read before the failure is still reported.
check corrupt-targz "2"   "after member 'f4.txt': Damaged tar archive|corrupt.tar.gz/index.html:1:1: warning: page has no <title>|not read in full" \
	"$in/corrupt.tar.gz"
check corrupt-zip "2"     "'bad.html': ZIP decompression failed|corrupt.zip/index.html:1:1: warning: page has no <title>|not read in full" \
	"$in/corrupt.zip"
check fifo        "0 1"   "'fifo': not a regular file|site/index.html:1:1: warning: page has no <title>" "$in/site"
check stdin-corrupt "2"   "-/index.html:1:1: warning: page has no <title>|not read in full: standard input" \
	- <"$in/corrupt.tar.gz"
check stdin-truncated "2" "standard input: damaged: truncated gzip input" - <"$in/truncated.tar.gz"
check full-output "2"     "error writing /dev/full|members (" -o /dev/full "$in/traversal.tar"
check full-json   "2"     "error writing /dev/full" -o /dev/full --format json "$in/traversal.tar"

# An unreadable file: root reads anything, so root runs this as nobody.
unread=$(mktemp -d)
chmod 755 "$unread"
cp -R "$in/site" "$unread/site"
chmod 000 "$unread/site/secret.html"
if [ "$(id -u)" != 0 ]; then
	as=
elif command -v setpriv >/dev/null && setpriv --reuid=nobody --regid=nogroup --clear-groups \
		sh -c "test -x '$bin' && test -x '$run' && test -r '$unread/site/index.html'" 2>/dev/null; then
	as="setpriv --reuid=nobody --regid=nogroup --clear-groups"
	chmod 777 "$work/cwd"
else
	as=skip
fi
if [ "$as" = skip ]; then
	echo "hostile unreadable: skipped (running as root without setpriv, or nobody cannot run $bin)"
else
	check unreadable "2" "'secret.html': cannot be read: Permission denied|site/index.html:1:1: warning: page has no <title>|not read in full" \
		"$unread/site"
fi
as=
chmod -R u+rwX "$unread"
rm -rf "$unread"

# Nothing was written beside the inputs or outside (a followed ".." or
# absolute name would have left one of these).
for f in "$work"/evil.html "$work"/slip.html "$work"/outside.html /etc/evil.html \
	"$work/in/evil.html" "$(dirname "$work")/evil.html" "$(dirname "$work")/slip.html"; do
	if [ -e "$f" ]; then fail=$((fail + 1)); echo "FAIL hostile: $f was written"; fi
done
[ $fail -eq 0 ]
