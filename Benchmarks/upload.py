#!/usr/bin/env python3
"""Uploads measured side by side with a plain Python `requests.Session` loop that
posts the same parts to the same emulator, and amofiles' peak memory by file size.

Usage: python3 Benchmarks/upload.py [--binary .build/release/amofiles] [--runs 5]
Needs `pip install requests`. Prints medians (these machines are noisy: compare ratios).
"""
import argparse, os, re, statistics, subprocess, sys, tempfile, time

import requests

from harness import Emulator

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


def median_seconds(action, runs):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


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


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", default=".build/release/amofiles")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="amofiles-upload-bench-")
    rows = []

    # 64 MiB on loopback, unpaced on both sides.
    emulator = Emulator(args.binary)
    big = make_file(folder, "big.bin", 64 * MIB)
    ours = median_seconds(lambda: amofiles_upload(args.binary, emulator, [big], "--max-rps", "0"), args.runs)
    theirs = median_seconds(lambda: python_upload(emulator, big), args.runs)
    rows.append(("64 MiB upload, loopback (MB/s)", 64 * MIB / ours / 1e6, "Python requests loop", 64 * MIB / theirs / 1e6))
    rss_small = peak_rss_mb(args.binary, emulator, make_file(folder, "10.bin", 10 * MIB))
    rss_large = peak_rss_mb(args.binary, emulator, make_file(folder, "300.bin", 300 * MIB))
    rows.append(("peak RSS, 300 MiB upload (MB)", rss_large, "10 MiB upload", rss_small))
    emulator.stop()

    # Eight 4 MiB files with 50 ms added to every answer.
    emulator = Emulator(args.binary, "--latency", "50")
    eight = [make_file(folder, f"eight-{n}.bin", 4 * MIB) for n in range(8)]
    runs = max(1, args.runs // 2)
    for rps in ("0", "7"):
        jobs4 = median_seconds(lambda: amofiles_upload(args.binary, emulator, eight, "--jobs", "4", "--max-rps", rps), runs)
        jobs1 = median_seconds(lambda: amofiles_upload(args.binary, emulator, eight, "--jobs", "1", "--max-rps", rps), runs)
        paced = "unpaced" if rps == "0" else "7 req/s"
        rows.append((f"8 x 4 MiB, 50 ms latency, --jobs 4, {paced} (s)", jobs4, "--jobs 1", jobs1))
    python_eight = median_seconds(lambda: [python_upload(emulator, path) for path in eight], runs)
    rows.append(("8 x 4 MiB, 50 ms latency, --jobs 4, unpaced (s)", rows[-2][1], "Python loop, one file after another", python_eight))
    emulator.stop()

    print("| what | amofiles | reference | reference value | ratio |")
    print("| --- | ---: | --- | ---: | ---: |")
    for what, value, reference, reference_value in rows:
        print(f"| {what} | {value:.2f} | {reference} | {reference_value:.2f} | {value / reference_value:.2f} |")
    subprocess.run(["rm", "-rf", folder])


if __name__ == "__main__":
    main()
