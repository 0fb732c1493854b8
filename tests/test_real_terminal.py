"""The app in a real terminal (tmux): keys typed, screen read, then killed with SIGKILL.

Nothing tagged before the kill may be lost, and the database must stay sound.
Skipped where tmux is not installed.
"""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
import time
import uuid

import pytest

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux")


class Terminal:
    def __init__(self, command: list[str], cwd, size=(120, 30)) -> None:
        self.socket = f"diptych-test-{uuid.uuid4().hex[:8]}"
        self.name = "t"
        self._tmux("new-session", "-d", "-s", self.name, "-x", str(size[0]), "-y", str(size[1]),
                   "-c", str(cwd), "TERM=xterm-256color " + " ".join(command) + "; sleep 600")

    def _tmux(self, *args: str) -> str:
        return subprocess.run(["tmux", "-L", self.socket, *args], capture_output=True, text=True,
                              check=True).stdout

    def keys(self, *keys: str) -> None:
        for key in keys:
            self._tmux("send-keys", "-t", self.name, key)
            time.sleep(0.15)

    def screen(self) -> str:
        return self._tmux("capture-pane", "-p", "-t", self.name)

    def wait_for(self, text: str, seconds: float = 30) -> str:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.2)
        raise AssertionError(f"{text!r} never appeared:\n{self.screen()}")

    def app_pid(self) -> int:
        shell = self._tmux("display-message", "-p", "-t", self.name, "#{pane_pid}").strip()
        out = subprocess.run(["pgrep", "-P", shell], capture_output=True, text=True).stdout.split()
        return int(out[0])

    def close(self) -> None:
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True)


def test_tag_in_a_real_terminal_then_sigkill_loses_nothing(tmp_path, corpus):
    db = tmp_path / "real.db"
    term = Terminal([sys.executable, "-m", "tui", "open", str(corpus), "--db", str(db),
                     "--annotator", "term"], cwd=tmp_path)
    try:
        term.wait_for("Brothers in Arms")
        term.keys("s", "c")
        term.wait_for(" claim ")
        term.keys("Tab", "s", "a")
        screen = term.wait_for(" attribution ")
        assert "Brothers in Arms: Putin Gets" in screen
        pid = term.app_pid()
        subprocess.run(["kill", "-KILL", str(pid)], check=True)
        time.sleep(0.3)
    finally:
        term.close()
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    rows = conn.execute("SELECT label, annotator FROM annotations ORDER BY document_id").fetchall()
    assert rows == [("claim", "term"), ("attribution", "term")]
