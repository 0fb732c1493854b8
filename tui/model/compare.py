"""The comparison of two documents: linked claim pairs with their attributions, then the rest."""

from __future__ import annotations

from .entities import Annotation, Link


def compare(doc_a: int, doc_b: int, annotations: list[Annotation], links: list[Link]) -> dict:
    """Build the report from both documents' annotations and the links touching them.

    ``links`` are the store's ``document_links`` (read with their ends). A pair's ``direction`` says which way the link was made.
    """
    by_id = {a.id: a for a in annotations}
    attributions: dict[str, list[str]] = {}
    for link in links:
        if link.relation == "attributes":
            attributions.setdefault(link.target_id, []).append(link.source.exact)

    def claim(annotation: Annotation) -> dict:
        return {"id": annotation.id, "start": annotation.start, "end": annotation.end,
                "exact": annotation.exact, "attributions": attributions.get(annotation.id, [])}

    pairs, paired = [], set()
    for link in links:
        source, target = link.source, link.target
        if link.relation == "attributes" or source.label != "claim" or target.label != "claim":
            continue
        docs = (source.document_id, target.document_id)
        if docs == (doc_a, doc_b):
            a, b, direction = by_id[source.id], by_id[target.id], "a->b"
        elif docs == (doc_b, doc_a):
            a, b, direction = by_id[target.id], by_id[source.id], "b->a"
        else:
            continue
        pairs.append({"relation": link.relation, "direction": direction, "note": link.note,
                      "a": claim(a), "b": claim(b)})
        paired.update((a.id, b.id))
    pairs.sort(key=lambda p: (p["a"]["start"], p["b"]["start"]))
    claims = [a for a in annotations if a.label == "claim" and a.id not in paired]
    return {
        "documents": [doc_a, doc_b],
        "pairs": pairs,
        "only_a": [claim(a) for a in claims if a.document_id == doc_a],
        "only_b": [claim(a) for a in claims if a.document_id == doc_b],
    }
