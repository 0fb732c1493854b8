"""``--output`` is written atomically (README, "The command line"): a reader of the target
never sees a partial file, and a writer killed half-way leaves the old file intact.

A killed writer cannot clean up after itself: its temporary file, ``.diptych-*.tmp``
beside the target, may stay behind (documented in docs/notes/mutate.md); the target never
changes until the new content is complete.
"""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tui.formats import atomic_writer
from tui.model.entities import Annotation
from tui.model.text import context
from tui.services.importing import import_ids
from tui.store import Store

from ..helpers import CORPUS

OLD = "the old, complete export\n" * 100


def _leftovers(folder: Path, target: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p != target)


# The writer itself, in this process ------------------------------------------------------
def test_the_target_keeps_its_old_content_until_the_new_one_is_complete(tmp_path):
    target = tmp_path / "out.jsonl"
    target.write_text(OLD)
    with atomic_writer(str(target)) as handle:
        handle.write("half of the new")
        handle.flush()
        assert target.read_text() == OLD
        assert [p.name for p in tmp_path.glob(".diptych-*.tmp")] != []
        handle.write(" export\n")
    assert target.read_text() == "half of the new export\n"
    assert _leftovers(tmp_path, target) == []


def test_a_failed_export_leaves_the_old_file_and_no_temporary_file(tmp_path):
    target = tmp_path / "out.jsonl"
    target.write_text(OLD)
    with pytest.raises(RuntimeError, match="disk on fire"), atomic_writer(str(target)) as handle:
        handle.write("partial")
        raise RuntimeError("disk on fire")
    assert target.read_text() == OLD
    assert _leftovers(tmp_path, target) == []


def test_the_new_file_has_the_mode_a_plain_open_would_give_it(tmp_path):
    target = tmp_path / "kept.csv"
    target.write_text(OLD)
    target.chmod(0o640)
    with atomic_writer(str(target), newline="") as handle:
        handle.write("a,b\r\n")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640 and target.read_bytes() == b"a,b\r\n"
    fresh = tmp_path / "fresh.csv"
    umask = os.umask(0o027)
    try:
        with atomic_writer(str(fresh)) as handle:
            handle.write("x")
    finally:
        os.umask(umask)
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o640  # 0666 less the umask, not mkstemp's 0600


# A real export in another process ----------------------------------------------------------
@pytest.fixture(scope="module")
def big_db(tmp_path_factory) -> Path:
    """30,000 annotations: an export of several MB, written in many chunks."""
    folder = tmp_path_factory.mktemp("big")
    db = folder / "big.db"
    store = Store.open(db)
    [doc, *_] = import_ids(store, [CORPUS])
    text = store.text(doc)
    words = [i for i in range(1, len(text) - 40) if text[i - 1] == " "][:1000]
    with store.transaction():
        for n in range(30_000):
            start = words[n % len(words)]
            end = start + 10 + n % 30
            prefix, suffix = context(text, start, end)
            store._insert_annotation(Annotation(
                f"a{n:06d}", doc, start, end, "claim" if n % 2 else "attribution", text[start:end], prefix, suffix,
                f"note {n}", "t", "2026-01-01T00:00:00.000Z", "2026-01-01T00:00:00.000Z"))
    store.close()
    return db


def _export(db: Path, target: Path, fmt: str = "jsonl") -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "tui", "export", "--db", str(db), "--format", fmt,
                             "--output", str(target)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_a_reader_polling_the_target_sees_only_whole_files(big_db, tmp_path, fmt):
    target = tmp_path / f"out.{fmt}"
    target.write_text(OLD)
    writer = _export(big_db, target, fmt)
    reads, new = 0, None
    while True:
        done = writer.poll() is not None
        data = target.read_bytes()
        reads += 1
        if data != OLD.encode():
            new = data
            break
        if done:
            break
    writer.wait(60)
    assert writer.returncode == 0, writer.stderr.read()
    complete = target.read_bytes()
    assert len(complete) > 2_000_000
    # The first read that was not the old file was already the whole new one.
    assert new == complete, f"read {len(new or b'')} of {len(complete)} bytes after {reads} polls"
    assert _leftovers(tmp_path, target) == []


PAUSING_EXPORT = textwrap.dedent("""
    import sys, time
    from tui.formats import EXPORTERS, json_format

    def pause(line=b""):
        print("paused", flush=True)
        time.sleep(60)

    # Pause after part of the output is written: on the fast path (jsonl) at its second chunk,
    # on the others after the first record.
    escape = json_format.escape_controls_utf8
    calls = []
    def escape_then_pause(chunk):
        calls.append(1)
        if len(calls) == 2:
            pause()
        return escape(chunk)
    json_format.escape_controls_utf8 = escape_then_pause

    write_csv = EXPORTERS["csv"]
    def csv_then_pause(rows, out):
        def first_then_pause():
            for n, row in enumerate(rows):
                if n == 1:
                    out.flush()
                    pause()
                yield row
        return write_csv(first_then_pause(), out)
    EXPORTERS["csv"] = csv_then_pause

    from tui.cli import main
    sys.argv = ["diptych", *sys.argv[1:]]
    main()
""")


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_a_writer_killed_half_way_leaves_the_old_file_intact(big_db, tmp_path, fmt):
    target = tmp_path / f"out.{fmt}"
    target.write_text(OLD)
    writer = subprocess.Popen(
        [sys.executable, "-c", PAUSING_EXPORT, "export", "--db", str(big_db), "--format", fmt,
         "--output", str(target)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert writer.stdout.readline().strip() == "paused", writer.stderr.read()
        temporary = list(tmp_path.glob(".diptych-*.tmp"))
        assert len(temporary) == 1 and temporary[0].stat().st_size > 0  # half the export is out
        assert target.read_text() == OLD
    finally:
        writer.send_signal(signal.SIGKILL)
        writer.wait(10)
    assert writer.returncode == -signal.SIGKILL
    assert target.read_text() == OLD
    # Only the dead writer's temporary file may remain, never a file under another name.
    assert all(name.startswith(".diptych-") and name.endswith(".tmp") for name in _leftovers(tmp_path, target))
    # The next export replaces the target as usual.
    again = _export(big_db, target, fmt)
    assert again.wait(60) == 0 and target.read_text() != OLD
