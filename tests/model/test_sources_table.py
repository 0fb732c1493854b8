"""Who each document lets speak: one row per speaker, the most quoted first, the unknown
last, the commonest type, and the per-document kinds of source."""

from __future__ import annotations

from tui.model.sources import UNKNOWN, Quote, SourceRow, sources, type_counts
from tui.model.speakers import SPEAKER_TYPES, Speaker


def quote(ident: str, doc: int, name: str, kind: str = "other", claims=(), inferred: bool = True) -> Quote:
    return Quote(ident, doc, Speaker(name, speaker_type=kind, inferred=inferred), tuple(claims))


def test_rows_merge_spellings_and_count_per_document():
    rows = sources([quote("q1", 1, "Kim Jong-un", "government", ["c1"]), quote("q2", 2, "Kim Jong Un", "government",
                                                                           ["c2", "c3"]),
                    quote("q3", 2, "kim jong un", "government", ["c2"])])
    (row,) = rows
    assert row.speaker == "Kim Jong-un"  # as first met
    assert row.attributions == {1: 1, 2: 2} and row.claims == {1: {"c1"}, 2: {"c2", "c3"}}
    assert (row.total_attributions, row.total_claims) == (3, 3)
    assert row.as_json([2, 1, 5]) == {
        "speaker": "Kim Jong-un", "speaker_type": "government", "inferred": True,
        "documents": [{"document": 2, "attributions": 2, "claims": 2}, {"document": 1, "attributions": 1, "claims": 1},
                      {"document": 5, "attributions": 0, "claims": 0}],
        "attributions": 3, "claims": 3}


def test_the_most_quoted_come_first_then_the_most_claims_then_the_name_and_the_unknown_last():
    rows = sources([
        quote("u1", 1, ""), quote("u2", 1, ""), quote("u3", 1, ""),
        quote("b1", 1, "beta", claims=["x"]), quote("a1", 1, "Alpha", claims=["y"]),
        quote("z1", 1, "Zed", claims=["p", "q"]),
        quote("m1", 1, "Many"), quote("m2", 2, "Many"),
    ])
    assert [r.speaker for r in rows] == ["Many", "Zed", "Alpha", "beta", UNKNOWN]
    assert rows[-1].attributions == {1: 3}
    assert UNKNOWN == "(unresolved)"


def test_a_row_is_inferred_only_while_no_attribution_was_confirmed():
    assert sources([quote("a", 1, "X"), quote("b", 1, "X")])[0].inferred is True
    assert sources([quote("a", 1, "X"), quote("b", 1, "X", inferred=False)])[0].inferred is False
    assert sources([quote("a", 1, "X", inferred=False), quote("b", 1, "X")])[0].inferred is False


def test_the_commonest_type_wins_and_a_specific_type_beats_other_on_a_tie():
    def kind(*kinds: str) -> str:
        return sources([quote(f"q{i}", 1, "X", k) for i, k in enumerate(kinds)])[0].speaker_type

    assert kind("expert", "government", "government") == "government"
    assert kind("other", "expert") == "expert" and kind("expert", "other") == "expert"
    assert kind("other", "other", "expert") == "other"
    # Two specific types tied: the one listed first among the kinds of source.
    assert SPEAKER_TYPES.index("government") < SPEAKER_TYPES.index("expert")
    assert kind("expert", "government") == "government" and kind("government", "expert") == "government"
    assert kind("made up", "expert") == "expert" and kind("expert", "made up") == "expert"


def test_type_counts_per_document():
    rows = [SourceRow("A", "expert", {1: 2, 2: 1}), SourceRow("B", "government", {1: 1, 3: 4}),
            SourceRow("C", "made up", {1: 1}), SourceRow("D", "expert", {1: 3})]
    counts = type_counts(rows, [1, 2])
    assert counts[1] == {**dict.fromkeys(SPEAKER_TYPES, 0), "expert": 5, "government": 1, "made up": 1}
    assert counts[2] == {**dict.fromkeys(SPEAKER_TYPES, 0), "expert": 1}
    assert set(counts) == {1, 2}
