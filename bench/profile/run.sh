#!/usr/bin/env bash
# Where a warm invocation's time goes, stage by stage, next to the Python handler's same stages.
# The function jar runs under AWS's Lambda Java runtime client (the runtime's JVM flags) with
# async-profiler's wall-clock sampler on the handler thread, over N invocations that each make the
# thumbnail of a fresh copy of one photo over HTTPS (as on AWS); the boto3 + Pillow handler's
# stages are timed the same way in-process. Prints each stage's share and milliseconds per upload.
#
# The same options as bench/e2e/run.sh: --runtime (default java21), --snapstart, --plain-http.
# usage: bench/profile/run.sh [-n N] [--photo FILE] [--plain-http] [--runtime java21|java25] [--snapstart] [--no-build]
#   -n 400 by default; --photo defaults to the corpus's TwoWings.jpg (4.1 MP baseline, 860 KB)
# needs: what bench/e2e/run.sh needs; async-profiler 4.1 from Maven Central (fetched by Maven)
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
N=400 BUILD=1 PHOTO=$ROOT/target/bench-corpus/photos/TwoWings.jpg SCHEME=https RUNTIME=java21 INIT=on-demand
while [[ $# -gt 0 ]]; do
  case $1 in
    -n) N=$2; shift 2;;
    --photo) PHOTO=$(realpath "$2"); shift 2;;
    --plain-http) SCHEME=plain-http; shift;;
    --runtime) RUNTIME=$2; shift 2;;
    --snapstart) INIT=snap-start; shift;;
    --no-build) BUILD=0; shift;;
    -h|--help) sed -n '2,/^set -e/{/^set -e/d;s/^# \{0,1\}//;p}' "$0"; exit 0;;
    *) echo "unknown option: $1" >&2; exit 2;;
  esac
done
source "$ROOT/bench/lib.sh"
S3_SCHEME=$SCHEME
bench_need_runtime
bench_need_pillow
bench_build
[[ -f $PHOTO ]] || { echo "no photo $PHOTO: run bench/fetch-corpus.sh first" >&2; exit 2; }
AP_JAR=$HOME/.m2/repository/tools/profiler/async-profiler/4.1/async-profiler-4.1.jar
[[ -f $AP_JAR ]] || (cd "$ROOT" && ./mvnw -B -q dependency:get -Dartifact=tools.profiler:async-profiler:4.1 >/dev/null)
OUT=$(mktemp -d /tmp/thumbctl-profile.XXXXXX)
ARCH=$(uname -m); [[ $ARCH == x86_64 ]] && ARCH=x64 || ARCH=arm64
unzip -q -o "$AP_JAR" "linux-$ARCH/libasyncProfiler.so" -d "$OUT"
bench_start_s3 "$OUT" photos
trap 'kill $S3_PID 2>/dev/null || true' EXIT
export AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1 AWS_ACCESS_KEY_ID=bench AWS_SECRET_ACCESS_KEY=bench

"$PYTHON" "$HERE/stages.py" prepare --endpoint "$ENDPOINT" --photo "$PHOTO" -n "$N" --out "$OUT"
# Wall-clock samples of every thread, written every 2 s: the emulator kills the JVM after the last event.
PROFILE="-agentpath:$OUT/linux-$ARCH/libasyncProfiler.so=start,event=wall,interval=1ms,threads,loop=2s,file=$OUT/wall-%t.collapsed"
LAMBDA_RUNTIME=$RUNTIME LAMBDA_INIT_TYPE=$INIT AWS_LAMBDA_FUNCTION_MEMORY_SIZE=1024 \
  AWS_SERVICES_S3_ENDPOINT_OVERRIDE=$ENDPOINT AWS_S3_PATH_STYLE_ACCESS_ENABLED=true \
  JAVA_TOOL_OPTIONS="$JAVA_TOOL_OPTIONS $PROFILE" \
  "$LAMBDA_HARNESS/run-lambda.sh" -o "$OUT/report.json" --timeout 3600 "$JAR" \
  io.thumbctl.function.ThumbnailHandler::handleRequest "$OUT"/events/*.json > "$OUT/java.log" 2>&1 \
  || { echo "the function failed, see $OUT/java.log" >&2; exit 1; }
"$PYTHON" "$HERE/stages.py" report --endpoint "$ENDPOINT" --photo "$PHOTO" -n "$N" --out "$OUT"
echo "raw profiles: $OUT"
