"""A private tmux server that times a command to its first paint (see `bench.ttfp`)."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time

from bench.common import REPO, Workspace
from bench.markers import Marker

SERVER = "tandembench"
WIDTH, HEIGHT = 120, 40
POLL = 0.005
TIMEOUT = 20.0


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", "rb") as handle:
            return handle.read().split(b") ", 1)[1][:1] != b"Z"
    except (OSError, IndexError):
        return False


def _vm_hwm_mib(pid: int) -> float | None:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except (OSError, ValueError):
        return None
    return None


class Tmux:
    """A private tmux server for the samples."""

    def __init__(self, workspace: Workspace) -> None:
        self.env = workspace.env()
        self.count = 0
        self._tmux(
            "-f",
            "/dev/null",
            "new-session",
            "-d",
            "-s",
            "keeper",
            "-x",
            str(WIDTH),
            "-y",
            str(HEIGHT),
            "exec sleep 86400",
        )
        term = "tmux-256color" if self._has_terminfo("tmux-256color") else "screen-256color"
        self._tmux("set-option", "-g", "default-terminal", term)
        self._tmux("set-option", "-g", "status", "off")
        self._env_flags: list[str] = []
        for key in (
            "PYTHONPATH",
            "XDG_STATE_HOME",
            "XDG_CACHE_HOME",
            "XDG_DATA_HOME",
            "PYTHONPYCACHEPREFIX",
        ):
            self._env_flags += ["-e", f"{key}={self.env[key]}"]

    @staticmethod
    def available() -> bool:
        """Whether tmux can be run here."""
        return shutil.which("tmux") is not None

    @staticmethod
    def _has_terminfo(name: str) -> bool:
        return (
            subprocess.run(["infocmp", name], capture_output=True, check=False).returncode == 0
            if shutil.which("infocmp")
            else False
        )

    def _tmux(self, *args: str, capture: bool = False) -> str:
        result = subprocess.run(
            ["tmux", "-L", SERVER, *args],
            capture_output=True,
            text=True,
            env=self.env,
            check=False,
        )
        if result.returncode != 0 and not capture:
            raise RuntimeError(f"tmux {args[0]} failed: {result.stderr.strip()}")
        return result.stdout

    def _start(self, cmd: str) -> str:
        self.count += 1
        name = f"s{self.count}"
        self._tmux(
            "new-session",
            "-d",
            "-s",
            name,
            "-x",
            str(WIDTH),
            "-y",
            str(HEIGHT),
            "-c",
            str(REPO),
            *self._env_flags,
            cmd,
        )
        return name

    def _capture(self, name: str) -> str:
        return self._tmux("capture-pane", "-p", "-t", name, capture=True)

    def _stop(self, name: str) -> None:
        pid_text = self._tmux("display-message", "-p", "-t", name, "#{pane_pid}", capture=True)
        self._tmux("kill-session", "-t", name, capture=True)
        try:
            pid = int(pid_text.strip())
        except ValueError:
            return
        deadline = time.monotonic() + 5
        while _alive(pid) and time.monotonic() < deadline:
            time.sleep(0.01)
        if _alive(pid):
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass

    def sample(self, cmd: str, marker: Marker) -> tuple[float | None, float | None]:
        """(ms to the marker, peak RSS MiB at that moment); None when it never showed."""
        t0 = time.perf_counter()
        name = self._start(cmd)
        elapsed: float | None = None
        while True:
            screen = self._capture(name)
            now = time.perf_counter()
            if marker.found(screen):
                elapsed = (now - t0) * 1000
                break
            if now - t0 > TIMEOUT:
                break
            time.sleep(POLL)
        rss = None
        if elapsed is not None:
            pid_text = self._tmux("display-message", "-p", "-t", name, "#{pane_pid}", capture=True)
            try:
                rss = _vm_hwm_mib(int(pid_text.strip()))
            except ValueError:
                rss = None
        self._stop(name)
        return elapsed, rss

    def probe(self, cmd: str, settle: float = 0.7) -> str:
        """The screen once it has not changed for `settle` seconds."""
        name = self._start(cmd)
        start = time.monotonic()
        last, since = "", time.monotonic()
        while time.monotonic() - start < TIMEOUT:
            screen = self._capture(name)
            if screen != last:
                last, since = screen, time.monotonic()
            elif screen.strip() and time.monotonic() - since >= settle:
                break
            time.sleep(0.05)
        self._stop(name)
        return last

    def close(self) -> None:
        """Stop the private server (and anything left in it)."""
        self._tmux("kill-server", capture=True)
