"""Merging another person's database (README, "Several annotators"): documents by sha256
(old versions too), labels by name, links by id with the newer ``modified`` winning, every
count in the summary right, and a second merge changes nothing."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from tui.model.entities import Link
from tui.services.importing import import_ids
from tui.store import Store


def _open(tmp_path, name, paths):
    store = Store.open(tmp_path / f"{name}.db")
    import_ids(store, paths)
    return store


def _hashes(store) -> list[str]:
    return sorted(d.sha256 for d in store.documents(include_superseded=True))


@pytest.fixture
def changed_corpus(corpus):
    """The corpus, with a path to change one of its files later."""
    return corpus, min(corpus.glob("*.txt"))


def test_documents_come_by_sha256_old_versions_included(tmp_path, changed_corpus):
    corpus, first = changed_corpus
    original = first.read_text("utf-8")
    theirs = _open(tmp_path, "theirs", [corpus])
    first.write_text(original + "\nA paragraph added later.\n", encoding="utf-8")
    import_ids(theirs, [corpus])  # the old version is kept, superseded
    files = len(list(corpus.glob("*.txt")))
    assert len(theirs.documents(include_superseded=True)) == files + 1 and len(theirs.documents()) == files
    empty = Store.open(tmp_path / "empty.db")
    summary = empty.merge_from(theirs)
    assert summary["documents_added"] == files + 1
    assert _hashes(empty) == _hashes(theirs)
    assert empty.merge_from(theirs)["documents_added"] == 0 and _hashes(empty) == _hashes(theirs)
    # Ours has only the new versions: the old one is the one missing.
    newer = _open(tmp_path, "newer", [corpus])
    assert newer.merge_from(theirs)["documents_added"] == 1 and _hashes(newer) == _hashes(theirs)
    # Ours went through the same change: the same old and new versions, nothing copied twice.
    first.write_text(original, encoding="utf-8")
    ours = _open(tmp_path, "ours", [corpus])
    first.write_text(original + "\nA paragraph added later.\n", encoding="utf-8")
    import_ids(ours, [corpus])
    assert ours.merge_from(theirs)["documents_added"] == 0 and _hashes(ours) == _hashes(theirs)
    for store in (theirs, empty, newer, ours):
        store.close()


def test_a_document_we_have_does_not_stop_the_ones_we_lack(tmp_path, corpus):
    files = sorted(corpus.glob("*.txt"))
    ours = _open(tmp_path, "ours", files[:1])
    theirs = _open(tmp_path, "theirs", files)
    summary = ours.merge_from(theirs)
    assert summary["documents_added"] == len(files) - 1 and _hashes(ours) == _hashes(theirs)
    ours.close()
    theirs.close()


def test_labels_come_by_name_and_a_taken_key_is_left_free(tmp_path, corpus):
    ours, theirs = _open(tmp_path, "ours", [corpus]), _open(tmp_path, "theirs", [corpus])
    theirs.add_label("evidence", "e", "green", "italic", "what backs a claim")
    theirs.add_label("hedge", "h", "yellow", "bold")
    ours.add_label("opinion", "h", "red", "underline")  # ours uses h already
    summary = ours.merge_from(theirs)
    assert summary["labels_added"] == 2
    labels = {label.name: label for label in ours.labels()}
    assert (labels["evidence"].key, labels["evidence"].mark, labels["evidence"].description) == (
        "e", "italic", "what backs a claim")
    assert labels["hedge"].key is None and labels["opinion"].key == "h"
    assert ours.merge_from(theirs)["labels_added"] == 0
    ours.close()
    theirs.close()


def _three(tmp_path, corpus):
    ours, theirs = _open(tmp_path, "ours", [corpus]), _open(tmp_path, "theirs", [corpus])
    text = ours.text(1)
    made = [ours.create_annotation(1, text, start, start + 5, "claim", "t") for start in (0, 10, 20)]
    for annotation in made:
        theirs.restore_annotation(annotation)
    return ours, theirs, made


def _link(store, link: Link, modified: str) -> None:
    """Store ``link`` as last changed at ``modified`` (restoring may stamp its own time)."""
    store.restore_link(link)
    store.conn.execute("UPDATE links SET modified = ? WHERE id = ?", (modified, link.id))


def test_our_newer_link_is_kept_and_each_new_link_counted(tmp_path, corpus):
    ours, theirs, (a, b, c) = _three(tmp_path, corpus)
    created = "2026-01-01T00:00:00.000Z"
    _link(ours, Link("L1", a.id, b.id, "supports", "ours, newer", "t", created), "2026-01-05T00:00:00.000Z")
    _link(theirs, Link("L1", a.id, b.id, "contradicts", "theirs, older", "u", created), "2026-01-02T00:00:00.000Z")
    _link(theirs, Link("L2", b.id, a.id, "contradicts", "", "u", created), created)  # new to us
    _link(theirs, Link("L3", a.id, c.id, "related", "", "u", created), created)  # new to us
    for link in (Link("L4", b.id, c.id, "supports", "", "t", created),
                 Link("L5", c.id, a.id, "contradicts", "", "t", created)):
        _link(ours, link, created)
        _link(theirs, replace(link, note="seen"), "2026-02-01T00:00:00.000Z")  # edited later by them
    summary = ours.merge_from(theirs)
    # `diptych merge` prints every key as words ("2 links added"): each one a plain name.
    assert {"documents_added", "added", "updated", "unchanged", "conflicts", "links_added", "links_updated",
            "labels_added"} <= set(summary)
    assert all(re.fullmatch(r"[a-z]+(_[a-z]+)*", key) for key in summary), list(summary)
    assert (summary["links_added"], summary["links_updated"]) == (2, 2)
    assert ours.link("L4").note == ours.link("L5").note == "seen"
    assert (ours.link("L1").relation, ours.link("L1").note) == ("supports", "ours, newer")
    again = ours.merge_from(theirs)
    assert (again["links_added"], again["links_updated"]) == (0, 0)
    ours.close()
    theirs.close()
