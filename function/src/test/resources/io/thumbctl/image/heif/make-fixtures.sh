#!/usr/bin/env bash
# Makes the HEIC/HEIF/AVIF (and Ultra HDR / Display P3 JPEG) test files in this folder; commit
# its outputs. Needs Debian bookworm's heif-enc (libheif-examples), avifenc (libavif-bin),
# python3-pil and liblcms2-2: apt-get install libheif-examples libavif-bin python3-pil liblcms2-2
#
# Every picture has a recognisable layout, so that a test can tell orientation and tile placement:
# the "quadrants" picture (96x64) is red top left, green top right, blue bottom left, white
# bottom right. Reference PNGs (*.png) are what a correct decode shows, upright and in the
# source's own colour values (tests convert where the fixture is not sRGB).
#
#   plain.heic         quadrants, HEVC 4:2:0 lossy
#   irot.heic          coded as the quadrants turned a quarter left (64x96), with irot (rotate
#                      90 clockwise) and an EXIF orientation of 6 that says the same: shown once
#                      turned, as quadrants.png
#   imir.heic          coded mirrored left-right, with imir: shown as quadrants.png
#   exif6.heic         quadrants coded upright, no irot, but an EXIF orientation of 6: shown as coded
#   grid.heic          128x128 as a 2x2 grid of 64x64 HEVC tiles (grid-reference.png)
#   p3-nclx.heic       lossless RGB with nclx primaries 12 (Display P3), transfer 13 (sRGB):
#                      the colour values of p3-colours.png
#   p3-nclx.avif       the same in AV1
#   p3-icc.heic        the same values with a Display P3 ICC profile (display-p3.icc) instead
#   deep10.heic        10-bit lossless RGB grey bands (10-bit values 7, 512, 1021, 1023)
#   deep10.avif        the same in AV1
#   deep12.avif        12-bit lossless RGB grey bands (12-bit values 9, 1903, 2048, 4095)
#   deep12.heic        the same in HEVC (x265 12-bit, lossless)
#   gainmap.heic       plain.heic's picture as the primary image, with an auxiliary image as Apple
#                      stores an HDR gain map (auxl reference, auxC type
#                      urn:com:apple:photo:2020:aux:hdrgainmap): a 64x64 magenta picture, item 1,
#                      listed before the primary (item 2) and not hidden; decoders must show the primary
#   alpha.avif         quadrants with a transparent right half (alpha-reference.png)
#   truncated.heic     plain.heic cut in its image data
#   ultrahdr.jpg       quadrants JPEG with an MPF APP2 naming a second, appended image (a 48x32
#                      magenta "gain map"): decoders must show the first
#   p3.jpg             p3-colours.png's values as a JPEG with the Display P3 ICC profile
set -euo pipefail
cd "$(dirname "$0")"
py=/usr/bin/python3
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# --- source pictures, a Display P3 ICC profile (LittleCMS through ctypes), JPEG inputs with EXIF
WORK="$work" "$py" - <<'EOF'
import ctypes, ctypes.util, os
from PIL import Image

work = os.environ["WORK"]

def quadrants(w=96, h=64):
    im = Image.new("RGB", (w, h), (255, 255, 255))
    for box, colour in (((0, 0, w // 2, h // 2), (255, 0, 0)), ((w // 2, 0, w, h // 2), (0, 255, 0)),
                        ((0, h // 2, w // 2, h), (0, 0, 255))):
        im.paste(colour, box)
    return im

q = quadrants()
q.save("quadrants.png")
# EXIF orientation 6 (turn 90 clockwise to view): store the picture turned a quarter left.
exif = Image.Exif()
exif[0x0112] = 6
q.transpose(Image.Transpose.ROTATE_90).save(f"{work}/irot.jpg", quality=95, exif=exif.tobytes())
exif[0x0112] = 2
q.transpose(Image.Transpose.FLIP_LEFT_RIGHT).save(f"{work}/imir.jpg", quality=95, exif=exif.tobytes())
exif[0x0112] = 1
q.save(f"{work}/exif6.jpg", quality=95, exif=exif.tobytes())

g = quadrants(128, 128)
g.paste((255, 255, 0), (56, 56, 72, 72))  # a yellow square across all four tiles
g.save("grid-reference.png")
# 64x64 tiles: x265 codes them at that size (heif-enc wraps other sizes in a 1x1 grid of its own).
for i, (x, y) in enumerate(((0, 0), (64, 0), (0, 64), (64, 64))):
    g.crop((x, y, x + 64, y + 64)).save(f"{work}/tile{i}.png")

# Colours in Display P3 values: a saturated red that sRGB can show, a green, a skin tone, grey.
p3 = Image.new("RGB", (64, 48))
for i, colour in enumerate(((220, 60, 50), (60, 180, 80), (230, 180, 150), (128, 128, 128))):
    p3.paste(colour, (i * 16, 0, i * 16 + 16, 48))
p3.save("p3-colours.png")

# 10-bit grey bands as 16-bit PNG values that come down to exact 10-bit values.
# (Pillow's paste() keeps 8 bits of a value for I;16, so the samples are given as bytes.)
import struct
row = b"".join(struct.pack("<H", round(v10 * 65535 / 1023)) * 16 for v10 in (7, 512, 1021, 1023))
Image.frombytes("I;16", (64, 48), row * 48).save(f"{work}/deep16.png")
row = b"".join(struct.pack("<H", round(v12 * 65535 / 4095)) * 16 for v12 in (9, 1903, 2048, 4095))
Image.frombytes("I;16", (64, 48), row * 48).save(f"{work}/deep16-12.png")

# What a gain map looks like here: nothing like the quadrants (one colour, another size).
# (heif-enc puts a picture narrower or lower than 64 in a grid: 64x64 stays one hvc1 item.)
Image.new("RGB", (64, 64), (255, 0, 255)).save(f"{work}/gainmap.png")

a = quadrants().convert("RGBA")
a.paste((0, 0, 0, 0), (48, 0, 96, 64))
a.save("alpha-reference.png")

# Display P3: the P3 primaries, D65 white, sRGB's tone curve (LittleCMS adapts to D50 itself).
lcms = ctypes.CDLL(ctypes.util.find_library("lcms2") or "liblcms2.so.2")
class xyY(ctypes.Structure):
    _fields_ = [("x", ctypes.c_double), ("y", ctypes.c_double), ("Y", ctypes.c_double)]
lcms.cmsBuildParametricToneCurve.restype = ctypes.c_void_p
lcms.cmsBuildParametricToneCurve.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.POINTER(ctypes.c_double)]
lcms.cmsCreateRGBProfile.restype = ctypes.c_void_p
lcms.cmsCreateRGBProfile.argtypes = [ctypes.POINTER(xyY), ctypes.POINTER(xyY * 3), ctypes.c_void_p * 3]
lcms.cmsMLUalloc.restype = ctypes.c_void_p
lcms.cmsMLUalloc.argtypes = [ctypes.c_void_p, ctypes.c_uint]
lcms.cmsMLUsetASCII.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_char_p, ctypes.c_char_p]
lcms.cmsWriteTag.argtypes = [ctypes.c_void_p, ctypes.c_uint, ctypes.c_void_p]
lcms.cmsSaveProfileToMem.argtypes = [ctypes.c_void_p, ctypes.c_void_p, ctypes.POINTER(ctypes.c_uint)]
srgb_curve = (ctypes.c_double * 5)(2.4, 1 / 1.055, 0.055 / 1.055, 1 / 12.92, 0.04045)
curve = lcms.cmsBuildParametricToneCurve(None, 4, srgb_curve)
white = xyY(0.3127, 0.3290, 1.0)
primaries = (xyY * 3)(xyY(0.680, 0.320, 1.0), xyY(0.265, 0.690, 1.0), xyY(0.150, 0.060, 1.0))
profile = lcms.cmsCreateRGBProfile(ctypes.byref(white), ctypes.byref(primaries), (ctypes.c_void_p * 3)(curve, curve, curve))
for tag, text in ((0x64657363, b"Display P3 (thumbctl test)"), (0x63707274, b"No copyright, use freely")):
    mlu = lcms.cmsMLUalloc(None, 1)
    lcms.cmsMLUsetASCII(mlu, b"en", b"US", text)
    lcms.cmsWriteTag(profile, tag, mlu)
size = ctypes.c_uint(0)
lcms.cmsSaveProfileToMem(profile, None, ctypes.byref(size))
buffer = ctypes.create_string_buffer(size.value)
lcms.cmsSaveProfileToMem(profile, buffer, ctypes.byref(size))
icc = buffer.raw[:size.value]
open("display-p3.icc", "wb").write(icc)
p3.save(f"{work}/p3-icc.png", icc_profile=icc)
p3.save("p3.jpg", quality=95, subsampling=0, icc_profile=icc)
EOF

# --- HEIC and AVIF through Debian's encoders (heif-enc turns a JPEG's EXIF orientation into
# irot/imir and sets the EXIF tag to 1)
heif-enc -q 90 quadrants.png -o plain.heic >/dev/null
heif-enc -q 90 "$work/irot.jpg" -o "$work/irot.heic" >/dev/null
heif-enc -q 90 "$work/imir.jpg" -o "$work/imir.heic" >/dev/null
heif-enc -q 90 "$work/exif6.jpg" -o exif6.heic >/dev/null
for i in 0 1 2 3; do heif-enc -q 90 "$work/tile$i.png" -o "$work/tile$i.heic" >/dev/null; done
# heif-enc 1.15 writes no nclx box (its macOS workaround): the box is added below.
heif-enc -L -p chroma=444 --matrix_coefficients=0 p3-colours.png -o "$work/p3-nclx.heic" >/dev/null
avifenc -l --cicp 12/13/0 p3-colours.png p3-nclx.avif >/dev/null
heif-enc -L -p chroma=444 --matrix_coefficients=0 "$work/p3-icc.png" -o p3-icc.heic >/dev/null
heif-enc -L -p chroma=444 --matrix_coefficients=0 -b 10 "$work/deep16.png" -o deep10.heic >/dev/null
avifenc -l -d 10 "$work/deep16.png" deep10.avif >/dev/null
avifenc -s 8 --min 10 --max 20 alpha-reference.png alpha.avif >/dev/null
avifenc -l -d 12 "$work/deep16-12.png" deep12.avif >/dev/null
heif-enc -L -p chroma=444 --matrix_coefficients=0 -b 12 "$work/deep16-12.png" -o deep12.heic >/dev/null 2>&1
heif-enc -q 90 "$work/gainmap.png" -o "$work/gainmap.heic" >/dev/null

# --- box surgery: EXIF orientation 6 in place of 1 (same length); files rewritten item by item
# (irot/imir added, the grid assembled from four tiles); the cut file
WORK="$work" "$py" - <<'EOF'
import os, struct
from PIL import Image

work = os.environ["WORK"]

def set_exif_orientation(path, value):
    data = bytearray(open(path, "rb").read())
    # The orientation entry: tag 0x0112, SHORT, count 1, value 1 (Intel or Motorola order).
    patterns = ((b"\x12\x01\x03\x00\x01\x00\x00\x00\x01\x00", 8, struct.pack("<H", value)),
                (b"\x01\x12\x00\x03\x00\x00\x00\x01\x00\x01", 8, struct.pack(">H", value)))
    for pattern, at, replacement in patterns:
        found = data.find(pattern)
        if found >= 0 and data.find(pattern, found + 1) < 0:
            data[found + at:found + at + 2] = replacement
            open(path, "wb").write(data)
            return
    raise SystemExit(f"{path}: no single EXIF orientation entry of 1")

set_exif_orientation("exif6.heic", 6)

def boxes(data, start=0, end=None):
    end = len(data) if end is None else end
    while start + 8 <= end:
        size, kind = struct.unpack(">I4s", data[start:start + 8])
        header = 8
        if size == 1:
            size = struct.unpack(">Q", data[start + 8:start + 16])[0]
            header = 16
        elif size == 0:
            size = end - start
        yield kind.decode("latin-1"), start, start + header, start + size
        start += size

def child(data, start, end, kind):
    for k, s, body, e in boxes(data, start, end):
        if k == kind:
            return s, body, e
    raise KeyError(kind)

def parse(path):
    """What a file heif-enc wrote holds: primary item, items (type, flags, data), properties
    (whole boxes), associations (item -> [(essential, index)]) and references."""
    data = open(path, "rb").read()
    _, mbody, mend = child(data, 0, len(data), "meta")
    mbody += 4  # FullBox
    number = lambda n, p: (int.from_bytes(data[p:p + n], "big") if n else 0, p + n)
    _, body, _ = child(data, mbody, mend, "pitm")
    primary, _ = number(2, body + 4)
    items = {}
    _, body, end = child(data, mbody, mend, "iinf")
    for _, s, b, e in boxes(data, body + 6, end):
        version, flags = data[b], int.from_bytes(data[b + 1:b + 4], "big")
        item, at = number(2 if version < 3 else 4, b + 4)
        items[item] = {"type": data[at + 2:at + 6].decode("latin-1"), "hidden": bool(flags & 1)}
    _, ibody, iend = child(data, mbody, mend, "iprp")
    _, cbody, cend = child(data, ibody, iend, "ipco")
    properties = [data[s:e] for _, s, _, e in boxes(data, cbody, cend)]
    _, body, _ = child(data, ibody, iend, "ipma")
    version, flags = data[body], int.from_bytes(data[body + 1:body + 4], "big")
    count, at = number(4, body + 4)
    associations = {}
    for _ in range(count):
        item, at = number(2 if version < 1 else 4, at)
        n, at = number(1, at)
        for _ in range(n):
            value, at = number(2 if flags & 1 else 1, at)
            top = 0x8000 if flags & 1 else 0x80
            associations.setdefault(item, []).append((bool(value & top), value & (top - 1)))
    references = []
    try:
        _, body, end = child(data, mbody, mend, "iref")
        for kind, _, b, _ in boxes(data, body + 4, end):
            source, at = number(2, b)
            n, at = number(2, at)
            references.append((kind, source, [number(2, at + 2 * i)[0] for i in range(n)]))
    except KeyError:
        pass
    try:
        idat = child(data, mbody, mend, "idat")[1]
    except KeyError:
        idat = None
    _, body, _ = child(data, mbody, mend, "iloc")
    version = data[body]
    at = body + 4
    offset_size, length_size = data[at] >> 4, data[at] & 15
    base_size, index_size = data[at + 1] >> 4, (data[at + 1] & 15) if version in (1, 2) else 0
    count, at = number(2 if version < 2 else 4, at + 2)
    for _ in range(count):
        item, at = number(2 if version < 2 else 4, at)
        method = 0
        if version in (1, 2):
            method, at = number(2, at)
        at += 2  # data reference
        if method not in (0, 1):
            raise SystemExit(f"{path}: item {item} has construction method {method}")
        base, at = number(base_size, at)
        extents, at = number(2, at)
        chunks = []
        for _ in range(extents):
            _, at = number(index_size, at)
            offset, at = number(offset_size, at)
            length, at = number(length_size, at)
            origin = base + (idat if method == 1 else 0)  # 1: inside the meta box's idat
            chunks.append(data[origin + offset:origin + offset + length])
        items[item]["data"] = b"".join(chunks)
    return primary, items, properties, associations, references

def box(kind, payload):
    return struct.pack(">I4s", 8 + len(payload), kind.encode()) + payload

def full(kind, version, flags, payload):
    return box(kind, bytes([version]) + flags.to_bytes(3, "big") + payload)

def write(path, primary, items, properties, associations, references):
    """A HEIC file: ftyp, meta (items in iloc pointing into mdat), mdat."""
    ids = sorted(items)
    infe = b"".join(full("infe", 2, 1 if items[i]["hidden"] else 0,
                         struct.pack(">HH", i, 0) + items[i]["type"].encode() + b"\0") for i in ids)
    ipma = b"".join(struct.pack(">HB", i, len(a)) + bytes((0x80 if e else 0) | x for e, x in a)
                    for i, a in sorted(associations.items()))
    iref = b"".join(box(k, struct.pack(">HH", s, len(t)) + b"".join(struct.pack(">H", x) for x in t))
                    for k, s, t in references)
    def meta(mdat_start):
        at, entries = mdat_start + 8, []
        for i in ids:
            entries.append(struct.pack(">HHHII", i, 0, 1, at, len(items[i]["data"])))
            at += len(items[i]["data"])
        return full("meta", 0, 0,
                    full("hdlr", 0, 0, b"\0" * 4 + b"pict" + b"\0" * 12 + b"\0")
                    + full("pitm", 0, 0, struct.pack(">H", primary))
                    + full("iinf", 0, 0, struct.pack(">H", len(ids)) + infe)
                    + (full("iref", 0, 0, iref) if references else b"")
                    + box("iprp", box("ipco", b"".join(properties))
                          + full("ipma", 0, 0, struct.pack(">I", len(associations)) + ipma))
                    + full("iloc", 0, 0, bytes([0x44, 0x00]) + struct.pack(">H", len(ids)) + b"".join(entries)))
    ftyp = box("ftyp", b"heic" + struct.pack(">I", 0) + b"mif1heic")
    head = meta(len(ftyp) + len(meta(0)))
    open(path, "wb").write(ftyp + head + box("mdat", b"".join(items[i]["data"] for i in ids)))

def with_transform(source, path, prop):
    primary, items, properties, associations, references = parse(source)
    properties.append(prop)
    associations[primary].append((True, len(properties)))
    write(path, primary, items, properties, associations, references)

# irot: angle in quarter turns anticlockwise; 3 turns the stored (quarter-left) picture upright.
with_transform(f"{work}/irot.heic", "irot.heic", box("irot", bytes([3])))
# imir: a left-right mirror as libheif 1.15 writes one (for EXIF orientation 2) and reads it:
# axis 1. (ISO/IEC 23008-12's wording, "a vertical (0) or horizontal (1) axis for the mirroring",
# reads the other way round; libheif's own files and its reading agree, so do we.)
with_transform(f"{work}/imir.heic", "imir.heic", box("imir", bytes([1])))

# nclx: primaries 12 (Display P3), transfer 13 (sRGB), matrix 0 (RGB as coded), full range.
with_transform(f"{work}/p3-nclx.heic", "p3-nclx.heic", box("colr", b"nclx" + struct.pack(">HHHB", 12, 13, 0, 0x80)))

# grid: four tiles (hidden) and the grid item, 2 rows x 2 columns, 128x96.
items, properties, associations = {}, [], {}
for i in range(4):
    primary, tile_items, tile_properties, tile_associations, _ = parse(f"{work}/tile{i}.heic")
    hvcc = next(tile_properties[x - 1] for _, x in tile_associations[primary] if tile_properties[x - 1][4:8] == b"hvcC")
    properties.append(hvcc)
    items[i + 1] = {"type": "hvc1", "hidden": True, "data": tile_items[primary]["data"]}
    associations[i + 1] = [(True, i + 1), (False, 5)]
properties += [full("ispe", 0, 0, struct.pack(">II", 64, 64)), full("ispe", 0, 0, struct.pack(">II", 128, 128))]
items[5] = {"type": "grid", "hidden": False, "data": bytes([0, 0, 1, 1]) + struct.pack(">HH", 128, 128)}
associations[5] = [(False, 6)]
write("grid.heic", 5, items, properties, associations, [("dimg", 5, [1, 2, 3, 4])])

# gainmap: the gain map's item and properties, then plain.heic's, with auxl (aux -> primary)
# and auxC on the gain map. As in Apple's files the primary is named by pitm only.
def image_of(path):
    primary, items, properties, associations, _ = parse(path)
    if items[primary]["type"] != "hvc1":
        raise SystemExit(f"{path}: the primary item is a {items[primary]['type']}, not a single hvc1 image")
    return items[primary]["data"], [properties[x - 1] for _, x in associations[primary]], \
        [e for e, _ in associations[primary]]
gain_data, gain_properties, gain_essential = image_of(f"{work}/gainmap.heic")
main_data, main_properties, main_essential = image_of("plain.heic")
aux_type = b"urn:com:apple:photo:2020:aux:hdrgainmap\0"
properties = gain_properties + [full("auxC", 0, 0, aux_type)] + main_properties
first_main = len(gain_properties) + 2
associations = {
    1: [(e, i + 1) for i, e in enumerate(gain_essential)] + [(True, len(gain_properties) + 1)],
    2: [(e, first_main + i) for i, e in enumerate(main_essential)]}
items = {1: {"type": "hvc1", "hidden": False, "data": gain_data},
         2: {"type": "hvc1", "hidden": False, "data": main_data}}
write("gainmap.heic", 2, items, properties, associations, [("auxl", 1, [2])])

plain = open("plain.heic", "rb").read()
for kind, start, body, end in boxes(plain):
    if kind == "mdat":
        open("truncated.heic", "wb").write(plain[:body + (end - body) // 2])

# Ultra HDR-like JPEG: the quadrants, an MPF APP2 segment listing two images, then a different
# (magenta, 48x32) JPEG appended as the second image, where a gain map goes.
import io
def jpeg(im):
    out = io.BytesIO()
    im.save(out, "JPEG", quality=90)
    return out.getvalue()
primary = jpeg(Image.open("quadrants.png"))
second = jpeg(Image.new("RGB", (48, 32), (255, 0, 255)))
def mpf(primary_size):
    # TIFF header (big-endian) then one IFD: MPFVersion, NumberOfImages, MPEntry.
    entries_at = 8 + 2 + 3 * 12 + 4
    ifd = struct.pack(">H", 3)
    ifd += struct.pack(">HHI4s", 0xB000, 7, 4, b"0100")
    ifd += struct.pack(">HHII", 0xB001, 4, 1, 2)
    ifd += struct.pack(">HHII", 0xB002, 7, 32, entries_at)
    ifd += struct.pack(">I", 0)
    segment_length = 2 + 4 + 8 + len(ifd) + 32
    tiff_start = 2 + 2 + 2 + 4  # SOI, the APP2 marker, its length, "MPF\0"
    # The second image's offset counts from the TIFF header; the first image starts the file.
    second_offset = primary_size + 2 + segment_length - tiff_start
    # Representative image, baseline MP primary image; then an undefined type, as gain maps are.
    entries = struct.pack(">IIIHH", 0x20030000, primary_size + 2 + segment_length, 0, 0, 0)
    entries += struct.pack(">IIIHH", 0, len(second), second_offset, 0, 0)
    body = b"MPF\0" + b"MM\0\x2a" + struct.pack(">I", 8) + ifd + entries
    return b"\xff\xe2" + struct.pack(">H", len(body) + 2) + body
segment = mpf(len(primary))
open("ultrahdr.jpg", "wb").write(primary[:2] + segment + primary[2:] + second)
EOF
ls -l ./*.heic ./*.avif ./*.jpg ./*.png ./*.icc
