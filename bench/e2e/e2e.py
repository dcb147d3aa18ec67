#!/usr/bin/env python3
"""End-to-end, warm: the function jar under AWS's Lambda Java runtime client and the boto3 +
Pillow handler, both long-lived, against one local S3-compatible server, on a corpus of images.
Started by run.sh, which builds the jar and starts the S3 server; see there for usage.

How the two are kept side by side: each runtime gets its own Runtime API emulator
(../shared/lambda-runtime/runtime_api.py, unchanged), whose event "files" are named pipes. The
emulator opens the next pipe only when its runtime asks for the next event, that is once the
previous answer is posted; this driver holds the write end until it is that runtime's turn. So
exactly one runtime works at a time, Java and Python alternate image by image (which one goes
first alternates by round), and both see the same machine load. The emulators time each
invocation as Lambda's "Duration": from the event handed out to the answer posted.

Between two invocations (untimed, both runtimes idle) the driver checks that the thumbnail was
written and deletes it, so the next round makes it again instead of finding it up to date. With
renditions (a side's THUMBNAIL_RENDITIONS) it lists the side's prefix, checks that exactly the keys
the function's naming rules give are there (each rendition and the manifest), and deletes them.

--vips LABEL=SIZE:OUT times `vips thumbnail IMAGE OUT SIZE` (OUT a suffix with options, e.g.
'.avif[Q=60]') as a separate local process, no S3: the wall time of the command, once per image
per round, while both runtimes are idle. --ratio NAME=A/B+C prints, per image, the median of A over
the sum of the medians of B and C (side names or vips labels).
"""
import argparse, atexit, fcntl, json, math, os, statistics, struct, subprocess, sys, tempfile, time
from pathlib import Path

import boto3
from botocore.config import Config
from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "coldstart"))
from prepare import event  # noqa: E402  the S3 notification the cold-start benchmark sends too

HANDLER = "io.thumbctl.function.ThumbnailHandler::handleRequest"
GROUPS = ("jpeg-baseline", "jpeg-progressive", "png", "jpeg-cmyk", "heic", "avif")
HEIF_SUFFIXES = {".heic": "heic", ".heif": "heic", ".avif": "avif"}


def heif_megapixels(path):
    """The largest 'ispe' (image spatial extent) box in the file: the image's (or grid's) size.
    Pillow cannot open HEIF, and this needs nothing installed."""
    data = path.read_bytes()[:1 << 20]
    best, at = 0, data.find(b"ispe")
    while at >= 0:
        width, height = struct.unpack(">II", data[at + 8:at + 16])  # after the box's version and flags
        best, at = max(best, width * height), data.find(b"ispe", at + 4)
    return best / 1e6


def group_of(path):
    with Image.open(path) as im:
        if im.format == "PNG":
            return "png"
        if im.format != "JPEG":
            return None
        if im.mode == "CMYK":
            return "jpeg-cmyk"
        return "jpeg-progressive" if im.info.get("progressive") or im.info.get("progression") else "jpeg-baseline"


def corpus(root, only):
    images = []
    for path in sorted(Path(root).rglob("*")):
        suffix = path.suffix.lower()
        if not path.is_file() or suffix not in (".jpg", ".jpeg", ".png", *HEIF_SUFFIXES):
            continue
        name = str(path.relative_to(root))
        if only and not any(o in name for o in only):
            continue
        if suffix in HEIF_SUFFIXES:
            images.append({"name": name, "path": path, "group": HEIF_SUFFIXES[suffix], "mp": heif_megapixels(path),
                           "bytes": path.stat().st_size})
            continue
        group = group_of(path)
        if group:
            with Image.open(path) as im:
                mp = im.size[0] * im.size[1] / 1e6
            images.append({"name": name, "path": path, "group": group, "mp": mp, "bytes": path.stat().st_size})
    return images


OWN_FORMAT = {".jpg": "jpeg", ".jpeg": "jpeg", ".png": "png", ".gif": "gif", ".webp": "webp", ".avif": "avif"}
EXTENSION = {"jpeg": ".jpg", "png": ".png", "gif": ".gif", "webp": ".webp", "avif": ".avif"}


def expected_keys(prefix, key, renditions, manifest=True):
    """The keys one upload gives, by docs/function.md's rules ("The thumbnail", "Renditions"), for
    sources without alpha: KEY (HEIC/HEIF/AVIF: KEY.jpg) without renditions; with them each
    PREFIX/NAME/KEY, plus the format's extension unless it is the source's own, and the manifest."""
    suffix = os.path.splitext(key)[1].lower()
    if not renditions:
        return {prefix + key + (".jpg" if suffix in HEIF_SUFFIXES else "")}
    own = OWN_FORMAT.get(suffix)
    keys = {prefix + "_manifest/" + key + ".json"} if manifest else set()
    for item in renditions.split(","):
        name, _box, *options = item.split(":")
        fmt = next((o for o in options if o in ("same", *EXTENSION)), "same")
        fmt = (own or "jpeg") if fmt == "same" else fmt
        keys.add(prefix + name + "/" + key + ("" if fmt == own else EXTENSION[fmt]))
    return keys


class Side:
    """One long-lived runtime with its emulator; events are handed over through named pipes."""

    def __init__(self, name, kind, prefix, out):
        self.name, self.kind, self.prefix, self.out = name, kind, prefix, out
        self.fifos, self.work = [], []       # per invocation: pipe path, (round, image)
        self.next = 0                        # index of the next event to hand over
        self.fd = None                       # write end of pipe `next`, held once the runtime asks for it
        self.done_before = None              # (round, image) of the invocation that just finished
        self.procs = []
        self.helper = None                   # the Python handler process (the Java side's JVM is run-lambda.sh's)
        self.memory = None                   # MB: the heap (Java), the cost, the CPU share with --cpu-share
        self.cpu = None                      # CpuShare with --cpu-share
        self.renditions = None               # THUMBNAIL_RENDITIONS as this side gets it; None: one thumbnail
        self.manifest = True                 # THUMBNAIL_MANIFEST (Java sides with renditions)
        self.report = out / f"{name}.report.json"
        self.log = out / f"{name}.log"

    def plan(self, rnd, image):
        path = self.out / "pipes" / f"{self.name}-{len(self.fifos):05d}"
        os.mkfifo(path)
        self.fifos.append(path)
        self.work.append((rnd, image))

    def alive(self):
        return all(p.poll() is None for p in self.procs + ([self.helper] if self.helper else []))

    def wait_idle(self, on_finished):
        """Blocks until the runtime has answered everything handed to it so far."""
        if self.fd is not None or self.next == 0 and not self.fifos:
            return
        if self.next == len(self.fifos):     # all handed over: the emulator exits after the last answer
            for p in self.procs:
                p.wait()
            if self.next and self.done_before is None:
                self.done_before = self.work[self.next - 1]
                on_finished(self, *self.done_before)
            return
        while True:
            try:
                fd = os.open(self.fifos[self.next], os.O_WRONLY | os.O_NONBLOCK)
                break
            except OSError:                  # ENXIO: the emulator has not asked for it yet
                if not self.alive():
                    sys.exit(f"{self.name}: the runtime or its emulator ended early, see {self.log}")
                time.sleep(0.002)
        fcntl.fcntl(fd, fcntl.F_SETFL, fcntl.fcntl(fd, fcntl.F_GETFL) & ~os.O_NONBLOCK)
        self.fd = fd
        if self.next:
            on_finished(self, *self.work[self.next - 1])

    def hand(self, payload):
        os.write(self.fd, payload)
        os.close(self.fd)
        self.fd = None
        self.next += 1


class CpuShare:
    """A cgroup whose CPU quota is the share Lambda gives a memory size (1 vCPU per 1,769 MB), so a
    side runs as slowly as it would on Lambda at its memory. Needs root and a cgroup cpu controller.

    The quota is enforced per 10 ms period: with the usual 100 ms, an invocation shorter than its
    quota (a 30 ms thumbnail at 58% of a CPU) would run at full speed, and only the longer ones
    would be slowed, which would favour whichever side is faster on small images."""

    PERIOD_US = 10000

    def __init__(self, name, memory_mb):
        quota = min(self.PERIOD_US, memory_mb * self.PERIOD_US // 1769)
        v2 = Path("/sys/fs/cgroup")
        if "cpu" in ((v2 / "cgroup.controllers").read_text().split() if (v2 / "cgroup.controllers").exists() else []):
            self.path = v2 / f"thumbctl-e2e-{os.getpid()}-{name}"
            self.path.mkdir()
            (self.path / "cpu.max").write_text(f"{quota} {self.PERIOD_US}")
        elif (v2 / "cpu").is_dir():
            self.path = v2 / "cpu" / f"thumbctl-e2e-{os.getpid()}-{name}"
            self.path.mkdir()
            (self.path / "cpu.cfs_period_us").write_text(str(self.PERIOD_US))
            (self.path / "cpu.cfs_quota_us").write_text(str(quota))
        else:
            sys.exit("--cpu-share needs a cgroup cpu controller (v2 cpu.max or v1 cpu) and root")
        self.describe = f"{100 * quota / self.PERIOD_US:.1f}% of one CPU per {self.PERIOD_US // 1000} ms"

    def enter(self):
        """Run in the child before exec: it and everything it starts get the quota."""
        (self.path / "cgroup.procs").write_text(str(os.getpid()))

    def remove(self):
        try:
            self.path.rmdir()
        except OSError:
            pass


def popen(side, cmd, **kw):
    return subprocess.Popen(cmd, preexec_fn=side.cpu.enter if side.cpu else None, **kw)


def start_java(side, args, env):
    cmd = [str(args.lambda_runtime / "run-lambda.sh"), "-o", str(side.report), "--timeout", "86400",
           "--function-timeout", "120", args.jar_for[side.name], HANDLER] + [str(f) for f in side.fifos]
    side.procs.append(popen(side, cmd, env=env, stdout=open(side.log, "w"), stderr=subprocess.STDOUT))


def start_python(side, args, env):
    work = side.out / "python-runtime"
    work.mkdir()
    api = popen(side, [args.python, str(args.lambda_runtime / "runtime_api.py"), "--port-file", str(work / "port"),
                            "--runtime-pid-file", str(work / "pid"), "--report", str(side.report),
                            "--timeout", "86400", "--function-timeout", "120"] + [str(f) for f in side.fifos],
                           stdout=open(side.log, "w"), stderr=subprocess.STDOUT)
    while not (work / "port").exists():
        if api.poll() is not None:
            sys.exit(f"python emulator ended early, see {side.log}")
        time.sleep(0.01)
    env = dict(env, AWS_LAMBDA_RUNTIME_API="127.0.0.1:" + (work / "port").read_text(),
               BENCH_S3_ENDPOINT=args.endpoint, THUMBNAIL_PREFIX=side.prefix)
    if side.renditions:
        env["THUMBNAIL_RENDITIONS"] = side.renditions
    py = popen(side, [args.python, str(args.python_handler)],
                          env=env, stdout=open(side.out / "python-function.log", "w"), stderr=subprocess.STDOUT)
    (work / "pid").write_text(str(py.pid))
    side.procs = [api]  # the emulator SIGKILLs the handler process once done, as Lambda ends a sandbox
    side.helper = py


def billed_gb_s_per_1000(durations, memory_mb):
    """Lambda bills each invocation's duration rounded up to the millisecond, times the memory."""
    billed = statistics.mean(math.ceil(d) for d in durations) / 1000
    return billed * 1000 * memory_mb / 1024


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--endpoint", required=True)
    p.add_argument("--bucket", required=True)
    p.add_argument("--corpus", required=True, type=Path)
    p.add_argument("--out", required=True, type=Path)
    p.add_argument("--lambda-runtime", required=True, type=Path)
    p.add_argument("--java", action="append", default=[], metavar="NAME=JAR",
                   help="a Java side (repeatable: A/B runs of two jars or two JAVA_TOOL_OPTIONS)")
    p.add_argument("--env", action="append", default=[], metavar="NAME:KEY=VALUE",
                   help="environment for one Java side only")
    p.add_argument("--no-python", action="store_true")
    p.add_argument("--python-handler", type=Path,
                   default=Path(__file__).resolve().parent.parent / "coldstart" / "python_function.py",
                   help="the Python side's handler (default: the tutorial's, one thumbnail)")
    p.add_argument("--python-renditions", metavar="SPEC",
                   help="THUMBNAIL_RENDITIONS for the Python side (a handler that reads it)")
    p.add_argument("--vips", action="append", default=[], metavar="LABEL=SIZE:OUT",
                   help="also time `vips thumbnail IMAGE OUT SIZE` per image, a local process (no S3)")
    p.add_argument("--ratio", action="append", default=[], metavar="NAME=A/B+C",
                   help="print per image the median of A over the sum of those of B, C (sides or vips labels)")
    p.add_argument("--python", default="/usr/bin/python3")
    p.add_argument("--rounds", type=int, default=5)
    p.add_argument("--warmup", type=int, default=2)
    p.add_argument("--only", action="append", default=[], help="only images whose path contains this")
    p.add_argument("--memory", type=int, default=int(os.environ.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024")),
                   help="the Java side's memory size (default: the template's, 1024)")
    p.add_argument("--python-memory", type=int, default=512, help="the Python side's memory size")
    p.add_argument("--cpu-share", action="store_true",
                   help="limit each side to the CPU share Lambda gives its memory size (root, cgroups)")
    args = p.parse_args()

    images = corpus(args.corpus, args.only)
    if not images:
        sys.exit(f"no JPEG or PNG images under {args.corpus} (run bench/fetch-corpus.sh)")
    s3 = boto3.client("s3", endpoint_url=args.endpoint, region_name="us-east-1",
                      config=Config(s3={"addressing_style": "path"}))
    for im in images:
        im["key"] = "e2e/" + im["name"]
        body = im["path"].read_bytes()
        im["etag"] = s3.put_object(Bucket=args.bucket, Key=im["key"], Body=body)["ETag"].strip('"')
        im["payload"] = json.dumps(event(args.bucket, im["key"], len(body), im["etag"])).encode()

    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "pipes").mkdir()
    args.jar_for = {}
    sides = []
    for spec in args.java or ["java=" + os.environ["BENCH_JAR"]]:
        name, jar = spec.split("=", 1)
        args.jar_for[name] = jar
        sides.append(Side(name, "java", "thumbnails/", args.out))
    if not args.no_python:
        sides.append(Side("python", "python", "python-thumbnails/", args.out))
        sides[-1].renditions, sides[-1].manifest = args.python_renditions, False  # it writes no manifest
    for side in sides:
        if side.kind == "java":
            side_env = dict(os.environ, **dict(e.split(":", 1)[1].split("=", 1) for e in args.env
                                                 if e.split(":", 1)[0] == side.name))
            side.renditions = side_env.get("THUMBNAIL_RENDITIONS") or None
            side.manifest = side_env.get("THUMBNAIL_MANIFEST", "true").lower() != "false"
    vips = []                                 # (label, size, out suffix with options)
    for spec in args.vips:
        label, rest = spec.split("=", 1)
        size, out = rest.split(":", 1)
        vips.append((label, size, out))
    vips_times = {label: {im["name"]: [] for im in images} for label, _, _ in vips}
    vips_dir = Path(tempfile.mkdtemp(prefix="vips-", dir=args.out))
    total_rounds = args.warmup + args.rounds
    order = []
    for rnd in range(total_rounds):
        turn = sides[rnd % len(sides):] + sides[:rnd % len(sides)]  # who goes first rotates by round
        for im in images:
            for side in turn:
                side.plan(rnd, im)
                order.append((side, rnd, im))

    missing = []

    def on_finished(side, rnd, im):
        want = expected_keys(side.prefix, im["key"], side.renditions, side.manifest)
        if len(want) == 1:
            key = next(iter(want))
            try:
                s3.head_object(Bucket=args.bucket, Key=key)
                s3.delete_object(Bucket=args.bucket, Key=key)
            except s3.exceptions.ClientError:
                missing.append(f"{side.name} round {rnd + 1}: no {key} for {im['name']}")
            return
        found = {o["Key"] for page in s3.get_paginator("list_objects_v2").paginate(Bucket=args.bucket, Prefix=side.prefix)
                 for o in page.get("Contents", [])}
        if found != want:
            missing.append(f"{side.name} round {rnd + 1} {im['name']}: missing {sorted(want - found)}, "
                           f"unexpected {sorted(found - want)}")
        for key in found:
            s3.delete_object(Bucket=args.bucket, Key=key)

    def time_vips():
        """Once per image, all runtimes idle: `vips thumbnail` as a separate process, wall time."""
        for im in images:
            for label, size, out in vips:
                target = vips_dir / ("out" + out)
                started = time.perf_counter()
                subprocess.run(["vips", "thumbnail", str(im["path"]), str(target), size], check=True,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                vips_times[label][im["name"]].append((time.perf_counter() - started) * 1000)

    base_env = dict(os.environ, AWS_SERVICES_S3_ENDPOINT_OVERRIDE=args.endpoint,
                    AWS_S3_PATH_STYLE_ACCESS_ENABLED="true")
    for side in sides:
        side.memory = args.python_memory if side.kind == "python" else args.memory
        if args.cpu_share:
            side.cpu = CpuShare(side.name, side.memory)
            atexit.register(side.cpu.remove)  # also when the run stops early; empty by then
        env = dict(base_env, AWS_LAMBDA_FUNCTION_MEMORY_SIZE=str(side.memory))
        for e in args.env:
            name, kv = e.split(":", 1)
            if name == side.name:
                k, v = kv.split("=", 1)
                # JVM flags add to the run's own (the trust store of the HTTPS test server)
                env[k] = env[k] + " " + v if k == "JAVA_TOOL_OPTIONS" and env.get(k) else v
        (start_java if side.kind == "java" else start_python)(side, args, env)

    started = time.time()
    for n, (side, rnd, im) in enumerate(order):
        for other in sides:
            other.wait_idle(on_finished)
        side.hand(im["payload"])
        if n % (len(images) * len(sides)) == len(images) * len(sides) - 1:
            if vips:
                for other in sides:
                    other.wait_idle(on_finished)
                time_vips()
            print(f"round {rnd + 1}/{total_rounds} done{' (warm-up)' if rnd < args.warmup else ''}, "
                  f"{time.time() - started:.0f} s", file=sys.stderr, flush=True)
    for side in sides:
        side.wait_idle(on_finished)

    if vips:
        (args.out / "vips.json").write_text(json.dumps(vips_times, indent=1))  # every run, warm-up included
    summarize(args, images, sides, missing, {label: {name: ts[args.warmup:] for name, ts in per.items()}
                                             for label, per in vips_times.items()})


def summarize(args, images, sides, missing, vips_times):
    med = statistics.median
    times = {s.name: {im["name"]: [] for im in images} for s in sides}
    sizes = {}                                # (side, image, rendition) -> bytes written, from the answers
    failures = list(missing)
    for side in sides:
        report = json.loads(side.report.read_text())
        if report.get("init_error"):
            sys.exit(f"{side.name}: init failed: {report['init_error']}")
        for (rnd, im), inv in zip(side.work, report["invocations"]):
            if inv["status"] != "success":
                failures.append(f"{side.name} round {rnd + 1} {im['name']}: {inv.get('error_type')} {inv.get('error')}")
                continue
            if side.kind == "java":
                outcome = inv.get("response_json", {}).get("outcomes", [{}])[0]
                if outcome.get("outcome") != "created" or any(
                        r.get("outcome") != "created" for r in outcome.get("renditions", [])):
                    failures.append(f"{side.name} round {rnd + 1} {im['name']}: {outcome}")
                for r in outcome.get("renditions", []):
                    sizes[side.name, im["name"], r["name"]] = (r.get("size"), r.get("bytes"))
            if rnd >= args.warmup:
                times[side.name][im["name"]].append(inv["duration_ms"])

    scheme = args.endpoint.split(":", 1)[0]
    print(f"S3 over {'HTTPS' if scheme == 'https' else 'plain HTTP'}; Java side {os.environ.get('LAMBDA_RUNTIME', 'java17')}, "
          f"{os.environ.get('LAMBDA_INIT_TYPE', 'on-demand')} init")
    names = [s.name for s in sides]
    ref = "python" if "python" in names else None
    others = [n for n in names if n != ref]
    print(f"\nthumbctl end-to-end benchmark: {len(images)} images, {args.warmup} warm-up + {args.rounds} timed rounds, "
          f"one long-lived runtime per side; Lambda 'Duration' per invocation, median per image")
    for s in sides:
        print(f"  {s.name}: {s.memory} MB, " + (f"CPU limited to {s.cpu.describe}" if s.cpu else "CPU not limited")
              + (f", renditions {s.renditions}" if s.renditions else ""))
    head = f"{'image':<48} {'group':<16} {'MP':>5} {'KB':>6}" + "".join(f" {n + ' ms':>10}" for n in names)
    if ref:
        head += "".join(f" {n + '/py':>9}" for n in others)
    print(head)
    per_image = {n: {} for n in names}
    ordered = sorted(images, key=lambda i: (GROUPS.index(i["group"]), i["name"]))
    for im in ordered:
        row = f"{im['name']:<48} {im['group']:<16} {im['mp']:5.1f} {im['bytes'] // 1024:6d}"
        for n in names:
            t = times[n][im["name"]]
            per_image[n][im["name"]] = med(t) if t else float("nan")
            row += f" {per_image[n][im['name']]:10.1f}"
        if ref:
            row += "".join(f" {per_image[n][im['name']] / per_image[ref][im['name']]:8.2f}x" for n in others)
        print(row)

    print("\nmedian per group (of the per-image medians):")
    for group in GROUPS + ("all",):
        members = [im["name"] for im in images if group in ("all", im["group"])]
        if not members:
            continue
        line = f"  {group:<17} ({len(members):2d})"
        for n in names:
            line += f"  {n} {med(per_image[n][m] for m in members):7.1f} ms"
        if ref:
            for n in others:
                ratio = med(per_image[n][m] for m in members) / med(per_image[ref][m] for m in members)
                ratios = med(per_image[n][m] / per_image[ref][m] for m in members)
                line += f"  {n}/{ref} {ratio:.2f}x (median of per-image ratios {ratios:.2f}x)"
        print(line)

    if vips_times:
        print("\nvips thumbnail, a separate local process, no S3: wall time of the command (process start, "
              "read, decode, resize, encode, write a local file), median per image of one run per timed round")
        for label, size, out in (v.split("=", 1)[:1] + v.split("=", 1)[1].split(":", 1) for v in args.vips):
            print(f"  {label}: vips thumbnail IMAGE out{out} {size}")
        print(f"{'image':<48}" + "".join(f" {'vips:' + label + ' ms':>18}" for label in vips_times))
        for im in ordered:
            row = f"{im['name']:<48}"
            for label, per in vips_times.items():
                per_image.setdefault(label, {})[im["name"]] = med(per[im["name"]]) if per[im["name"]] else float("nan")
                row += f" {per_image[label][im['name']]:18.1f}"
            print(row)
    if args.ratio:
        print("\nratios, per image, of the medians above (A/B+C: A over the sum of B and C):")
        print(f"{'image':<48}" + "".join(f" {r.split('=', 1)[0] + ' ' + r.split('=', 1)[1]:>34}" for r in args.ratio))
        for im in ordered:
            row = f"{im['name']:<48}"
            for r in args.ratio:
                num, den = r.split("=", 1)[1].split("/", 1)
                if not all(n in per_image for n in [num, *den.split("+")]):
                    row += f" {'(no such side or vips label)':>34}"
                    continue
                row += f" {per_image[num][im['name']] / sum(per_image[d][im['name']] for d in den.split('+')):33.2f}x"
            print(row)
    if sizes:
        print("\nrenditions written (from the answers): size and bytes")
        for (side, image, rendition), (size, nbytes) in sorted(sizes.items()):
            print(f"  {side:<10} {image:<40} {rendition:<10} {size or '':>10} {nbytes:>9,d} bytes")

    unit = "uploads" if any(s.renditions for s in sides) else "thumbnails"
    print(f"\ncost: GB-seconds per 1,000 {unit}, each side at its memory size (mean billed duration over the "
          "timed invocations, each rounded up to 1 ms; the corpus mix)")
    for side in sides:
        n = side.name
        all_times = [t for ts in times[n].values() for t in ts]
        line = f"  {n:<10} {side.memory:5d} MB {billed_gb_s_per_1000(all_times, side.memory):8.2f} GB-s"
        for group in GROUPS:
            g = [t for im in images if im["group"] == group for t in times[n][im["name"]]]
            if g:
                line += f"   {group} {billed_gb_s_per_1000(g, side.memory):.2f}"
        print(line)
    if not any(s.cpu for s in sides):
        print("  (CPU not limited: on Lambda a side gets 1 vCPU per 1,769 MB, so compare costs with --cpu-share)")
    print(f"\nfailures: {len(failures)}")
    for f in failures[:20]:
        print("  " + f)
    print(f"raw reports and logs: {args.out}")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
