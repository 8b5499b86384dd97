#!/usr/bin/env python3
"""How long the emulator takes for one page of 50 files, filtered, out of a small
and a large account.

Usage: python3 Benchmarks/emulator_page.py [--binary .build/release/amofiles] [--large 100000]
Prints medians over repeated runs (these machines are noisy: compare ratios).
"""
import argparse, os, sys
import http.client
from urllib.parse import urlsplit

from harness import Emulator, Row, median_seconds, table

QUERIES = {
    "no filter": "limit=50",
    "term": "limit=50&filter%5Bterm%5D=%D0%B4%D0%BE%D0%B3%D0%BE%D0%B2%D0%BE%D1%80",  # договор
    "extension + size": "limit=50&filter%5Bextensions%5D%5B%5D=pdf&filter%5Bsize%5D%5Bunit%5D=1000000&filter%5Bsize%5D%5Bfrom%5D=1",
    "date preset": "limit=50&filter%5Bdate%5D%5Btype%5D=created_at&filter%5Bdate%5D%5Bdate_preset%5D=last_6_month",
    "rare term": "limit=50&filter%5Bterm%5D=no-such-name",
    "trash": "limit=50&filter%5Bdeleted%5D=true",
}


def median_ms(connection, path, token, runs):
    def ask():
        connection.request("GET", path, headers={"Authorization": "Bearer " + token})
        response = connection.getresponse()
        response.read()
        if response.status not in (200, 204):
            sys.exit(f"{path} answered {response.status}")
    return median_seconds(ask, runs) * 1000


def measure(binary, small=1000, large=100000, runs=21):
    results = {}
    for size in (small, large):
        emulator = Emulator(binary, "--extra-files", str(size))
        try:
            ready = emulator.ready
            print(f"{size} files: seeded and started in {emulator.startup:.1f} s", file=sys.stderr)
            drive = urlsplit(ready["drive_url"])
            connection = http.client.HTTPConnection(drive.hostname, drive.port)
            for name, query in QUERIES.items():
                median_ms(connection, "/v1.0/files?" + query, ready["token"], 3)  # warm up
                results[(name, size)] = median_ms(connection, "/v1.0/files?" + query, ready["token"], runs)
        finally:
            emulator.stop()
    return [Row(6, f"emulator: a page of 50 of {large:,} files, {name}", results[(name, large)], "ms",
                f"the same of {small:,} files", results[(name, small)], "under 10x",
                results[(name, large)] < 10 * results[(name, small)])
            for name in QUERIES]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--binary", default=".build/release/amofiles")
    parser.add_argument("--small", type=int, default=1000)
    parser.add_argument("--large", type=int, default=100000)
    parser.add_argument("--runs", type=int, default=21)
    arguments = parser.parse_args()
    print(table(measure(os.path.abspath(arguments.binary), arguments.small, arguments.large, arguments.runs)))


if __name__ == "__main__":
    main()
