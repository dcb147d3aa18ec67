#!/usr/bin/env bash
# End to end, warm: the function jar under AWS's Lambda Java runtime client (managed-runtime JVM
# flags: C1 only, serial GC, heap 85% of the memory size) next to the boto3 + Pillow handler of
# AWS's tutorial (bench/coldstart/python_function.py), both long-lived, against one local
# S3-compatible server (s3proxy), on the corpus of bench/fetch-corpus.sh. Each image is uploaded
# once; every round sends each runtime one ObjectCreated event per image, Java and Python
# alternating image by image so both see the same machine load. The first rounds are warm-up.
# Prints per-image medians of Lambda's "Duration", medians per group (JPEG baseline, progressive
# JPEG, PNG, CMYK JPEG), the ratios ours/Python and GB-seconds per 1,000 thumbnails.
#
# usage: bench/e2e/run.sh [-r ROUNDS] [-w WARMUP] [--corpus DIR] [--only TEXT]... [--no-build]
#                         [--java NAME=JAR]... [--env NAME:KEY=VALUE]... [--no-python]
#                         [--python-memory MB] [--cpu-share]
#                         [--plain-http] [--rtt MS] [--runtime java21|java25] [--snapstart]
#   S3 is reached over HTTPS, as on AWS (a certificate made for the run, trusted by both sides);
#   --plain-http: over plain HTTP instead (figures so made are labelled "plain HTTP").
#   --rtt MS: every round trip to S3 (TLS handshakes included) takes MS longer, as a network does.
#   --runtime: the managed runtime the Java side runs as (default java21, the template's);
#   --snapstart: SnapStart's init (beforeCheckpoint hooks, /restore/next, afterRestore), and on
#   java25 the JVM's own tiered compilation, as Lambda runs a SnapStart version.
#   -r 5 -w 2 by default; --corpus defaults to target/bench-corpus; --only keeps the images whose
#   path contains TEXT; --java and --env run more than one Java side (A/B: two jars, or the same
#   jar with other JAVA_TOOL_OPTIONS), e.g. --java a=J --java b=J --env b:JAVA_TOOL_OPTIONS=-Xss1m
# needs: JDK 17+, python3 with Pillow and boto3 (Debian: python3-pil python3-boto3; set PYTHON
#        if they are not in /usr/bin/python3), ../shared/lambda-runtime (or LAMBDA_HARNESS=dir)
#   The Java side runs at AWS_LAMBDA_FUNCTION_MEMORY_SIZE (default 1024, the template's), the Python
#   side at --python-memory (default 512); that sizes the heap and the cost. --cpu-share also limits
#   each side to the CPU Lambda gives its memory (1 vCPU per 1,769 MB; root, cgroup cpu controller).
# env:   AWS_LAMBDA_FUNCTION_MEMORY_SIZE; JAVA_TOOL_OPTIONS as on Lambda
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
BUILD=1 CORPUS=$ROOT/target/bench-corpus PASS=() RUNTIME=java21 INIT=on-demand SCHEME=https RTT=0
while [[ $# -gt 0 ]]; do
  case $1 in
    -r) PASS+=(--rounds "$2"); shift 2;;
    -w) PASS+=(--warmup "$2"); shift 2;;
    --corpus) CORPUS=$(realpath "$2"); shift 2;;
    --only|--java|--env) PASS+=("$1" "$2"); shift 2;;
    --no-python|--cpu-share) PASS+=("$1"); shift;;
    --python-memory) PASS+=("$1" "$2"); shift 2;;
    --no-build) BUILD=0; shift;;
    --plain-http) SCHEME=plain-http; shift;;
    --rtt) RTT=$2; shift 2;;
    --runtime) RUNTIME=$2; shift 2;;
    --snapstart) INIT=snap-start; shift;;
    -h|--help) sed -n '2,/^set -e/{/^set -e/d;s/^# \{0,1\}//;p}' "$0"; exit 0;;
    *) echo "unknown option: $1" >&2; exit 2;;
  esac
done
source "$ROOT/bench/lib.sh"
S3_SCHEME=$SCHEME RTT_MS=$RTT
[[ $RUNTIME == java21 || $RUNTIME == java25 ]] || { echo "--runtime: java21 or java25, not $RUNTIME" >&2; exit 2; }
export LAMBDA_RUNTIME=$RUNTIME LAMBDA_INIT_TYPE=$INIT
echo "Java side: $RUNTIME, $INIT init; S3 over $SCHEME" >&2
bench_need_runtime
bench_need_pillow
[[ -d $CORPUS ]] || { echo "no corpus in $CORPUS: run bench/fetch-corpus.sh first" >&2; exit 2; }
bench_build
cd "$ROOT"
"$LAMBDA_HARNESS/fetch-deps.sh" > /dev/null

OUT=$(mktemp -d /tmp/thumbctl-e2e.XXXXXX)
BUCKET=photos
bench_start_s3 "$OUT" "$BUCKET"
trap 'kill $S3_PID 2>/dev/null || true' EXIT

export AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1 AWS_ACCESS_KEY_ID=bench AWS_SECRET_ACCESS_KEY=bench
export BENCH_JAR=$JAR
"$PYTHON" "$HERE/e2e.py" --endpoint "$ENDPOINT" --bucket "$BUCKET" --corpus "$CORPUS" \
  --out "$OUT/run" --lambda-runtime "$LAMBDA_HARNESS" --python "$PYTHON" "${PASS[@]}"
