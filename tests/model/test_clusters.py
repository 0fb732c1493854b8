"""Claim clusters: union-find over same_as / supports, contradictions attached, related kept apart."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.model.clusters import CARRIES, CONTRADICTS, SUPPORTS, ClaimLink, ClaimRef, clustered_ids, clusters

# Three documents, a few claims each: "a1" is document 1's first claim.
CLAIMS = [ClaimRef(f"{doc}{n}", {"a": 1, "b": 2, "c": 3}[doc], 10 * n) for doc in "abc" for n in range(1, 4)]


def link(source: str, target: str, relation: str) -> ClaimLink:
    return ClaimLink(source, target, relation)


def shape(found) -> list[dict]:
    return [cluster.stances for cluster in found]


def test_a_chain_of_supports_across_three_documents_is_one_cluster():
    found = clusters(CLAIMS, [link("a1", "b2", "supports"), link("b2", "c3", "supports")])
    assert shape(found) == [{"a1": SUPPORTS, "b2": CARRIES, "c3": CARRIES}]
    assert found[0].members == ["a1", "b2", "c3"]


def test_same_as_joins_and_both_ends_carry():
    found = clusters(CLAIMS, [link("c1", "a2", "same_as")])
    assert shape(found) == [{"a2": CARRIES, "c1": CARRIES}]


def test_a_contradiction_attaches_to_the_cluster_it_contradicts():
    found = clusters(CLAIMS, [link("a1", "b1", "same_as"), link("c2", "b1", "contradicts")])
    assert shape(found) == [{"a1": CARRIES, "b1": CARRIES, "c2": CONTRADICTS}]
    assert found[0].contradicting == ["c2"]


def test_a_contradicted_single_claim_is_a_cluster():
    found = clusters(CLAIMS, [link("c1", "a3", "contradicts")])
    assert shape(found) == [{"a3": CARRIES, "c1": CONTRADICTS}]


def test_a_contradicting_claim_keeps_its_own_cluster_too():
    links = [link("a1", "b1", "same_as"), link("c1", "c2", "same_as"), link("c1", "b1", "contradicts")]
    found = clusters(CLAIMS, links)
    assert shape(found) == [{"a1": CARRIES, "b1": CARRIES, "c1": CONTRADICTS}, {"c1": CARRIES, "c2": CARRIES}]


def test_related_is_shown_but_does_not_join():
    assert clusters(CLAIMS, [link("a1", "b1", "related")]) == []
    found = clusters(CLAIMS, [link("a1", "b1", "same_as"), link("b1", "c1", "related")])
    assert shape(found) == [{"a1": CARRIES, "b1": CARRIES}]
    assert found[0].related == [("b1", "c1")]
    assert "c1" not in clustered_ids(found)


def test_a_claim_linked_into_its_cluster_twice_appears_once():
    found = clusters(CLAIMS, [link("a1", "b1", "same_as"), link("a1", "c1", "supports"), link("b1", "c1", "same_as"),
                              link("a1", "b1", "supports"), link("a1", "b1", "same_as")])
    assert len(found) == 1 and found[0].members == ["a1", "b1", "c1"]
    # a1 is joined by same_as as well as by its supports, so it carries the claim.
    assert found[0].stances["a1"] == CARRIES


def test_cycles_make_one_cluster():
    found = clusters(CLAIMS, [link("a1", "b1", "supports"), link("b1", "c1", "supports"), link("c1", "a1", "supports")])
    assert len(found) == 1 and found[0].members == ["a1", "b1", "c1"]
    assert set(found[0].stances.values()) == {CARRIES}  # each is some other's target


def test_links_to_unknown_claims_and_to_themselves_are_ignored():
    assert clusters(CLAIMS, [link("a1", "zz", "same_as"), link("a1", "a1", "same_as")]) == []


def test_order_follows_the_story_then_the_offset():
    links = [link("c2", "b3", "same_as"), link("a3", "c1", "same_as"), link("b1", "c3", "same_as")]
    assert [c.members for c in clusters(CLAIMS, links)] == [["a3", "c1"], ["b1", "c3"], ["b3", "c2"]]
    # The story may put document 3 first.
    reordered = clusters(CLAIMS, links, {3: 0, 1: 1, 2: 2})
    assert [c.members for c in reordered] == [["c1", "a3"], ["c2", "b3"], ["c3", "b1"]]


ids = st.sampled_from([c.id for c in CLAIMS])
links_strategy = st.lists(
    st.builds(ClaimLink, ids, ids, st.sampled_from(["same_as", "supports", "contradicts", "related"])), max_size=12)


@settings(max_examples=300, deadline=None)
@given(links_strategy, st.randoms(use_true_random=False))
def test_the_result_does_not_depend_on_the_order_of_links_or_claims(links, random):
    expected = clusters(CLAIMS, links)
    shuffled_links, shuffled_claims = links[:], CLAIMS[:]
    random.shuffle(shuffled_links)
    random.shuffle(shuffled_claims)
    again = clusters(shuffled_claims, shuffled_links)
    assert [(c.members, c.stances, sorted(c.related)) for c in again] == \
        [(c.members, c.stances, sorted(c.related)) for c in expected]
    # A claim is a member of at most one cluster unless it contradicts another.
    for claim in CLAIMS:
        homes = [c for c in expected if claim.id in c.members and c.stances[claim.id] != CONTRADICTS]
        assert len(homes) <= 1
    for cluster in expected:
        assert len(cluster.members) == len(set(cluster.members)) >= 2


def test_claims_that_contradict_each_other_are_one_disagreement():
    found = clusters(CLAIMS, [link("b1", "a3", "contradicts"), link("a3", "b1", "contradicts")])
    assert shape(found) == [{"a3": CARRIES, "b1": CONTRADICTS}]
