"""Labels: a new one goes after the others (its position one past the last), names and
keys stay unique, a label may have no key, and the list comes in position order."""

from __future__ import annotations

import pytest

from tui.model.entities import Label
from tui.store import Store, StoreError


@pytest.fixture
def store(tmp_path):
    store = Store.open(tmp_path / "l.db")
    yield store
    store.close()


def test_a_new_label_comes_after_the_seeded_ones(store):
    store.add_label("opinion", "o", "#777777", "italic", "A view, not a fact.")
    store.add_label("question", None, "#123456", "overline")
    assert store.labels()[2:] == [Label("opinion", "o", "#777777", "italic", "A view, not a fact.", 3),
                                  Label("question", None, "#123456", "overline", "", 4)]
    store.add_label("aside", None, "#000000", "strike")  # a second label without a key is fine
    assert [(label.name, label.position) for label in store.labels()] == \
        [("claim", 1), ("attribution", 2), ("opinion", 3), ("question", 4), ("aside", 5)]


def test_the_first_label_of_an_empty_list_or_of_unpositioned_ones_is_first(store):
    store.conn.execute("DELETE FROM labels")  # a database whose labels someone removed with SQL
    store.add_label("only", "x", "#000000", "bold")
    assert [(label.name, label.position) for label in store.labels()] == [("only", 1)]
    store.conn.execute("UPDATE labels SET position = NULL")  # added by hand, with no position
    store.add_label("next", "y", "#000000", "bold")
    assert [(label.name, label.position) for label in store.labels()] == [("only", None), ("next", 1)]


def test_labels_are_listed_by_position_then_name(store):
    store.conn.execute("UPDATE labels SET position = 5")
    store.add_label("zeta", None, "#000000", "bold")
    store.conn.execute("UPDATE labels SET position = 5 WHERE name = 'zeta'")
    store.add_label("first", None, "#000000", "bold")
    store.conn.execute("UPDATE labels SET position = 0 WHERE name = 'first'")
    assert [label.name for label in store.labels()] == ["first", "attribution", "claim", "zeta"]


def test_a_taken_name_or_key_is_refused_and_nothing_is_added(store):
    with pytest.raises(StoreError, match=r"^label 'claim' exists already$"):
        store.add_label("claim", "z", "#000000", "bold")
    with pytest.raises(StoreError, match=r"^key 'c' is taken by another label$"):
        store.add_label("comment", "c", "#000000", "bold")
    assert [label.name for label in store.labels()] == ["claim", "attribution"]
