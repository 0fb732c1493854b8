"""Turning what a script names (a quote, an occurrence) into a span of a document."""

from __future__ import annotations

from ..model.anchoring import locate_quote
from ..model.text import normalise_newlines


def quote_span(text: str, quote: str, occurrence: int | None = None) -> tuple[int, int]:
    """The span of ``quote`` in ``text`` (newlines in the quote normalised as the text's were).

    ``occurrence`` (1-based) is required when the quote occurs more than once; raises
    ValueError with a one-line reason otherwise.
    """
    return locate_quote(text, normalise_newlines(quote)[0], occurrence)


def with_speaker(text: str, start: int, end: int, label: str, attributes: dict | None,
                 known: set[str] | None = None) -> dict:
    """The attributes to store for a new span: an attribution gets its inferred speaker
    (marked ``speaker_status=inferred``) unless the caller named one, which then counts as
    confirmed. ``known`` is the attribute types the database has (older ones may lack them)."""
    from ..model.speakers import infer_speaker

    attributes = dict(attributes or {})
    if label != "attribution" or (known is not None and "speaker" not in known):
        return attributes
    if "speaker" in attributes or "speaker_type" in attributes:
        attributes.setdefault("speaker_status", "confirmed")
        return attributes
    return {**infer_speaker(text, start, end).as_attributes(), **attributes}
