"""Tombstones: a deletion is never undone by a merge or an import, unless an edit came after it;
and merging databases in any order converges (a stateful property over three databases)."""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, precondition, rule

from tui.ingest import read_document
from tui.model.merge import Dead, Live, Outcome, resolve, winner
from tui.services.editor import EditError, Editor
from tui.store import Store, StoreError

from ..helpers import run

T1, T2, T3 = "2026-01-01T00:00:00.000Z", "2026-01-02T00:00:00.000Z", "2026-01-03T00:00:00.000Z"


def test_the_rule_takes_the_latest_event_and_is_symmetric():
    edit1, edit3 = Live(T1, ("a",)), Live(T3, ("b",))
    gone2 = Dead(T2, "bob")
    assert winner(edit1, gone2) == winner(gone2, edit1) == gone2  # deleted after its last edit: stays deleted
    assert winner(edit3, gone2) == winner(gone2, edit3) == edit3  # edited after the deletion: comes back
    assert resolve(edit3, gone2) == (Outcome.UNCHANGED, True)  # ours wins, reported as edit-versus-delete
    assert resolve(gone2, edit3) == (Outcome.ADD, True)
    assert resolve(edit1, gone2) == (Outcome.DELETE, False)
    assert winner(Live(T2, ("x",)), Dead(T2)) == Dead(T2)  # at the same time the deletion wins
    tie = (Live(T1, ("a",)), Live(T1, ("b",)))
    assert winner(*tie) == winner(*reversed(tie)) == Live(T1, ("b",))


def _pair(tmp_path, corpus):
    alice, bob = tmp_path / "alice.db", tmp_path / "bob.db"
    for db in (alice, bob):
        run("import", corpus, "--db", db)
    return alice, bob


def test_merge_delete_merge_back_keeps_it_deleted(tmp_path, corpus):
    alice, bob = _pair(tmp_path, corpus)
    made = run("tag", "2", "-l", "claim", "--quote", "This is 40 percent", "--db", alice,
               "--annotator", "alice").stdout.strip()
    cue = run("tag", "2", "-l", "attribution", "--quote", "Klein notes", "--occurrence", "2", "--db", alice,
              "--annotator", "alice").stdout.strip()
    run("link", cue, made, "-r", "attributes", "--db", alice)
    run("merge", alice, "--db", bob)
    assert "deleted\t" in run("delete", made, "--db", bob, "--annotator", "bob").stdout
    summary = run("merge", bob, "--db", alice).stdout
    assert "1 deleted" in summary and "1 links deleted" not in summary  # the link went with its annotation
    assert made not in run("export", "--db", alice).stdout
    assert run("merge", alice, "--db", bob).stdout.count(" added") and made not in run("export", "--db", bob).stdout
    for db in (alice, bob):  # and it stays so, however often they merge
        run("merge", bob if db == alice else alice, "--db", db)
        assert made not in run("export", "--db", db).stdout
        assert "0 dangling" in run("verify", "--db", db).stdout


def test_an_edit_after_the_deletion_brings_it_back_as_a_conflict(tmp_path, corpus):
    alice, bob = _pair(tmp_path, corpus)
    made = run("tag", "2", "-l", "claim", "--quote", "This is 40 percent", "--db", alice).stdout.strip()
    run("merge", alice, "--db", bob)
    run("delete", made, "--db", bob)
    store = Store.open(alice)
    store.set_note(made, "edited after Bob deleted it")
    store.close()
    summary = run("merge", bob, "--db", alice).stdout
    assert "1 conflicts" in summary and made in run("export", "--db", alice).stdout
    back = run("merge", alice, "--db", bob).stdout
    assert "1 added" in back and "edited after Bob deleted it" in run("export", "--db", bob).stdout


def test_undo_of_a_delete_removes_the_tombstone_and_survives_a_merge(tmp_path, corpus):
    alice, bob = _pair(tmp_path, corpus)
    store = Store.open(alice)
    editor = Editor(store, "alice")
    text = store.text(2)
    made = editor.tag(2, text, 0, 20, "claim")
    editor.delete(made.id)
    assert store.tombstone(made.id).deleted_by == "alice"
    other = Store.open(bob)
    other.merge_from(store)  # Bob learns of the deletion
    editor.undo()
    assert store.tombstone(made.id) is None and store.annotation(made.id)
    other.merge_from(store)
    assert other.annotation(made.id).exact == made.exact  # the undo reached Bob too
    store.merge_from(other)
    assert store.annotation(made.id)
    store.close()
    other.close()


def test_jsonl_with_deletions_converges_a_team_sharing_files(tmp_path, corpus):
    alice, bob = _pair(tmp_path, corpus)
    a = run("tag", "2", "-l", "claim", "--quote", "This is 40 percent", "--db", alice).stdout.strip()
    b = run("tag", "1", "-l", "claim", "--quote", "nearly half", "--db", alice).stdout.strip()
    shared = tmp_path / "shared.jsonl"
    run("export", "--with-deletions", "--output", shared, "--db", alice)
    run("import-annotations", shared, "--db", bob)
    run("delete", a, "--db", alice)
    run("export", "--with-deletions", "--output", shared, "--db", alice)
    result = run("import-annotations", shared, "--db", bob)
    assert "1 deleted" in result.stdout
    assert a not in run("export", "--db", bob).stdout and b in run("export", "--db", bob).stdout
    # Importing the old file again does not bring it back: Bob keeps the tombstone.
    old = tmp_path / "old.jsonl"
    old.write_text("\n".join(line for line in shared.read_text("utf-8").splitlines() if "deleted" not in line) +
                   "\n" + json.dumps({**next(json.loads(r) for r in run("export", "--db", alice).stdout.splitlines()),
                                      "id": a, "modified": "2020-01-01T00:00:00.000Z"}) + "\n", "utf-8")
    again = run("import-annotations", old, "--db", bob)
    assert "1 kept deleted" in again.stdout and a not in run("export", "--db", bob).stdout


def test_verify_reports_a_record_both_live_and_buried(tmp_path, corpus):
    alice, _ = _pair(tmp_path, corpus)
    made = run("tag", "2", "-l", "claim", "--quote", "This is 40 percent", "--db", alice).stdout.strip()
    store = Store.open(alice)
    annotation = store.annotation(made)
    with store.transaction():
        store._bury("annotation", annotation, T1, "x")
    store.close()
    result = run("verify", "--db", alice, ok=False)
    assert result.exit_code == 1 and f"annotation {made} is both live and deleted" in result.stderr


# Convergence, as a state machine over three databases ------------------------------------------------
TEXT = ("Klein notes that 40 percent came from North Korea. “Nearly half,” says another source.\n"
        "Officials said 11,000 troops were sent. A second line 😀 漢字 ends here.\n")


def _snapshot(store: Store) -> tuple:
    shas = {d.id: d.sha256 for d in store.documents(include_superseded=True)}
    annotations = sorted(
        (a.id, shas[a.document_id], a.start, a.end, a.label, a.exact, a.note, a.attributes, a.status, a.modified)
        for doc_id in shas for a in store.annotations(doc_id))
    links = sorted((link.id, link.source_id, link.target_id, link.relation, link.note, link.modified)
                   for link in store.links_of([a[0] for a in annotations]))
    return tuple(annotations), tuple(links)


class ThreeDatabases(RuleBasedStateMachine):
    """Random edits, deletes, undos, merges and changed documents in three databases;
    a final round of merges must leave all three identical, with nothing deleted come back
    unless edited after its deletion."""

    @initialize()
    def start(self):
        self.folder = Path(tempfile.mkdtemp())
        self.stores, self.editors, self.files = [], [], []
        for name in ("a", "b", "c"):
            path = self.folder / name / "story.txt"
            path.parent.mkdir()
            path.write_text(TEXT, "utf-8")
            store = Store.open(self.folder / f"{name}.db")
            store.add_document(read_document(path))
            self.stores.append(store)
            self.editors.append(Editor(store, name))
            self.files.append(path)
        self.buried: dict[str, str] = {}  # the latest deletion seen of each id

    def teardown(self):
        for _ in range(2):
            for i, mine in enumerate(self.stores):
                for j, theirs in enumerate(self.stores):
                    if i != j:
                        mine.merge_from(theirs)
        self._remember_tombstones()
        snapshots = [_snapshot(store) for store in self.stores]
        try:
            assert snapshots[0] == snapshots[1] == snapshots[2]
            for annotation in snapshots[0][0]:
                if annotation[0] in self.buried:  # back only when edited after its latest deletion
                    assert annotation[-1] > self.buried[annotation[0]], annotation
            for store in self.stores:
                assert store.verify()["problems"] == []
        finally:
            for store in self.stores:
                store.close()
            shutil.rmtree(self.folder, ignore_errors=True)

    def _remember_tombstones(self):
        for store in self.stores:
            for tombstone in store.tombstones("annotation"):
                if tombstone.deleted > self.buried.get(tombstone.id, ""):
                    self.buried[tombstone.id] = tombstone.deleted

    def _current(self, i: int) -> int:
        return self.stores[i].documents()[0].id

    def _ids(self, i: int) -> list[str]:
        return [a.id for a in self.stores[i].annotations(self._current(i))]

    @rule(i=st.integers(0, 2), start=st.integers(0, len(TEXT) - 2), length=st.integers(1, 30),
          label=st.sampled_from(["claim", "attribution"]))
    def tag(self, i, start, length, label):
        doc = self._current(i)
        text = self.stores[i].text(doc)
        start %= len(text) - 1
        try:
            self.editors[i].tag(doc, text, start, min(len(text), start + length), label)
        except EditError:
            pass

    @precondition(lambda self: any(self._ids(i) for i in range(3)))
    @rule(i=st.integers(0, 2), k=st.integers(0, 99), note=st.text(max_size=8))
    def edit_note(self, i, k, note):
        ids = self._ids(i)
        if ids:
            self.editors[i].set_note(self.stores[i].annotation(ids[k % len(ids)]), note)

    @rule(i=st.integers(0, 2), k=st.integers(0, 99))
    def delete(self, i, k):
        ids = self._ids(i)
        if ids:
            self.editors[i].delete(ids[k % len(ids)])
            self._remember_tombstones()

    @rule(i=st.integers(0, 2), a=st.integers(0, 99), b=st.integers(0, 99))
    def link(self, i, a, b):
        ids = self._ids(i)
        if len(ids) >= 2:
            try:
                self.editors[i].link(ids[a % len(ids)], ids[b % len(ids)], "related")
            except StoreError:
                pass

    @rule(i=st.integers(0, 2))
    def undo(self, i):
        try:
            self.editors[i].undo()
        except StoreError:
            pass  # a merge took the record away meanwhile: nothing to undo

    @rule(i=st.integers(0, 2), j=st.integers(0, 2))
    def merge(self, i, j):
        if i != j:
            self.stores[i].merge_from(self.stores[j])
            self._remember_tombstones()

    @rule(i=st.integers(0, 2))
    def change_the_document(self, i):
        path = self.files[i]
        text = self.stores[i].text(self._current(i))
        changed = "Updated. " + text.replace("40 percent", "forty per cent", 1)
        if changed != text:
            path.write_text(changed, "utf-8")
            self.stores[i].add_document(read_document(path))
            self.editors[i] = Editor(self.stores[i], self.editors[i].annotator)


TestThreeDatabasesConverge = ThreeDatabases.TestCase
TestThreeDatabasesConverge.settings = settings(max_examples=60, stateful_step_count=30, deadline=None,
                                               suppress_health_check=[HealthCheck.too_slow])
