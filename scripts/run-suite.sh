#!/usr/bin/env bash
# run-suite.sh NAME COMMAND... — runs one test suite, shows its output, and
# appends "NAME passed failed" to $TALLY_FILE from the runner's own summary
# (web-test-runner or node:test), so .ci/run can print one closing line.
set -uo pipefail
name=$1; shift
log=$(mktemp)
"$@" 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}
clean=$(sed -e 's/\x1b\[[0-9;]*[A-Za-z]//g' "$log")
# node:test (spec or tap reporter)
passed=$(printf '%s\n' "$clean" | grep -E '^(ℹ|#) pass [0-9]+' | awk '{s+=$3} END {print s+0}')
failed=$(printf '%s\n' "$clean" | grep -E '^(ℹ|#) fail [0-9]+' | awk '{s+=$3} END {print s+0}')
# web-test-runner: "N passed, M failed" in its summary
if [ "$passed" = 0 ] && [ "$failed" = 0 ]; then
  line=$(printf '%s\n' "$clean" | grep -Eo '[0-9]+ passed, [0-9]+ failed' | tail -n 1)
  if [ -n "$line" ]; then
    passed=$(echo "$line" | awk '{print $1}')
    failed=$(echo "$line" | awk '{print $3}')
  fi
fi
if [ "$rc" != 0 ] && [ "$failed" = 0 ]; then failed=1; fi
echo "$name $passed $failed $rc" >> "${TALLY_FILE:-/dev/null}"
rm -f "$log"
exit "$rc"
