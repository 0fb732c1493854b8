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
                   "-c", str(cwd),
                   # COLUMNS/LINES inherited from the test run would override the terminal's size.
                   "env -u COLUMNS -u LINES TERM=xterm-256color " + " ".join(command) + "; sleep 600")
        # Without a client attached, some tmux versions keep 80x24 whatever -x/-y said.
        self._tmux("resize-window", "-t", self.name, "-x", str(size[0]), "-y", str(size[1]))

    def _tmux(self, *args: str) -> str:
        return subprocess.run(["tmux", "-L", self.socket, *args], capture_output=True, text=True,
                              check=True).stdout

    def resize(self, columns: int, rows: int) -> None:
        self._tmux("resize-window", "-t", self.name, "-x", str(columns), "-y", str(rows))

    def keys(self, *keys: str) -> None:
        """Keys one write at a time (the app keeps their order: no pause needed between them)."""
        for key in keys:
            self._tmux("send-keys", "-t", self.name, key)

    def burst(self, *keys: str) -> None:
        """Several keys in one write, as a fast typist or a paste sends them."""
        self._tmux("send-keys", "-t", self.name, *keys)

    def screen(self, colours: bool = False) -> str:
        return self._tmux("capture-pane", "-p", *(["-e"] if colours else []), "-t", self.name)

    def wait_until(self, test, what: str, seconds: float = 30, colours: bool = False) -> str:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            screen = self.screen(colours)
            if test(screen):
                return screen
            time.sleep(0.2)
        raise AssertionError(f"{what} never happened:\n{self.screen()}")

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
        term.wait_for(" claim  During a meeting")  # the status line, on the new claim
        term.keys("Tab", "s", "a")
        screen = term.wait_for(" attribution  Brothers in Arms")
        assert "Brothers in Arms: Putin Gets" in screen
        pid = term.app_pid()
        subprocess.run(["kill", "-KILL", str(pid)], check=True)
        deadline = time.monotonic() + 10
        while subprocess.run(["kill", "-0", str(pid)], capture_output=True).returncode == 0:  # until it is gone
            assert time.monotonic() < deadline, "the app outlived SIGKILL"
            time.sleep(0.05)
    finally:
        term.close()
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    rows = conn.execute("SELECT label, annotator FROM annotations ORDER BY document_id").fetchall()
    assert rows == [("claim", "term"), ("attribution", "term")]


def test_two_apps_and_the_cli_on_one_database(tmp_path, corpus):
    """No 'database is locked' reaches anyone, nothing is lost, each app sees the others' tags."""
    db = tmp_path / "shared.db"
    first = subprocess.run([sys.executable, "-m", "tui", "import", str(corpus), "--db", str(db)],
                           capture_output=True, text=True)
    assert first.returncode == 0, first.stderr
    apps = [Terminal([sys.executable, "-m", "tui", "open", str(corpus), "--db", str(db), "--annotator", name],
                     cwd=tmp_path, size=(200, 30)) for name in ("one", "two")]
    try:
        for term in apps:
            term.wait_for("Brothers in Arms")
            term.wait_for("0 annotations")
        extra = tmp_path / "extra.txt"
        extra.write_text("A third document, imported while both apps are open.\n", "utf-8")
        # The six writers start together and the two apps tag while they run: every writer
        # overlaps the others (each CLI process takes ~0.2 s to reach its write).
        cli = [subprocess.Popen([sys.executable, "-m", "tui", "import", str(extra), "--db", str(db)],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)]
        cli += [subprocess.Popen([sys.executable, "-m", "tui", "tag", "2", "-l", "claim", "--span", f"{i}:{i + 5}",
                                  "--db", str(db), "--annotator", "cli"],
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for i in range(0, 50, 10)]
        apps[0].keys("s", "c")  # a claim in the first article, from the first app
        apps[1].keys("Tab", "s", "a")  # an attribution in the second, from the second app
        for process in cli:
            out, err = process.communicate(timeout=60)
            assert process.returncode == 0 and "locked" not in err, err
        # Each app shows what the other (and the CLI) wrote, within a couple of seconds.
        for term in apps:  # pane 1: the first app's claim; pane 2: the second app's and the CLI's five
            screen = term.wait_for("·  6", seconds=5)
            assert "·  1 annotation " in screen
        for term in apps:
            screen = term.screen()
            assert "locked" not in screen and "Error" not in screen
    finally:
        for term in apps:
            term.close()
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    rows = conn.execute("SELECT annotator, count(*) FROM annotations GROUP BY annotator ORDER BY annotator").fetchall()
    assert rows == [("cli", 5), ("one", 1), ("two", 1)]
    assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] == 4  # the corpus and one more


def test_a_key_typed_just_before_tab_acts_on_its_own_pane(tmp_path, corpus):
    """`x Tab` in one burst, focus on pane 1 (plain text), pane 2's cursor on a claim: nothing
    is deleted (before the fix, pane 2's claim went). Then `L Tab`: no link starts."""
    db = tmp_path / "burst.db"
    subprocess.run([sys.executable, "-m", "tui", "import", str(corpus), "--db", str(db)], check=True,
                   capture_output=True)
    subprocess.run([sys.executable, "-m", "tui", "tag", "2", "-l", "claim", "--quote",
                    "This is 40 percent of Russia’s ammunition stockpiles in this area.", "--db", str(db),
                    "--annotator", "term"], check=True, capture_output=True)
    on_the_claim = "ammuniti…  by term"  # the status line, pane 2 focused on its claim
    term = Terminal([sys.executable, "-m", "tui", "open", str(corpus), "--db", str(db)], cwd=tmp_path,
                    size=(200, 30))  # wide enough for the titles to show their counts
    try:
        term.wait_for("·  1")
        term.keys("Tab", "]")
        term.wait_for(on_the_claim)
        term.keys("Tab")
        term.wait_for("Offset 0 of")  # pane 1's status: plain text
        term.burst("x", "Tab")
        term.wait_for(on_the_claim)
        assert sqlite3.connect(db).execute("SELECT count(*) FROM annotations").fetchone() == (1,)
        term.keys("Tab")
        term.wait_for("Offset 0 of")
        term.burst("L", "Tab")
        screen = term.wait_for(on_the_claim)
        assert " LINK " not in screen  # L acted on pane 1, where there is nothing to link from
    finally:
        term.close()
    assert sqlite3.connect(db).execute("SELECT count(*) FROM annotations").fetchone() == (1,)


def focused_cursor_row(screen: str) -> int | None:
    """The screen row of the focused pane's cursor: the one cell drawn in reverse video
    (SGR 7 alone; the pane numbers are bold reverse), in the text rows above the status."""
    lines = screen.splitlines()
    for y, line in enumerate(lines[1:-2], start=1):
        if "\x1b[7m" in line:
            return y
    return None


def test_resize_keeps_the_cursor_on_screen_in_a_real_terminal(tmp_path, corpus):
    db = tmp_path / "resize.db"
    term = Terminal([sys.executable, "-m", "tui", "open", str(corpus), "--db", str(db)], cwd=tmp_path,
                    size=(120, 40))
    try:
        term.wait_for("Brothers in Arms")
        term.burst(*["j"] * 30)
        screen = term.wait_until(lambda s: (focused_cursor_row(s) or 0) >= 25, "the cursor 30 rows down",
                                 colours=True)
        before = focused_cursor_row(screen) / 40
        term.resize(120, 14)
        screen = term.wait_until(lambda s: len(s.splitlines()) <= 14 and focused_cursor_row(s) is not None,
                                 "the cursor on screen after the resize", colours=True)
        row = focused_cursor_row(screen)
        assert abs(row / 14 - before) <= 0.25, (row, before)
    finally:
        term.close()
