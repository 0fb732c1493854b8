"""A Pygments lexer for the signals of claims and attributions in news prose.

Quotations (String), reporting verbs and phrases (Keyword), numbers, percentages
and quantities (Number), dates (Literal.Date); everything else is Text. Usable from
Pygments itself: ``pygmentize -l diptych-cues article.txt``.
"""

from __future__ import annotations

import re

from pygments.lexer import RegexLexer, words
from pygments.token import Keyword, Literal, Number, Punctuation, String, Text, Whitespace

REPORTING = (
    "according to", "in an interview with", "pointed out", "points to", "pointed to", "is convinced",
    "said", "says", "saying", "told", "tells", "stated", "states", "notes", "noted",
    "claimed", "claims", "confirmed", "confirms", "added", "adds", "concluded",
    "concludes", "argued", "argues", "warned", "warns", "insisted", "insists", "explained", "explains",
    "reported", "reports", "announced", "announces", "alleged", "alleges", "acknowledged", "denied",
    "denies", "admitted", "admits", "believes", "believed", "suggested", "suggests", "estimated",
    "estimates", "expressed", "informed", "pledged", "lamenting", "lamented", "highlighting",
    "highlighted", "stressed", "stresses", "emphasised", "emphasized", "wrote", "writes", "asserted",
)
MONTHS = (
    "January", "February", "March", "April", "June", "July", "August", "September", "October",
    "November", "December", "Jan.", "Feb.", "Mar.", "Apr.", "Aug.", "Sept.", "Sep.", "Oct.", "Nov.", "Dec.",
)
NUMBER_WORDS = (
    "half", "third", "quarter", "dozen", "dozens", "hundred", "hundreds", "thousand", "thousands",
    "million", "millions", "billion", "billions", "trillion", "one", "two", "three", "four", "five", "six",
    "seven", "eight", "nine", "ten", "eleven", "twelve", "twenty", "thirty", "forty", "fifty", "percent",
    "per cent",
)
_B = r"(?<!\w)"  # Unicode-aware word edges
_E = r"(?!\w)"


class CueLexer(RegexLexer):
    name = "Diptych cues"
    aliases = ["diptych-cues", "cues"]
    filenames: list[str] = []
    mimetypes = ["text/x-diptych-cues"]
    flags = re.MULTILINE | re.UNICODE

    tokens = {
        "root": [
            (r"“[^”\n]*”", String.Double),
            (r"„[^“”\n]*[“”]", String.Double),
            (r"«[^»\n]*»", String.Double),
            (r'"[^"\n]*"', String.Double),
            # Dates: "5 June 2024", "June 2024", "in mid-August", "the second quarter of 2025", years.
            (_B + r"\d{1,2}\s+(?:" + "|".join(re.escape(m) for m in MONTHS) + r")(?:\s+\d{4})?" + _E, Literal.Date),
            (_B + r"(?:(?:early|mid|late)-?\s?)?(?:" + "|".join(re.escape(m) for m in MONTHS)
             + r")(?:\s+\d{1,2}(?:st|nd|rd|th)?,?)?(?:\s+\d{4})?" + _E, Literal.Date),
            (_B + r"May\s+\d{1,4}" + _E, Literal.Date),
            (_B + r"(?:first|second|third|fourth)\s+quarter\s+of\s+\d{4}" + _E, Literal.Date),
            (_B + r"(?:1[89]|20)\d{2}s?" + _E, Literal.Date),
            # Figures: 5.8 million, 40 percent, 25,000, 170mm, 11%, "nearly half".
            (_B + r"\d+(?:[.,]\d+)*(?:\s?(?:%|percent|per cent|mm|km|kg|tons?|tonnes?))?"
             + r"(?:\s(?:million|billion|trillion|thousand|hundred))?" + _E + "%?", Number),
            (r"(?i)" + _B + r"(?:nearly|almost|around|about|over|some|more than|less than)\s+(?:a\s+)?"
             + r"(?:" + "|".join(NUMBER_WORDS) + r")" + _E, Number),
            (words(NUMBER_WORDS, prefix=r"(?i)" + _B, suffix=_E), Number),
            (words(REPORTING, prefix=r"(?i)" + _B, suffix=_E), Keyword),
            (r"\w+", Text),
            (r"\s+", Whitespace),
            (r"[^\w\s]", Punctuation),
        ]
    }


# The kinds the reader and the suggester care about.
CUE_KINDS = {String.Double: "quote", Keyword: "cue", Number: "number", Literal.Date: "date"}


def cue_spans(text: str, offset: int = 0) -> list[tuple[int, int, str]]:
    """``(start, end, kind)`` of every quote, reporting cue, number and date in ``text``."""
    spans = []
    for start, token, value in CueLexer().get_tokens_unprocessed(text):
        kind = CUE_KINDS.get(token)
        if kind:
            spans.append((offset + start, offset + start + len(value), kind))
    return spans
