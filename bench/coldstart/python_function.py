#!/usr/bin/env python3
"""The baseline: the usual boto3 + Pillow thumbnail handler (AWS's tutorial: get_object,
Image.thumbnail((128, 128)), save in the source's format, put_object), behind a minimal Lambda
Runtime API loop (what the managed Python runtime's bootstrap does), so the same emulator times
it exactly as it times the Java runtime: init = process start to first /next.

Module level is the init phase, as in a real Python function: imports and the client.
"""
import io, json, os, urllib.parse, urllib.request

import boto3
from botocore.config import Config
from PIL import Image

s3 = boto3.client("s3", endpoint_url=os.environ.get("BENCH_S3_ENDPOINT"),
                  config=Config(s3={"addressing_style": "path"}))
PREFIX = os.environ.get("THUMBNAIL_PREFIX", "thumbnails/")


def handler(event, context):
    for record in event["Records"]:
        bucket = record["s3"]["bucket"]["name"]
        key = urllib.parse.unquote_plus(record["s3"]["object"]["key"])
        source = s3.get_object(Bucket=bucket, Key=key)["Body"].read()
        image = Image.open(io.BytesIO(source))
        kind = image.format  # saved as it came, as the tutorial's image.save(path) does by extension
        image.thumbnail((128, 128))
        out = io.BytesIO()
        image.save(out, kind)
        s3.put_object(Bucket=bucket, Key=PREFIX + key, Body=out.getvalue(), ContentType=Image.MIME[kind])
    return {"thumbnails": len(event["Records"])}


def main():
    api = "http://" + os.environ["AWS_LAMBDA_RUNTIME_API"] + "/2018-06-01/runtime/invocation/"
    while True:
        with urllib.request.urlopen(api + "next") as r:
            request_id = r.headers["Lambda-Runtime-Aws-Request-Id"]
            event = json.loads(r.read())
        answer = json.dumps(handler(event, None)).encode()
        urllib.request.urlopen(urllib.request.Request(api + request_id + "/response", data=answer)).read()


if __name__ == "__main__":
    main()
