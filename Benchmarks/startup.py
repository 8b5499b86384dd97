#!/usr/bin/env python3
"""Start-up of the one-file release binary (scripts/build-release.sh): `ls --limit 50`
against curl making the same three calls, `--version` alone (the process start with
nothing to do), and the same binary run with no Swift toolchain on the loader path.

Usage: python3 Benchmarks/startup.py [--binary dist/amofiles] [--runs 21]
Needs curl.
"""
import argparse, os, subprocess, sys

from harness import Emulator, Row, median_seconds, table


def run(command, env):
    subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def measure(binary, runs=21):
    emulator = Emulator(binary, "--seed", "demo")
    try:
        account, drive, token = emulator.ready["account_url"], emulator.ready["drive_url"], emulator.ready["token"]
        calls = [f"{account}/api/v4/account?with=drive_url", f"{drive}/v1.0/files?limit=50", f"{account}/api/v4/users?limit=250"]
        curl = median_seconds(lambda: run(["curl", "-sf", "-o", "/dev/null", "-H", f"Authorization: Bearer {token}", *calls], None), runs)
        # Only what the program needs: no LD_LIBRARY_PATH, no toolchain folders on PATH.
        bare = {"PATH": "/usr/bin:/bin", "HOME": emulator.folder, "LANG": "C.UTF-8", "AMOFILES_TOKEN": token,
                "AMOFILES_ACCOUNT": account, "XDG_STATE_HOME": os.path.join(emulator.folder, "state")}
        ls = median_seconds(lambda: run([binary, "ls", "--limit", "50"], bare), runs)
        version = median_seconds(lambda: run([binary, "--version"], bare), runs)
        true = median_seconds(lambda: run(["/bin/true"], bare), runs)
        return [
            Row(7, "`amofiles ls --limit 50`, wall time, the one-file release binary", ls * 1000, "ms",
                "curl, the same 3 calls", curl * 1000, "within 1.5x of curl", ls <= 1.5 * curl),
            Row(7, "`amofiles --version`: the process start alone", version * 1000, "ms", "/bin/true", true * 1000),
        ]
    finally:
        emulator.stop()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--binary", default="dist/amofiles")
    parser.add_argument("--runs", type=int, default=21)
    arguments = parser.parse_args()
    print(table(measure(os.path.abspath(arguments.binary), arguments.runs)))


if __name__ == "__main__":
    main()
