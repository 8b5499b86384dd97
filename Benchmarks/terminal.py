#!/usr/bin/env python3
"""What the UI costs a slow link: bytes written to the terminal for single keys,
next to Midnight Commander doing the same keys in a local folder of as many files;
and the time from start to the first frame with files, next to curl.

Usage: python3 Benchmarks/terminal.py [--binary .build/release/amofiles]
Needs mc (apt-get install mc) and curl.
"""
import argparse, json, os, shutil, statistics, subprocess, sys, tempfile, time

from harness import Emulator, Pty, Row, median_seconds, table

# Keys as xterm sends them once a curses program has switched the keypad on (arrows as ESC O B).
DOWN, PAGE_DOWN, ESCAPE, F1, F10 = b"\x1bOB", b"\x1b[6~", b"\x1b", b"\x1bOP", b"\x1b[21~"
SIZES = [(24, 80), (60, 200)]


def demo_files(binary, emulator):
    output = subprocess.run([binary, "ls", "--all", "--json"], env=emulator.env, check=True,
                            capture_output=True, text=True).stdout
    return json.loads(output)["_embedded"]["files"]


def local_twin(folder, files):
    """A folder with a file of the same name and size for every drive file (sparse, so it costs nothing)."""
    twin = os.path.join(folder, "twin")
    os.makedirs(twin)
    taken = set()
    for file in files:
        base = file["name"].replace("/", "_")
        while len(base.encode()) > 240:  # a local file name has at most 255 bytes
            base = base[:-1]
        name = f"{base}.{file['metadata']['extension']}"
        while name in taken:
            name = "_" + name
        taken.add(name)
        with open(os.path.join(twin, name), "wb") as handle:
            handle.truncate(file["size"])
    return twin


def mc_home(folder, name, long):
    """A home for mc with its settings: one row per Down at the bottom, as amofiles does (mc's
    default jumps half a page); with `long`, the panel's rows span the screen as ours do."""
    home = os.path.join(folder, name)
    os.makedirs(os.path.join(home, ".config", "mc"))
    with open(os.path.join(home, ".config", "mc", "ini"), "w") as handle:
        handle.write("[Midnight-Commander]\nauto_save_setup=false\n[Panels]\npanel_scroll_pages=false\n")
    if long:
        with open(os.path.join(home, ".config", "mc", "panels.ini"), "w") as handle:
            handle.write("[New Left Panel]\nlist_format=long\n[New Right Panel]\nlist_format=long\n")
    return {"HOME": home, "XDG_CONFIG_HOME": os.path.join(home, ".config")}


def key_costs(program, rows):
    """Median bytes for each key, the program settled on its first screen of files."""
    visible = rows - 4
    moves = []
    for _ in range(5):  # a cursor move inside the screen
        moves.append(program.bytes_for(DOWN))
    for _ in range(visible + 4):  # to the bottom, where each Down scrolls
        program.send(DOWN)
        time.sleep(0.01)
    scrolls = [program.bytes_for(DOWN) for _ in range(5)]
    pages = [program.bytes_for(PAGE_DOWN) for _ in range(3)]
    return {"one cursor move": statistics.median(moves), "one scrolled row": statistics.median(scrolls),
            "one page down": statistics.median(pages)}


def help_cost(program, open_key, close_key):
    costs = [program.bytes_for(open_key) + program.bytes_for(close_key) for _ in range(3)]
    return statistics.median(costs)


def amofiles_costs(binary, emulator, rows, columns, env):
    program = Pty([binary, "--account", emulator.ready["account_url"]], rows, columns, env)
    try:
        program.wait_for(b"files loaded")
        program.settle(0.5)
        costs = key_costs(program, rows)
        costs["help opened and closed"] = help_cost(program, b"?", ESCAPE)
        return costs
    finally:
        program.close()


def mc_costs(twin, rows, columns, env):
    program = Pty(["mc", "--nosubshell", twin, twin], rows, columns, env, cwd=twin)
    try:
        program.wait_for(b"Name")  # the panels' header
        program.settle(1.0)
        costs = key_costs(program, rows)
        costs["help opened and closed"] = help_cost(program, F1, F10)
        return costs
    finally:
        program.close()


def first_frame(binary, emulator, env, runs):
    """Seconds from start to the first frame with files in it, and curl making the same calls."""
    ours = []
    for _ in range(runs):
        program = Pty([binary, "--account", emulator.ready["account_url"]], 24, 80, env)
        try:
            ours.append(program.wait_for(b"files loaded"))
        finally:
            program.close()
    return statistics.median(ours)


def curl_seconds(emulator, urls, runs):
    """One curl process asking for `urls` in turn, as a script would."""
    command = ["curl", "-sf", "-o", "/dev/null", "-H", f"Authorization: Bearer {emulator.ready['token']}", *urls]
    return median_seconds(lambda: subprocess.run(command, check=True, stdout=subprocess.DEVNULL), runs)


def ls_seconds(binary, emulator, runs):
    command = [binary, "ls", "--limit", "50"]
    return median_seconds(lambda: subprocess.run(command, env=emulator.env, check=True, stdout=subprocess.DEVNULL,
                                                 stderr=subprocess.DEVNULL), runs)


def measure(binary, runs=7):
    if not shutil.which("mc"):
        sys.exit("mc is missing: apt-get install mc")
    folder = tempfile.mkdtemp(prefix="amofiles-terminal-bench-")
    emulator = Emulator(binary, "--seed", "demo")
    try:
        files = demo_files(binary, emulator)
        twin = local_twin(folder, files)
        env = dict(emulator.env, TERM="xterm-256color", LANG="C.UTF-8")
        env.pop("NO_COLOR", None)
        two_panels, long_listing = mc_home(folder, "two-panels", long=False), mc_home(folder, "long", long=True)
        rows = []
        for height, width in SIZES:
            ours = amofiles_costs(binary, emulator, height, width, env)
            theirs = mc_costs(twin, height, width, dict(env, **two_panels))
            wide = mc_costs(twin, height, width, dict(env, **long_listing)) if width < 100 else None
            for what, value in ours.items():
                label = f"bytes to the terminal: {what}, {width}x{height}, {len(files)} files"
                rows.append(Row(2, label, value, "B", "mc, same keys, same pty", theirs[what],
                                "no more than mc", value <= theirs[what]))
                if wide:
                    rows.append(Row(2, label, value, "B", "mc with full-width rows (long listing)", wide[what]))

        account, drive = emulator.ready["account_url"], emulator.ready["drive_url"]
        calls = [f"{account}/api/v4/account?with=drive_url", f"{drive}/v1.0/files?limit=50", f"{account}/api/v4/users?limit=250"]
        reference = curl_seconds(emulator, calls, runs)
        rows.append(Row(7, "`amofiles ls --limit 50`, wall time", ls_seconds(binary, emulator, runs) * 1000, "ms",
                        "curl, the same 3 calls", reference * 1000))
        rows.append(Row(7, "UI: start to the first frame with files, 80x24", first_frame(binary, emulator, env, runs) * 1000,
                        "ms", "curl, the same 3 calls", reference * 1000))
        return rows
    finally:
        emulator.stop()
        shutil.rmtree(folder, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--binary", default=".build/release/amofiles")
    parser.add_argument("--runs", type=int, default=7)
    arguments = parser.parse_args()
    print(table(measure(os.path.abspath(arguments.binary), arguments.runs)))


if __name__ == "__main__":
    main()
