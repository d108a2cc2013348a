#!/usr/bin/env bash
# Coverage-guided fuzzing (Jazzer, JAZZER_FUZZ=1) of the decoders' @FuzzTest targets in
# operators/src/test/java/org/infoprob/serde/*FuzzTest.java, through Maven alone.
#
#   scripts/fuzz.sh TARGET MINUTES
#     TARGET   Class#method (one target), Class (each of its targets in turn) or all
#     MINUTES  fuzzing time per target
#   scripts/fuzz.sh ClassEventDecoderFuzzTest#arbitraryRecordsNeverEscape 2
#   scripts/fuzz.sh all 2
#
# Each target runs in its own JVM (Jazzer fuzzes one target per run), after one test-compile;
# the coverage that guides it is that of org.infoprob and of Jackson's parser.
# Findings: an input on which a check fails is written by Jazzer as crash-<sha1> into the
# target's inputs directory, operators/src/test/resources/org/infoprob/serde/<Class>Inputs/<method>/,
# where `mvn verify` runs it from then on: commit it with the fix. The script then exits non-zero.
# Corpus: inputs that reached new code are kept in operators/.cifuzz-corpus/<package.Class>/<method>/
# (not committed); the next run of that target starts from them and from the committed seeds.
# Log of each target: operators/target/fuzz/<Class>#<method>.log; the script prints its
# executions per second. MVN=<command> runs Maven through another command (default: mvn).
set -euo pipefail
cd "$(dirname "$0")/.."

if [ $# -ne 2 ] || ! [[ "$2" =~ ^[0-9]+$ ]] || [ "$2" -lt 1 ]; then
  sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'
  exit 2
fi
target=$1
minutes=$2
mvn_cmd=${MVN:-mvn}
tests=operators/src/test/java/org/infoprob/serde

# Class#method of every @FuzzTest method in the given test classes.
targets_of() {
  for class in "$@"; do
    file=$tests/$class.java
    [ -f "$file" ] || { echo "No test class $file" >&2; exit 2; }
    awk -v c="$class" '/^[[:space:]]*@FuzzTest/ { f = 1; next } f && match($0, /void [A-Za-z0-9_]+\(/) {
      print c "#" substr($0, RSTART + 5, RLENGTH - 6); f = 0 }' "$file"
  done
}

case $target in
  all) mapfile -t run < <(targets_of $(cd "$tests" && ls *FuzzTest.java | sed 's/\.java$//')) ;;
  *'#'*) run=("$target") ;;
  *) mapfile -t run < <(targets_of "$target") ;;
esac
[ ${#run[@]} -gt 0 ] || { echo "No @FuzzTest target in $target" >&2; exit 2; }

$mvn_cmd -B -q -pl operators test-compile
mkdir -p operators/target/fuzz
failed=()
for t in "${run[@]}"; do
  log=operators/target/fuzz/$t.log
  echo "Fuzzing $t for $minutes min (log: $log)"
  status=0
  JAZZER_FUZZ=1 JAZZER_MAX_DURATION=${minutes}m \
    $mvn_cmd -B -pl operators surefire:test -Dtest="$t" -Dsurefire.failIfNoSpecifiedTests=false \
    -Djazzer.instrument='org.infoprob.**,com.fasterxml.jackson.core.**' \
    >"$log" 2>&1 || status=$?
  # libFuzzer's last words: "Done <runs> runs in <seconds> second(s)".
  done_line=$(grep -a -E '^Done [0-9]+ runs in [0-9]+ second' "$log" | tail -1 || true)
  if [ -n "$done_line" ]; then
    read -r _ runs _ _ seconds _ <<<"$done_line"
    echo "  $runs executions in $seconds s: $(( runs / (seconds > 0 ? seconds : 1) )) executions/s"
  fi
  if [ -z "$done_line" ] && [ $status -eq 0 ]; then
    status=1
    echo "  no fuzzing run finished: is $t a @FuzzTest method?"
  fi
  if [ $status -ne 0 ]; then
    failed+=("$t")
    echo "  FAILED: see $log; findings in operators/src/test/resources/org/infoprob/serde/${t%%#*}Inputs/${t#*#}/"
  fi
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "Findings or errors in: ${failed[*]}"
  exit 1
fi
echo "No findings."
