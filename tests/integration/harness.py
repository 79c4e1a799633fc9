"""Shared harness for integration tests that start the real binaries on loopback.

Every process a test starts is tracked by PID and killed in tearDown (SIGTERM, then SIGKILL
after a grace period), whatever the outcome. Ports are chosen by the kernel (bind to port 0)
so tests running in parallel under ctest -j do not collide. When a test fails, the logs of the
processes it started are printed so the failure can be diagnosed from the ctest output alone.
"""

import json
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import unittest

LOOPBACK = "127.0.0.1"


def bin_dir():
    path = os.environ.get("IMS_BIN_DIR")
    if not path:
        raise RuntimeError("IMS_BIN_DIR is not set: run integration tests through ctest")
    return path


def binary(name):
    """Absolute path of one of our executables in the build's bin directory."""
    path = os.path.join(bin_dir(), name)
    if not os.access(path, os.X_OK):
        raise RuntimeError(f"{path} is missing: build it first")
    return path


def source_dir():
    return os.environ.get("IMS_SOURCE_DIR", os.path.abspath(os.path.join(os.path.dirname(__file__), "../..")))


def have(tool):
    return shutil.which(tool) is not None


def free_port(host=LOOPBACK):
    """A port number free for both TCP and UDP on host at the time of the call."""
    for _ in range(50):
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as tcp:
            tcp.bind((host, 0))
            port = tcp.getsockname()[1]
            try:
                with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as udp:
                    udp.bind((host, port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free port found")


def wait_tcp(port, host=LOOPBACK, timeout=15.0, proc=None):
    """Waits until something accepts TCP connections on host:port. Fails fast if proc exits."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.popen.poll() is not None:
            raise AssertionError(f"{proc.name} exited with {proc.popen.returncode} before listening "
                                 f"on {host}:{port}\n{proc.log_tail()}")
        try:
            with socket.create_connection((host, port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.05)
    raise AssertionError(f"nothing listens on {host}:{port} after {timeout}s"
                         + (f"\n{proc.log_tail()}" if proc else ""))


def wait_for(predicate, timeout=10.0, interval=0.05, what="condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout}s waiting for {what}")


class Proc:
    """One started process: its name, Popen object and log file (stdout+stderr)."""

    def __init__(self, name, popen, log_path):
        self.name = name
        self.popen = popen
        self.log_path = log_path

    @property
    def pid(self):
        return self.popen.pid

    def log(self):
        try:
            with open(self.log_path, "r", errors="replace") as f:
                return f.read()
        except OSError:
            return ""

    def log_tail(self, lines=60):
        return "\n".join(self.log().splitlines()[-lines:])

    def wait_log(self, text, timeout=15.0):
        """Waits until the process has logged text; fails fast if it exits."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if text in self.log():
                return
            if self.popen.poll() is not None:
                raise AssertionError(f"{self.name} exited with {self.popen.returncode} before logging "
                                     f"{text!r}\n{self.log_tail()}")
            time.sleep(0.05)
        raise AssertionError(f"{self.name} did not log {text!r} in {timeout}s\n{self.log_tail()}")

    def stop(self, sig=signal.SIGTERM, grace=5.0):
        """Stops the process by PID; returns its exit code."""
        if self.popen.poll() is None:
            self.popen.send_signal(sig)
            try:
                self.popen.wait(timeout=grace)
            except subprocess.TimeoutExpired:
                self.popen.kill()
                self.popen.wait(timeout=5)
        return self.popen.returncode


class IntegrationTest(unittest.TestCase):
    """Base class: a temp dir per test, processes tracked by PID and stopped in tearDown."""

    keep_dirs = os.environ.get("IMS_KEEP_TEST_DIRS") == "1"

    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix=f"ims-{self.id().split('.')[-1]}-")
        self.procs = []
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        failed = self._outcome_failed()
        bad_exits = []
        for proc in reversed(self.procs):
            code = proc.stop()
            # A sanitizer report or a crash on shutdown is a failure too.
            if code not in (0, -signal.SIGTERM, -signal.SIGINT, 143):
                bad_exits.append(f"{proc.name} (pid {proc.pid}) ended with {code}")
        if failed or bad_exits:
            for proc in self.procs:
                print(f"----- log of {proc.name} (pid {proc.pid}) -----\n{proc.log_tail(200)}")
        elif not self.keep_dirs:
            shutil.rmtree(self.dir, ignore_errors=True)
        if bad_exits and not failed:
            self.fail("; ".join(bad_exits))

    def _outcome_failed(self):
        outcome = getattr(self, "_outcome", None)
        if outcome is None:
            return False
        result = getattr(outcome, "result", None)
        if result is not None:
            return any(t is self for t, _ in result.failures + result.errors)
        return not getattr(outcome, "success", True)

    def path(self, *parts):
        return os.path.join(self.dir, *parts)

    def write(self, name, text):
        path = self.path(name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            f.write(text)
        return path

    def start(self, name, argv, env=None, cwd=None):
        """Starts argv with stdout+stderr to <dir>/<name>.log; it is stopped in tearDown."""
        log_path = self.path(f"{name}.log")
        log = open(log_path, "ab")
        full_env = dict(os.environ)
        full_env.setdefault("ASAN_OPTIONS", "detect_leaks=1")
        if env:
            full_env.update(env)
        popen = subprocess.Popen(argv, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                 env=full_env, cwd=cwd or self.dir)
        log.close()
        proc = Proc(name, popen, log_path)
        self.procs.append(proc)
        return proc

    def run_tool(self, argv, timeout=30, check=True, input_text=None):
        """Runs a command to completion; returns CompletedProcess with text stdout/stderr."""
        done = subprocess.run(argv, capture_output=True, text=True, timeout=timeout, cwd=self.dir,
                              input=input_text)
        if check and done.returncode != 0:
            self.fail(f"{' '.join(argv)} exited {done.returncode}\nstdout:\n{done.stdout}\nstderr:\n{done.stderr}")
        return done

    def run_json(self, argv, timeout=30, check=True):
        done = self.run_tool(argv, timeout=timeout, check=check)
        try:
            return json.loads(done.stdout)
        except json.JSONDecodeError:
            self.fail(f"{' '.join(argv)} printed no JSON:\n{done.stdout}\n{done.stderr}")


class Capture:
    """tshark capture on loopback with a capture filter; use as a context manager."""

    def __init__(self, test, capture_filter, name="capture"):
        self.test = test
        self.file = test.path(f"{name}.pcapng")
        self.filter = capture_filter
        self.proc = None

    def __enter__(self):
        # tshark prints "Capturing on 'Loopback: lo'" before dumpcap has opened the interface;
        # "Capture started." comes once dumpcap captures (seen 9 ms later on a loaded machine,
        # long enough to miss a whole Diameter exchange).
        self.proc = self.test.start("tshark", ["tshark", "-i", "lo", "-f", self.filter, "-w", self.file, "-q"])
        self.proc.wait_log("Capture started", timeout=20)
        return self

    def __exit__(self, *exc):
        time.sleep(0.3)  # let the last frames reach the capture
        self.proc.stop(sig=signal.SIGINT)
        return False

    def fields(self, display_filter, fields, decode_as=()):
        argv = ["tshark", "-r", self.file]
        for rule in decode_as:
            argv += ["-d", rule]
        argv += ["-Y", display_filter, "-T", "fields"]
        for field in fields:
            argv += ["-e", field]
        done = subprocess.run(argv, capture_output=True, text=True, timeout=60)
        return [line.split("\t") for line in done.stdout.splitlines() if line]
