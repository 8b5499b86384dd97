#!/usr/bin/env python3
"""A big account: `G` to the end of 100,000 files at 50 ms latency under the 7/s pace
(against the requests the doubling search needs), the UI's memory after going through
every row (against after the first page), the `usage` walk (against the pace's floor),
and `download --all` of 200 files (against a curl loop over the same links).

Usage: python3 Benchmarks/bigaccount.py [--binary .build/release/amofiles] [--files 100000]
Needs tmux and curl.
"""
import argparse, json, os, re, subprocess, tempfile, time

from harness import Emulator, Row, table

PAGE = 50


def probes_for(count):
    """Requests the doubling-then-halving search makes for a list of `count` rows (as LastPage does)."""
    def probe(page):
        start = (page - 1) * PAGE
        rows = max(0, min(PAGE, count - start))
        return rows, start + PAGE < count
    asked = 1
    rows, more = probe(1)
    if not more or rows == 0:
        return asked
    known, beyond, page = 1, None, 2
    while beyond is None or beyond - known > 1:
        asked += 1
        rows, more = probe(page)
        if rows == 0:
            beyond = page
        elif not more:
            return asked
        else:
            known = page
        page = (known + beyond) // 2 if beyond else known * 2
    return asked


def requests(log):
    with open(log) as handle:
        return sum(1 for line in handle if "request GET /v1.0/files " in line)


class Tmux:
    def __init__(self, command, env):
        self.name = f"amofiles-bench-{os.getpid()}"
        exports = " ".join(f"{key}='{value}'" for key, value in env.items() if key.startswith(("AMOFILES_", "XDG_")))
        subprocess.run(["tmux", "new-session", "-d", "-s", self.name, "-x", "100", "-y", "30", f"env {exports} {command}"], check=True)

    def screen(self):
        return subprocess.run(["tmux", "capture-pane", "-p", "-t", self.name], capture_output=True, text=True).stdout

    def send(self, *keys):
        subprocess.run(["tmux", "send-keys", "-t", self.name, *keys], check=True)

    def wait(self, pattern, timeout=600):
        deadline = time.time() + timeout
        while time.time() < deadline:
            found = re.search(pattern, self.screen())
            if found:
                return found
            time.sleep(0.02)
        raise TimeoutError(f"{pattern} never showed:\n{self.screen()}")

    def program_pid(self):
        shell = subprocess.run(["tmux", "display-message", "-p", "-t", self.name, "#{pane_pid}"], capture_output=True, text=True).stdout.strip()
        children = subprocess.run(["pgrep", "-P", shell], capture_output=True, text=True).stdout.split()
        return int(children[0]) if children else int(shell)

    def close(self):
        subprocess.run(["tmux", "kill-session", "-t", self.name], stderr=subprocess.DEVNULL)


def resident_kb(pid):
    with open(f"/proc/{pid}/status") as handle:
        return int(re.search(r"VmRSS:\s+(\d+)", handle.read()).group(1))


def grouped(value):
    return f"{value:,}"


def jumps_and_memory(binary, emulator, log, total):
    rows = []
    # The pace of the real service (7/s), each answer 50 ms late.
    ui = Tmux(f"{binary} --account {emulator.ready['account_url']}", emulator.env)
    try:
        ui.wait(r" 100 files loaded")
        before = requests(log)
        start = time.time()
        ui.send("G")
        ui.wait(rf"row {grouped(total)} of {grouped(total)}")
        seconds = time.time() - start
        asked = requests(log) - before
        rows.append(Row(10, f"`G` to the oldest of {grouped(total)} files, 50 ms latency, 7 requests/s: requests", asked, "requests",
                        "the doubling search's requests", probes_for(total), "under 40", asked < 40))
        rows.append(Row(10, f"`G` to the oldest of {grouped(total)} files, 50 ms latency, 7 requests/s: seconds", seconds, "s",
                        "those requests at 7/s", probes_for(total) / 7))
    finally:
        ui.close()

    # Memory does not depend on the pace: every row gone through as fast as the pages come.
    ui = Tmux(f"{binary} --max-rps 0 --account {emulator.ready['account_url']}", emulator.env)
    try:
        ui.wait(r" 100 files loaded")
        time.sleep(1)
        pid = ui.program_pid()
        first = resident_kb(pid)
        ui.send("G")
        ui.wait(rf"row {grouped(total)} of")
        ui.send(":", "50%", "Enter")
        ui.wait(r"row [\d,]+ of")
        ui.send("g")
        ui.wait(r"row 1 of")
        # Every row, a screen at a time.
        deadline = time.time() + 1800
        while time.time() < deadline and not re.search(rf"row {grouped(total)} of {grouped(total)}", ui.screen()):
            for _ in range(20):
                ui.send("PageDown")
            time.sleep(0.2)
        after = resident_kb(pid)
        rows.append(Row(11, f"UI resident memory after `G`, `:50%`, `g` and every one of {grouped(total)} rows", after / 1000, "MB",
                        "after the first page", first / 1000, "within 1.3x", after <= 1.3 * first))
    finally:
        ui.close()
    return rows


def usage_walk(binary, emulator, log):
    before = requests(log)
    start = time.time()
    subprocess.run([binary, "usage"], env=emulator.env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    seconds = time.time() - start
    asked = requests(log) - before
    return [Row(12, f"`amofiles usage`: {asked} list requests of 250, 50 ms latency, 7 requests/s", seconds, "s",
                "the pace's floor (requests / 7)", asked / 7, "within 1.2x of the floor", seconds <= 1.2 * asked / 7)]


def download_all(binary, count):
    emulator = Emulator(binary, "--extra-files", str(count))
    try:
        env = emulator.env
        listed = json.loads(subprocess.run([binary, "ls", "--all", "--json"], env=env, check=True, capture_output=True).stdout)
        links = [file["_links"]["download"]["href"] for file in listed["_embedded"]["files"]]
        folder = tempfile.mkdtemp(prefix="amofiles-bench-copies-")

        def ours(*pace):
            start = time.time()
            subprocess.run([binary, "download", "--all", *pace, "-o", os.path.join(folder, "amofiles" + "".join(pace))], env=env, check=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            return time.time() - start
        paced, unpaced = ours(), ours("--max-rps", "0")
        os.makedirs(os.path.join(folder, "curl"))
        start = time.time()
        for index, link in enumerate(links):
            subprocess.run(["curl", "-sfL", "-o", os.path.join(folder, "curl", str(index)), "-H", f"Authorization: Bearer {env['AMOFILES_TOKEN']}", link],
                           check=True)
        curl = time.time() - start
        size = sum(os.path.getsize(os.path.join(folder, "curl", name)) for name in os.listdir(os.path.join(folder, "curl")))
        subprocess.run(["rm", "-rf", folder])
        what = f"`download --all` of {len(links)} files ({size / 1e6:.0f} MB), 3 at a time, loopback"
        return [Row(13, what + ", 7 requests/s", paced, "s", "the pace's floor (files / 7)", len(links) / 7, "within 1.2x of the floor", paced <= 1.2 * len(links) / 7),
                Row(13, what + ", unpaced (`--max-rps 0`)", unpaced, "s", "a curl loop over the same links", curl, "at least as fast", unpaced <= curl)]
    finally:
        emulator.stop()


def measure(binary, files=100_000):
    log = tempfile.mktemp(prefix="amofiles-bench-", suffix=".log")
    emulator = Emulator(binary, "--seed", "empty", "--extra-files", str(files), "--latency", "50", "--log-file", log)
    try:
        # Some generated files are in the trash: the list's length is what a walk counts.
        walked = subprocess.run([binary, "usage", "--json", "--max-rps", "0"], env=emulator.env, check=True, capture_output=True).stdout
        total = json.loads(walked)["files"]
        rows = jumps_and_memory(binary, emulator, log, total) + usage_walk(binary, emulator, log)
    finally:
        emulator.stop()
        os.remove(log)
    return rows + download_all(binary, 200)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--binary", default=".build/release/amofiles")
    parser.add_argument("--files", type=int, default=100_000)
    arguments = parser.parse_args()
    print(table(measure(os.path.abspath(arguments.binary), arguments.files)))


if __name__ == "__main__":
    main()
