#!/usr/bin/env bash
# Builds a benchmark corpus of real photographs from Debian's wallpaper packages (nothing is
# committed: images are large). Needs apt (root) and, for the derived files, python3 with Pillow
# (apt-get install -y python3-pil).
#
#   bench/fetch-corpus.sh [DIR]     (default: target/bench-corpus)
#
# DIR/photos   the packages' JPEGs (1.5-20 MP; 19 of 40 progressive, mostly camera photos from the
#              lomiri packages) and PNGs (RGB, RGBA, LA)
# DIR/derived  made from them with Pillow: 24 MP baseline and progressive JPEGs, a 15 MP CMYK JPEG,
#              and a 15 MP YCCK JPEG (encoded by the bundled libturbojpeg, which writes CMYK as YCCK)
# DIR/baseline baseline copies of the progressive photos (jpegtran, lossless; needs libjpeg-turbo-progs)
set -euo pipefail

dir="${1:-target/bench-corpus}"
# lomiri-wallpapers-*: photographs, most of them progressive JPEGs as cameras and web tools write
# them (the progressive-JPEG fast path needs real ones, not only re-encodes).
packages=(mate-backgrounds gnome-backgrounds ukui-wallpapers lomiri-wallpapers-16.04 lomiri-wallpapers-20.04)
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

mkdir -p "$dir/photos" "$dir/derived"
(cd "$work" && apt-get download "${packages[@]}" >/dev/null)
for deb in "$work"/*.deb; do dpkg-deb -x "$deb" "$work/x"; done
find "$work/x" -type f \( -iname '*.jpg' -o -iname '*.jpeg' -o -iname '*.png' \) -size +60k \
  -exec cp -n {} "$dir/photos/" \;

python=""
for p in python3 /usr/bin/python3; do
  if "$p" -c 'import PIL' 2>/dev/null; then python="$p"; break; fi
done
if [ -z "$python" ]; then
  echo "no python3 with Pillow: skipped the derived 24 MP and CMYK files" >&2
else
  lib="$(cd "$(dirname "$0")/.." && pwd)/function/src/main/resources/io/thumbctl/image/native/linux-$(uname -m)/libturbojpeg.so"
  "$python" - "$dir/photos/Elephants_5640x3172.jpg" "$dir/photos/rhythm.jpg" "$dir/derived" "$lib" <<'PY'
import ctypes
import os
import sys
from PIL import Image
big, other, out, lib = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
im = Image.open(big).convert("RGB").resize((6000, 4000), Image.LANCZOS)
im.save(out + "/photo-24mp-baseline.jpg", quality=90)
im.save(out + "/photo-24mp-progressive.jpg", quality=90, progressive=True)
im = Image.open(other).convert("RGB").resize((4800, 3200), Image.LANCZOS)
cmyk = im.convert("CMYK")
cmyk.save(out + "/photo-15mp-cmyk.jpg", quality=90)
if os.path.exists(lib):
    tj = ctypes.CDLL(lib)
    tj.tjInitCompress.restype = ctypes.c_void_p
    handle = ctypes.c_void_p(tj.tjInitCompress())
    pixels = cmyk.tobytes()
    buf, size = ctypes.POINTER(ctypes.c_ubyte)(), ctypes.c_ulong(0)
    TJPF_CMYK, TJSAMP_420 = 11, 2
    if tj.tjCompress2(handle, pixels, cmyk.width, 0, cmyk.height, TJPF_CMYK, ctypes.byref(buf), ctypes.byref(size),
                      TJSAMP_420, 90, 0) == 0:
        with open(out + "/photo-15mp-ycck.jpg", "wb") as f:
            f.write(ctypes.string_at(buf, size.value))
    tj.tjFree(buf)
    tj.tjDestroy(handle)
PY
  # Baseline copies of the progressive photos, made losslessly (jpegtran: the same DCT
  # coefficients), so baseline JPEGs of every size are present as well.
  mkdir -p "$dir/baseline"
  if command -v jpegtran >/dev/null; then
    "$python" - "$dir/photos" <<'PY' | while read -r name; do
import glob, os, sys
from PIL import Image
for path in sorted(glob.glob(os.path.join(sys.argv[1], "*.jpg"))):
    with Image.open(path) as im:
        if im.info.get("progressive") or im.info.get("progression"):
            print(os.path.basename(path))
PY
      jpegtran -copy all -optimize -outfile "$dir/baseline/${name%.jpg}-baseline.jpg" "$dir/photos/$name"
    done
  else
    echo "no jpegtran (apt-get install libjpeg-turbo-progs): skipped the baseline copies" >&2
  fi
fi
ls -la "$dir"/photos "$dir"/derived "$dir"/baseline | awk '{print $5, $9}'
