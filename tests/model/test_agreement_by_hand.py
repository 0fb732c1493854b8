"""Agreement figures on inputs small enough to compute by hand (the arithmetic is in the
comments): exact and overlap F1, kappa over tokens, Krippendorff's αu with units that
overlap, touch or sit in a gap, link agreement, and the report's scope and rows."""

from __future__ import annotations

import pytest

from tui.model.agreement import (
    agreement,
    annotated_documents,
    cohen_kappa,
    exact_f1,
    intersection_length,
    kappa,
    link_agreement,
    merge_intervals,
    overlap_f1,
    token_labels,
    unitizing_alpha,
    unitizing_disagreements,
)

TEXT = "The cat sat ."  # tokens The (0,3) cat (4,7) sat (8,11) . (12,13)


def test_exact_f1_counts_identical_units():
    a = [(1, "claim", 0, 5), (1, "claim", 6, 9)]
    b = [(1, "claim", 0, 5), (1, "attribution", 6, 9)]
    assert exact_f1(a, b) == 0.5  # TP 1, FP 1, FN 1: 2 / (2 + 1 + 1)
    assert exact_f1([], []) == 1.0
    assert exact_f1(a, []) == 0.0 and exact_f1([], b) == 0.0
    assert exact_f1(a + a, a) == 1.0  # units are a set
    assert exact_f1([(1, "claim", 0, 5)], [(2, "claim", 0, 5)]) == 0.0  # another document


def test_overlap_f1_by_characters():
    # 5 shared of 10 and of 10: P = R = 0.5.
    assert overlap_f1([(1, "c", 0, 10)], [(1, "c", 5, 15)]) == 0.5
    # 5 shared, P = 5/10, R = 5/5: F1 = 2 · 0.5 · 1 / 1.5 = 2/3.
    assert overlap_f1([(1, "c", 0, 10)], [(1, "c", 0, 5)]) == pytest.approx(2 / 3)
    assert overlap_f1([(1, "c", 0, 10)], [(1, "a", 0, 10)]) == 0.0  # another label
    assert overlap_f1([(1, "c", 0, 10)], [(2, "c", 0, 10)]) == 0.0
    assert overlap_f1([(1, "c", 0, 10)], []) == 0.0 and overlap_f1([], [(1, "c", 0, 10)]) == 0.0
    assert overlap_f1([], []) == 1.0 and overlap_f1([(1, "c", 3, 3)], []) == 1.0  # nothing covered
    assert overlap_f1([(1, "c", 0, 10), (1, "c", 5, 15)], [(1, "c", 0, 15)]) == 1.0  # own overlaps merged


def test_merge_and_intersect_intervals():
    # Touching intervals stay two units (αu counts them apart); overlapping ones merge; empty ones go.
    assert merge_intervals([(5, 7), (0, 3), (3, 4), (2, 2), (6, 9), (9, 9), (8, 6)]) == [(0, 3), (3, 4), (5, 9)]
    assert merge_intervals([(0, 5), (1, 2)]) == [(0, 5)]
    # (3,5) 2 + (10,12) 2 + (15,16) 1 + (19,20) 1 = 6
    assert intersection_length([(0, 5), (10, 20)], [(3, 12), (15, 16), (19, 30)]) == 6
    assert intersection_length([(0, 5)], [(5, 9)]) == 0
    assert intersection_length([(0, 9)], [(2, 3), (4, 5), (6, 7)]) == 3
    assert intersection_length([(2, 3), (4, 5), (6, 7)], [(0, 9)]) == 3


def test_each_token_is_tagged_with_the_labels_over_it():
    assert token_labels(TEXT, [("claim", 4, 11), ("attribution", 5, 9)]) == ["O", "attribution+claim",
                                                                            "attribution+claim", "O"]
    # A span over a space only tags nothing; an empty span inside a token tags it; an inverted one nothing.
    assert token_labels(TEXT, [("claim", 3, 4), ("claim", 5, 5), ("claim", 9, 8)]) == ["O", "claim", "O", "O"]
    assert token_labels(TEXT, [("claim", 2, 5)]) == ["claim", "claim", "O", "O"]
    assert token_labels(TEXT, []) == ["O"] * 4 and token_labels("", [("claim", 0, 0)]) == []
    # Nested spans of one label: the token stays tagged until the last of them ends.
    assert token_labels(TEXT, [("claim", 0, 13), ("claim", 4, 7)]) == ["claim"] * 4


def test_cohen_kappa_by_hand():
    # po = 3/4; A: C 2, O 2; B: C 1, O 3; pe = (2·1 + 2·3) / 16 = 1/2; κ = (3/4 − 1/2) / (1/2) = 1/2.
    assert cohen_kappa(["C", "C", "O", "O"], ["C", "O", "O", "O"]) == 0.5
    assert cohen_kappa([], []) == 1.0
    assert cohen_kappa(["O", "O"], ["O", "O"]) == 1.0  # pe = 1 and all agree
    assert cohen_kappa(["O", "O"], ["C", "C"]) == 0.0  # po = 0, pe = 0
    # po = 0, A: C 1, O 1; B: C 1, O 1; pe = 1/2: κ = −1.
    assert cohen_kappa(["C", "O"], ["O", "C"]) == -1.0


def test_kappa_over_the_tokens_of_the_documents():
    # A tags cat, sat; B tags cat: the same arithmetic as above, κ = 1/2.
    assert kappa([(1, "claim", 4, 11)], [(1, "claim", 4, 7)], {1: TEXT}) == 0.5
    # A second document where both agree on four O tokens: po = 7/8; A: claim 2, O 6; B: claim 1, O 7;
    # pe = (2 + 42) / 64 = 11/16; κ = (14/16 − 11/16) / (5/16) = 3/5.
    assert kappa([(1, "claim", 4, 11)], [(1, "claim", 4, 7)], {1: TEXT, 2: TEXT}) == pytest.approx(0.6)
    assert kappa([], [], {}) == 1.0


def test_unitizing_alpha_of_two_overlapping_units():
    # Length 10; A: [0,4), B: [2,6). Only the two units overlap: δ² = (0−2)² + (4−6)² = 8;
    # Do = 2·8 / (2·1·10²) = 0.08.
    # De: units 4, 4 (Nc = 2); gaps 6 (A), 2 and 4 (B). Per unit: (Nc−1)(2·64 − 3·16 + 4)/3 = 28,
    # plus 4² · Σ(g − 4 + 1 for g ≥ 4) = 16 · (1 + 3) = 64: 92, twice 184. Denominator
    # 2·10·19 − (12 + 12) = 356. De = 2·184 / (10·356) = 0.1033708; αu = 1 − 0.08/0.1033708 = 0.2260870.
    d_o, d_e = unitizing_disagreements([(1, "c", 0, 4)], [(1, "c", 2, 6)], {1: 10})["c"]
    assert d_o == pytest.approx(0.08) and d_e == pytest.approx(368 / 3560)
    assert unitizing_alpha([(1, "c", 0, 4)], [(1, "c", 2, 6)], {1: "x" * 10}) == pytest.approx(0.2260870, abs=1e-7)


def test_unitizing_a_unit_in_the_others_gap_and_units_that_exactly_fill_gaps():
    # A: [5,7) inside B's single gap [0,10): δ² = 2² = 4, Do = 2·4/200 = 0.04.
    # De: unit 2 (Nc = 1), gaps 5, 3 (A) and 10 (B): 2² · ((5−1) + (3−1) + (10−1)) = 60;
    # denominator 2·10·19 − 2 = 378; De = 2·60 / (10·378) = 0.0317460.
    assert unitizing_disagreements([(1, "c", 5, 7)], [], {1: 10}) == {"c": (pytest.approx(0.04),
                                                                          pytest.approx(120 / 3780))}
    # A: [0,3) exactly B's gap; B: [3,10) exactly A's gap: 3² + 7² = 58, Do = 0.58.
    # De: units 3, 7; gaps 7 (A), 3 (B). l=3: 10 + 9·(1 + 5) = 64; l=7: 182 + 49·1 = 231; 295.
    # Denominator 380 − (6 + 42) = 332; De = 590 / 3320.
    assert unitizing_disagreements([(1, "c", 0, 3)], [(1, "c", 3, 10)], {1: 10}) == {
        "c": (pytest.approx(0.58), pytest.approx(590 / 3320))}


def test_unitizing_alpha_sums_the_labels_and_ignores_other_documents():
    a = [(1, "c", 0, 4), (1, "d", 5, 7), (9, "c", 0, 4)]
    b = [(1, "c", 2, 6), (7, "d", 0, 1)]
    per_label = unitizing_disagreements(a, b, {1: 10})
    assert sorted(per_label) == ["c", "d"]
    assert per_label["c"] == (pytest.approx(0.08), pytest.approx(368 / 3560))
    assert per_label["d"] == (pytest.approx(0.04), pytest.approx(120 / 3780))
    expected = 1 - (0.08 + 0.04) / (368 / 3560 + 120 / 3780)
    assert unitizing_alpha(a, b, {1: "x" * 10}) == pytest.approx(expected)
    assert unitizing_disagreements([(1, "c", 0, 1)], [], {1: 0}) == {"c": (0.0, 0.0)}
    assert unitizing_alpha([], [], {}) == 1.0


def test_link_agreement_by_hand():
    s, t = (1, "attribution", 0, 5), (1, "claim", 10, 20)
    near_s, near_t = (1, "attribution", 4, 8), (1, "claim", 19, 25)
    a = [(s, t, "attributes"), (t, s, "related")]
    b = [(near_s, near_t, "attributes"), ((2, "claim", 0, 1), t, "related")]
    # One matched pair of 2 + 2 − 1 = 3 distinct pairs.
    assert link_agreement(a, b) == pytest.approx(1 / 3)
    assert link_agreement([], []) == 1.0 and link_agreement(a, []) == 0.0
    assert link_agreement(a, a) == 1.0


def test_the_default_scope_is_every_document_either_annotator_touched():
    assert annotated_documents([(1, "c", 0, 1), (2, "c", 0, 1)], [(3, "c", 0, 1), (2, "a", 0, 1)]) == {1, 2, 3}
    assert annotated_documents([], [(4, "c", 0, 1)]) == {4}


def test_agreement_rows_per_label_and_overall_within_the_documents_asked_for():
    texts = {1: TEXT, 2: TEXT}
    a = [(1, "claim", 4, 11), (2, "claim", 0, 3)]
    b = [(1, "claim", 4, 7), (2, "attribution", 0, 3)]
    rows = agreement(a, b, texts, ["claim", "attribution"], documents=[1])
    # Document 1 only: the claim row is the kappa case above; attribution has no span there.
    assert rows["labels"]["claim"] == {"exact_f1": 0.0, "overlap_f1": 0.6, "kappa": 0.5, "a_count": 1, "b_count": 1}
    assert rows["labels"]["attribution"] == {"exact_f1": 1.0, "overlap_f1": 1.0, "kappa": 1.0,
                                             "a_count": 0, "b_count": 0}
    assert rows["overall"] == rows["labels"]["claim"]
    # overlap: 3 shared of 7 and of 3: P = 3/7, R = 1, F1 = 2·(3/7)/(10/7) = 0.6.
    both = agreement(a, b, texts, ["claim"], alpha_u=True)
    assert both["labels"]["claim"]["a_count"] == 2 and both["labels"]["claim"]["b_count"] == 1
    assert both["overall"]["a_count"] == 2 and both["overall"]["b_count"] == 2
    assert set(both["overall"]) == {"exact_f1", "overlap_f1", "kappa", "a_count", "b_count", "alpha_u"}
    assert both["overall"]["exact_f1"] == 0.0
    # Figures are rounded to four places: 2/3 → 0.6667.
    rounded = agreement([(1, "c", 0, 10)], [(1, "c", 0, 5)], {1: "x" * 10}, ["c"])
    assert rounded["overall"]["overlap_f1"] == 0.6667
