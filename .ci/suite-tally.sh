#!/usr/bin/env bash
# Runs the whole suite N times in a row, each time from a fresh clone of this repository's HEAD, as CI
# does, and prints a tally: a flaky test shows as a red run among green ones of the same commit.
#
#   .ci/suite-tally.sh [N]
#
# N defaults to 5 (SUITE_TALLY_RUNS). Each run is `.ci/run` in its own clone under $TMPDIR; its output
# goes to <clone>.log beside it and the clone is deleted after a green run (kept after a red one, with
# its surefire and failsafe reports). One run at a time: the suite's timing is part of what it shows.
# Exits 0 when every run passed, 1 otherwise.
set -uo pipefail
cd "$(dirname "$0")/.."

runs="${1:-${SUITE_TALLY_RUNS:-5}}"
if ! [[ "$runs" =~ ^[1-9][0-9]*$ ]]; then
  echo "usage: $0 [N]  (N a positive number, got '$runs')" >&2
  exit 2
fi
repo="$PWD"
commit="$(git rev-parse --short HEAD)"
work="${TMPDIR:-/tmp}/suite-tally-$commit-$$"
mkdir -p "$work"

green=0
summary=()
for ((i = 1; i <= runs; i++)); do
  clone="$work/run-$i"
  git clone -q "$repo" "$clone"
  git -C "$clone" checkout -q "$commit"
  start=$SECONDS
  (cd "$clone" && .ci/run) > "$clone.log" 2>&1
  rc=$?
  seconds=$((SECONDS - start))
  load="$(cut -d' ' -f1-3 /proc/loadavg)"
  if [[ $rc -eq 0 ]]; then
    green=$((green + 1))
    line="run $i: green in ${seconds} s (load average at the end: $load)"
    rm -rf "$clone"
  else
    failed=$(grep -E '^\[ERROR\] (Tests run:|  [A-Za-z]+.*:[0-9]+)' "$clone.log" | head -5 | tr '\n' ' ')
    line="run $i: RED (exit $rc) in ${seconds} s (load average at the end: $load): ${failed:-see $clone.log}"
  fi
  summary+=("$line")
  echo "$line"
done

echo
echo "suite tally at $commit: $green of $runs green"
printf '  %s\n' "${summary[@]}"
echo "logs: $work"
[[ $green -eq $runs ]]
