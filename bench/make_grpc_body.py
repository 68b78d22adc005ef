#!/usr/bin/env python3
"""Writes a gRPC request body (one length-prefixed message) for h2load's -d.

Usage: make_grpc_body.py MESSAGE_TYPE 'TEXT_FORMAT' OUT_FILE [PROTO_ROOT]

The message is serialised by `protoc --encode` (no Python protobuf needed), then
framed as gRPC does on the wire: 1 byte compressed flag (0), 4 bytes big-endian
length, the serialised message.

Needs: protoc (Debian: protobuf-compiler) and the well-known types under
/usr/include (Debian: libprotobuf-dev), both part of the README's build setup.
"""
import os
import struct
import subprocess
import sys


def main() -> int:
    if len(sys.argv) not in (4, 5):
        print(__doc__, file=sys.stderr)
        return 2
    message_type, text, out_file = sys.argv[1:4]
    root = sys.argv[4] if len(sys.argv) == 5 else os.path.join(os.path.dirname(__file__), "..")
    proto_dir = os.path.join(root, "proto")
    encoded = subprocess.run(
        ["protoc", f"--encode={message_type}", "-I", proto_dir, "-I", "/usr/include",
         "rakor/registry/v1/registry_service.proto"],
        input=text.encode(), capture_output=True, check=False)
    if encoded.returncode != 0:
        sys.stderr.write(encoded.stderr.decode(errors="replace"))
        return 1
    with open(out_file, "wb") as f:
        f.write(struct.pack(">BI", 0, len(encoded.stdout)))
        f.write(encoded.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
