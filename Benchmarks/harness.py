"""Shared by the benchmark scripts: an emulator started from the release binary."""
import json, os, shutil, signal, statistics, subprocess, sys, tempfile, time


def median_seconds(action, runs):
    """The median wall time of `action` over `runs` calls (these machines are noisy)."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


class Emulator:
    """`amofiles serve` on free loopback ports in a fresh temporary folder."""

    def __init__(self, binary, *arguments):
        self.folder = tempfile.mkdtemp(prefix="amofiles-bench-")
        ready = os.path.join(self.folder, "ready.json")
        self.process = subprocess.Popen(
            [binary, "serve", "--port", "0", "--drive-port", "0", "--data", os.path.join(self.folder, "data"),
             "--ready-file", ready, *arguments],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        started = time.time()
        while not os.path.exists(ready):
            if self.process.poll() is not None or time.time() - started > 600:
                sys.exit("amofiles serve did not start")
            time.sleep(0.05)
        self.startup = time.time() - started
        with open(ready) as handle:
            self.ready = json.load(handle)

    @property
    def env(self):
        return dict(os.environ, AMOFILES_TOKEN=self.ready["token"], AMOFILES_ACCOUNT=self.ready["account_url"],
                    XDG_STATE_HOME=os.path.join(self.folder, "state"), XDG_CACHE_HOME=os.path.join(self.folder, "cache"))

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        self.process.wait()
        shutil.rmtree(self.folder, ignore_errors=True)


class Pty:
    """A program on a pseudo-terminal of a given size; counts every byte it writes to the screen."""

    def __init__(self, argv, rows, columns, env, cwd=None):
        import pty, threading
        self.started = time.perf_counter()
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # the child: size the terminal before the program looks at it
            import fcntl, struct, termios
            fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
            if cwd:
                os.chdir(cwd)
            os.execvpe(argv[0], argv, env)
        self.output = bytearray()
        self.last_byte = self.started
        self.lock = threading.Lock()
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self):
        while True:
            try:
                chunk = os.read(self.fd, 65536)
            except OSError:
                return
            if not chunk:
                return
            with self.lock:
                self.output += chunk
                self.last_byte = time.perf_counter()

    def wait_for(self, needle, timeout=60):
        """Seconds from the start until `needle` (bytes) was on its way to the screen."""
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            with self.lock:
                if needle in self.output:
                    return self.last_byte - self.started
            time.sleep(0.002)
        raise TimeoutError(f"{needle!r} never appeared")

    def settle(self, quiet=0.3, timeout=30):
        """Waits until nothing has been written for `quiet` seconds."""
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            with self.lock:
                idle = time.perf_counter() - self.last_byte
            if idle >= quiet:
                return
            time.sleep(0.02)

    def bytes_for(self, keys, quiet=0.3):
        """Bytes written in answer to `keys`, once the screen is still again."""
        self.settle(quiet)
        with self.lock:
            before = len(self.output)
        os.write(self.fd, keys)
        time.sleep(0.05)
        self.settle(quiet)
        with self.lock:
            return len(self.output) - before

    def send(self, keys):
        os.write(self.fd, keys)

    def close(self):
        try:
            os.kill(self.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        os.waitpid(self.pid, 0)
        os.close(self.fd)


class Row:
    """One line of the table: our figure, its reference from the same run, and the goal if there is one."""

    def __init__(self, number, what, value, unit, reference, reference_value, goal=None, met=None):
        self.number, self.what, self.value, self.unit = number, what, value, unit
        self.reference, self.reference_value, self.goal, self.met = reference, reference_value, goal, met

    @property
    def ratio(self):
        return self.value / self.reference_value if self.reference_value else float("nan")


def figure(value, unit):
    if unit == "B":
        return f"{value:,.0f} B"
    if value >= 100:
        return f"{value:,.0f} {unit}"
    return f"{value:.3g} {unit}" if value < 1 else f"{value:.2f} {unit}"


def table(rows):
    lines = ["| # | what | amofiles | reference | reference figure | ratio | goal |",
             "| --- | --- | ---: | --- | ---: | ---: | --- |"]
    for row in rows:
        goal = "" if row.goal is None else f"{row.goal}: {'met' if row.met else 'NOT MET'}"
        lines.append(f"| {row.number} | {row.what} | {figure(row.value, row.unit)} | {row.reference} | "
                     f"{figure(row.reference_value, row.unit)} | {row.ratio:.2f} | {goal} |")
    return "\n".join(lines)
