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
#                         [--renditions | --heif-sources]
#   S3 is reached over HTTPS, as on AWS (a certificate made for the run, trusted by both sides);
#   --plain-http: over plain HTTP instead (figures so made are labelled "plain HTTP").
#   --rtt MS: every round trip to S3 (TLS handshakes included) takes MS longer, as a network does.
#   --runtime: the managed runtime the Java side runs as (default java21, the template's);
#   --snapstart: SnapStart's init (beforeCheckpoint hooks, /restore/next, afterRestore), and on
#   java25 the JVM's own tiered compilation, as Lambda runs a SnapStart version.
#   -r 5 -w 2 by default; --corpus defaults to target/bench-corpus; --only keeps the images whose
#   path contains TEXT; --java and --env run more than one Java side (A/B: two jars, or the same
#   jar with other JAVA_TOOL_OPTIONS), e.g. --java a=J --java b=J --env b:JAVA_TOOL_OPTIONS=-Xss1m
#
# --renditions: a 12 MP baseline JPEG and a progressive one (the same coefficients), each to
#   small:128x128:jpeg + medium:640x640:webp + large:1600x1600:avif, against the Python handler
#   making the JPEG and the WebP (python_renditions.py; Debian's Pillow has no AVIF encoder) and
#   `vips thumbnail IMAGE out.avif[Q=60] 1600` (libvips' default effort, and effort=0, libaom's
#   speed 9 as ours) as a local process. Five Java sides: `three` with the three renditions,
#   `small`, `medium`, `large` with one each (the ratio three/(small+medium+large) per photo is
#   what one read and one decode save), and `two` with the JPEG and the WebP, Python's work.
# --heif-sources: a 12 MP HEIC (heif-enc -q 50, x265) and AVIF (avifenc, quantizer 25, libaom)
#   of the same pixels, and that JPEG, each to the single thumbnail, without Python (Pillow reads
#   neither), against `vips thumbnail IMAGE out.jpg[Q=85] 128` as a local process.
# Both make their photos once from the corpus's Elephants_5640x3172.jpg (centre cut to 4:3,
#   4032x3024, Pillow quality 90) into $BENCH_SOURCES (default target/bench-sources); the other
#   options apply as usual (--only filters, -r/-w count rounds, --cpu-share, --snapstart).
#   (needs heif-enc, avifenc, jpegtran, vips: apt-get install libheif-examples libavif-bin
#    libjpeg-turbo-progs libvips-tools)
# needs: JDK 17+, python3 with Pillow and boto3 (Debian: python3-pil python3-boto3; set PYTHON
#        if they are not in /usr/bin/python3), ../shared/lambda-runtime (or LAMBDA_HARNESS=dir)
#   The Java side runs at AWS_LAMBDA_FUNCTION_MEMORY_SIZE (default 1024, the template's), the Python
#   side at --python-memory (default 512); that sizes the heap and the cost. --cpu-share also limits
#   each side to the CPU Lambda gives its memory (1 vCPU per 1,769 MB; root, cgroup cpu controller).
# env:   AWS_LAMBDA_FUNCTION_MEMORY_SIZE; JAVA_TOOL_OPTIONS as on Lambda
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
BUILD=1 CORPUS=$ROOT/target/bench-corpus PASS=() RUNTIME=java21 INIT=on-demand SCHEME=https RTT=0 MODE=
SOURCES=${BENCH_SOURCES:-$ROOT/target/bench-sources}
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
    --renditions) MODE=renditions; shift;;
    --heif-sources) MODE=heif; shift;;
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

# The photos of --renditions and --heif-sources, made once (into a temporary directory first, so
# an interrupted run leaves nothing half made): SOURCES/renditions holds the 12 MP baseline and
# progressive JPEGs, SOURCES/heif the HEIC, the AVIF and the baseline JPEG they were encoded from.
make_sources() {
  [[ -s $SOURCES/heif/photo-12mp.avif ]] && return
  local tool big=$CORPUS/photos/Elephants_5640x3172.jpg tmp=$SOURCES.tmp
  for tool in heif-enc avifenc jpegtran vips; do
    command -v $tool >/dev/null || { echo "no $tool: apt-get install libheif-examples libavif-bin libjpeg-turbo-progs libvips-tools" >&2; exit 2; }
  done
  [[ -s $big ]] || { echo "no $big: run bench/fetch-corpus.sh" >&2; exit 2; }
  echo "making the 12 MP photos in $SOURCES (about a minute)" >&2
  rm -rf "$tmp" && mkdir -p "$tmp/renditions" "$tmp/heif"
  "$PYTHON" - "$big" "$tmp/renditions/photo-12mp-baseline.jpg" <<'PY'
import sys
from PIL import Image
im = Image.open(sys.argv[1]).convert("RGB")
width, height = im.size
cut = height * 4 // 3  # a phone's 4:3, from the middle
im = im.crop(((width - cut) // 2, 0, (width - cut) // 2 + cut, height)).resize((4032, 3024), Image.LANCZOS)
im.save(sys.argv[2], quality=90)
PY
  jpegtran -copy all -progressive -outfile "$tmp/renditions/photo-12mp-progressive.jpg" "$tmp/renditions/photo-12mp-baseline.jpg"
  heif-enc -q 50 -o "$tmp/heif/photo-12mp.heic" "$tmp/renditions/photo-12mp-baseline.jpg" >/dev/null
  avifenc -s 6 --min 25 --max 25 -y 420 "$tmp/renditions/photo-12mp-baseline.jpg" "$tmp/heif/photo-12mp.avif" >/dev/null
  cp "$tmp/renditions/photo-12mp-baseline.jpg" "$tmp/heif/photo-12mp.jpg"
  rm -rf "$SOURCES" && mv "$tmp" "$SOURCES"
}
case $MODE in
  renditions)
    make_sources
    CORPUS=$SOURCES/renditions
    small=small:128x128:jpeg medium=medium:640x640:webp large=large:1600x1600:avif
    PASS+=(--java three="$JAR" --java small="$JAR" --java medium="$JAR" --java large="$JAR" --java two="$JAR"
           --env "three:THUMBNAIL_RENDITIONS=$small,$medium,$large" --env "small:THUMBNAIL_RENDITIONS=$small"
           --env "two:THUMBNAIL_RENDITIONS=$small,$medium"
           --env "medium:THUMBNAIL_RENDITIONS=$medium" --env "large:THUMBNAIL_RENDITIONS=$large"
           --python-handler "$HERE/python_renditions.py" --python-renditions "$small,$medium"
           --vips 'avif=1600:.avif[Q=60]' --vips 'avif-e0=1600:.avif[Q=60,effort=0]'
           --ratio '3-in-1=three/small+medium+large' --ratio 'large/vips=large/avif-e0');;
  heif)
    make_sources
    CORPUS=$SOURCES/heif
    PASS+=(--no-python --vips 'jpeg=128:.jpg[Q=85]' --ratio 'java/vips=java/jpeg');;
esac
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
