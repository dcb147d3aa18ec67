#!/usr/bin/env python3
"""The tutorial's handler (../coldstart/python_function.py) making several renditions of an
upload, as a Pillow user would extend it: one get_object, one decode, one put_object per
rendition. The largest is made first with Image.thumbnail(), which lets Pillow's JPEG decoder
scale by 1/2 to 1/8 ("draft" mode) as the tutorial's call does; each smaller one is scaled from
the one before. No manifest.

THUMBNAIL_RENDITIONS as the function reads it (NAME:WxH:FORMAT[:qN]), formats jpeg (quality 85)
and webp (quality 80) only: Debian's Pillow has no AVIF encoder. Keys as the function names them:
PREFIX + NAME/ + KEY, plus the format's extension unless the key has it already.

Runs the Runtime API loop of python_function.py, whose module level (boto3 client) is the init.
"""
import io, os, sys, urllib.parse
from pathlib import Path

from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "coldstart"))
import python_function as tutorial  # noqa: E402

# Pillow's Image.MIME has WEBP only once its plugin is loaded, hence the content types here.
FORMATS = {"jpeg": ("JPEG", (".jpg", ".jpeg"), 85, "image/jpeg"), "webp": ("WEBP", (".webp",), 80, "image/webp")}


def renditions(spec):
    """(name, box, format, quality), largest box first: the smaller ones are made from it."""
    out = []
    for item in spec.split(","):
        name, box, *options = item.split(":")
        width, height = (int(n) for n in box.split("x"))
        fmt = next((o for o in options if o in FORMATS), "jpeg")
        quality = next((int(o[1:]) for o in options if o[:1] == "q" and o[1:].isdigit()), FORMATS[fmt][2])
        out.append((name, (width, height), fmt, quality))
    return sorted(out, key=lambda r: -r[1][0] * r[1][1])


RENDITIONS = renditions(os.environ.get("THUMBNAIL_RENDITIONS", "small:128x128:jpeg,medium:640x640:webp"))


def handler(event, context):
    for record in event["Records"]:
        bucket = record["s3"]["bucket"]["name"]
        key = urllib.parse.unquote_plus(record["s3"]["object"]["key"])
        source = tutorial.s3.get_object(Bucket=bucket, Key=key)["Body"].read()
        image = Image.open(io.BytesIO(source))
        for name, box, fmt, quality in RENDITIONS:
            image.thumbnail(box)  # in place: from the source the first time, then from the last rendition
            kind, extensions, _, content_type = FORMATS[fmt]
            pixels = image if kind == "WEBP" or image.mode in ("RGB", "L") else image.convert("RGB")
            out = io.BytesIO()
            pixels.save(out, kind, quality=quality)
            target = tutorial.PREFIX + name + "/" + key + ("" if key.lower().endswith(extensions) else extensions[0])
            tutorial.s3.put_object(Bucket=bucket, Key=target, Body=out.getvalue(), ContentType=content_type)
    return {"uploads": len(event["Records"]), "renditions": len(RENDITIONS)}


if __name__ == "__main__":
    tutorial.handler = handler  # the loop calls the module's handler
    tutorial.main()
