#!/bin/sh
# Runs every fuzz target of BUILD_DIR/fuzz for SECONDS each (default 60),
# one after the other, from the seeds of tests/fuzz/seeds.sh, the inputs
# that once crashed it (tests/fuzz/regress/TARGET/) and what earlier runs
# found (BUILD_DIR/corpus/TARGET, kept between runs).  A
# crash, a leak, a sanitizer report, a timeout (10 s for one input) or
# more than 2 GB of memory fails the run; the input is left in
# BUILD_DIR/crashes/ and the target's log in BUILD_DIR/fuzz-logs/.  Replay
# one with:  BUILD_DIR/fuzz/fuzz_TARGET BUILD_DIR/crashes/FILE
#
# Usage: tests/fuzz/smoke.sh BUILD_DIR [SECONDS] [TARGET...]
set -u
build=$1
secs=${2:-60}
shift; [ $# -gt 0 ] && shift
targets=${*:-archive warc decode page member dates dict config suppress url filecheck json}
seeds=$build/seeds
sh tests/fuzz/seeds.sh "$build" "$seeds" || exit 1
mkdir -p "$build/crashes" "$build/fuzz-logs"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}:abort_on_error=1
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1}
export SITELINT_DATA_DIR=${SITELINT_DATA_DIR:-$(pwd)/dictionaries}
fail=0
for t in $targets; do
	bin=$build/fuzz/fuzz_$t
	case $t in
	archive|warc) dict=tests/fuzz/warc.dict; max=65536;;
	page|decode|member|suppress) dict=tests/fuzz/html.dict; max=65536;;
	dates) dict=tests/fuzz/dates.dict; max=4096;;
	config) dict=tests/fuzz/config.dict; max=16384;;
	filecheck) dict=; max=65536;;
	*) dict=; max=16384;;
	esac
	corpus=$build/corpus/$t
	regress=; [ -d "tests/fuzz/regress/$t" ] && regress=tests/fuzz/regress/$t
	mkdir -p "$corpus"
	log=$build/fuzz-logs/$t.log
	"$bin" ${dict:+-dict=$dict} -max_total_time="$secs" -max_len=$max -timeout=10 \
		-rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$build/crashes/$t-" \
		"$corpus" "$seeds/$t" ${regress:-} >"$log" 2>&1
	rc=$?
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
	cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1)
	if [ $rc -ne 0 ]; then
		fail=$((fail + 1))
		echo "FAIL fuzz $t (exit $rc): $(grep -m1 -E 'ERROR|invariant|SUMMARY|timeout|out-of-memory' "$log")"
		grep -E 'Test unit written|artifact' "$log" | tail -2
	else
		echo "fuzz $t: ${secs}s, ${runs:-?} inputs, $cov, corpus $(ls "$corpus" | wc -l)"
	fi
done
[ $fail -eq 0 ]
