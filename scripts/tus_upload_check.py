#!/usr/bin/env python3
"""Uploads a file to JHT Sync with tuspy, an unmodified third-party tus 1.0 client.

The upload runs in two sessions, as a phone whose app is killed half-way would: the first
stops at --stop-at bytes; the second is a new uploader that knows only the upload's URL, asks
the server for the offset (HEAD) and sends the rest. Every chunk carries tuspy's
Upload-Checksum. Prints one JSON line with what happened; exits non-zero on any failure.

usage: tus_upload_check.py BASE_URL ACCESS_TOKEN FILE [--kind idCard] [--claim UUID]
                           [--chunk-size 65536] [--stop-at BYTES]
"""
import argparse
import hashlib
import json
import os
import sys

from tusclient import client as tus_client


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("base_url")
    parser.add_argument("token")
    parser.add_argument("file")
    parser.add_argument("--kind", default="idCard")
    parser.add_argument("--claim")
    parser.add_argument("--chunk-size", type=int, default=64 * 1024)
    parser.add_argument("--stop-at", type=int)
    args = parser.parse_args()

    size = os.path.getsize(args.file)
    with open(args.file, "rb") as handle:
        digest = hashlib.sha256(handle.read()).hexdigest()
    metadata = {"filename": os.path.basename(args.file), "kind": args.kind, "sha256": digest}
    if args.claim:
        metadata["claimID"] = args.claim
    client = tus_client.TusClient(
        args.base_url.rstrip("/") + "/v1/uploads",
        headers={"Authorization": "Bearer " + args.token},
    )

    first = client.uploader(args.file, chunk_size=args.chunk_size, metadata=metadata, upload_checksum=True)
    stop_at = args.stop_at if args.stop_at is not None else size // 2
    first.upload(stop_at=stop_at)
    after_first = first.offset

    # A new session: only the URL survived. tuspy asks the server for the offset.
    second = client.uploader(args.file, url=first.url, chunk_size=args.chunk_size, upload_checksum=True)
    resumed_from = second.offset
    second.upload()
    final = second.get_offset()

    print(json.dumps({
        "url": first.url,
        "uploadID": first.url.rstrip("/").rsplit("/", 1)[-1],
        "size": size,
        "sha256": digest,
        "offsetAfterFirstSession": after_first,
        "resumedFrom": resumed_from,
        "offset": final,
    }))
    return 0 if final == size else 1


if __name__ == "__main__":
    sys.exit(main())
