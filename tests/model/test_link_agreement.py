"""Link agreement (README, "Several annotators"): a pair matches when the relation is the
same and *both* ends overlap spans of the same label in the same document."""

from __future__ import annotations

import pytest

from tui.model.agreement import link_agreement

KLEIN_A, KLEIN_B = (1, "attribution", 0, 10), (1, "attribution", 0, 5)
CLAIM_A, CLAIM_B = (1, "claim", 11, 26), (1, "claim", 11, 21)
ELSEWHERE = (1, "claim", 40, 60)  # same document and label as CLAIM_*, no character shared


def test_both_ends_overlapping_with_the_same_relation_match():
    assert link_agreement([(KLEIN_A, CLAIM_A, "attributes")], [(KLEIN_B, CLAIM_B, "attributes")]) == 1.0


def test_overlapping_sources_with_targets_that_do_not_overlap_do_not_match():
    a = [(KLEIN_A, CLAIM_A, "attributes")]
    b = [(KLEIN_B, ELSEWHERE, "attributes")]
    assert link_agreement(a, b) == 0.0


def test_overlapping_targets_with_sources_that_do_not_overlap_do_not_match():
    a = [(CLAIM_A, CLAIM_B, "supports")]
    b = [(ELSEWHERE, CLAIM_B, "supports")]
    assert link_agreement(a, b) == 0.0


@pytest.mark.parametrize("other, why", [
    ((1, "claim", 26, 30), "touching at the end: [11, 26) and [26, 30) share no character"),
    ((1, "claim", 5, 11), "touching at the start"),
    ((2, "claim", 11, 26), "the same offsets in another document"),
    ((1, "attribution", 11, 26), "the same offsets under another label"),
])
def test_ends_that_only_touch_or_differ_in_document_or_label_do_not_match(other, why):
    assert link_agreement([(KLEIN_A, CLAIM_A, "attributes")], [(KLEIN_B, other, "attributes")]) == 0.0, why
    assert link_agreement([(CLAIM_A, KLEIN_A, "related")], [(other, KLEIN_B, "related")]) == 0.0, why


def test_another_relation_does_not_match():
    assert link_agreement([(CLAIM_A, CLAIM_B, "supports")], [(CLAIM_A, CLAIM_B, "contradicts")]) == 0.0


def test_a_score_counts_matched_pairs_over_all_distinct_pairs():
    a = [(KLEIN_A, CLAIM_A, "attributes"), (CLAIM_A, ELSEWHERE, "supports")]
    b = [(KLEIN_B, CLAIM_B, "attributes"), (CLAIM_B, (1, "claim", 70, 80), "supports"), (KLEIN_B, ELSEWHERE, "related")]
    # One matched pair; 2 + 3 - 1 = 4 distinct pairs.
    assert link_agreement(a, b) == 0.25
    assert link_agreement(b, a) == 0.25
    assert link_agreement([], []) == 1.0
    assert link_agreement(a, []) == 0.0
