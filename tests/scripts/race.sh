#!/usr/bin/env bash
# Usage: tests/scripts/race.sh path/to/scoreboard  (the README's reliability figures: old binary vs new)
# 10 rounds: six `directive set` on six different directives at the same moment, and a reader
# during an import. Counts the rounds where a command failed and the lock errors seen.
bin=$1; t=$(mktemp -d); db=$t/s.db
ds="2019/1024 2019/1937 2018/2001 2019/944 2016/2102 2019/882"
for d in $ds; do $bin --database-url $db directive add $d --deadline 2026-06-30 >/dev/null; done
failed_rounds=0; locks=0; writes=0
for r in $(seq 1 10); do
  pids=(); outs=()
  $bin --database-url $db import register "$(dirname "$0")/../../crates/cli/demo/register-2023-01-11-BE.json" > $t/race-imp.$r 2>&1 & pids+=($!)
  i=0
  for d in $ds; do $bin --database-url $db directive set $d --notes "r$r w$i" > $t/race-w.$r.$i 2>&1 & pids+=($!); i=$((i+1)); writes=$((writes+1)); done
  $bin --database-url $db directive list > $t/race-r.$r 2>&1 & pids+=($!)
  bad=0; for p in "${pids[@]}"; do wait $p || bad=1; done
  [ $bad = 1 ] && failed_rounds=$((failed_rounds+1))
  locks=$((locks + $(cat $t/race-*.$r $t/race-*.$r.* 2>/dev/null | grep -c "locked")))
done
echo "$bin: $failed_rounds of 10 rounds had a failed command; $locks 'database is locked' messages; $writes writes tried"
