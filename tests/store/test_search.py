"""Corpus search: FTS5 finds the documents, the offsets are code points over the stored text."""

from __future__ import annotations

import sqlite3

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.ingest import read_document
from tui.model.search import find, fts_query, pattern, snippet
from tui.store import Store

from ..helpers import run


def test_hits_carry_exact_offsets_even_across_a_line_break(store):
    hits = store.search("40 percent of Russia")
    assert [(h.document_id, store.text(h.document_id)[h.start:h.end]) for h in hits] == [(2, "40 percent of Russia")]
    assert "⟦40 percent of Russia⟧" in hits[0].snippet
    text = store.text(2)
    assert [store.text(h.document_id)[h.start:h.end].lower() for h in store.search("KLEIN NOTES")] == \
        ["klein notes"] * text.count("Klein notes")


def test_search_ranks_documents_and_filters_by_document_and_label(example_db):
    store = Store.open(example_db)
    everywhere = store.search("North Korean")
    assert len({h.document_id for h in everywhere}) == 3
    assert {h.document_id for h in store.search("North Korean", document_id=3)} == {3}
    claims = store.search("North Korean", label="claim", limit=500)
    for hit in claims:
        annotation = store.annotation(hit.annotation_id)
        assert annotation.label == "claim" and annotation.start <= hit.start < hit.end <= annotation.end
    assert store.search("Klein", label="attribution") and not store.search("zzzqqq")
    store.close()


def test_fts_syntax_in_a_query_is_taken_literally(store):
    for query in ['AND "x', "NEAR(a b)", "text:Kim", "Kim*", "-Kim", "^Kim"]:
        store.search(query)  # never an FTS5 syntax error
    assert fts_query('say "hi"') == '"say ""hi"""'


def test_a_changed_document_is_searched_in_its_new_version_only(store, corpus):
    path = corpus / "kim-pledges-support-to-putin-in-beijing.txt"
    path.write_text(path.read_text("utf-8").replace("Beijing", "Pyongyang"), "utf-8")
    new = store.add_document(read_document(path)).document_id
    assert {h.document_id for h in store.search("Pyongyang")} >= {new}
    assert all(h.document_id != 1 for h in store.search("Beijing"))


def test_an_older_database_gets_its_index_when_it_migrates(tmp_path, corpus):
    db = tmp_path / "old.db"
    run("import", corpus, "--db", db)
    conn = sqlite3.connect(db)  # as a database from before search: no index, schema 5
    conn.executescript("DROP TRIGGER documents_fts_insert; DROP TRIGGER documents_fts_delete; DROP TABLE document_fts;"
                       "DROP TABLE document_originals; DELETE FROM migrations WHERE version >= 6;"
                       " DROP TABLE document_chunks; PRAGMA user_version = 5;")
    conn.close()
    store = Store.open(db)
    assert [h.document_id for h in store.search("Syrsky")][:1] == [2]
    store.close()


def test_the_command_prints_hits_and_json(example_db):
    out = run("search", "nearly half", "--format", "json", "--db", example_db).stdout
    import json

    hits = json.loads(out)
    assert 1 in {h["document"] for h in hits} and all(h["end"] - h["start"] == len("nearly half") for h in hits)
    none = run("search", "no such phrase here", "--db", example_db)
    assert "no match for 'no such phrase here'" in none.stderr


@settings(max_examples=60, deadline=None)
@given(st.text(st.characters(blacklist_categories=["Cs"]), max_size=60),
       st.text(st.characters(blacklist_categories=["Cs", "Zs", "Cc", "Zl", "Zp"]), min_size=1, max_size=5))
def test_find_gives_offsets_where_the_text_matches(text, word):
    full = text + " " + word + "\n"
    for start, end in find(full, word):
        assert 0 <= start < end <= len(full) and pattern(word).fullmatch(full[start:end])
    assert any(full[s:e] == word for s, e in find(full, word))
    assert "\x1b" not in snippet(full + "\x1b[2J", 0, 1)
