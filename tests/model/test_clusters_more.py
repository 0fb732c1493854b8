"""Claim clusters, the finer points: which claims carry and which support, related pairs
on both sides, contradictions inside a cluster, and the default order by document id."""

from __future__ import annotations

from tui.model.clusters import (
    CARRIES,
    CONTRADICTS,
    JOINING,
    STANCES,
    SUPPORTS,
    ClaimLink,
    ClaimRef,
    Cluster,
    clustered_ids,
    clusters,
)

CLAIMS = [ClaimRef(f"{doc}{n}", {"a": 1, "b": 2, "c": 3}[doc], 10 * n) for doc in "abc" for n in range(1, 4)]


def link(source: str, target: str, relation: str) -> ClaimLink:
    return ClaimLink(source, target, relation)


def test_the_vocabulary():
    assert JOINING == ("same_as", "supports")
    assert STANCES == (CARRIES, SUPPORTS, CONTRADICTS) == ("carries", "supports", "contradicts")


def test_a_claim_supporting_two_others_supports_and_a_claim_also_supported_carries():
    found = clusters(CLAIMS, [link("a1", "b1", "supports"), link("a1", "c1", "supports"), link("c2", "a1", "supports")])
    (cluster,) = found
    assert cluster.stances == {"a1": CARRIES, "b1": CARRIES, "c1": CARRIES, "c2": SUPPORTS}


def test_a_member_that_also_contradicts_the_cluster_is_shown_contradicting():
    (cluster,) = clusters(CLAIMS, [link("a1", "b1", "same_as"), link("b2", "b1", "same_as"),
                                   link("a1", "b2", "contradicts")])
    assert cluster.stances == {"a1": CONTRADICTS, "b1": CARRIES, "b2": CARRIES}
    assert cluster.contradicting == ["a1"]


def test_a_contradiction_of_a_claim_outside_every_cluster_makes_a_cluster_of_two():
    (cluster,) = clusters(CLAIMS, [link("b3", "a2", "contradicts"), link("c3", "a2", "contradicts")])
    assert cluster.members == ["a2", "b3", "c3"]
    assert cluster.stances == {"a2": CARRIES, "b3": CONTRADICTS, "c3": CONTRADICTS}


def test_related_pairs_are_kept_on_each_side_once_and_in_story_order():
    links = [link("a1", "b1", "same_as"), link("c2", "c3", "same_as"),
             link("b1", "c2", "related"), link("c3", "a1", "related"), link("b1", "c2", "related"),
             link("a1", "a3", "related")]
    first, second = clusters(CLAIMS, links)
    assert first.members == ["a1", "b1"]
    assert first.related == [("a1", "a3"), ("a1", "c3"), ("b1", "c2")]
    assert second.members == ["c2", "c3"]
    assert second.related == [("c2", "b1"), ("c3", "a1")]
    assert clustered_ids([first, second]) == {"a1", "b1", "c2", "c3"}


def test_without_a_story_order_documents_go_by_id():
    claims = [ClaimRef("x", 7, 0), ClaimRef("y", 3, 50), ClaimRef("z", 3, 5)]
    (cluster,) = clusters(claims, [link("x", "y", "same_as"), link("y", "z", "same_as")])
    assert cluster.members == ["z", "y", "x"]
    # A partial story order: a listed document goes by its position, the others by their id.
    (cluster,) = clusters(claims, [link("x", "y", "same_as"), link("y", "z", "same_as")], {7: 0})
    assert cluster.members == ["x", "z", "y"]


def test_equal_positions_are_ordered_by_claim_id():
    claims = [ClaimRef("m", 1, 0), ClaimRef("k", 1, 0), ClaimRef("q", 2, 0)]
    (cluster,) = clusters(claims, [link("m", "q", "same_as"), link("k", "q", "same_as")])
    assert cluster.members == ["k", "m", "q"]


def test_clusters_are_ordered_by_their_first_claims():
    links = [link("b1", "c1", "same_as"), link("a2", "c2", "same_as"), link("a2", "b2", "contradicts"),
             link("b2", "b3", "supports")]
    found = clusters(CLAIMS, links)
    assert [c.members for c in found] == [["a2", "b2", "b3"], ["a2", "c2"], ["b1", "c1"]]
    assert found[0].stances == {"a2": CONTRADICTS, "b2": SUPPORTS, "b3": CARRIES}


def test_a_cluster_is_plain_data():
    cluster = Cluster(["a"], {"a": CARRIES})
    assert cluster.related == [] and cluster.contradicting == []


def test_related_pairs_follow_the_story_order_not_the_ids():
    links = [link("a1", "c1", "same_as"), link("a1", "b2", "related"), link("c1", "b3", "related")]
    (cluster,) = clusters(CLAIMS, links, {3: 0, 2: 1, 1: 2})
    assert cluster.members == ["c1", "a1"]
    assert cluster.related == [("c1", "b3"), ("a1", "b2")]


def test_an_unknown_claim_joins_nothing_even_between_two_known_ones():
    assert clusters(CLAIMS, [link("a1", "zz", "same_as"), link("zz", "b1", "same_as")]) == []
    assert clusters(CLAIMS, [link("zz", "b1", "contradicts"), link("b1", "zz", "related")]) == []


def test_a_claim_linked_to_itself_changes_nothing():
    (cluster,) = clusters(CLAIMS, [link("a1", "b1", "supports"), link("a1", "a1", "contradicts"),
                                   link("a1", "a1", "same_as")])
    assert cluster.stances == {"a1": SUPPORTS, "b1": CARRIES}
