#!/usr/bin/env python3
"""Medians of the runtime emulator's reports written by run.sh: usage: summarize.py OUT_DIR RUNS"""
import json, os, statistics, sys


def load(out, side, runs):
    reports = []
    for n in range(1, runs + 1):
        with open(os.path.join(out, f"{side}-{n}.report.json")) as f:
            r = json.load(f)
        if r["succeeded"] != 1:
            sys.exit(f"{side} start {n} did not succeed: {r['invocations']}")
        reports.append(r)
    return reports


def row(name, reports):
    init = [r["init_ms"] for r in reports]
    invoke = [r["invocations"][0]["duration_ms"] for r in reports]
    first = [r["first_response_wall_ms"] for r in reports]
    med = statistics.median
    print(f"{name:<8} init {med(init):7.0f} ms   first invoke {med(invoke):7.0f} ms   "
          f"first thumbnail {med(first):7.0f} ms   (min..max {min(first):.0f}..{max(first):.0f})")
    return med(first), med(init)


def main():
    out, runs = sys.argv[1], int(sys.argv[2])
    java = load(out, "java", runs)
    python = load(out, "python", runs)
    print(f"medians over {runs} fresh starts each, 4 MP JPEG -> 128x128 thumbnail "
          f"(first thumbnail = process start to the answer, as Lambda's init + duration)")
    primed = load(out, "primed", runs)
    java_first, java_init = row("java", java)
    python_first, _ = row("python", python)
    row("primed", primed)
    primed_invoke = statistics.median(r["invocations"][0]["duration_ms"] for r in primed)
    print(f"java/python first thumbnail: {java_first / python_first:.2f}x (target <= 3x); "
          f"java init {java_init:.0f} ms")
    print(f"primed = init also runs the SnapStart hooks; its first invoke ({primed_invoke:.0f} ms) is what a "
          f"restored environment's first invoke costs, plus the restore itself (not reproducible here): "
          f"{primed_invoke / python_first:.2f}x python's first thumbnail (target <= 0.25x)")
    sides = [("java", java), ("primed", primed)]
    if os.path.exists(os.path.join(out, "baseline-1.report.json")):
        baseline = load(out, "baseline", runs)
        baseline_first, baseline_init = row("baseline", baseline)
        print(f"java/baseline (interleaved, same load): first thumbnail {java_first / baseline_first:.3f}x, "
              f"init {java_init / baseline_init:.3f}x")
        sides.append(("baseline", baseline))
    for side, reports in sides:
        created = [r["invocations"][0].get("response_json", {}).get("outcomes", [{}])[0].get("outcome")
                   for r in reports]
        if any(o != "created" for o in created):
            sys.exit(f"{side} outcomes were {created}, expected created every time")


if __name__ == "__main__":
    main()
