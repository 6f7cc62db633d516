#!/usr/bin/env bash
# Runs each broker kill/restart test class of local-stack N times and prints a tally, to tell a fixed flake
# from a lucky run. One Maven at a time (the machine is shared); compiles once, then reruns the classes.
#
#   local-stack/flaky-check.sh [N] [TestClass ...]
#
# N defaults to 20 (FLAKY_CHECK_RUNS), the classes to EmbeddedKafkaProcessTest and EmbeddedKafkaRestartTest.
# Each run's Maven output and surefire reports go to local-stack/target/flaky-check/<class>/<run>/.
# Exits 0 when every run passed, 1 otherwise.
#
# Each run is `mvn -o -pl local-stack -am test -Dtest=<class>`, not `surefire:test`: without `install`, Maven
# 3.8 resolves the sibling modules (client, schemas) from the reactor only when a lifecycle phase runs, and after
# the first compile the compile steps of a run find nothing to do.
set -uo pipefail
cd "$(dirname "$0")/.."

runs="${1:-${FLAKY_CHECK_RUNS:-20}}"
shift $(( $# > 0 ? 1 : 0 ))
classes=("$@")
if (( ${#classes[@]} == 0 )); then
  classes=(EmbeddedKafkaProcessTest EmbeddedKafkaRestartTest)
fi
if ! [[ "$runs" =~ ^[1-9][0-9]*$ ]]; then
  echo "usage: $0 [N] [TestClass ...]  (N a positive number, got '$runs')" >&2
  exit 2
fi

logs="local-stack/target/flaky-check"
reports="local-stack/target/surefire-reports"
mvn_args=(-B -q -o -pl local-stack -am)

echo "Compiling local-stack and the modules it needs once..."
if ! mvn "${mvn_args[@]}" test-compile > /tmp/flaky-check-compile.$$.log 2>&1; then
  cat /tmp/flaky-check-compile.$$.log
  echo "compile failed" >&2
  exit 2
fi
rm -f /tmp/flaky-check-compile.$$.log
rm -rf "$logs"

declare -A passes failures failed_tests
for class in "${classes[@]}"; do
  passes[$class]=0
  failures[$class]=0
  failed_tests[$class]=""
  for ((i = 1; i <= runs; i++)); do
    dir="$logs/$class/$i"
    mkdir -p "$dir"
    rm -f "$reports"/*"$class"*
    start=$SECONDS
    mvn "${mvn_args[@]}" test -Dtest="$class" -Dsurefire.failIfNoSpecifiedTests=false > "$dir/mvn.log" 2>&1
    rc=$?
    cp "$reports"/*"$class"* "$dir"/ 2>/dev/null
    xml="$dir/TEST-com.alluse.streams.localstack.$class.xml"
    summary="no surefire report"
    bad=""
    if [[ -f "$xml" ]]; then
      summary=$(grep -o -m1 '<testsuite [^>]*' "$xml" \
        | grep -o -E '(tests|failures|errors|skipped)="[0-9]+"' | tr '\n' ' ')
      # Test methods that failed or erred in this run.
      bad=$(awk '/<testcase /{match($0, /name="[^"]*"/); name=substr($0, RSTART + 6, RLENGTH - 7)}
                 /<(failure|error)[ >]/{print name}' "$xml" | sort -u | tr '\n' ' ')
    fi
    if (( rc == 0 )) && [[ -f "$xml" ]] && [[ -z "$bad" ]]; then
      passes[$class]=$(( passes[$class] + 1 ))
      verdict=PASS
    else
      failures[$class]=$(( failures[$class] + 1 ))
      failed_tests[$class]+="${bad:-mvn-exit-$rc }"
      verdict=FAIL
    fi
    printf '%-26s run %2d/%d  %s  %3ds  %s%s\n' "$class" "$i" "$runs" "$verdict" $(( SECONDS - start )) \
      "$summary" "${bad:+ failed: $bad}"
  done
done

echo
echo "Tally ($runs runs per class; logs in $logs)"
printf '%-26s %5s %7s %9s\n' class runs passes failures
status=0
for class in "${classes[@]}"; do
  printf '%-26s %5d %7d %9d\n' "$class" "$runs" "${passes[$class]}" "${failures[$class]}"
  if (( failures[$class] > 0 )); then
    status=1
    echo "  failed tests: $(tr ' ' '\n' <<< "${failed_tests[$class]}" | grep -v '^$' | sort | uniq -c \
      | awk '{printf "%s x%d  ", $2, $1}')"
  fi
done
exit $status
