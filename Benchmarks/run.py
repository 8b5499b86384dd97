#!/usr/bin/env python3
"""The whole benchmark suite: every figure next to its reference from the same run,
as one Markdown table (the README's Performance section is a copy of one run).

Usage: python3 Benchmarks/run.py [--quick]   (Benchmarks/run.sh installs and builds first)
"""
import argparse, datetime, os, sys, time

import bigaccount, emulator_page, frames, startup, terminal, upload, versions
from harness import table

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--build", default=os.path.join(ROOT, ".build/release"), help="folder of the release binaries")
    parser.add_argument("--quick", action="store_true", help="fewer runs and a 20,000-file account, for a smoke test")
    arguments = parser.parse_args()
    binary = os.path.join(arguments.build, "amofiles")
    started = time.time()
    rows = []
    steps = [
        ("frames", lambda: frames.measure(os.path.join(arguments.build, "frame-bench"))),
        ("terminal bytes and start-up", lambda: terminal.measure(binary, runs=3 if arguments.quick else 9)),
        ("uploads", lambda: upload.measure(binary, runs=3 if arguments.quick else 5)),
        ("start-up of the one-file binary", lambda: startup.measure(os.path.join(ROOT, "dist/amofiles"), runs=5 if arguments.quick else 21)),
        ("versions seen and compared", lambda: versions.measure(binary, runs=3 if arguments.quick else 9)),
        ("a big account: jumps, memory, usage, download --all",
         lambda: bigaccount.measure(binary, files=20000 if arguments.quick else 100000)),
        ("emulator pages", lambda: emulator_page.measure(binary, large=20000 if arguments.quick else 100000,
                                                         runs=7 if arguments.quick else 21)),
    ]
    for name, step in steps:
        print(f"measuring {name}…", file=sys.stderr, flush=True)
        rows += step()
    rows.sort(key=lambda row: row.number)
    print(f"\n{datetime.date.today()}, {os.cpu_count()} cores, {time.time() - started:.0f} s in all; "
          "medians of repeated runs, ratio = amofiles / reference\n")
    print(table(rows))
    missed = [row for row in rows if row.met is False]
    if missed:
        print(f"\n{len(missed)} goal(s) not met", file=sys.stderr)


if __name__ == "__main__":
    main()
