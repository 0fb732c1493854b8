"""Claim clusters: the same claim as told by several documents, computed from the links.

Claims joined by ``same_as`` or ``supports`` (across any number of documents) form one
cluster (union-find, so chains and cycles need no special care). A ``contradicts``
link attaches its source, marked as contradicting, to the cluster of its target; the
source keeps its own cluster too, if it has one. ``related`` joins nothing: it is kept
beside the clusters it touches, to be shown.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import NamedTuple

JOINING = ("same_as", "supports")

# The stance of one claim inside a cluster, strongest first (a cell shows the strongest).
CARRIES, SUPPORTS, CONTRADICTS = "carries", "supports", "contradicts"
STANCES = (CARRIES, SUPPORTS, CONTRADICTS)


class ClaimRef(NamedTuple):
    """Where a claim sits: enough to order clusters and to build cells."""

    id: str
    document_id: int
    start: int


class ClaimLink(NamedTuple):
    source: str
    target: str
    relation: str


@dataclass
class Cluster:
    """One claim across documents. ``members`` are in (document order, offset) order."""

    members: list[str]
    stances: dict[str, str]  # claim id -> carries / supports / contradicts
    related: list[tuple[str, str]] = field(default_factory=list)  # (member, other claim), not joined

    @property
    def contradicting(self) -> list[str]:
        return [m for m in self.members if self.stances[m] == CONTRADICTS]


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, item: str) -> str:
        parent = self.parent.setdefault(item, item)
        if parent != item:
            # Path halving keeps long supports chains cheap.
            root = item
            while self.parent[root] != root:
                self.parent[root] = self.parent[self.parent[root]]
                root = self.parent[root]
            return root
        return item

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)  # deterministic whatever the link order


def clusters(
    claims: Iterable[ClaimRef],
    links: Iterable[ClaimLink],
    document_order: Mapping[int, int] | None = None,
) -> list[Cluster]:
    """The clusters of ``claims``, ordered by their first claim's (document, offset).

    ``links`` may name claims that are not in ``claims`` (a link into a document outside
    the story): those ends are ignored. ``document_order`` maps a document id to its
    position in the story (default: by id). A component of one claim is a cluster only
    when something contradicts it.
    """
    where = {c.id: c for c in claims}
    order = document_order or {}

    def key(claim_id: str) -> tuple:
        c = where[claim_id]
        return (order.get(c.document_id, c.document_id), c.start, c.id)

    sets = _UnionFind()
    for claim_id in where:
        sets.find(claim_id)
    links = [link for link in links if link.source in where and link.target in where and link.source != link.target]
    # A claim that only ever points a `supports` at the cluster supports it; one that
    # is the target of a `supports` or joined by `same_as` carries it.
    carrier: set[str] = set()
    supporter: set[str] = set()
    for link in links:
        if link.relation in JOINING:
            sets.union(link.source, link.target)
            if link.relation == "same_as":
                carrier.update((link.source, link.target))
            else:
                supporter.add(link.source)
                carrier.add(link.target)
    components: dict[str, list[str]] = {}
    for claim_id in where:
        components.setdefault(sets.find(claim_id), []).append(claim_id)

    attached: dict[str, dict[str, None]] = {}  # root -> contradicting claims (ordered set)
    related: dict[str, list[tuple[str, str]]] = {}
    for link in links:
        if link.relation == "contradicts":
            root = sets.find(link.target)
            if sets.find(link.source) != root:
                attached.setdefault(root, {})[link.source] = None
        elif link.relation == "related":
            for member, other in ((link.source, link.target), (link.target, link.source)):
                pair = (member, other)
                bucket = related.setdefault(sets.find(member), [])
                if pair not in bucket:
                    bucket.append(pair)

    result = []
    for root, members in components.items():
        contradicting = attached.get(root, {})
        if len(members) < 2 and not contradicting:
            continue
        stances = {m: CARRIES if m in carrier or m not in supporter or len(members) == 1 else SUPPORTS
                   for m in members}
        # A member that contradicts another member (linked both ways by the annotator)
        # is shown as contradicting: the disagreement is the news.
        for link in links:
            if link.relation == "contradicts" and link.source in stances and sets.find(link.target) == root:
                stances[link.source] = CONTRADICTS
        for claim_id in contradicting:
            stances[claim_id] = CONTRADICTS
        ordered = sorted(stances, key=key)
        pairs = sorted(related.get(root, []), key=lambda p: (key(p[0]), key(p[1])))
        result.append(Cluster(members=ordered, stances={m: stances[m] for m in ordered}, related=pairs))
    # Two clusters may start with one claim (it carries one, contradicts the other): the rest decides,
    # then which claims carry it.
    result.sort(key=lambda cluster: ([key(m) for m in cluster.members],
                                     [key(m) for m in cluster.members if cluster.stances[m] != CONTRADICTS]))
    # Claims that contradict each other both ways would make one disagreement two clusters
    # of the same claims: the first (its carrier earliest in the story) says it.
    seen: set[frozenset] = set()
    unique = []
    for cluster in result:
        members = frozenset(cluster.members)
        if members not in seen:
            seen.add(members)
            unique.append(cluster)
    return unique


def clustered_ids(found: Iterable[Cluster]) -> set[str]:
    """Every claim that appears in some cluster (so is not found in one document only)."""
    return {m for cluster in found for m in cluster.members}
