"""The editor: edits committed at once, undone and redone exactly, without a screen."""

from __future__ import annotations

from dataclasses import replace

import pytest

from tui.services.editor import EditError, Editor


@pytest.fixture
def editor(store):
    return Editor(store, "ed")


def test_tag_trims_white_space_and_refuses_an_empty_selection(editor, store):
    text = store.text(1)
    space = text.index(" ")
    made = editor.tag(1, text, space, space + 4, "claim")
    assert made.start == space + 1 and made.exact == text[space + 1:space + 4].strip()
    with pytest.raises(EditError, match="only white space"):
        editor.tag(1, text, space, space + 1, "claim")


def test_delete_and_undo_bring_back_the_annotation_and_its_links(editor, store):
    text = store.text(2)
    claim = editor.tag(2, text, 0, 10, "claim")
    cue = editor.tag(2, text, 20, 30, "attribution")
    link = editor.link(cue.id, claim.id, "attributes")
    editor.delete(claim.id)
    assert store.links_of([cue.id]) == []
    step, annotation = editor.undo()
    back = store.annotation(claim.id)
    assert annotation.id == claim.id and replace(back, modified=claim.modified) == claim
    assert back.modified > claim.modified and store.tombstone(claim.id) is None  # undo removes the tombstone
    assert [l.id for l in store.links_of([cue.id])] == [link.id]
    editor.redo()
    assert store.links_of([cue.id]) == []


def test_a_group_undoes_and_redoes_as_one_step(editor, store):
    text = store.text(2)
    with editor.group():
        claim = editor.tag(2, text, 0, 10, "claim")
        cue = editor.tag(2, text, 20, 30, "attribution")
        editor.link(cue.id, claim.id, "attributes")
    assert len(store.annotations(2)) == 2
    editor.undo()
    assert store.annotations(2) == [] and store.links_of([claim.id, cue.id]) == []
    editor.redo()
    assert {a.id for a in store.annotations(2)} == {claim.id, cue.id} and len(store.links_of([claim.id])) == 1
    assert editor.undo() is not None and editor.undo() is None  # one step, not three


def test_undo_of_a_rejection_forgets_it_instead_of_undoing_an_earlier_tag(editor, store):
    text = store.text(1)
    made = editor.tag(1, text, 0, 5, "claim")
    editor.reject_suggestion(1, "claim", 10, 20)
    editor.undo()
    assert store.rejected_suggestions(1) == set() and store.annotation(made.id)
    editor.redo()
    assert store.rejected_suggestions(1) == {("claim", 10, 20)}


def test_notes_attributes_and_accepting_anothers_annotation(editor, store):
    text = store.text(1)
    theirs = store.create_annotation(1, text, 0, 8, "claim", "bob", note="bob's", attributes={"checkworthiness": "cfs"})
    mine = editor.accept(theirs, text)
    assert (mine.annotator, mine.origin, mine.note, mine.attribute_values) == ("ed", "accepted:bob", "bob's",
                                                                              {"checkworthiness": "cfs"})
    editor.set_note(mine, "mine now")
    editor.set_attributes(mine, {"claim_type": ["causal", "quantity"]})
    assert store.annotation(mine.id).attribute_values == {"claim_type": ["quantity", "causal"]}
    editor.undo()
    editor.undo()
    again = store.annotation(mine.id)
    assert (again.note, again.attributes, again.modified) == (mine.note, mine.attributes, mine.modified)
