#!/usr/bin/env bash
# Cold start of the function jar under AWS's Lambda Java runtime client (managed-runtime JVM
# flags, 512 MB) against a local S3-compatible server, next to the usual Python boto3 + Pillow
# handler run the same way. Each start is a fresh process making the thumbnail of a 4 MP JPEG;
# Java and Python starts alternate so both see the same machine load. A third start per round
# ("primed") runs SnapStart's init (the hooks, then a restore), to show what priming buys the first
# invocation of a restored environment. Prints medians. With --baseline JAR, a fourth start per
# round runs another build of the function jar (say, main's), interleaved with the others, so a
# change's cost is measured against its baseline under the same machine load.
#
# usage: bench/coldstart/run.sh [-n RUNS] [--no-build] [--baseline JAR] [--plain-http] [--runtime java21|java25]
#   (from anywhere; RUNS default 7). S3 is reached over HTTPS, as on AWS, unless --plain-http; the
#   runtime defaults to java21 (the template's), on-demand init for "java", SnapStart's for "primed".
# needs: JDK 17+, python3 with Pillow and boto3 (Debian: python3-pil python3-boto3; set PYTHON
#        if they are not in /usr/bin/python3), ../shared/lambda-runtime (or LAMBDA_HARNESS=dir)
# env:   AWS_LAMBDA_FUNCTION_MEMORY_SIZE (default 512); JAVA_TOOL_OPTIONS as on Lambda
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
RUNS=7 BUILD=1 BASELINE='' SCHEME=https RUNTIME=java21
while [[ $# -gt 0 ]]; do
  case $1 in
    -n) RUNS=$2; shift 2;;
    --no-build) BUILD=0; shift;;
    --baseline) BASELINE=$(realpath "$2"); shift 2;;
    --plain-http) SCHEME=plain-http; shift;;
    --runtime) RUNTIME=$2; shift 2;;
    -h|--help) sed -n '2,/^set -e/{/^set -e/d;s/^# \{0,1\}//;p}' "$0"; exit 0;;
    *) echo "unknown option: $1" >&2; exit 2;;
  esac
done
source "$ROOT/bench/lib.sh"
S3_SCHEME=$SCHEME
export LAMBDA_RUNTIME=$RUNTIME
echo "cold starts: $RUNTIME, S3 over $SCHEME" >&2
bench_need_runtime
bench_need_pillow
bench_build
cd "$ROOT"

OUT=$(mktemp -d /tmp/thumbctl-coldstart.XXXXXX)
BUCKET=photos
bench_start_s3 "$OUT" "$BUCKET"
trap 'kill $S3_PID 2>/dev/null || true' EXIT

export AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1 AWS_ACCESS_KEY_ID=bench AWS_SECRET_ACCESS_KEY=bench
export AWS_LAMBDA_FUNCTION_MEMORY_SIZE=${AWS_LAMBDA_FUNCTION_MEMORY_SIZE:-512}
SIDES="java python primed${BASELINE:+ baseline}"
"$PYTHON" "$HERE/prepare.py" "$ENDPOINT" "$BUCKET" "$OUT" "$RUNS" $SIDES

java_start() {  # $1 run, $2 side (java | primed), $3 handler class, $4 function package
  AWS_SERVICES_S3_ENDPOINT_OVERRIDE=$ENDPOINT AWS_S3_PATH_STYLE_ACCESS_ENABLED=true \
    "$LAMBDA_HARNESS/run-lambda.sh" -o "$OUT/$2-$1.report.json" \
    "$4" "$3::handleRequest" "$OUT/events/$2-$1.json" > "$OUT/$2-$1.log"
}

# "primed": the same jar under SnapStart's init as the runtime client runs it (beforeCheckpoint
# hooks, /restore/next, afterRestore), to show the first invocation a restored environment gets.

python_start() {  # the same emulator, timed from the Python process's start
  local w=$OUT/py-$1; mkdir -p "$w"
  "$PYTHON" "$LAMBDA_HARNESS/runtime_api.py" --port-file "$w/port" --t0-file "$w/t0" \
    --runtime-pid-file "$w/pid" --report "$OUT/python-$1.report.json" "$OUT/events/python-$1.json" > "$OUT/python-$1.log" &
  local api=$!
  for _ in $(seq 100); do [[ -s $w/port ]] && break; sleep 0.05; done
  date +%s%N > "$w/t0"
  AWS_LAMBDA_RUNTIME_API=127.0.0.1:$(cat "$w/port") BENCH_S3_ENDPOINT=$ENDPOINT \
    "$PYTHON" "$HERE/python_function.py" >> "$OUT/python-$1.log" 2>&1 &
  local py=$!; echo $py > "$w/pid"
  wait $api
  { wait $py; } 2>/dev/null || true   # the emulator SIGKILLs it once answered, as Lambda ends a sandbox
}

for n in $(seq 1 "$RUNS"); do
  java_start "$n" java io.thumbctl.function.ThumbnailHandler "$JAR" \
    || { echo "java start $n failed, see $OUT/java-$n.log" >&2; exit 1; }
  python_start "$n" || { echo "python start $n failed, see $OUT/python-$n.log" >&2; exit 1; }
  LAMBDA_INIT_TYPE=snap-start java_start "$n" primed io.thumbctl.function.ThumbnailHandler "$JAR" \
    || { echo "primed start $n failed, see $OUT/primed-$n.log" >&2; exit 1; }
  if [[ -n $BASELINE ]]; then
    java_start "$n" baseline io.thumbctl.function.ThumbnailHandler "$BASELINE" \
      || { echo "baseline start $n failed, see $OUT/baseline-$n.log" >&2; exit 1; }
  fi
  echo "start $n/$RUNS done" >&2
done
"$PYTHON" "$HERE/summarize.py" "$OUT" "$RUNS"
echo "raw reports: $OUT"
