"""Link relations and the attribute taxonomies of the field, as plain data.

Relations follow PARC (attribution source/cue -> content), claim matching
(CheckThat!), stance (FNC-1 agree / disagree / discuss) and FEVER (SUPPORTS /
REFUTES). Attributes follow Full Fact (claim types), ClaimBuster (check-worthiness)
and BBC Citron (quotation voice).
"""

from __future__ import annotations

from typing import NamedTuple

from .entities import Link


class Relation(NamedTuple):
    name: str
    key: str  # its key in the reader's relation menu
    source: str | None  # label required at the source (None: any)
    target: str | None
    symmetric: bool
    description: str


RELATIONS = [
    Relation("attributes", "a", "attribution", "claim", False, "this source and cue stand behind this claim"),
    Relation("same_as", "=", "claim", "claim", True, "the same claim (claim matching)"),
    Relation("supports", "+", "claim", "claim", False, "agrees with / supports (FNC-1 agree, FEVER SUPPORTS)"),
    Relation("contradicts", "!", "claim", "claim", False, "disagrees with / refutes (FNC-1 disagree, FEVER REFUTES)"),
    Relation("related", "r", None, None, True, "about the same thing, no stance (FNC-1 discuss)"),
]
BY_NAME = {relation.name: relation for relation in RELATIONS}


class RelationError(ValueError):
    pass


def check_relation(name: str, source_label: str, target_label: str) -> Relation:
    """The relation, if it fits the two labels; else :class:`RelationError` saying why."""
    relation = BY_NAME.get(name)
    if relation is None:
        raise RelationError(f"unknown relation {name!r} (relations: {', '.join(BY_NAME)})")
    if relation.source and source_label != relation.source or relation.target and target_label != relation.target:
        raise RelationError(
            f"{name} links {relation.source or 'any'} -> {relation.target or 'any'}, "
            f"not {source_label} -> {target_label}"
        )
    return relation


def fitting_relations(source_label: str, target_label: str) -> list[Relation]:
    """Relations that fit, the most likely first (the menu's default)."""
    fits = []
    for relation in RELATIONS:
        try:
            check_relation(relation.name, source_label, target_label)
        except RelationError:
            continue
        fits.append(relation)
    return fits


def orient(source_label: str, target_label: str) -> bool:
    """True when a link made from ``source`` to ``target`` should be stored reversed
    (an attribution always points at its claim, whichever was picked first)."""
    return source_label == "claim" and target_label == "attribution"

_INVERSE = {"attributes": "attributed to", "supports": "supported by", "contradicts": "contradicted by"}


def describe_link(link: Link, annotation_id: str, document_id: int, limit: int = 40) -> str:
    """How a link (read with its ends) reads from one of them: "attributed to: 'Klein notes'",
    "contradicts: doc 1, 'nearly half…'"."""
    outgoing = link.source_id == annotation_id
    other = link.other_end(annotation_id)
    verb = link.relation if outgoing or link.relation not in _INVERSE else _INVERSE[link.relation]
    words = " ".join(other.exact.split())
    words = words if len(words) <= limit else words[: limit - 1] + "…"
    where = "" if other.document_id == document_id else f"doc {other.document_id}, "
    return f"{verb}: {where}'{words}'"
