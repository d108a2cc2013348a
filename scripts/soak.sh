#!/usr/bin/env bash
# Soak run of the softmax and surprisal jobs on the multi-process cluster (a Kafka broker, a
# Flink JobManager and two TaskManagers as processes from Maven-resolved jars), not part of
# `mvn verify`.
#
#   scripts/soak.sh [MINUTES] [RATE]
#     MINUTES  how long to soak (default 10)
#     RATE     input records/s per topic; 0 (default): half the rate the two jobs sustain
#              together, measured first with 150,000 records per topic as fast as possible
#   scripts/soak.sh 3
#
# Every 30 s each TaskManager runs a full GC (jcmd GC.run) recorded in its GC log (-Xlog:gc);
# the checkpoint history is read every 2 s. The report, a Markdown table on stdout and in
# jobs/target/soak-report.md: slope of the heap after full GC per TaskManager, checkpoint
# durations and full state sizes (first and last fifth of the run, slopes), restarts, and lost
# or duplicated records in both read_committed outputs. Exits non-zero if either job restarted
# or an output is not exactly-once. Logs of every process: jobs/target/cluster-it/SoakRun/.
# The run is jobs/src/test/java/org/infoprob/jobs/SoakRun.java, started through surefire (its
# name matches none of the patterns `mvn verify` runs). MVN=<command> runs Maven through
# another command (default: mvn; e.g. MVN=mvnl to take the machine's build lock).
set -euo pipefail
cd "$(dirname "$0")/.."

minutes=${1:-10}
rate=${2:-0}
if ! [[ "$minutes" =~ ^[0-9]+$ ]] || [ "$minutes" -lt 1 ] || ! [[ "$rate" =~ ^[0-9]+$ ]]; then
  sed -n '5,10p' "$0" | sed 's/^# \{0,1\}//'
  exit 2
fi
mvn_cmd=${MVN:-mvn}

# The cluster jar, the process class paths and the compiled tests.
$mvn_cmd -B -q -pl jobs -am package -DskipTests
# Only the integration-test execution of surefire, with SoakRun as its one test (test-compile
# first, so that the reactor hands the operators module's classes to the jobs module).
rm -f jobs/target/soak-report.md
status=0
SOAK_MINUTES=$minutes SOAK_RATE=$rate \
  $mvn_cmd -B -q -pl jobs -am test-compile surefire:test@integration-tests \
  -Dtest=SoakRun -Dsurefire.failIfNoSpecifiedTests=false || status=$?
if [ -f jobs/target/soak-report.md ]; then
  echo
  cat jobs/target/soak-report.md
fi
exit $status
