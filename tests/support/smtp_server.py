"""A real SMTP server for tests (aiosmtpd, from Debian): stores each message it
accepts as DIR/<n>.eml with its envelope recipients in DIR/<n>.rcpt, and can answer
a temporary failure (451) to messages for given recipients, to test retries and
resumption.

usage: smtp_server.py DIR [--fail-for ADDRESS ...]
Prints "smtp: serving on port N" on stderr once it accepts connections.
"""
import argparse
import os
import socket
import sys
import time

from aiosmtpd.controller import Controller


class Store:
    def __init__(self, directory, fail_for):
        self.directory = directory
        self.fail_for = set(fail_for)
        # A restarted server adds to what an earlier one stored.
        self.count = len([n for n in os.listdir(directory) if n.endswith(".eml")])

    async def handle_DATA(self, server, session, envelope):
        if self.fail_for.intersection(envelope.rcpt_tos):
            return "451 4.3.0 mailbox busy, try again later"
        self.count += 1
        base = os.path.join(self.directory, str(self.count))
        with open(base + ".eml", "wb") as out:
            out.write(envelope.original_content or envelope.content)
        with open(base + ".rcpt", "w") as out:
            out.write("\n".join(envelope.rcpt_tos) + "\n")
        return "250 2.0.0 OK"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("directory")
    parser.add_argument("--fail-for", nargs="*", default=[])
    args = parser.parse_args()
    os.makedirs(args.directory, exist_ok=True)
    port = free_port()
    controller = Controller(Store(args.directory, args.fail_for), hostname="127.0.0.1", port=port)
    controller.start()
    print(f"smtp: serving on port {port}", file=sys.stderr, flush=True)
    try:
        while True:
            time.sleep(3600)
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
