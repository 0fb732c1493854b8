"""Gather what a report shows from a store: documents, annotations, links, the matrix, sources, figures.

:func:`gather` is the only part that touches the store; everything it returns is plain
data, so the HTML renderer (``tui.report.html``) and its tests need no database. The
matrix rows are built here from the pairwise links by :func:`matrix_rows`, a pure
function; when the story's clusters (``tui.model.clusters``) land, that function is the
one place to swap (see docs/notes/report.md).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

# The cell states of the matrix, strongest first: a document that carries a claim and
# also merely supports it shows "carries".
CARRIES, SUPPORTS, CONTRADICTS, ABSENT = "carries", "supports", "contradicts", "absent"
CELL_STATES = (CARRIES, SUPPORTS, CONTRADICTS, ABSENT)
CLAIM, ATTRIBUTION = "claim", "attribution"


@dataclass(frozen=True)
class ReportDocument:
    id: int
    title: str
    source: str  # the outlet
    published: str  # as the metadata gives it ("" when unknown)
    url: str  # "" when unknown; the renderer links only http(s)
    author: str
    language: str
    path: str
    text: str


@dataclass(frozen=True)
class ReportAnnotation:
    id: str
    document_id: int
    start: int
    end: int
    label: str
    exact: str
    note: str
    annotator: str
    modified: str
    status: str
    attributes: dict


@dataclass(frozen=True)
class ReportLink:
    id: str
    relation: str
    source_id: str
    target_id: str
    note: str


@dataclass(frozen=True)
class OutsideEnd:
    """The end of a link in a document that is not in the report."""

    id: str
    document_id: int
    label: str
    exact: str


@dataclass(frozen=True)
class ReportLabel:
    name: str
    mark: str  # underline, bold, italic, strike, overline (the reader's monochrome cue)
    description: str


@dataclass(frozen=True)
class CellClaim:
    id: str
    exact: str
    attributions: tuple[str, ...] = ()


@dataclass(frozen=True)
class MatrixCell:
    state: str  # one of CELL_STATES
    claims: tuple[CellClaim, ...] = ()


@dataclass(frozen=True)
class MatrixRow:
    """One cluster of claims: per document (in the report's order) what it says about it."""

    key: str  # the id of the cluster's first claim: stable while the cluster keeps it
    cells: tuple[MatrixCell, ...]

    @property
    def documents(self) -> int:
        """How many documents say something about this cluster."""
        return sum(cell.state != ABSENT for cell in self.cells)


@dataclass(frozen=True)
class SourceRow:
    """One source: a speaker when attributions carry one, else the attribution as written."""

    name: str
    by_speaker: bool
    attributions: tuple[int, ...]  # per document, in the report's order
    claims: tuple[int, ...]  # claims backed, per document
    wordings: tuple[str, ...]  # how the documents put it, first seen first


@dataclass(frozen=True)
class FigureRow:
    """The figures, as written, of the claims of one matrix row, per document."""

    key: str  # the matrix row's key
    figures: tuple[tuple[str, ...], ...]  # per document


@dataclass
class ReportData:
    documents: list[ReportDocument]
    annotations: list[ReportAnnotation]  # in document order, then text order
    links: list[ReportLink]
    outside: dict[str, OutsideEnd]
    labels: list[ReportLabel]
    attribute_types: list[dict]
    matrix: list[MatrixRow] = field(default_factory=list)
    sources: list[SourceRow] = field(default_factory=list)
    figures: list[FigureRow] = field(default_factory=list)


def gather(store, document_ids: Iterable[int]) -> ReportData:
    """Everything the report shows about ``document_ids`` (in that order), as plain data."""
    documents, annotations, links, outside = [], [], {}, {}
    ids = list(dict.fromkeys(document_ids))
    for document_id in ids:
        fields = document_fields(store, document_id)
        documents.append(ReportDocument(**fields, text=store.text(document_id)))
        for a in store.annotations(document_id):
            annotations.append(ReportAnnotation(
                id=a.id, document_id=a.document_id, start=a.start, end=a.end, label=a.label, exact=a.exact,
                note=a.note, annotator=a.annotator, modified=a.modified, status=a.status,
                attributes=_attributes(a.attributes),
            ))
        for row in store.document_links(document_id):
            source, target = _field(row, "source"), _field(row, "target")
            links[_field(row, "id")] = ReportLink(_field(row, "id"), _field(row, "relation"), _field(source, "id"),
                                                  _field(target, "id"), _field(row, "note") or "")
            for end in (source, target):
                if _field(end, "document_id") not in ids:
                    outside[_field(end, "id")] = OutsideEnd(_field(end, "id"), _field(end, "document_id"),
                                                            _field(end, "label"), _field(end, "exact"))
    labels = [ReportLabel(_field(row, "name"), _field(row, "mark") or "underline", _field(row, "description") or "")
              for row in store.labels()]
    link_list = list(links.values())
    matrix = matrix_rows([d.id for d in documents], annotations, link_list)
    return ReportData(
        documents=documents, annotations=annotations, links=link_list, outside=outside, labels=labels,
        attribute_types=[_as_dict(t) for t in store.attribute_types()], matrix=matrix,
        sources=source_rows([d.id for d in documents], annotations, link_list),
        figures=figure_rows(matrix),
    )


def _field(item, name: str):
    # The store returns rows as dicts on this branch and as entities (tui.model.entities)
    # after the restructure; read either, until the merge makes it one.
    return item[name] if isinstance(item, dict) else getattr(item, name)


def _as_dict(item) -> dict:
    from dataclasses import asdict, is_dataclass

    return asdict(item) if is_dataclass(item) else dict(item)


def document_fields(store, document_id: int) -> dict:
    """A document's description: id, title, outlet (``source``), published, url, author, language, path."""
    doc = store.document(document_id)
    meta = _metadata(store, document_id)
    return {
        "id": doc.id, "title": doc.title, "source": doc.source or _text(meta.get("source")),
        "published": _text(meta.get("published") or meta.get("date")), "url": _text(meta.get("url")),
        "author": _text(meta.get("author")), "language": doc.language, "path": doc.path,
    }


def _metadata(store, document_id: int) -> dict:
    # The store has no metadata accessor yet (docs/notes/report.md asks for
    # ``Store.document_metadata``); until it lands, the report shows what Document has.
    reader = getattr(store, "document_metadata", None)
    meta = reader(document_id) if callable(reader) else {}
    return meta if isinstance(meta, dict) else {}


def _text(value) -> str:
    return value if isinstance(value, str) else "" if value is None else str(value)


def _attributes(raw: str | dict) -> dict:
    if isinstance(raw, dict):
        return raw
    try:
        value = json.loads(raw or "{}")
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


# The matrix ---------------------------------------------------------------------------------
def matrix_rows(document_ids: list[int], annotations: list[ReportAnnotation],
                links: list[ReportLink]) -> list[MatrixRow]:
    """Clusters × documents, from the story's clusters (:mod:`tui.model.clusters`): one row
    per cluster, then one per claim in no cluster. ``same_as`` and ``supports`` join; a
    claim that only points a ``supports`` at the cluster *supports* it, the others *carry*
    it; ``contradicts`` adds its claim, *contradicting*; ``related`` joins nothing. Rows
    with claims in several documents come first, each in story order."""
    from ..model.clusters import ClaimLink, ClaimRef, clusters

    order = {doc: i for i, doc in enumerate(document_ids)}
    claims = {a.id: a for a in annotations if a.label == CLAIM and a.document_id in order}
    attributions = _attributions_of(annotations, links)
    found = clusters([ClaimRef(a.id, a.document_id, a.start) for a in claims.values()],
                     [ClaimLink(link.source_id, link.target_id, link.relation) for link in links], order)

    def row(key: str, stances: dict[str, str]) -> MatrixRow:
        per_document: list[list[str]] = [[] for _ in document_ids]
        for claim_id in stances:  # already in story order
            if claim_id in claims:
                per_document[order[claims[claim_id].document_id]].append(claim_id)
        return MatrixRow(key, tuple(
            MatrixCell(min((stances[c] for c in ids), key=CELL_STATES.index),
                       tuple(CellClaim(c, claims[c].exact, tuple(attributions.get(c, ()))) for c in ids))
            if ids else MatrixCell(ABSENT)
            for ids in per_document))

    # A row's key is its first own claim (a claim may come first in a cluster it contradicts).
    rows = [row(next((m for m in cluster.members if cluster.stances[m] != CONTRADICTS and m in claims),
                     cluster.members[0]), cluster.stances) for cluster in found]
    clustered = {m for cluster in found for m in cluster.members}
    position = lambda c: (order[claims[c].document_id], claims[c].start, c)  # noqa: E731
    rows += [row(c, {c: CARRIES}) for c in sorted(set(claims) - clustered, key=position)]
    return sorted(rows, key=lambda r: r.documents < 2)  # stable: shared rows first, story order kept


def _reach(start: str, edges: dict[str, set[str]]) -> set[str]:
    found, todo = {start}, [start]
    while todo:
        for other in edges[todo.pop()]:
            if other not in found:
                found.add(other)
                todo.append(other)
    return found


def _attributions_of(annotations: list[ReportAnnotation], links: list[ReportLink]) -> dict[str, list[str]]:
    """claim id -> the texts of the attributions that back it, in text order."""
    by_id = {a.id: a for a in annotations}
    found: dict[str, list[ReportAnnotation]] = {}
    for link in links:
        if link.relation == "attributes" and link.source_id in by_id:
            found.setdefault(link.target_id, []).append(by_id[link.source_id])
    return {claim: [a.exact for a in sorted(items, key=lambda a: a.start)] for claim, items in found.items()}


# Sources ------------------------------------------------------------------------------------
_SPACE = re.compile(r"\s+")


def source_rows(document_ids: list[int], annotations: list[ReportAnnotation],
                links: list[ReportLink]) -> list[SourceRow]:
    """Attributions grouped by speaker (the ``speaker`` attribute) or else by their text.

    Text is compared with case and spacing folded ("Klein notes" thrice is one row);
    the count of claims is of distinct claims each group's attributions back.
    """
    order = {doc: i for i, doc in enumerate(document_ids)}
    backed: dict[str, set[str]] = {}
    for link in links:
        if link.relation == "attributes":
            backed.setdefault(link.source_id, set()).add(link.target_id)
    groups: dict[tuple[bool, str], dict] = {}
    for a in annotations:
        if a.label != ATTRIBUTION or a.document_id not in order:
            continue
        speaker = a.attributes.get("speaker")
        speaker = speaker if isinstance(speaker, str) and speaker.strip() else None
        shown = _SPACE.sub(" ", speaker or a.exact).strip()
        key = (speaker is not None, shown.casefold())
        group = groups.setdefault(key, {"name": shown, "counts": [0] * len(order),
                                        "claims": [set() for _ in order], "wordings": {}})
        column = order[a.document_id]
        group["counts"][column] += 1
        group["claims"][column] |= backed.get(a.id, set())
        group["wordings"].setdefault(_SPACE.sub(" ", a.exact).strip(), None)
    rows = [
        SourceRow(g["name"], by_speaker, tuple(g["counts"]), tuple(len(c) for c in g["claims"]), tuple(g["wordings"]))
        for (by_speaker, _), g in groups.items()
    ]
    return sorted(rows, key=lambda r: (-sum(r.attributions), -sum(r.claims), r.name.casefold()))


# Figures ------------------------------------------------------------------------------------
def figure_rows(matrix: list[MatrixRow]) -> list[FigureRow]:
    """Rows whose claims, in two or more documents, state figures that are not written alike.

    This compares figures as written ("nearly half" / "40 percent"), found by the cue
    lexer. When the story's normalised figures land (``tui.model.figures``), this is
    the hook to replace: keep the signature, compare values instead of strings.
    """
    from ..model.cues import cue_spans

    rows = []
    for row in matrix:
        if row.documents < 2:
            continue  # nothing to compare: spare the lexer the claims found once
        per_document = []
        for cell in row.cells:
            found: list[str] = []
            for claim in cell.claims:
                for start, end, kind in cue_spans(claim.exact):
                    if kind == "number":
                        figure = _SPACE.sub(" ", claim.exact[start:end])
                        if figure not in found:
                            found.append(figure)
            per_document.append(tuple(found))
        with_figures = [f for f in per_document if f]
        if len(with_figures) >= 2 and len({frozenset(x.casefold() for x in f) for f in with_figures}) > 1:
            rows.append(FigureRow(row.key, tuple(per_document)))
    return rows
