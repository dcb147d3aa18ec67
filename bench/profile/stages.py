#!/usr/bin/env python3
"""Stages of a warm invocation: the Java function's from async-profiler's wall-clock samples of its
handler thread, the Python handler's (boto3 + Pillow, as AWS's tutorial) timed in-process the same
number of times. Run by run.sh, which starts the S3 server and the function; see there for usage."""
import argparse, glob, io, json, statistics, sys, time
from pathlib import Path

import boto3
from botocore.config import Config
from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "coldstart"))
from prepare import event  # noqa: E402

BUCKET = "photos"
# First match wins; each pattern is a substring of a frame in the collapsed stack.
JAVA_STAGES = [
    ("render: decode (libjpeg-turbo)", ("tjDecompress", "TurboJpegDecoder")),
    ("render: metadata (orientation, ICC)", ("SourceMetadata", "com/drew/")),
    ("render: encode", ("ImageEncoder",)),
    ("render: other (hand-off, resize, copies)", ("io/thumbctl/image/",)),
    ("GET (SDK, TLS)", ("S3ObjectStore.get", "S3ObjectStore.read")),
    ("PUT (SDK, TLS)", ("S3ObjectStore.put",)),
    ("other S3 calls", ("S3ObjectStore",)),
    ("event, outcome log, answer", ("",)),
]


def s3(endpoint):
    return boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1",
                        config=Config(s3={"addressing_style": "path"}))


def keys(n):
    return [f"profile/{i:04d}.jpg" for i in range(n)]


def prepare(args):
    client, body = s3(args.endpoint), Path(args.photo).read_bytes()
    (args.out / "events").mkdir(parents=True, exist_ok=True)
    for i, key in enumerate(keys(args.n)):
        etag = client.put_object(Bucket=BUCKET, Key=key, Body=body)["ETag"].strip('"')
        (args.out / "events" / f"{i:04d}.json").write_text(json.dumps(event(BUCKET, key, len(body), etag)))


def java_stages(out, warm_from):
    durations = [i["duration_ms"] for i in json.loads((out / "report.json").read_text())["invocations"]]
    median = statistics.median(durations[warm_from:])
    counts = {name: 0 for name, _ in JAVA_STAGES}
    runtime = 0
    for path in glob.glob(str(out / "wall-*.collapsed")):
        for line in Path(path).read_text().splitlines():
            stack, _, n = line.rpartition(" ")
            frames = stack.split(";")
            if "ThumbnailHandler.handleRequest" in stack:
                for name, patterns in JAVA_STAGES:
                    if any(p in f for f in frames for p in patterns):
                        counts[name] += int(n)
                        break
            elif "postInvocationResponse" in stack:
                runtime += int(n)  # the runtime client posting the answer (waiting for the next event is not counted)
    total = sum(counts.values()) + runtime
    rows = [(name, c / total) for name, c in counts.items()] + [("runtime client: posting the answer", runtime / total)]
    return median, [(name, share, share * median) for name, share in rows]


def python_stages(endpoint, n):
    client = s3(endpoint)
    times = {"GET": [], "decode + resize": [], "encode": [], "PUT": []}
    for key in keys(n):
        t0 = time.perf_counter()
        body = client.get_object(Bucket=BUCKET, Key=key)["Body"].read()
        t1 = time.perf_counter()
        image = Image.open(io.BytesIO(body))
        kind = image.format
        image.thumbnail((128, 128))
        t2 = time.perf_counter()
        out = io.BytesIO()
        image.save(out, kind)
        t3 = time.perf_counter()
        client.put_object(Bucket=BUCKET, Key="python-thumbnails/" + key, Body=out.getvalue(), ContentType=Image.MIME[kind])
        t4 = time.perf_counter()
        for name, a, b in (("GET", t0, t1), ("decode + resize", t1, t2), ("encode", t2, t3), ("PUT", t3, t4)):
            times[name].append((b - a) * 1000)
    return {name: statistics.median(v[n // 4:]) for name, v in times.items()}


def report(args):
    median, rows = java_stages(args.out, args.n // 4)
    print(f"Java: median invocation {median:.1f} ms (Lambda's Duration, warm: invocations {args.n // 4 + 1}-{args.n})")
    for name, share, ms in rows:
        print(f"  {name:42s} {share * 100:5.1f}%  {ms:6.1f} ms")
    py = python_stages(args.endpoint, args.n)
    print(f"Python (same photo, same S3, in-process, medians): total {sum(py.values()):.1f} ms")
    for name, ms in py.items():
        print(f"  {name:42s}         {ms:6.1f} ms")


def main():
    p = argparse.ArgumentParser()
    p.add_argument("command", choices=["prepare", "report"])
    p.add_argument("--endpoint", required=True)
    p.add_argument("--photo", required=True)
    p.add_argument("-n", type=int, default=400)
    p.add_argument("--out", required=True, type=Path)
    args = p.parse_args()
    (prepare if args.command == "prepare" else report)(args)


if __name__ == "__main__":
    main()
