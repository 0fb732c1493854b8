"""The story: one event across many documents, claim by claim.

A matrix of claim clusters × documents (each cell: the document carries the claim,
supports it, contradicts it, or is absent), each cell with its claims' text and who
they are attributed to; then each document's claims found in no other; then who is
quoted where. Built from plain data (documents, annotations, the store's link rows and
the texts), so that the CLI, the reader and the tests share it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

from .clusters import CARRIES, CONTRADICTS, STANCES, SUPPORTS, ClaimLink, ClaimRef, clusters
from .figures import DATE, Figure, comparable, describe, differ, figures
from .sources import Quote, SourceRow, sources
from .entities import Annotation, Link
from .speakers import OTHER, SPEAKER_TYPES, Speaker, SpeakerResolver, infer_speaker

ABSENT = "absent"
# Texts up to this size are read whole, once, for their speakers; longer ones around each
# attribution only (see speakers.WINDOW_BEFORE).
WHOLE_TEXT_UP_TO = 200_000
CELL_STANCES = (*STANCES, ABSENT)
__all__ = ["ABSENT", "CARRIES", "CELL_STANCES", "CONTRADICTS", "SUPPORTS", "Story", "StoryDocument", "build_story",
           "stored_speaker"]


@dataclass(frozen=True)
class StoryDocument:
    id: int
    title: str
    source: str  # the outlet
    published: str = ""  # as the manifest or metadata gives it; "" when unknown

    def as_json(self) -> dict:
        return {"id": self.id, "title": self.title, "source": self.source, "published": self.published}


@dataclass(frozen=True)
class Attribution:
    id: str
    exact: str
    speaker: Speaker

    def as_json(self) -> dict:
        return {"id": self.id, "exact": self.exact, "speaker": self.speaker.name, "role": self.speaker.role,
                "speaker_type": self.speaker.speaker_type, "inferred": self.speaker.inferred}


@dataclass(frozen=True)
class StoryClaim:
    id: str
    document: int
    start: int
    end: int
    exact: str
    attributions: tuple[Attribution, ...]
    stance: str = CARRIES
    related: tuple[str, ...] = ()  # ids of claims linked by `related` (shown, never joined)

    def as_json(self) -> dict:
        return {"id": self.id, "document": self.document, "exact": self.exact,
                "attributions": [a.as_json() for a in self.attributions], "stance": self.stance,
                "start": self.start, "end": self.end, "related": list(self.related)}


@dataclass(frozen=True)
class FigureDifference:
    a: tuple[StoryClaim, Figure]
    b: tuple[StoryClaim, Figure]

    def as_json(self) -> dict:
        def side(claim: StoryClaim, figure: Figure) -> dict:
            return {"claim": claim.id, "document": claim.document, **figure.as_json(), "reading": describe(figure)}

        return {"kind": self.a[1].kind, "a": side(*self.a), "b": side(*self.b)}


@dataclass
class StoryCluster:
    number: int  # 1-based, in story order
    claims: list[StoryClaim]
    figures: list[tuple[StoryClaim, Figure]] = field(default_factory=list)
    differences: list[FigureDifference] = field(default_factory=list)

    def cell(self, document_id: int) -> tuple[str, list[StoryClaim]]:
        """The document's stance on this claim (the strongest of its claims) and those claims."""
        mine = [c for c in self.claims if c.document == document_id]
        if not mine:
            return ABSENT, []
        return min((c.stance for c in mine), key=STANCES.index), mine

    def targets(self, document_ids: Iterable[int]) -> list[tuple[int, int, int]]:
        """Where the reader opens this claim: ``(document, start, end)`` of the first of its
        claims in each document that has one, in the story's document order."""
        found = []
        for document_id in document_ids:
            stance, claims = self.cell(document_id)
            if stance != ABSENT:
                first = min(claims, key=lambda c: (c.start, c.end))
                found.append((document_id, first.start, first.end))
        return found

    @property
    def figures_differ(self) -> bool:
        return bool(self.differences)

    def as_json(self, document_ids: Iterable[int]) -> dict:
        return {
            "id": self.number,
            "claims": [c.as_json() for c in self.claims],
            "cells": [{"document": d, "stance": self.cell(d)[0]} for d in document_ids],
            "figures": [{"claim": c.id, "document": c.document, **f.as_json(), "reading": describe(f)}
                        for c, f in self.figures],
            "figures_differ": self.figures_differ,
            "figure_differences": [d.as_json() for d in self.differences],
        }


@dataclass
class Story:
    documents: list[StoryDocument]
    clusters: list[StoryCluster]
    only: dict[int, list[StoryClaim]]  # document -> its claims found in no other document
    sources: list[SourceRow]

    def as_json(self) -> dict:
        ids = [d.id for d in self.documents]
        return {
            "documents": [d.as_json() for d in self.documents],
            "clusters": [c.as_json(ids) for c in self.clusters],
            "only": [{"document": d, "claims": [c.as_json() for c in self.only.get(d, [])]} for d in ids],
            "sources": [row.as_json(ids) for row in self.sources],
        }


def stored_speaker(attributes_json: str) -> Speaker | None:
    """The speaker a person set or confirmed (the ``speaker`` attribute), if there is one.

    ``speaker_status`` says whether it was inferred at tagging time and not yet looked
    at (``inferred``) or set or confirmed by a person (``confirmed``, the default)."""
    try:
        attributes = json.loads(attributes_json or "{}")
    except ValueError:
        return None
    name = attributes.get("speaker") if isinstance(attributes, dict) else None
    if not isinstance(name, str) or not name.strip():
        return None
    kind = attributes.get("speaker_type")
    kind = kind if kind in SPEAKER_TYPES else OTHER
    inferred = attributes.get("speaker_status") == "inferred"
    return Speaker(" ".join(name.split()), str(attributes.get("speaker_role", "")), kind,
                   "inferred" if inferred else "confirmed", 0.0 if inferred else 1.0, inferred)


def build_story(
    documents: list[StoryDocument],
    annotations: Iterable[Annotation],
    links: Iterable[Link],
    texts: Mapping[int, str],
) -> Story:
    """The story of ``documents`` (in that order) from their annotations, the store's
    ``document_links`` rows touching them (duplicates allowed) and their texts.

    A claim outside these documents still joins clusters through its links (one hop),
    but is not shown; a cluster left with fewer than two shown claims gives them back to
    their documents' "only" lists.
    """
    shown = [d.id for d in documents]
    order = {d: i for i, d in enumerate(shown)}
    annotations = list(annotations)
    by_id = {a.id: a for a in annotations}
    unique = list({link.id: link for link in links}.values())

    refs = {a.id: ClaimRef(a.id, a.document_id, a.start) for a in annotations if a.label == "claim"}
    claim_links, attributed, related = [], {}, {}
    for link in unique:
        source, target = link.source, link.target
        if link.relation == "attributes":
            attributed.setdefault(target.id, []).append(source)
            continue
        for end in (source, target):
            if end.label == "claim" and end.id not in refs:
                # Beyond the story's documents: placed after them, by id, to keep the order stable.
                order.setdefault(end.document_id, len(shown) + end.document_id)
                refs[end.id] = ClaimRef(end.id, end.document_id, end.start)
        if source.label == "claim" and target.label == "claim":
            claim_links.append(ClaimLink(source.id, target.id, link.relation))
            if link.relation == "related":
                related.setdefault(source.id, []).append(target.id)
                related.setdefault(target.id, []).append(source.id)

    resolvers: dict[int, SpeakerResolver] = {}

    def speaker(annotation_id: str) -> Speaker:
        annotation = by_id.get(annotation_id)
        if annotation is not None:
            stored = stored_speaker(annotation.attributes)
            if stored:
                return stored
            text = texts.get(annotation.document_id)
            if text is not None and text[annotation.start:annotation.end] == annotation.exact:
                if len(text) > WHOLE_TEXT_UP_TO:
                    return infer_speaker(text, annotation.start, annotation.end)
                if annotation.document_id not in resolvers:
                    resolvers[annotation.document_id] = SpeakerResolver(text)
                return resolvers[annotation.document_id].resolve(annotation.start, annotation.end)
        return Speaker("", method="unresolved")

    speakers: dict[str, Speaker] = {}
    for annotation in annotations:
        if annotation.label == "attribution" and annotation.document_id in order:
            speakers[annotation.id] = speaker(annotation.id)
    for ends in attributed.values():
        for end in ends:
            if end.id not in speakers:
                speakers[end.id] = speaker(end.id)
    _share_types(speakers)
    attributions: dict[str, tuple[Attribution, ...]] = {}
    for claim_id, ends in attributed.items():
        ends = sorted(ends, key=lambda e: (order.get(e.document_id, 1 << 30), e.start, e.id))
        attributions[claim_id] = tuple(Attribution(e.id, e.exact, speakers[e.id]) for e in ends)

    def story_claim(annotation: Annotation, stance: str = CARRIES) -> StoryClaim:
        return StoryClaim(annotation.id, annotation.document_id, annotation.start, annotation.end,
                          annotation.exact, attributions.get(annotation.id, ()), stance,
                          tuple(related.get(annotation.id, ())))

    found = []
    in_cluster: set[str] = set()
    for cluster in clusters(refs.values(), claim_links, order):
        members = [story_claim(by_id[m], cluster.stances[m]) for m in cluster.members
                   if m in by_id and by_id[m].document_id in order and order[by_id[m].document_id] < len(shown)]
        if len(members) < 2:
            continue
        made = StoryCluster(len(found) + 1, members)
        _compare_figures(made)
        found.append(made)
        in_cluster.update(c.id for c in members)

    only: dict[int, list[StoryClaim]] = {d: [] for d in shown}
    for annotation in sorted(annotations, key=lambda a: (order.get(a.document_id, 0), a.start, a.end, a.id)):
        if annotation.label == "claim" and annotation.id not in in_cluster and annotation.document_id in only:
            only[annotation.document_id].append(story_claim(annotation))

    backs: dict[str, list[str]] = {}
    for claim_id, ends in attributed.items():
        for end in ends:
            backs.setdefault(end.id, []).append(claim_id)
    quotes = []
    for annotation in annotations:
        if annotation.label != "attribution" or annotation.document_id not in only:
            continue
        backed = tuple(dict.fromkeys(backs.get(annotation.id, ())))
        quotes.append(Quote(annotation.id, annotation.document_id, speakers[annotation.id], backed))
    return Story(documents, found, only, sources(quotes))


def _share_types(speakers: dict[str, Speaker]) -> None:
    """An inferred speaker whose document gives no role ("Kim told Putin") takes the type
    the same speaker has elsewhere in the story (its commonest specific type)."""
    from collections import Counter

    from .speakers import name_key

    kinds: dict[str, Counter] = {}
    for found in speakers.values():
        if found.name and found.speaker_type != OTHER:
            kinds.setdefault(name_key(found.name), Counter())[found.speaker_type] += 1
    for attribution_id, found in list(speakers.items()):
        if found.name and found.inferred and found.speaker_type == OTHER:
            counted = kinds.get(name_key(found.name))
            if counted:
                speakers[attribution_id] = replace(found, speaker_type=counted.most_common(1)[0][0])


def _compare_figures(cluster: StoryCluster) -> None:
    """Find each claim's figures and the pairs, from different claims, that measure the
    same thing but do not agree."""
    per_claim = [(claim, figures(claim.exact)) for claim in cluster.claims]
    for claim, found in per_claim:
        cluster.figures += [(claim, f) for f in found]
    seen = set()
    for i, (claim_a, figs_a) in enumerate(per_claim):
        for claim_b, figs_b in per_claim[i + 1:]:
            if claim_a.document == claim_b.document:
                continue
            for fa in figs_a:
                for fb in figs_b:
                    alone_a = sum(f.kind == fa.kind for f in figs_a) == 1
                    alone_b = sum(f.kind == fb.kind for f in figs_b) == 1
                    if not comparable(fa, fb, alone_a, alone_b) or not differ(fa, fb):
                        continue
                    # "by April 2025" / "in June": when a thing was said differs all the
                    # time; only dates that are the claim's one date are compared.
                    if fa.kind == DATE and not (alone_a and alone_b):
                        continue
                    # The same reading twice in one document (a headline and its quote) is one difference.
                    key = (claim_a.document, describe(fa), claim_b.document, describe(fb))
                    if key not in seen:
                        seen.add(key)
                        cluster.differences.append(FigureDifference((claim_a, fa), (claim_b, fb)))
