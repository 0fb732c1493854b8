"""Gathering what a comparison needs from the store, for the CLI and the reader alike."""

from __future__ import annotations

from ..model.compare import compare
from ..model.entities import Annotation, Link
from ..model.sentences import sentences

# Pairing looks at this much of the other document's text for untagged sentences: enough
# for any article, and bounded so that a book-length document answers at once.
PAIRING_TEXT_LIMIT = 200_000


def comparison(annotations: list[Annotation], links: list[Link], doc_a: int, doc_b: int) -> dict:
    """The comparison of two documents from their annotations and the links touching them."""
    unique = {link.id: link for link in links}
    return compare(doc_a, doc_b, annotations, list(unique.values()))


def gather_comparison(store, doc_a: int, doc_b: int) -> dict:
    annotations = store.annotations(doc_a) + store.annotations(doc_b)
    links = store.document_links(doc_a) + store.document_links(doc_b)
    return comparison(annotations, links, doc_a, doc_b)


def pairing_pool(claims: list[Annotation], text: str) -> list[tuple[int, int, str, str | None]]:
    """What a claim may be paired with in another document: its claims, then its other sentences.

    Each entry is (start, end, text, annotation id or None for an untagged sentence).
    """
    pool = [(a.start, a.end, a.exact, a.id) for a in claims if a.label == "claim"]
    taken = {(start, end) for start, end, _, _ in pool}
    limit = min(len(text), PAIRING_TEXT_LIMIT)
    pool += [(s, e, text[s:e], None) for s, e in sentences(text, 0, limit) if (s, e) not in taken]
    return pool
