#!/usr/bin/env bash
# Runs each given test class N times and prints a tally, to tell a fixed flake from a lucky run. One Maven
# at a time (the machine is shared); compiles once, then reruns the classes.
#
#   .ci/flaky-check.sh [N] [TestClass ...]
#
# N defaults to 20 (FLAKY_CHECK_RUNS), the classes to local-stack's broker kill/restart tests
# (EmbeddedKafkaProcessTest, EmbeddedKafkaRestartTest, EmbeddedKafkaClusterTest) and the app's BrokerLossIT.
# A class is found by its file name under */src/test/java: a name ending in IT runs under failsafe
# (`verify`, the module's unit tests skipped), any other under surefire (`test`). Each run's Maven output and
# test reports go to target/flaky-check/<class>/<run>/ at the top of the repository.
# Exits 0 when every run passed, 1 otherwise.
#
# Each run is a lifecycle phase with `-pl <module> -am`, not `surefire:test`: without `install`, Maven 3.8
# resolves the sibling modules from the reactor only when a lifecycle phase runs, and after the first compile
# the compile steps of a run find nothing to do.
set -uo pipefail
cd "$(dirname "$0")/.."

runs="${1:-${FLAKY_CHECK_RUNS:-20}}"
shift $(( $# > 0 ? 1 : 0 ))
classes=("$@")
if (( ${#classes[@]} == 0 )); then
  classes=(EmbeddedKafkaProcessTest EmbeddedKafkaRestartTest EmbeddedKafkaClusterTest BrokerLossIT)
fi
if ! [[ "$runs" =~ ^[1-9][0-9]*$ ]]; then
  echo "usage: $0 [N] [TestClass ...]  (N a positive number, got '$runs')" >&2
  exit 2
fi

# The test source of a class: its module is the first path element, its package the rest of the path.
source_of() {
  local found
  found=$(find . -path ./target -prune -o -path "*/src/test/java/*/$1.java" -print | grep -v '/target/' | head -2)
  if [[ -z "$found" || "$found" == *$'\n'* ]]; then
    echo "no single test source for $1: '${found}'" >&2
    return 1
  fi
  echo "${found#./}"
}

logs="target/flaky-check"
declare -A module report mvn_phase
for class in "${classes[@]}"; do
  src=$(source_of "$class") || exit 2
  module[$class]="${src%%/*}"
  package_path="${src#*/src/test/java/}"
  fqcn="${package_path%.java}"
  if [[ "$class" == *IT ]]; then
    mvn_phase[$class]="verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=$class -Dfailsafe.failIfNoSpecifiedTests=false"
    report[$class]="${module[$class]}/target/failsafe-reports/TEST-${fqcn//\//.}.xml"
  else
    mvn_phase[$class]="test -Dtest=$class -Dsurefire.failIfNoSpecifiedTests=false"
    report[$class]="${module[$class]}/target/surefire-reports/TEST-${fqcn//\//.}.xml"
  fi
done

modules=$(printf '%s\n' "${module[@]}" | sort -u | paste -sd, -)
echo "Compiling $modules and the modules they need once..."
if ! mvn -B -q -pl "$modules" -am test-compile > /tmp/flaky-check-compile.$$.log 2>&1; then
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
    xml="${report[$class]}"
    rm -f "$xml"
    start=$SECONDS
    # shellcheck disable=SC2086 # the phase and its properties are separate arguments
    mvn -B -q -pl "${module[$class]}" -am ${mvn_phase[$class]} > "$dir/mvn.log" 2>&1
    rc=$?
    cp "$(dirname "$xml")"/*"$class"* "$dir"/ 2>/dev/null
    summary="no test report"
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
    printf '%-26s run %2d/%d  %s  %3ds  load %s  %s%s\n' "$class" "$i" "$runs" "$verdict" $(( SECONDS - start )) \
      "$(cut -d' ' -f1 /proc/loadavg)" "$summary" "${bad:+ failed: $bad}"
  done
done

echo
echo "Tally at $(git rev-parse --short HEAD) ($runs runs per class; logs in $logs)"
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
