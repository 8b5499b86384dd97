#!/usr/bin/env python3
"""Versions seen and compared: `amofiles diff` of two versions of 10,000 lines with 50
changes beside `diff -u` on the same bytes, and the first screen of the preview of a
300 MiB text file beside `head` on the same file, with the bytes the emulator sent.

Usage: python3 Benchmarks/versions.py [--binary .build/release/amofiles] [--runs 9]
"""
import argparse, json, os, re, shutil, subprocess, tempfile

from harness import Emulator, Row, median_seconds, table

MIB = 1024 * 1024


def upload(binary, emulator, path, *flags):
    result = subprocess.run([binary, "upload", path, "--json", "--max-rps", "0", *flags], env=emulator.env, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"amofiles upload {path} failed: {result.stderr}")
    return json.loads(result.stdout)[0]["uuid"]


def measure(binary, runs=9):
    folder = tempfile.mkdtemp(prefix="amofiles-versions-bench-")
    log = os.path.join(folder, "emulator.log")
    emulator = Emulator(binary, "--log-file", log)
    rows = []
    try:
        cache = os.path.join(folder, "cache")
        env = dict(emulator.env, XDG_CACHE_HOME=cache)

        # Two versions of 10,000 lines, 50 of them changed.
        old = [f"row {n}: value {n * 7 % 1000}\n" for n in range(1, 10_001)]
        new = list(old)
        for index in range(100, 10_000, 200):
            new[index] = f"row {index + 1}: changed\n"
        paths = [os.path.join(folder, name) for name in ("prices-1.txt", "prices-2.txt")]
        for path, lines in zip(paths, (old, new)):
            with open(path, "w") as handle:
                handle.writelines(lines)
        uuid = upload(binary, emulator, paths[0])
        upload(binary, emulator, paths[1], "--new-version-of", uuid)
        def ours():
            subprocess.run([binary, "diff", uuid, "1", "2", "--color", "never"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        theirs = median_seconds(lambda: subprocess.run(["diff", "-u", *paths], stdout=subprocess.DEVNULL), runs) * 1000
        ours()  # the versions in the cache, as a second comparison finds them
        rows.append(Row(8, "`amofiles diff` of two versions of 10,000 lines, 50 changed (both in the cache; start, 3 API calls, diff)",
                        median_seconds(ours, runs) * 1000, "ms", "`diff -u` on the same two local files", theirs))

        # A 300 MiB text file: the first screen of its preview, each time from an empty cache.
        big = os.path.join(folder, "big.log")
        line = "строка %09d: цена 12 500 ₽, срок поставки 14 дней, склад «Основной»\n"
        with open(big, "w") as handle:
            number, written = 0, 0
            # Just under the service's largest file (300 MiB).
            while True:
                chunk = "".join(line % (number + k) for k in range(10_000)).encode()
                if written + len(chunk) > 300 * MIB:
                    break
                handle.write(chunk.decode())
                written += len(chunk)
                number += 10_000
        size = os.path.getsize(big)
        big_uuid = upload(binary, emulator, big)
        before = open(log).read().count(f" of {size}")

        def first_screen():
            shutil.rmtree(cache, ignore_errors=True)
            subprocess.run(f"'{binary}' preview {big_uuid} 2>/dev/null | head -n 40 >/dev/null", shell=True, env=env)

        ours_preview = median_seconds(first_screen, runs)
        theirs_head = median_seconds(lambda: subprocess.run(f"head -n 40 '{big}' >/dev/null", shell=True), runs)
        rows.append(Row(9, "first screen of the preview of a 300 MiB text file, from an empty cache", ours_preview * 1000, "ms",
                        "`head -n 40` of the same file on local disk", theirs_head * 1000))
        spans = [entry for entry in open(log).read().splitlines() if entry.endswith(f" of {size}")][before:]
        sent = max(int(m.group(2)) - int(m.group(1)) + 1 for m in (re.search(r"bytes (\d+)-(\d+) of", entry) for entry in spans))
        rows.append(Row(9, "bytes a preview of a 300 MiB text file asks for (emulator's log, largest of the runs)", sent, "B",
                        "the file", size, "about 256 KiB", sent <= 256 * 1024))
        return rows
    finally:
        emulator.stop()
        shutil.rmtree(folder, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--binary", default=".build/release/amofiles")
    parser.add_argument("--runs", type=int, default=9)
    arguments = parser.parse_args()
    print(table(measure(os.path.abspath(arguments.binary), arguments.runs)))


if __name__ == "__main__":
    main()
