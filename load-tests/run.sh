#!/usr/bin/env bash
# Runs the load test: builds the module when its jar is missing (LOADTEST_REBUILD=1 forces it),
# then runs every scenario against one in-process embedded broker and writes
# load-tests/results/<run-id>/ (report.json, report.md, charts).
#   ./load-tests/run.sh                 the full run (about 12 minutes on 2 cores)
#   ./load-tests/run.sh --smoke         tiny counts, about a minute
#   ./load-tests/run.sh --help          every option
# LOADTEST_JAVA_OPTS replaces the JVM options (default: 3 GiB heap). LOADTEST_JFR=1 records a
# Java Flight Recorder profile of the whole run into load-tests/results/jfr/.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="$root/load-tests/target/alluse-load-tests.jar"
if [[ ! -f "$jar" || "${LOADTEST_REBUILD:-0}" == "1" ]]; then
  echo "Building the load test ..." >&2
  mvn -B -q -f "$root/pom.xml" -pl load-tests -am -DskipTests package >&2
fi
java_opts=(${LOADTEST_JAVA_OPTS:--Xmx3g})
if [[ "${LOADTEST_JFR:-0}" == "1" ]]; then
  mkdir -p "$root/load-tests/results/jfr"   # a folder: git ignores load-tests/results/*/
  java_opts+=("-XX:StartFlightRecording=filename=$root/load-tests/results/jfr/loadtest-$(date +%Y%m%d-%H%M%S).jfr,settings=profile")
fi
cd "$root"
exec java "${java_opts[@]}" -Dsun.net.httpserver.nodelay=true -jar "$jar" "$@"
