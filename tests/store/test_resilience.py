"""Changed documents, orphans, verify, bad input: nothing lost, nothing silently wrong."""

from __future__ import annotations

import json
import sqlite3

import pytest

from tui.model.anchoring import reanchor
from tui.store import Store

from ..helpers import CORPUS, run

DW = "dw-brothers-in-arms-north-korea-reinforcements.txt"


def records(db) -> list[dict]:
    return [json.loads(line) for line in run("export", "--db", db).stdout.splitlines()]


def test_reanchor_rules():
    text = "Alpha beta gamma. Delta beta gamma."
    # 1. The old place still holds.
    assert reanchor(text, "beta", "Alpha ", " gamma", 6, 10) == (6, 10, 1.0)
    # 2. An exact occurrence elsewhere, the one whose context fits best.
    moved = "New start. " + text
    start, end, _ = reanchor(moved, "beta", "Delta ", " gamma.", 24, 28)
    assert moved[start - 6:end] == "Delta beta"
    # 3. An approximate match, refined to whole words by its context.
    edited = "Intro. This is roughly 40 percent of stockpiles in that area. Done."
    start, end, score = reanchor(edited, "This is 40 percent of stockpiles in this area.", "Intro. ", " Done.", 7, 54)
    assert edited[start:end] == "This is roughly 40 percent of stockpiles in that area." and score >= 0.75
    # Lost: nothing close enough.
    assert reanchor("Completely different words here.", "Klein concluded", "", "", 0, 15) is None


@pytest.fixture
def changed(tmp_path, corpus):
    db = tmp_path / "c.db"
    run("import", corpus, "--db", db)
    run("import-annotations", CORPUS / "annotations.example.jsonl", "--db", db)
    before = {r["id"]: r for r in records(db)}
    file = corpus / DW
    text = file.read_text("utf-8")
    text = ("EDITOR'S NOTE: updated.\n" + text
            .replace("This is 40 percent of Russia’s ammunition stockpiles in this area.",
                     "This is roughly 40 percent of Russia's ammunition stockpiles in that area.")
            .replace("Around 11,000 North Korean soldiers helped Russia liberate the Kursk region in Russia", ""))
    file.write_text(text, "utf-8")
    return db, before, text


def test_changed_document_reanchors_and_orphans_never_deletes(changed, corpus):
    db, before, text = changed
    result = run("import", corpus, "--db", db)
    assert "changed\t4\t" in result.stdout and "1 orphaned" in result.stdout
    after = {r["id"]: r for r in records(db)}
    assert set(after) == set(before)  # nothing deleted
    orphan = next(r for r in after.values() if r["status"] == "orphaned")
    assert orphan["exact"].startswith("Around 11,000") and orphan["document"]["id"] == 2
    moved = [r for r in after.values() if r["document"]["id"] == 4]
    assert len(moved) == len([r for r in before.values() if r["document"]["id"] == 2]) - 1
    for record in moved:
        assert text[record["start"]:record["end"]] == record["exact"]
    roughly = next(r for r in moved if "roughly" in r["exact"])
    assert roughly["exact"] == "This is roughly 40 percent of Russia's ammunition stockpiles in that area."
    # The old version's text is kept; links survive the move.
    store = Store.open(db)
    assert "Around 11,000" in store.text(2) and len(store.documents()) == 3
    assert store.conn.execute("SELECT count(*) FROM links").fetchone()[0] == 65
    store.close()
    verify = run("verify", "--db", db)
    assert "0 bad spans, 1 orphaned" in verify.stdout
    # Listed, then re-attached by hand.
    listed = json.loads(run("orphans", "--format", "json", "--db", db).stdout)
    assert [o["id"] for o in listed] == [orphan["id"]]
    run("reattach", orphan["id"], "--document", "4", "--quote", "which was quickly seized by Ukraine",
        "--db", db)
    again = {r["id"]: r for r in records(db)}[orphan["id"]]
    assert (again["status"], again["document"]["id"]) == ("anchored", 4)
    assert json.loads(run("orphans", "--format", "json", "--db", db).stdout) == []


def test_verify_finds_bad_spans_and_dangling_links(tmp_path, corpus):
    db = tmp_path / "v.db"
    run("import", corpus, "--db", db)
    run("import-annotations", CORPUS / "annotations.example.jsonl", "--db", db)
    assert run("verify", "--db", db).exit_code == 0
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute("UPDATE annotations SET start = start + 1 WHERE rowid = 3")
    conn.execute("INSERT INTO links (id, source_id, target_id, relation) VALUES ('x', 'gone', 'gone2', 'related')")
    conn.commit()
    conn.close()
    result = run("verify", "--db", db, ok=False)
    assert result.exit_code == 1
    assert "1 bad spans" in result.stdout and "1 dangling" in result.stdout
    assert "is not its exact text" in result.stderr


def test_bad_documents_each_get_a_message_and_the_batch_goes_on(tmp_path):
    folder = tmp_path / "batch"
    folder.mkdir()
    (folder / "a-good.txt").write_text("Fine text.\n", "utf-8")
    (folder / "b-nul.txt").write_bytes(b"text\x00with nul")
    (folder / "c-long.txt").write_text(("word " * 2_100_000).strip(), "utf-8")  # a 10 MB single line
    (folder / "d-bad.txt").write_bytes(b"ok \xff\xfe bad")
    db = tmp_path / "b.db"
    result = run("import", folder, "--db", db, ok=False)
    assert result.exit_code == 1
    assert result.stdout.count("added\t") == 2
    assert "NUL byte at offset 4" in result.stderr and "invalid byte 0xff at offset 3" in result.stderr
    assert "Traceback" not in result.output
    store = Store.open(db)
    assert max(d.length for d in store.documents()) == len(("word " * 2_100_000).strip())
    store.close()


def test_a_file_that_vanishes_is_refused_alone(tmp_path, monkeypatch):
    from tui.services import importing

    folder = tmp_path / "v"
    folder.mkdir()
    (folder / "a.txt").write_text("A.\n", "utf-8")
    (folder / "b.txt").write_text("B.\n", "utf-8")
    real = importing.collect

    def collect_then_delete(paths):
        found = real(paths)
        (folder / "a.txt").unlink()
        return found

    monkeypatch.setattr(importing, "collect", collect_then_delete)
    result = run("import", folder, "--db", tmp_path / "v.db", ok=False)
    assert "a.txt\tno such file" in result.stderr and "added\t1\t" in result.stdout


def test_a_read_only_database_opens_for_reading_and_refuses_writes(tmp_path, corpus, monkeypatch):
    import os

    db = tmp_path / "ro.db"
    run("import", corpus, "--db", db)
    run("tag", "1", "-l", "claim", "--span", "0:6", "--db", db)
    before = db.read_bytes()
    real_access = os.access
    # Root ignores file modes, so make the file and its folder look read-only the way
    # os.access reports it for an ordinary user.
    monkeypatch.setattr(os, "access", lambda path, mode: False if mode == os.W_OK else real_access(path, mode))
    assert "During" in run("export", "--db", db).stdout
    assert run("docs", "--db", db, "--format", "json").exit_code == 0
    refused = run("tag", "1", "-l", "claim", "--span", "0:6", "--db", db, ok=False)
    assert refused.exit_code == 1 and refused.stderr.count("\n") == 1 and "read-only" in refused.stderr
    monkeypatch.undo()
    assert db.read_bytes() == before
    assert len(records(db)) == 1
