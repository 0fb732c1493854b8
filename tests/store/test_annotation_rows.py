"""Annotations, links and tombstones as the store keeps them, read back field by field:
what a span may be, who deleted what and when, what an undo brings back and with which
time, and which links count as the same. Small databases (one short document), so each
test stays fast under mutation testing."""

from __future__ import annotations

import json
from dataclasses import asdict, replace

import pytest

from tui.ingest import read_document
from tui.model.entities import Annotation, Link
from tui.model.text import context, utc_now
from tui.store import Store, StoreError

TEXT = "Klein said the shells came from the north. Officials denied it.\n"
T1, T2, T3 = "2026-01-01T00:00:00.000Z", "2026-01-02T00:00:00.000Z", "2026-01-03T00:00:00.000Z"


@pytest.fixture
def small(tmp_path):
    """A store holding one short document: (store, document id, its text)."""
    path = tmp_path / "story.txt"
    path.write_text(TEXT, "utf-8")
    store = Store.open(tmp_path / "small.db")
    doc_id = store.add_document(read_document(path)).document_id
    yield store, doc_id, store.text(doc_id)
    store.close()


def _at(store, doc_id, text, words, label="claim", annotator="ann", **kwargs):
    start = text.index(words)
    return store.create_annotation(doc_id, text, start, start + len(words), label, annotator, **kwargs)


# Creating and reading ------------------------------------------------------------------------
def test_a_new_annotation_is_stored_with_every_field_as_returned(small):
    store, doc_id, text = small
    before = utc_now()
    made = store.create_annotation(doc_id, text, 11, 21, "claim", "ann")
    assert (made.exact, made.prefix, made.suffix) == ("the shells", *context(text, 11, 21))
    assert made.prefix == "Klein said " and made.suffix.startswith(" came from")
    assert (made.note, made.origin, made.status, made.attributes) == ("", "manual", "anchored", "{}")
    assert before <= made.created == made.modified <= utc_now()
    assert store.annotation(made.id) == made  # every column read back as written
    assert store.annotations(doc_id) == [made]


def test_a_span_may_touch_both_ends_of_the_text_but_not_be_empty_or_leave_it(small):
    store, doc_id, text = small
    whole = store.create_annotation(doc_id, text, 0, len(text), "claim", "ann")
    assert store.annotation(whole.id).exact == text
    for start, end in ((3, 3), (5, 4), (-1, 4), (0, len(text) + 1)):
        with pytest.raises(StoreError, match=rf"^span {start}:{end} is outside the text \(0:{len(text)}\) or empty$"):
            store.create_annotation(doc_id, text, start, end, "claim", "ann")
    assert store.annotation_count(doc_id) == 1


def test_attributes_are_checked_against_the_label_and_kept_as_given(small):
    store, doc_id, text = small
    made = _at(store, doc_id, text, "Klein", "attribution", attributes={"speaker": "Margarete Kléin"},
               note="a note", origin="suggestion")
    stored = store.annotation(made.id)
    assert json.loads(stored.attributes) == {"speaker": "Margarete Kléin"}
    assert (stored.note, stored.origin) == ("a note", "suggestion")
    with pytest.raises(StoreError, match="voice"):  # an attribution's attribute, not a claim's
        _at(store, doc_id, text, "the north", "claim", attributes={"voice": "direct"})
    with pytest.raises(StoreError, match="sideways"):
        _at(store, doc_id, text, "the north", "attribution", attributes={"voice": "sideways"})
    assert store.annotation_count(doc_id) == 1


def test_a_missing_annotation_is_a_store_error_naming_it(small):
    store, _, _ = small
    with pytest.raises(StoreError, match=r"^no annotation 'nope'$"):
        store.annotation("nope")
    with pytest.raises(StoreError, match=r"^no link 'nope'$"):
        store.link("nope")


def test_annotations_come_in_text_order_and_a_first_screen_reads_only_what_starts_before_it(small):
    store, doc_id, text = small
    late = _at(store, doc_id, text, "denied it")
    long = store.create_annotation(doc_id, text, 0, 21, "claim", "ann")
    short = store.create_annotation(doc_id, text, 0, 5, "attribution", "ann")
    middle = _at(store, doc_id, text, "the north")
    assert [a.id for a in store.annotations(doc_id)] == [short.id, long.id, middle.id, late.id]
    assert [a.id for a in store.annotations_starting_before(doc_id, middle.start + 1)] == [short.id, long.id, middle.id]
    assert [a.id for a in store.annotations_starting_before(doc_id, middle.start)] == [short.id, long.id]
    assert store.annotations_starting_before(doc_id, 0) == []
    assert store.annotations_starting_before(doc_id + 1, len(text)) == []
    assert store.annotations_starting_before(doc_id, len(text)) == store.annotations(doc_id)


def test_counts_by_annotator_and_the_annotators_listed_once_in_order(small):
    store, doc_id, text = small
    _at(store, doc_id, text, "Klein", annotator="zoe")
    _at(store, doc_id, text, "the shells", annotator="adam")
    _at(store, doc_id, text, "the north", annotator="zoe")
    assert store.annotation_count(doc_id) == 3
    assert (store.annotation_count(doc_id, "zoe"), store.annotation_count(doc_id, "adam")) == (2, 1)
    assert store.annotation_count(doc_id, "nobody") == 0 and store.annotation_count(doc_id + 1) == 0
    assert store.annotators() == ["adam", "zoe"]


def test_a_bulk_insert_returns_its_count_and_stores_every_field(small):
    store, doc_id, text = small
    rows = [Annotation(f"bulk{i}", doc_id, i, i + 5, "claim", text[i:i + 5], "", text[i + 5:i + 9], f"n{i}", "bulk",
                       T1, T2, "anchored", '{"rating": "false"}', "import") for i in range(3)]
    assert store.insert_annotations(rows) == 3
    assert store.annotations(doc_id) == rows


# Notes, attributes and rejected suggestions -----------------------------------------------------
def test_a_note_edit_returns_what_it_replaced_and_its_undo_puts_both_back(small):
    store, doc_id, text = small
    made = _at(store, doc_id, text, "Klein", note="first")
    store.restore_note(made.id, "first", T1)
    before = utc_now()
    assert store.set_note(made.id, "second") == ("first", T1)
    stored = store.annotation(made.id)
    assert stored.note == "second" and before <= stored.modified <= utc_now()
    store.restore_note(made.id, "first", T1)
    assert (store.annotation(made.id).note, store.annotation(made.id).modified) == ("first", T1)


def test_attributes_edit_returns_what_it_replaced_and_its_undo_puts_both_back(small):
    store, doc_id, text = small
    made = _at(store, doc_id, text, "Klein", "attribution", attributes={"voice": "direct"})
    store.restore_attributes(made.id, made.attributes, T1)
    before = utc_now()
    old = store.set_attributes(made.id, {"speaker": "Ødegård", "voice": "indirect"})
    assert (json.loads(old[0]), old[1]) == ({"voice": "direct"}, T1)
    stored = store.annotation(made.id)
    assert json.loads(stored.attributes) == {"speaker": "Ødegård", "voice": "indirect"}
    assert before <= stored.modified <= utc_now()
    with pytest.raises(StoreError, match="rating"):  # checked against the annotation's own label
        store.set_attributes(made.id, {"rating": "false"})
    store.restore_attributes(made.id, *old)
    assert (json.loads(store.annotation(made.id).attributes), store.annotation(made.id).modified) == (
        {"voice": "direct"}, T1)


def test_a_rejected_suggestion_is_remembered_once_per_document_and_label_until_taken_back(small):
    store, doc_id, _ = small
    store.reject_suggestion(doc_id, "claim", 0, 5)
    store.reject_suggestion(doc_id, "claim", 0, 5)  # twice is once
    store.reject_suggestion(doc_id, "attribution", 0, 5)
    store.reject_suggestion(doc_id, "claim", 11, 21)
    assert store.rejected_suggestions(doc_id) == {("claim", 0, 5), ("attribution", 0, 5), ("claim", 11, 21)}
    assert store.rejected_suggestions(doc_id + 1) == set()
    store.unreject_suggestion(doc_id, "claim", 0, 5)
    store.unreject_suggestion(doc_id, "claim", 11, 22)  # not rejected: nothing happens
    assert store.rejected_suggestions(doc_id) == {("attribution", 0, 5), ("claim", 11, 21)}


# Deleting and undoing --------------------------------------------------------------------------
def test_a_deleted_annotation_leaves_tombstones_naming_who_when_which_document_and_what(small):
    store, doc_id, text = small
    cue = _at(store, doc_id, text, "Klein said", "attribution", annotator="alice")
    claim = _at(store, doc_id, text, "the shells came", annotator="alice")
    other = _at(store, doc_id, text, "Officials denied it", annotator="alice")
    link = store.create_link(cue.id, claim.id, "attributes", "alice")
    kept = store.create_link(claim.id, other.id, "contradicts", "alice")
    before = utc_now()
    gone, gone_links = store.delete_annotation(cue.id)
    assert gone == cue and gone_links == [link]
    assert store.links_of([claim.id]) == [kept]
    buried = store.tombstone(cue.id)
    assert (buried.kind, buried.deleted_by, buried.document_sha256) == (
        "annotation", "alice", store.document(doc_id).sha256)
    assert before <= buried.deleted <= utc_now()
    assert json.loads(buried.record) == asdict(cue)
    link_stone = store.tombstone(link.id)
    assert (link_stone.kind, link_stone.deleted, link_stone.deleted_by, link_stone.document_sha256) == (
        "link", buried.deleted, "alice", "")
    record = json.loads(link_stone.record)
    assert record == {k: v for k, v in asdict(link).items() if k not in ("source", "target")}
    # Someone else deleting says so.
    store.delete_annotation(claim.id, deleted_by="bob")
    assert store.tombstone(claim.id).deleted_by == store.tombstone(kept.id).deleted_by == "bob"
    assert [t.id for t in store.tombstones("link")] == sorted([link.id, kept.id], key=lambda i: (
        store.tombstone(i).deleted, i))
    assert {t.id for t in store.tombstones("annotation")} == {cue.id, claim.id}
    assert {t.id for t in store.tombstones()} == {cue.id, claim.id, link.id, kept.id}


def test_a_later_deletion_replaces_an_earlier_tombstone_never_the_reverse(small):
    store, doc_id, text = small
    made = _at(store, doc_id, text, "Klein")
    with store.transaction():
        store._bury("annotation", made, T2, "second", "sha-2")
        store._bury("annotation", replace(made, note="older"), T1, "first", "sha-1")  # earlier: ignored
    kept = store.tombstone(made.id)
    assert (kept.deleted, kept.deleted_by, kept.document_sha256, json.loads(kept.record)["note"]) == (
        T2, "second", "sha-2", "")
    with store.transaction():
        store._bury("annotation", replace(made, note="newest"), T3, "third", "sha-3")
    kept = store.tombstone(made.id)
    assert (kept.deleted, kept.deleted_by, kept.document_sha256, json.loads(kept.record)["note"]) == (
        T3, "third", "sha-3", "newest")
    assert store.tombstone("never-deleted") is None


def test_the_undo_of_a_delete_comes_back_after_the_deletion_without_its_tombstones(small):
    store, doc_id, text = small
    cue = _at(store, doc_id, text, "Klein said", "attribution")
    claim = _at(store, doc_id, text, "the shells came")
    link = store.create_link(cue.id, claim.id, "attributes", "ann")
    gone, links = store.delete_annotation(cue.id)
    # A tombstone dated in the future: the comeback must still be later than the deletion.
    future = "2999-01-01T00:00:00.000Z"
    store.conn.execute("UPDATE tombstones SET deleted = ?", (future,))
    store.restore_annotation(gone, links)
    back, back_link = store.annotation(cue.id), store.link(link.id)
    assert back.modified == back_link.modified == "2999-01-01T00:00:00.001Z"
    assert replace(back, modified=gone.modified) == gone
    assert replace(back_link, modified=link.modified) == link
    assert store.tombstones() == []


def test_restoring_what_was_never_buried_stamps_it_now(small):
    store, doc_id, text = small
    made = Annotation("fresh", doc_id, 0, 5, "claim", "Klein", modified=T1, created=T1, annotator="ann")
    other = _at(store, doc_id, text, "the north")
    before = utc_now()
    store.restore_annotation(made, [Link("L", "fresh", other.id, "related", "", "ann", T1, T1)])
    assert before <= store.annotation("fresh").modified <= utc_now()
    assert store.link("L").modified == store.annotation("fresh").modified


# Links ----------------------------------------------------------------------------------------
def test_a_link_is_stored_as_returned_with_the_attribution_as_its_source(small):
    store, doc_id, text = small
    cue = _at(store, doc_id, text, "Klein said", "attribution")
    claim = _at(store, doc_id, text, "the shells came")
    before = utc_now()
    link = store.create_link(claim.id, cue.id, "attributes", "bob", note="why")  # picked claim first
    assert (link.source_id, link.target_id, link.relation, link.note, link.annotator) == (
        cue.id, claim.id, "attributes", "why", "bob")
    assert before <= link.created == link.modified <= utc_now()
    assert store.link(link.id) == link
    with pytest.raises(StoreError, match=r"^an annotation cannot be linked to itself$"):
        store.create_link(claim.id, claim.id, "related", "bob")
    with pytest.raises(StoreError, match="attributes"):  # claim to claim cannot be `attributes`
        store.create_link(claim.id, _at(store, doc_id, text, "denied it").id, "attributes", "bob")


def test_a_symmetric_link_exists_in_both_directions_a_directed_one_does_not(small):
    store, doc_id, text = small
    a, b = _at(store, doc_id, text, "the shells came"), _at(store, doc_id, text, "Officials denied it")
    assert store.create_link(a.id, b.id, "same_as", "ann").note == ""  # no note unless given
    with pytest.raises(StoreError, match=r"^these two are already linked as same_as$"):
        store.create_link(b.id, a.id, "same_as", "ann")
    store.create_link(a.id, b.id, "supports", "ann")
    with pytest.raises(StoreError, match=r"^these two are already linked as supports$"):
        store.create_link(a.id, b.id, "supports", "ann")
    reverse = store.create_link(b.id, a.id, "supports", "ann")  # the other direction is another claim
    assert (reverse.source_id, reverse.target_id) == (b.id, a.id)
    assert len(store.links_of([a.id])) == 3


def test_links_of_finds_either_end_oldest_first(small):
    store, doc_id, text = small
    a, b, c = (_at(store, doc_id, text, w) for w in ("Klein", "the shells", "the north"))
    links = [Link("L3", a.id, b.id, "related", "", "ann", T3, T3), Link("L1", c.id, a.id, "related", "", "ann", T1, T1),
             Link("L2", b.id, c.id, "related", "", "ann", T1, T1)]
    for link in links:
        store._insert_link(link)
    assert [link.id for link in store.links_of([a.id])] == ["L1", "L3"]
    assert [link.id for link in store.links_of([b.id])] == ["L2", "L3"]
    assert [link.id for link in store.links_of([a.id, c.id])] == ["L1", "L2", "L3"]
    assert store.links_of([]) == [] and store.links_of(["nothing"]) == []
    assert store.links_of([c.id])[0] == links[1]


def test_document_links_carry_both_ends_document_label_text_and_start(small, tmp_path):
    store, doc_id, text = small
    path = tmp_path / "other.txt"
    path.write_text("Another report.\n", "utf-8")
    other_doc = store.add_document(read_document(path)).document_id
    cue = _at(store, doc_id, text, "Klein said", "attribution")
    claim = _at(store, doc_id, text, "the shells came")
    far = store.create_annotation(other_doc, "Another report.\n", 8, 14, "claim", "ann")
    first = store.create_link(cue.id, claim.id, "attributes", "ann")
    second = store.create_link(claim.id, far.id, "supports", "ann")
    store.conn.execute("UPDATE links SET created = ? WHERE id = ?", (T1, second.id))  # the older one
    found = store.document_links(doc_id)
    assert [link.id for link in found] == [second.id, first.id]
    assert (found[1].source.id, found[1].source.document_id, found[1].source.label, found[1].source.exact,
            found[1].source.start) == (cue.id, doc_id, "attribution", "Klein said", 0)
    assert (found[1].target.id, found[1].target.document_id, found[1].target.label, found[1].target.exact,
            found[1].target.start) == (claim.id, doc_id, "claim", "the shells came", 11)
    assert (found[0].target.id, found[0].target.document_id, found[0].target.exact, found[0].target.start) == (
        far.id, other_doc, "report", 8)
    assert [link.id for link in store.document_links(other_doc)] == [second.id]


def test_a_deleted_link_leaves_a_tombstone_and_its_undo_comes_back_later(small):
    store, doc_id, text = small
    a, b = _at(store, doc_id, text, "the shells came"), _at(store, doc_id, text, "Officials denied it")
    link = store.create_link(a.id, b.id, "supports", "alice")
    before = utc_now()
    assert store.delete_link(link.id) == link
    buried = store.tombstone(link.id)
    assert (buried.kind, buried.deleted_by, buried.document_sha256) == ("link", "alice", "")
    assert before <= buried.deleted <= utc_now()
    assert json.loads(buried.record) == {k: v for k, v in asdict(link).items() if k not in ("source", "target")}
    assert store.links_of([a.id]) == []
    store.conn.execute("UPDATE tombstones SET deleted = ?", ("2999-01-01T00:00:00.000Z",))
    store.restore_link(link)
    assert store.link(link.id) == replace(link, modified="2999-01-01T00:00:00.001Z")
    assert store.tombstone(link.id) is None
    other = store.create_link(a.id, b.id, "contradicts", "alice")
    store.delete_link(other.id, deleted_by="bob")
    assert store.tombstone(other.id).deleted_by == "bob"


def test_restoring_a_link_never_deleted_stamps_it_now(small):
    store, doc_id, text = small
    a, b = _at(store, doc_id, text, "the shells came"), _at(store, doc_id, text, "Officials denied it")
    before = utc_now()
    store.restore_link(Link("L", a.id, b.id, "related", "n", "ann", T1, T1))
    assert store.link("L") == Link("L", a.id, b.id, "related", "n", "ann", T1, store.link("L").modified)
    assert before <= store.link("L").modified <= utc_now()
