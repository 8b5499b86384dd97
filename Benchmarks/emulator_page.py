#!/usr/bin/env python3
"""How long the emulator takes for one page of 50 files, filtered, out of a small
and a large account; and how long `amofiles ls --limit 50` takes end to end.

Usage: python3 Benchmarks/emulator_page.py [--binary .build/release/amofiles] [--large 100000]
Prints medians over repeated runs (these machines are noisy: compare ratios).
"""
import argparse, os, statistics, subprocess, sys, time
import http.client
from urllib.parse import urlsplit

from harness import Emulator

QUERIES = {
    "no filter": "limit=50",
    "term": "limit=50&filter%5Bterm%5D=%D0%B4%D0%BE%D0%B3%D0%BE%D0%B2%D0%BE%D1%80",  # договор
    "extension + size": "limit=50&filter%5Bextensions%5D%5B%5D=pdf&filter%5Bsize%5D%5Bunit%5D=1000000&filter%5Bsize%5D%5Bfrom%5D=1",
    "date preset": "limit=50&filter%5Bdate%5D%5Btype%5D=created_at&filter%5Bdate%5D%5Bdate_preset%5D=last_6_month",
    "rare term": "limit=50&filter%5Bterm%5D=no-such-name",
    "trash": "limit=50&filter%5Bdeleted%5D=true",
}


def median_ms(connection, path, token, runs):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        connection.request("GET", path, headers={"Authorization": "Bearer " + token})
        response = connection.getresponse()
        response.read()
        times.append((time.perf_counter() - start) * 1000)
        if response.status not in (200, 204):
            sys.exit(f"{path} answered {response.status}")
    return statistics.median(times)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", default=".build/release/amofiles")
    parser.add_argument("--small", type=int, default=1000)
    parser.add_argument("--large", type=int, default=100000)
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args()

    results = {}
    for size in (args.small, args.large):
        emulator = Emulator(args.binary, "--extra-files", str(size))
        ready = emulator.ready
        print(f"{size} files: seeded and started in {emulator.startup:.1f} s", file=sys.stderr)
        drive = urlsplit(ready["drive_url"])
        connection = http.client.HTTPConnection(drive.hostname, drive.port)
        for name, query in QUERIES.items():
            median_ms(connection, "/v1.0/files?" + query, ready["token"], 3)  # warm up
            results[(name, size)] = median_ms(connection, "/v1.0/files?" + query, ready["token"], args.runs)
        if size == args.large:
            env = dict(os.environ, AMOFILES_TOKEN=ready["token"])
            times = []
            for _ in range(11):
                start = time.perf_counter()
                subprocess.run([args.binary, "ls", "--account", ready["account_url"], "--limit", "50"],
                               env=env, stdout=subprocess.DEVNULL, check=True)
                times.append((time.perf_counter() - start) * 1000)
            results[("amofiles ls --limit 50", size)] = statistics.median(times)
        emulator.stop()

    print(f"| query | {args.small} files (ms) | {args.large} files (ms) | ratio |")
    print("| --- | ---: | ---: | ---: |")
    for name in QUERIES:
        small, large = results[(name, args.small)], results[(name, args.large)]
        print(f"| {name} | {small:.2f} | {large:.2f} | {large / small:.1f}x |")
    print(f"| amofiles ls --limit 50 (whole command) | | {results[('amofiles ls --limit 50', args.large)]:.1f} | |")


if __name__ == "__main__":
    main()
