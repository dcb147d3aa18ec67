#!/usr/bin/env bash
# Memory and time at the limits: the function jar under AWS's Lambda Java runtime client
# (managed-runtime JVM flags: heap 85% of the memory size, serial GC, C1 only) makes the
# thumbnails of images at thumbctl's limits (100 MP JPEG and PNG, progressive and interlaced,
# CMYK, and sources near 100 MB; see images.sh) from a local S3-compatible server, with the
# CPU share Lambda gives that memory size (1 vCPU per 1,769 MB). One fresh runtime per image
# and memory size; each makes two thumbnails of the image (two keys): "cold" is the first
# invocation of the environment, "warm" the second. Prints, per image and memory size, the
# JVM's peak RSS (heap and native alike: what Lambda compares with the memory size), both
# durations, the CPU seconds the runtime used and the outcome.
#
# usage: bench/limits/run.sh [-m "512 1024 ..."] [--images DIR] [--no-build] [--cpu MODE] [--only NAME]
#   -m SIZES     memory sizes in MB (default "512 1024 1536 2048")
#   --images DIR where the images are, made by images.sh if missing (default target/limits-images)
#   --cpu MODE   how the CPU share is imposed: cgroup (default: a cgroup v2 cpu.max, or a v1
#                cpu.cfs_quota_us, made here; needs root), taskset (one core shared with busy
#                loops: 2 of them give a 1/3 share, the nearest to 512 MB's 0.29), none
#                With cgroup, a memory cgroup also limits the runtime to the memory size, as
#                Lambda does: the JVM sizes itself from that limit as it does on Lambda (initial
#                heap 1/64 of it), and the kernel ends a runtime that goes over, as Lambda ends
#                the sandbox ("killed" in the outcome).
#   --only NAME  only the images whose file name contains NAME
# needs: JDK 17+, python3, curl, libvips-tools (images.sh), ../shared/lambda-runtime (or
#        LAMBDA_HARNESS=dir)
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
SIZES="512 1024 1536 2048" IMAGES=$ROOT/target/limits-images BUILD=1 CPU=cgroup ONLY=''
while [[ $# -gt 0 ]]; do
  case $1 in
    -m) SIZES=$2; shift 2;;
    --images) IMAGES=$2; shift 2;;
    --no-build) BUILD=0; shift;;
    --cpu) CPU=$2; shift 2;;
    --only) ONLY=$2; shift 2;;
    -h|--help) sed -n '2,/^set -e/{/^set -e/d;s/^# \{0,1\}//;p}' "$0"; exit 0;;
    *) echo "unknown option: $1" >&2; exit 2;;
  esac
done
source "$ROOT/bench/lib.sh"
bench_need_runtime
command -v curl >/dev/null || { echo "curl not found" >&2; exit 2; }
bench_build
cd "$ROOT"
"$HERE/images.sh" "$IMAGES"

OUT=$(mktemp -d /tmp/thumbctl-limits.XXXXXX)
GROUP='' ACCT='' MEM='' COMPETITORS=()
cleanup() {
  kill "${S3_PID:-}" "${COMPETITORS[@]}" 2>/dev/null || true
  for g in "$GROUP" "$ACCT" "$MEM"; do [[ -n $g && -d $g ]] && rmdir "$g" 2>/dev/null; done
  true
}
trap cleanup EXIT

# --- the CPU share -----------------------------------------------------------------------------
# share(MB) in parts per 100,000 of one CPU: Lambda gives 1 vCPU per 1,769 MB.
share() { local q=$(( $1 * 100000 / 1769 )); (( q > 100000 )) && q=100000; echo $q; }
CPU_HOW=''
setup_cpu() {  # $1 memory size; sets CPU_HOW and the limit for the next run
  local quota; quota=$(share "$1")
  case $CPU in
    cgroup)
      if [[ -z $GROUP ]]; then
        if grep -qw cpu /sys/fs/cgroup/cgroup.controllers 2>/dev/null; then
          GROUP=/sys/fs/cgroup/thumbctl-limits-$$
          mkdir "$GROUP"
        elif [[ -d /sys/fs/cgroup/cpu ]]; then
          GROUP=/sys/fs/cgroup/cpu/thumbctl-limits-$$
          mkdir "$GROUP"
          if [[ -d /sys/fs/cgroup/cpuacct && ! -f $GROUP/cpuacct.usage ]]; then
            ACCT=/sys/fs/cgroup/cpuacct/thumbctl-limits-$$
            mkdir "$ACCT"
          fi
        else
          echo "no cgroup cpu controller here; use --cpu taskset" >&2; exit 2
        fi
      fi
      if [[ -f $GROUP/cpu.max ]]; then
        echo "$quota 100000" > "$GROUP/cpu.max"
        echo $(( $1 * 1048576 )) > "$GROUP/memory.max" 2>/dev/null && echo 0 > "$GROUP/memory.swap.max" 2>/dev/null || true
        CPU_HOW="cgroup v2 cpu.max $quota/100000, memory.max $1 MB"
      else
        if [[ -z $MEM && -d /sys/fs/cgroup/memory ]]; then
          MEM=/sys/fs/cgroup/memory$(awk -F: '$2 == "memory" {print $3}' /proc/self/cgroup)/thumbctl-limits-$$
          MEM=${MEM//\/\//\/}
          mkdir "$MEM"
        fi
        if [[ -n $MEM ]]; then
          # memory+swap may never be below memory: lift it first, then set both
          [[ -f $MEM/memory.memsw.limit_in_bytes ]] && echo -1 > "$MEM/memory.memsw.limit_in_bytes"
          echo $(( $1 * 1048576 )) > "$MEM/memory.limit_in_bytes"
          [[ -f $MEM/memory.memsw.limit_in_bytes ]] && echo $(( $1 * 1048576 )) > "$MEM/memory.memsw.limit_in_bytes"
        fi
        echo 100000 > "$GROUP/cpu.cfs_period_us"
        echo "$quota" > "$GROUP/cpu.cfs_quota_us"
        # Other work on the machine must not take the share away: weight the group up (the
        # quota still caps it).
        echo 10240 > "$GROUP/cpu.shares"
        CPU_HOW="cgroup v1 cpu.cfs_quota_us $quota/100000${MEM:+, memory.limit_in_bytes $1 MB}"
      fi;;
    taskset)
      if [[ ${#COMPETITORS[@]} == 0 ]]; then
        for _ in 1 2; do taskset -c 0 sh -c 'while :; do :; done' & COMPETITORS+=($!); done
      fi
      CPU_HOW="taskset core 0 shared with 2 busy loops (~1/3 CPU)";;
    none) CPU_HOW="no CPU limit";;
    *) echo "unknown --cpu $CPU" >&2; exit 2;;
  esac
}
limited() {  # runs "$@" with the CPU share set up by setup_cpu
  case $CPU in
    cgroup) bash -c 'for g in "$1" "$2" "$3"; do [[ -n $g ]] && echo $$ > "$g/cgroup.procs"; done; shift 3; exec "$@"' \
              _ "$GROUP" "$ACCT" "$MEM" "$@";;
    taskset) taskset -c 0 "$@";;
    none) "$@";;
  esac
}
oom_kills() {  # how many processes the kernel ended for going over the memory limit so far
  local f
  for f in "$GROUP/memory.events" "$MEM/memory.oom_control"; do
    [[ -f $f ]] && awk '$1 == "oom_kill" {print $2; found = 1} END {if (!found) print 0}' "$f" && return
  done
  echo 0
}
cpu_seconds() {  # CPU time used in the cgroup so far (v2 cpu.stat usage_usec, v1 cpuacct.usage), else empty
  if [[ -n $GROUP && -f $GROUP/cpu.stat ]] && grep -q usage_usec "$GROUP/cpu.stat"; then
    awk '/usage_usec/ {printf "%.3f", $2 / 1e6}' "$GROUP/cpu.stat"
  elif [[ -n $ACCT && -f $ACCT/cpuacct.usage ]]; then
    awk '{printf "%.3f", $1 / 1e9}' "$ACCT/cpuacct.usage"
  elif [[ -n $GROUP && -f $GROUP/cpuacct.usage ]]; then
    awk '{printf "%.3f", $1 / 1e9}' "$GROUP/cpuacct.usage"
  fi
}

# --- the S3-compatible server (s3proxy, from the test fixtures; outside the CPU limit) ----------
BUCKET=limits
bench_start_s3 "$OUT" "$BUCKET"

upload() {  # upload FILE KEY: prints the ETag (the test server takes unsigned requests)
  curl -sS -f -D - -o /dev/null -T "$1" -H "Content-Type: application/octet-stream" "$ENDPOINT/$BUCKET/$2" \
    | tr -d '\r' | awk -F': ' 'tolower($1) == "etag" {gsub(/"/, "", $2); print $2}'
}
event() {  # event KEY SIZE ETAG: an S3 notification, as S3 sends it
  python3 -c 'import json, sys, urllib.parse
b, k, s, e = sys.argv[1:5]
print(json.dumps({"Records": [{"eventVersion": "2.1", "eventSource": "aws:s3", "awsRegion": "us-east-1",
  "eventTime": "2026-11-30T00:00:00.000Z", "eventName": "ObjectCreated:Put",
  "s3": {"s3SchemaVersion": "1.0", "configurationId": "thumbnails",
         "bucket": {"name": b, "arn": "arn:aws:s3:::" + b},
         "object": {"key": urllib.parse.quote_plus(k, safe="/"), "size": int(s), "eTag": e}}}]}))' \
    "$BUCKET" "$1" "$2" "$3"
}

export AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1 AWS_ACCESS_KEY_ID=bench AWS_SECRET_ACCESS_KEY=bench
export AWS_SERVICES_S3_ENDPOINT_OVERRIDE=$ENDPOINT AWS_S3_PATH_STYLE_ACCESS_ENABLED=true
RESULTS=$OUT/results.tsv
printf 'image\tbytes\tmemory_mb\tcpu\tpeak_rss_kb\tinit_ms\tcold_ms\twarm_ms\tcpu_s\toutcome\n' > "$RESULTS"
for mb in $SIZES; do
  setup_cpu "$mb"
  for image in "$IMAGES"/*; do
    name=${image##*/}
    [[ -n $ONLY && $name != *"$ONLY"* ]] && continue
    size=$(stat -c %s "$image")
    for side in cold warm; do
      etag=$(upload "$image" "m$mb/$side/$name")
      event "m$mb/$side/$name" "$size" "$etag" > "$OUT/$mb-$side-$name.json"
    done
    before=$(cpu_seconds) kills_before=$(oom_kills)
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE=$mb limited "$LAMBDA_HARNESS/run-lambda.sh" --expect-errors \
      --function-timeout 60 --timeout 300 -o "$OUT/$mb-$name.report.json" \
      "$JAR" io.thumbctl.function.ThumbnailHandler::handleRequest \
      "$OUT/$mb-cold-$name.json" "$OUT/$mb-warm-$name.json" > "$OUT/$mb-$name.log" 2>&1 || true
    after=$(cpu_seconds) killed=$(( $(oom_kills) - kills_before ))
    cpu_s=''; [[ -n $before && -n $after ]] && cpu_s=$(echo "$after - $before" | bc)
    python3 - "$OUT/$mb-$name.report.json" "$name" "$size" "$mb" "$CPU_HOW" "$cpu_s" "$killed" >> "$RESULTS" <<'PY'
import json, sys
path, name, size, mb, how, cpu_s, killed = sys.argv[1:8]
try:
    rep = json.load(open(path))
except (OSError, ValueError):
    rep = {"invocations": [], "aborted": "no report"}
def outcome(inv):
    if inv.get("status") != "success":
        return inv.get("status", "?") + ":" + str(inv.get("error_type") or inv.get("error", ""))[:60]
    items = (inv.get("response_json") or {}).get("outcomes") or [{}]
    o = items[0]
    return o.get("outcome", "?") + ("(" + o["reason"] + ")" if o.get("reason") else "")
invs = rep.get("invocations", [])
ms = [str(round(i["duration_ms"])) if i.get("duration_ms") is not None else "-" for i in invs] + ["-", "-"]
outs = [outcome(i) for i in invs] or [str(rep.get("aborted") or rep.get("init_error"))]
if killed != "0":
    outs.append("killed: over the memory size")
print("\t".join([name, size, mb, how, str(rep.get("peak_rss_kb") or "-"), str(round(rep["init_ms"])) if rep.get("init_ms") else "-",
                 ms[0], ms[1], cpu_s or "-", ",".join(outs)]))
PY
    tail -n 1 "$RESULTS" >&2
  done
done

python3 - "$RESULTS" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
print()
print(f'{"image":<28} {"MB":>6} {"memory":>6} {"peak RSS":>9} {"of mem":>6} {"cold ms":>8} {"warm ms":>8} {"CPU s":>6}  outcome (cold,warm)')
for r in rows:
    rss = int(r["peak_rss_kb"]) / 1024 if r["peak_rss_kb"] not in ("-", "") else None
    pct = f'{100 * rss / int(r["memory_mb"]):.0f}%' if rss else "-"
    print(f'{r["image"]:<28} {int(r["bytes"]) / 1048576:6.1f} {r["memory_mb"]:>6} {(f"{rss:.0f} MB" if rss else "-"):>9} {pct:>6} '
          f'{r["cold_ms"]:>8} {r["warm_ms"]:>8} {r["cpu_s"]:>6}  {r["outcome"]}')
print()
print("CPU:", ", ".join(sorted({r["memory_mb"] + " MB: " + r["cpu"] for r in rows}, key=lambda s: int(s.split()[0]))))
PY
echo "raw reports and logs: $OUT" >&2
