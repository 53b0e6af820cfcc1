#!/bin/sh
# Runs each cmocka unit test binary given as an argument ($VALGRIND may
# wrap them) and prints one closing line with the totals.
pass=0; fail=0
for t in "$@"; do
	if $VALGRIND "$t"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAILED: $t"; fi
done
echo "unit test programs: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
