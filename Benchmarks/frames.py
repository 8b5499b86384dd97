#!/usr/bin/env python3
"""Time to draw one frame of the Files screen into the in-memory surface, by loaded
rows and terminal size (the release-built `frame-bench`).

Usage: python3 Benchmarks/frames.py [--bench .build/release/frame-bench]
"""
import argparse, json, subprocess

from harness import Row, table


def measure(bench):
    output = subprocess.run([bench], check=True, capture_output=True, text=True).stdout
    cases = [json.loads(line) for line in output.splitlines() if line.strip()]
    rows = []
    for case in cases:
        if case["files"] == 100:
            continue
        base = next(other for other in cases if other["files"] == 100 and other["rows"] == case["rows"])
        size = f'{case["columns"]}x{case["rows"]}'
        rows.append(Row(1, f'frame of the Files screen, {size}, {case["files"]:,} rows loaded', case["render_us"], "µs",
                        "the same with 100 rows", base["render_us"], "within 1.5x",
                        case["render_us"] <= 1.5 * base["render_us"]))
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bench", default=".build/release/frame-bench")
    arguments = parser.parse_args()
    print(table(measure(arguments.bench)))


if __name__ == "__main__":
    main()
