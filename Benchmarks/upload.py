#!/usr/bin/env python3
"""Uploads measured side by side with a plain Python `requests.Session` loop that
posts the same parts to the same emulator, and amofiles' peak memory by file size.

Usage: python3 Benchmarks/upload.py [--binary .build/release/amofiles] [--runs 5]
Needs `pip install requests`. Prints medians (these machines are noisy: compare ratios).
"""
import argparse, os, re, shutil, statistics, subprocess, tempfile

import requests

from harness import Emulator, Row, median_seconds, table

MIB = 1024 * 1024


def python_upload(emulator, path):
    """The reference: one session, then every part in order, as the API describes."""
    token = emulator.ready["token"]
    with requests.Session() as http:
        http.headers["Authorization"] = "Bearer " + token
        size = os.path.getsize(path)
        session = http.post(emulator.ready["drive_url"] + "/v1.0/sessions",
                            json={"file_name": os.path.basename(path), "file_size": size}).json()
        url, part = session["upload_url"], session["max_part_size"]
        with open(path, "rb") as source:
            while True:
                answer = http.post(url, data=source.read(part))
                answer.raise_for_status()
                body = answer.json()
                if "next_url" not in body:
                    return body
                url = body["next_url"]


def amofiles_upload(binary, emulator, paths, *flags):
    subprocess.run([binary, "upload", *paths, *flags], env=emulator.env, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def peak_rss_mb(binary, emulator, path):
    """Peak resident memory of one `amofiles upload`, by GNU time."""
    result = subprocess.run(["/usr/bin/time", "-v", binary, "upload", path, "--max-rps", "0"], env=emulator.env,
                            check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    kilobytes = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", result.stderr).group(1))
    return kilobytes / 1000


def make_file(folder, name, size):
    path = os.path.join(folder, name)
    with open(path, "wb") as handle:
        remaining = size
        while remaining:
            chunk = os.urandom(min(remaining, 4 * MIB))
            handle.write(chunk)
            remaining -= len(chunk)
    return path


def measure(binary, runs=5):
    folder = tempfile.mkdtemp(prefix="amofiles-upload-bench-")
    rows = []
    try:
        # 64 MiB on loopback, unpaced on both sides.
        emulator = Emulator(binary)
        try:
            big = make_file(folder, "big.bin", 64 * MIB)
            ours = median_seconds(lambda: amofiles_upload(binary, emulator, [big], "--max-rps", "0"), runs)
            theirs = median_seconds(lambda: python_upload(emulator, big), runs)
            ours_rate, theirs_rate = 64 * MIB / ours / 1e6, 64 * MIB / theirs / 1e6
            rows.append(Row(3, "upload of a 64 MiB file, loopback", ours_rate, "MB/s", "Python requests loop, same parts",
                            theirs_rate, "at least as fast (ratio >= 0.95, noise)", ours_rate >= 0.95 * theirs_rate))
            ten, three_hundred = make_file(folder, "10.bin", 10 * MIB), make_file(folder, "300.bin", 300 * MIB)
            small = statistics.median(peak_rss_mb(binary, emulator, ten) for _ in range(3))
            large = statistics.median(peak_rss_mb(binary, emulator, three_hundred) for _ in range(3))
            rows.append(Row(5, "peak resident memory, `amofiles upload` of 300 MiB", large, "MB", "the same for 10 MiB", small,
                            "within 1.5x", large <= 1.5 * small))
        finally:
            emulator.stop()

        # Eight 4 MiB files with 50 ms added to every answer.
        emulator = Emulator(binary, "--latency", "50")
        try:
            eight = [make_file(folder, f"eight-{n}.bin", 4 * MIB) for n in range(8)]
            runs = max(3, runs // 2)
            jobs4 = median_seconds(lambda: amofiles_upload(binary, emulator, eight, "--jobs", "4", "--max-rps", "0"), runs)
            jobs1 = median_seconds(lambda: amofiles_upload(binary, emulator, eight, "--jobs", "1", "--max-rps", "0"), runs)
            python_eight = median_seconds(lambda: [python_upload(emulator, path) for path in eight], runs)
            rows.append(Row(4, "8 x 4 MiB, 50 ms latency, `--jobs 4`", jobs4, "s", "`--jobs 1`", jobs1))
            rows.append(Row(4, "8 x 4 MiB, 50 ms latency, `--jobs 4`", jobs4, "s", "Python loop, one file after another", python_eight))
        finally:
            emulator.stop()
        return rows
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--binary", default=".build/release/amofiles")
    parser.add_argument("--runs", type=int, default=5)
    arguments = parser.parse_args()
    print(table(measure(os.path.abspath(arguments.binary), arguments.runs)))


if __name__ == "__main__":
    main()
