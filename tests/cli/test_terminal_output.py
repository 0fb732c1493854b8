"""Every command's output on a terminal shows a document's control characters harmlessly (issue 10, defect 2),
and `open` refuses to run without a terminal (defect 3)."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
import threading

import pytest

from ..helpers import ROOT, run

HOSTILE = ("Retitle \x1b]0;pwned\x07 the window. Clear \x1b[2J the screen. "
           "Clipboard \x1b]52;c;aGk=\x07 written. Bell \x07 and DEL \x7f and C1 \x9b31m here.\n"
           "“This claim is hostile,” Klein notes.\n")
DANGERS = ("\x1b]0;", "\x1b[2J", "\x1b]52", "\x07", "\x9b", "\x7f")


def on_terminal(*args, cwd) -> tuple[int, str]:
    """Run `diptych ARGS` with stdin, stdout and stderr on a pseudo-terminal; return (exit code, raw output)."""
    master, slave = pty.openpty()
    chunks: list[bytes] = []

    def drain() -> None:
        while True:
            try:
                data = os.read(master, 65536)
            except OSError:
                return
            if not data:
                return
            chunks.append(data)

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "DIPTYCH_ANNOTATOR": "tester", "COLUMNS": "200", "TERM": "xterm"}
    env.pop("DIPTYCH_DB", None)
    proc = subprocess.run([sys.executable, "-m", "tui", *map(str, args)], stdin=slave, stdout=slave, stderr=slave,
                          cwd=cwd, env=env, timeout=60)
    os.close(slave)
    reader.join(timeout=10)
    os.close(master)
    return proc.returncode, b"".join(chunks).decode("utf-8", "replace")


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    bad_name = folder / "evil\x1b]0;t\x07.txt"
    bad_name.write_text("Evil \x1b]0;title\x07 name.\n", "utf-8")
    doc = folder / "hostile.txt"
    doc.write_text(HOSTILE, "utf-8")
    other = folder / "other.txt"
    other.write_text("Another text with a claim here, Klein notes.\n", "utf-8")
    db = folder / "h.db"
    run("import", doc, other, bad_name, "--db", db)
    claim = run("tag", "1", "-l", "claim", "--quote", "Retitle \x1b]0;pwned\x07 the window.", "--db", db,
                "--annotator", "a").stdout.strip()
    run("tag", "1", "-l", "claim", "--quote", "Retitle \x1b]0;pwned\x07 the window.", "--db", db,
        "--annotator", "b")
    cue = run("tag", "1", "-l", "attribution", "--quote", "Klein notes", "--db", db, "--annotator", "a").stdout.strip()
    run("link", cue, claim, "-r", "attributes", "--db", db)
    return folder, db


COMMANDS = [
    ["docs"], ["stats"], ["labels"], ["export"], ["export", "--format", "json"], ["export", "--format", "csv"],
    ["export", "--format", "w3c"], ["export", "--format", "doccano"], ["compare", "1", "2"],
    ["compare", "1", "2", "--format", "markdown"], ["compare", "1", "2", "--format", "csv"],
    ["compare", "1", "2", "--format", "json"], ["suggest"], ["suggest", "--pairs", "1", "2"], ["orphans"],
    ["agreement", "--annotators", "a", "b"], ["verify"], ["story"], ["sources"], ["search", "Retitle"],
    ["search", "hostile", "--label", "claim", "--format", "json"], ["delete", "no\x1b]0;such\x07id"],
    ["tag", "1", "-l", "claim", "--quote", "no such \x1b]0;x\x07 quote"],  # an error quoting the document's text
    ["import", "evil\x1b]0;t\x07.txt"],  # a line naming a path with escapes
]


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(a)[:40])
def test_no_command_sends_a_documents_control_characters_to_the_terminal(hostile_db, args):
    folder, db = hostile_db
    code, output = on_terminal(*args, "--db", db, cwd=folder)
    assert output.strip(), "the command printed nothing"
    for danger in DANGERS:
        assert danger not in output, (danger, output[:500])


def test_on_a_terminal_controls_show_as_pictures_and_in_a_pipe_csv_stays_exact(hostile_db):
    folder, db = hostile_db
    _code, output = on_terminal("export", "--format", "csv", "--db", db, cwd=folder)
    assert "Retitle ␛]0;pwned␇ the window." in output
    piped = run("export", "--format", "csv", "--db", db).stdout
    assert "Retitle \x1b]0;pwned\x07 the window." in piped


def test_open_refuses_without_a_terminal(corpus, tmp_path):
    proc = subprocess.run([sys.executable, "-m", "tui", "open", str(corpus), "--db", str(tmp_path / "x.db")],
                          stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=30,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert proc.returncode == 1
    assert proc.stderr.strip() == ("diptych: the reader needs a terminal, and standard input is not one "
                                   "(to read annotations in a script, use diptych export)")
    assert "\x1b" not in proc.stdout


def test_open_refuses_when_stdout_is_a_pipe(corpus, tmp_path):
    master, slave = pty.openpty()
    try:
        proc = subprocess.run([sys.executable, "-m", "tui", "open", str(corpus), "--db", str(tmp_path / "x.db")],
                              stdin=slave, capture_output=True, text=True, timeout=30,
                              env={**os.environ, "PYTHONPATH": str(ROOT)})
    finally:
        os.close(slave)
        os.close(master)
    assert proc.returncode == 1 and "standard output is not one" in proc.stderr
