"""Pillow's side of thumbctl's image benchmark, driven by io.thumbctl.image.bench.ImageBench.

Does what the usual Python thumbnail Lambda does, on bytes already in memory: Image.open,
Image.thumbnail((w, h)), save in the same format (JPEG at the given quality; others as PNG).
Reads one file path per line on stdin and answers one line: the milliseconds, or -1 if Pillow
cannot read the file. The Java side asks image by image, between its own runs, so both see the
same machine load.
"""
import io
import sys
import time

from PIL import Image


def render(data, box, quality):
    with Image.open(io.BytesIO(data)) as im:
        fmt = im.format if im.format in ("JPEG", "PNG", "GIF") else "PNG"
        im.thumbnail(box)
        if fmt == "JPEG" and im.mode not in ("RGB", "L"):
            im = im.convert("RGB")
        out = io.BytesIO()
        if fmt == "JPEG":
            im.save(out, fmt, quality=quality)
        else:
            im.save(out, fmt)
        return out.getvalue()


def main():
    box = (int(sys.argv[1]), int(sys.argv[2]))
    quality = int(sys.argv[3])
    for line in sys.stdin:
        path = line.rstrip("\n")
        with open(path, "rb") as f:
            data = f.read()
        start = time.perf_counter()
        try:
            render(data, box, quality)
            ms = (time.perf_counter() - start) * 1000.0
        except Exception:  # a file Pillow cannot read is reported, not fatal
            ms = -1.0
        print("%.3f" % ms, flush=True)


if __name__ == "__main__":
    main()
