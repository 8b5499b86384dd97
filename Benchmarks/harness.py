"""Shared by the benchmark scripts: an emulator started from the release binary."""
import json, os, shutil, signal, subprocess, sys, tempfile, time


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
                    XDG_STATE_HOME=os.path.join(self.folder, "state"))

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        self.process.wait()
        shutil.rmtree(self.folder, ignore_errors=True)
