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
