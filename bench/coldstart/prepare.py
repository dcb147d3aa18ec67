#!/usr/bin/env python3
"""Prepares a cold-start run: a 4 MP photo-like JPEG, uploaded once per planned start under
its own key (so every start really makes a thumbnail), and one S3 event file per upload.

usage: prepare.py ENDPOINT BUCKET OUT_DIR RUNS [SIDE...]      (sides default: java python primed)
writes OUT_DIR/source.jpg, OUT_DIR/events/SIDE-N.json
"""
import io, json, os, sys, urllib.parse

import boto3
from botocore.config import Config
from PIL import Image, ImageFilter


def photo(width=2448, height=1632):
    """4.0 MP with a photo's entropy: smooth gradients plus blurred noise (a flat test card
    decodes faster than a real photo and would flatter both sides)."""
    gradient = Image.linear_gradient("L").resize((width, height))
    noise = Image.effect_noise((width, height), 48).filter(ImageFilter.GaussianBlur(1.2))
    detail = Image.effect_mandelbrot((width, height), (-2.2, -1.2, 1.0, 1.2), 60)
    image = Image.merge("RGB", (gradient, noise, detail))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=90)
    return out.getvalue()


def event(bucket, key, size, etag):
    return {"Records": [{
        "eventVersion": "2.1", "eventSource": "aws:s3", "awsRegion": "us-east-1",
        "eventTime": "2026-11-22T10:00:00.000Z", "eventName": "ObjectCreated:Put",
        "s3": {"s3SchemaVersion": "1.0", "configurationId": "thumbnails",
               "bucket": {"name": bucket, "arn": "arn:aws:s3:::" + bucket},
               "object": {"key": urllib.parse.quote_plus(key, safe="/"), "size": size, "eTag": etag}}}]}


def main():
    endpoint, bucket, out_dir, runs = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    sides = sys.argv[5:] or ["java", "python", "primed"]
    os.makedirs(os.path.join(out_dir, "events"), exist_ok=True)
    source = photo()
    with open(os.path.join(out_dir, "source.jpg"), "wb") as f:
        f.write(source)
    s3 = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1",
                      config=Config(s3={"addressing_style": "path"}))
    for side in sides:
        for n in range(1, runs + 1):
            key = f"uploads/{side}-{n}.jpg"
            etag = s3.put_object(Bucket=bucket, Key=key, Body=source, ContentType="image/jpeg")["ETag"].strip('"')
            with open(os.path.join(out_dir, "events", f"{side}-{n}.json"), "w") as f:
                json.dump(event(bucket, key, len(source), etag), f)
    print(f"source: {len(source)} bytes, 2448x1632; {runs} events per side", file=sys.stderr)


if __name__ == "__main__":
    main()
