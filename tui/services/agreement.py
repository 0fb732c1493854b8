"""Gathering two annotators' spans and links for the agreement measures."""

from __future__ import annotations

from dataclasses import dataclass

from ..model.agreement import agreement, link_agreement


@dataclass
class AgreementInput:
    spans: dict[str, list[tuple[int, str, int, int]]]  # annotator -> (document, label, start, end)
    links: dict[str, list[tuple]]  # annotator -> (source span, target span, relation)
    texts: dict[int, str]
    document_ids: list[int]


def gather(store, annotators: tuple[str, str], labels: list[str], document_ids: list[int] | None) -> AgreementInput:
    """Spans and links of the two annotators, over the named documents or else over every
    document at least one of them annotated: documents neither touched would add only
    agreeing ``O`` tokens and inflate kappa."""
    docs = document_ids if document_ids else [d.id for d in store.documents()]
    spans: dict[str, list] = {name: [] for name in annotators}
    by_id: dict[str, tuple[str, tuple]] = {}
    used: list[int] = []
    for doc_id in docs:
        theirs = [a for a in store.annotations(doc_id) if a.annotator in spans and a.label in labels]
        if not theirs and not document_ids:
            continue
        used.append(doc_id)
        for a in theirs:
            span = (doc_id, a.label, a.start, a.end)
            spans[a.annotator].append(span)
            by_id[a.id] = (a.annotator, span)
    links: dict[str, list] = {name: [] for name in annotators}
    for doc_id in used:
        for link in store.document_links(doc_id):
            source, target = by_id.get(link.source_id), by_id.get(link.target_id)
            if source and target and source[0] == target[0] and link.source.document_id == doc_id:
                links[source[0]].append((source[1], target[1], link.relation))
    return AgreementInput(spans, links, {doc_id: store.text(doc_id) for doc_id in used}, used)


def measure(store, annotators: tuple[str, str], labels: list[str], document_ids: list[int] | None) -> dict:
    """The agreement report (see the README): per label, overall, links, and the documents counted."""
    data = gather(store, annotators, labels, document_ids)
    a, b = annotators
    result = agreement(data.spans[a], data.spans[b], data.texts, labels, documents=data.document_ids, alpha_u=True)
    return {
        "annotators": list(annotators), **result,
        "links": {"agreement": round(link_agreement(data.links[a], data.links[b]), 4),
                  "a_count": len(data.links[a]), "b_count": len(data.links[b])},
        "documents": len(data.document_ids),
    }
