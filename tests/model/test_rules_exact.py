"""The small rules, each on exact cases: which attribute values an annotation may carry and
the one-line reasons it may not, which relations fit two labels and how a link reads from
either end, how a merge decides between two versions, and the chunk reader's edges."""

from __future__ import annotations

import pytest

from tui.model.attributes import (
    FREE_TEXT_LIMIT,
    AttributeValueError,
    check_attributes,
    check_free_text,
    parse_pairs,
)
from tui.model.chunked import CHUNK_CHARS, ChunkedText, chunk_spans
from tui.model.entities import AttributeType, Link, LinkEnd
from tui.model.merge import Dead, Live, Outcome, resolve, winner
from tui.model.relations import (
    BY_NAME,
    RelationError,
    check_relation,
    describe_link,
    fitting_relations,
    orient,
)

TYPES = [
    AttributeType("claim_type", "claim", True, "t", ["quantity", "causal", "prediction"]),
    AttributeType("worthiness", "claim", False, "w", ["low", "high"]),
    AttributeType("voice", "attribution", False, "v", ["direct", "indirect"]),
    AttributeType("comment", "claim", False, "c", []),
]


# Attributes -------------------------------------------------------------------------------------
def test_free_text_is_one_plain_line_with_white_space_collapsed():
    assert check_free_text("comment", "  two\n words\t ") == "two words"
    assert check_free_text("comment", ["only one"]) == "only one"
    assert check_free_text("comment", "x" * FREE_TEXT_LIMIT) == "x" * 200
    bad_ones = ["", "   ", "x" * 201, "a\x00b", "a\x1bb", "a\x7fb", "a\x80b", "a\x9fb", "a\u202ab", "a\u202eb",
                "a\u2066b", "a\u2069b"]
    for bad in bad_ones:
        with pytest.raises(AttributeValueError, match=r"^comment must be one line of plain text \(at most 200"):
            check_free_text("comment", bad)
    for bad in [["a", "b"], [], 3, None]:
        with pytest.raises(AttributeValueError, match="^comment takes one value$"):
            check_free_text("comment", bad)
    # Separators that str.split() counts as white space (NEL, U+2028, U+001F) are collapsed, not refused.
    assert check_free_text("c", "a\x85b\u2028c\x1fd") == "a b c d"
    # Neighbours of the refused ranges are plain text.
    assert check_free_text("c", "~\xa1\u2027\u2065\u206a") == "~\xa1\u2027\u2065\u206a"


def test_attributes_are_checked_and_normalised():
    assert check_attributes(TYPES, "claim", {}) == {}
    assert check_attributes(TYPES, "claim", {"claim_type": ["prediction", "quantity", "prediction"]}) == {
        "claim_type": ["quantity", "prediction"]}  # the taxonomy's order, once each
    assert check_attributes(TYPES, "claim", {"claim_type": "causal"}) == {"claim_type": ["causal"]}
    assert check_attributes(TYPES, "claim", {"claim_type": []}) == {}
    assert check_attributes(TYPES, "claim", {"worthiness": "high"}) == {"worthiness": "high"}
    assert check_attributes(TYPES, "claim", {"worthiness": ["low"]}) == {"worthiness": "low"}
    assert check_attributes(TYPES, "claim", {"comment": " a  b "}) == {"comment": "a b"}
    assert check_attributes(TYPES, "attribution", {"voice": "direct"}) == {"voice": "direct"}
    # A free-text attribute does not end the checking of the ones after it.
    assert check_attributes(TYPES, "claim", {"comment": "x", "worthiness": "high"}) == {"comment": "x",
                                                                                       "worthiness": "high"}
    with pytest.raises(AttributeValueError, match="worthiness cannot be 'bogus'"):
        check_attributes(TYPES, "claim", {"comment": "x", "worthiness": "bogus"})


@pytest.mark.parametrize("label, attributes, message", [
    ("claim", {"colour": "red"}, "unknown attribute 'colour' (attributes: claim_type, worthiness, voice, comment)"),
    ("claim", {"voice": "direct"}, "attribute voice is for attribution annotations, not claim"),
    ("claim", {"worthiness": "medium"}, "worthiness cannot be 'medium' (one of: low, high)"),
    ("claim", {"claim_type": ["causal", "bogus", "worse"]}, "claim_type cannot be 'bogus' (one of: quantity, causal, prediction)"),
    ("claim", {"worthiness": ["low", "high"]}, "worthiness takes one value"),
    ("claim", {"comment": ""}, "comment must be one line of plain text (at most 200 characters)"),
])
def test_attribute_errors_say_why_in_one_line(label, attributes, message):
    with pytest.raises(AttributeValueError) as caught:
        check_attributes(TYPES, label, attributes)
    assert str(caught.value) == message


def test_key_value_pairs_collect_multi_valued_attributes():
    assert parse_pairs(("claim_type=quantity", "claim_type=causal", "worthiness=high"), TYPES) == {
        "claim_type": ["quantity", "causal"], "worthiness": "high"}
    assert parse_pairs(["comment=a=b"], TYPES) == {"comment": "a=b"}  # only the first "=" splits
    assert parse_pairs([], TYPES) == {}
    assert parse_pairs(["unknown=x"], TYPES) == {"unknown": "x"}  # checked later, by check_attributes
    for bad in ["novalue=", "=value", "noequals", "="]:
        with pytest.raises(AttributeValueError) as caught:
            parse_pairs([bad], TYPES)
        assert str(caught.value) == f"--attr takes KEY=VALUE, not {bad!r}"
    with pytest.raises(AttributeValueError) as caught:
        parse_pairs(["worthiness=low", "worthiness=high"], TYPES)
    assert str(caught.value) == "worthiness takes one value"


# Relations --------------------------------------------------------------------------------------
@pytest.mark.parametrize("source, target, names", [
    ("attribution", "claim", ["attributes", "related"]),
    ("claim", "claim", ["same_as", "supports", "contradicts", "related"]),
    ("claim", "attribution", ["related"]),
    ("attribution", "attribution", ["related"]),
    ("other", "claim", ["related"]),
])
def test_fitting_relations_in_menu_order(source, target, names):
    assert [r.name for r in fitting_relations(source, target)] == names


def test_check_relation_says_why_it_does_not_fit():
    assert check_relation("related", "x", "y") is BY_NAME["related"]
    assert check_relation("attributes", "attribution", "claim").key == "a"
    with pytest.raises(RelationError) as caught:
        check_relation("attributes", "claim", "claim")
    assert str(caught.value) == "attributes links attribution -> claim, not claim -> claim"
    with pytest.raises(RelationError) as caught:
        check_relation("supports", "claim", "attribution")
    assert str(caught.value) == "supports links claim -> claim, not claim -> attribution"
    with pytest.raises(RelationError) as caught:
        check_relation("refutes", "claim", "claim")
    assert str(caught.value) == ("unknown relation 'refutes' "
                                 "(relations: attributes, same_as, supports, contradicts, related)")
    assert [(r.name, r.symmetric) for r in BY_NAME.values()] == [
        ("attributes", False), ("same_as", True), ("supports", False), ("contradicts", False), ("related", True)]


def test_a_link_is_stored_from_attribution_to_claim():
    assert orient("claim", "attribution") is True
    assert orient("attribution", "claim") is False and orient("claim", "claim") is False


def _link(relation: str, exact: str = "Klein notes", document_id: int = 1) -> Link:
    return Link(id="l", source_id="s", target_id="t", relation=relation,
                source=LinkEnd("s", document_id, "attribution", exact, 0),
                target=LinkEnd("t", 2, "claim", "nearly half of it", 5))


def test_a_link_reads_from_either_end():
    link = _link("attributes")
    assert describe_link(link, "s", 1) == "attributes: doc 2, 'nearly half of it'"
    assert describe_link(link, "t", 2) == "attributed to: doc 1, 'Klein notes'"
    assert describe_link(_link("attributes", document_id=2), "t", 2) == "attributed to: 'Klein notes'"
    assert describe_link(_link("supports"), "t", 1) == "supported by: 'Klein notes'"
    assert describe_link(_link("contradicts"), "t", 1) == "contradicted by: 'Klein notes'"
    assert describe_link(_link("same_as"), "t", 1) == "same_as: 'Klein notes'"


def test_a_long_end_is_cut_at_the_limit_and_white_space_collapsed():
    assert describe_link(_link("related", "a" * 40), "t", 1) == "related: '" + "a" * 40 + "'"
    assert describe_link(_link("related", "a" * 41), "t", 1) == "related: '" + "a" * 39 + "…'"
    assert describe_link(_link("related", "one\n  two"), "t", 1, limit=5) == "related: 'one …'"
    assert describe_link(_link("related", "one\n  two"), "t", 1) == "related: 'one two'"


# Merge ------------------------------------------------------------------------------------------
T1, T2 = "2026-01-01T00:00:00.000Z", "2026-01-02T00:00:00.000Z"


@pytest.mark.parametrize("mine, theirs, outcome, conflict", [
    (None, Live(T1, ("a",)), Outcome.ADD, False),
    (Live(T1, ("a",)), None, Outcome.UNCHANGED, False),
    (None, None, Outcome.UNCHANGED, False),
    (Live(T1, ("a",)), Live(T2, ("b",)), Outcome.UPDATE, False),
    (Live(T2, ("a",)), Live(T1, ("b",)), Outcome.UNCHANGED, False),
    (Live(T1, ("a",)), Live(T1, ("a",)), Outcome.UNCHANGED, False),
    (Live(T1, ("a",)), Live(T1, ("b",)), Outcome.UPDATE, True),  # a tie: the greater content, a conflict
    (Live(T1, ("b",)), Live(T1, ("a",)), Outcome.UNCHANGED, True),
    (Live(T1, ("a",)), Dead(T2), Outcome.DELETE, False),
    (Live(T1, ("a",)), Dead(T1), Outcome.DELETE, False),  # at the same time the deletion wins
    (Live(T2, ("a",)), Dead(T1), Outcome.UNCHANGED, True),  # edited after the deletion: it stays, reported
    (Dead(T1), Live(T2, ("a",)), Outcome.ADD, True),  # brought back by a later edit
    (Dead(T2), Live(T1, ("a",)), Outcome.UNCHANGED, False),
    (Dead(T1), Live(T1, ("a",)), Outcome.UNCHANGED, False),
    (None, Dead(T1), Outcome.TOMBSTONE, False),
    (Dead(T1), Dead(T2), Outcome.TOMBSTONE, False),
    (Dead(T2), Dead(T1), Outcome.UNCHANGED, False),
    (Dead(T1, "ana"), Dead(T1, "bob"), Outcome.TOMBSTONE, False),  # the same time: the greater name
    (Dead(T1, "bob"), Dead(T1, "ana"), Outcome.UNCHANGED, False),
    (Dead(T1), None, Outcome.UNCHANGED, False),
])
def test_resolve(mine, theirs, outcome, conflict):
    assert resolve(mine, theirs) == (outcome, conflict)


def test_the_winner_is_the_same_whichever_side_it_is_on():
    versions = [None, Live(T1, ("a",)), Live(T1, ("b",)), Live(T2, ("a",)), Dead(T1), Dead(T2), Dead(T1, "z")]
    for x in versions:
        for y in versions:
            assert winner(x, y) == winner(y, x), (x, y)
    assert winner(Live(T1, ("a",)), Dead(T1)) == Dead(T1)
    assert winner(None, Dead(T1)) == Dead(T1) and winner(Dead(T1), None) == Dead(T1)


# The chunk reader -------------------------------------------------------------------------------
def test_chunk_spans_of_exact_sizes():
    assert CHUNK_CHARS == 65536
    assert chunk_spans(10, 4) == [(0, 4), (4, 8), (8, 10)]
    assert chunk_spans(8, 4) == [(0, 4), (4, 8)]
    assert chunk_spans(1) == [(0, 1)]
    assert chunk_spans(CHUNK_CHARS + 1) == [(0, CHUNK_CHARS), (CHUNK_CHARS, CHUNK_CHARS + 1)]


def _reader(text: str, size: int, cache_size: int = 64):
    spans = chunk_spans(len(text), size)
    reads: list[int] = []

    def read(number: int) -> str:
        reads.append(number)
        return text[spans[number][0]:spans[number][1]]

    return ChunkedText(len(text), [s for s, _ in spans], read, cache_size=cache_size), reads


def test_the_chunk_reader_keeps_the_last_chunks_read():
    view, reads = _reader("abcdefghij", 2, cache_size=2)
    assert view.chunk(0) == "ab" and view.chunk(1) == "cd" and view.chunk(0) == "ab"
    assert reads == [0, 1]  # both cached
    view.chunk(2)  # evicts chunk 1, the least recently used (0 was used again)
    view.chunk(0)
    assert reads == [0, 1, 2]
    view.chunk(1)
    assert reads == [0, 1, 2, 1]
    small, reads = _reader("abcd", 2, cache_size=0)  # at least one chunk is kept, and only one
    small.chunk(0)
    small.chunk(0)
    small.chunk(1)
    small.chunk(0)
    assert reads == [0, 1, 0]


def test_the_chunk_reader_edges():
    view, _ = _reader("abcdefghij", 4)
    assert [view.chunk_of(o) for o in (-1, 0, 3, 4, 9, 10, 20)] == [0, 0, 0, 1, 2, 2, 2]
    assert view[-1] == "j" and view[-10] == "a" and view[4] == "e"
    assert view[1:9:3] == "beh" and view[::-1] == "jihgfedcba" and view[::2] == "acegi"
    assert view.slice(3, 9) == "defghi" and view.slice(0, 12) == "abcdefghij" and view.slice(5, 5) == ""
    assert view.slice(-3, 2) == "ab" and view.slice(4, 8) == "efgh"
    assert repr(view) == "ChunkedText(length=10, chunks=3)"
    for bad in (10, -11):
        with pytest.raises(IndexError) as caught:
            view[bad]
        assert str(caught.value) == "ChunkedText index out of range"
    for starts in ([], [1, 4]):
        with pytest.raises(ValueError) as caught:
            ChunkedText(3, starts, lambda n: "")
        assert str(caught.value) == "chunk starts must begin at 0"
