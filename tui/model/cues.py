"""A Pygments lexer for the signals of claims and attributions in news prose.

Quotations (String), reporting verbs and phrases and source phrases without a verb of
their own (Keyword: "said", "is convinced", "singled out", "disputed by", "according to",
"by some estimates", "reports emerged"), titles and roles that make a source (Name.Label:
"spokeswoman", "Lieutenant General", "officials"), numbers, percentages and quantities
(Number), dates (Literal.Date); everything else is Text. Usable from
Pygments itself: ``pygmentize -l diptych-cues article.txt``.
"""

from __future__ import annotations

import re
from typing import ClassVar

from pygments.lexer import RegexLexer, words
from pygments.token import Keyword, Literal, Name, Number, Punctuation, String, Text, Whitespace

REPORTING = (
    # Verbs and phrases of saying, believing and claiming.
    "according to", "in an interview with", "pointed out", "points out", "points to", "pointed to", "point to",
    "is convinced", "are convinced", "was convinced", "were convinced", "am convinced",
    "said", "says", "say", "saying", "told", "tells", "tell", "stated", "states", "notes", "noted", "noting",
    "claimed", "claims", "claiming", "confirmed", "confirms", "added", "adds", "adding", "concluded",
    "concludes", "argued", "argues", "arguing", "warned", "warns", "warning", "insisted", "insists", "insisting",
    "explained", "explains", "reported", "reports", "announced", "announces", "alleged",
    "alleges", "acknowledged", "acknowledges", "denied", "denies", "admitted", "admits", "believes", "believed",
    "believe", "suggested", "suggests", "estimated", "estimates", "expressed", "informed", "informs", "pledged",
    "pledges", "lamenting", "lamented", "laments", "highlighting", "highlighted", "stressed", "stresses",
    "stressing", "emphasised", "emphasized", "wrote", "writes", "asserted", "asserts", "singled out",
    "singles out", "complained", "complains", "complain", "accused", "accuses", "revealed", "reveals",
    "disclosed", "recalled", "recalls", "vowed", "vows", "promised", "declared", "declares", "maintained",
    "maintains", "contended", "contends", "cautioned", "conceded", "predicted", "predicts", "indicating",
    "indicate", "indicates", "indicated", "thinks",
    # Passives whose agent is the source: "disputed by Moscow", "expressed by the minister".
    "expressed by", "disputed by", "confirmed by", "denied by", "rejected by", "questioned by",
    "contested by", "reported by", "criticised by", "criticized by",
    # Source phrases without a verb of their own.
    "by some estimates", "by most estimates", "by one estimate", "by other estimates", "by several estimates",
    "by official estimates", "by conservative estimates", "by its own estimates", "by their own estimates",
    "reports emerged", "report emerged", "reports have emerged", "reports surfaced",
)
# Titles and roles that stand before a name or are the source themselves ("Commander of
# Ukraine's Defence Intelligence Directorate Lieutenant General Kyrylo Budanov",
# "lawmaker Yoon", "officials", "analysts"): the suggester takes a run of them as a source.
ROLES = (
    "official", "officials", "spokesman", "spokeswoman", "spokesperson", "minister", "president", "chairman",
    "chairwoman", "chair", "chief", "commander", "general", "lieutenant", "colonel", "major", "secretary",
    "ambassador", "diplomat", "diplomats", "analyst", "analysts", "expert", "experts", "researcher",
    "researchers", "lawmaker", "lawmakers", "legislator", "legislators", "senator", "governor", "mayor",
    "director", "head", "leader", "leaders", "adviser", "advisers", "advisor", "advisors", "source", "sources",
    "government", "ministry", "agency", "agencies", "intelligence", "authorities", "prosecutor", "prosecutors",
    "police", "scientist", "scientists", "economist", "economists", "professor", "envoy", "deputy", "aide",
    "aides", "negotiator", "negotiators", "institute", "media", "newspaper", "statement", "statements",
    "report", "reports", "study", "studies", "analysis", "survey", "data", "observers", "critics", "residents",
    "witnesses", "witness", "journalist", "journalists", "correspondent", "blogger", "bloggers", "soldier",
    "soldiers", "officer", "officers", "gunner", "members", "commission", "council", "committee",
    "parliament", "court", "judge", "think tank", "center", "centre", "office", "service", "services",
    "army", "military", "people", "spy agency", "state news agency", "news agency", "investigators",
    "inspectors", "monitors", "activists", "campaigners", "lawyer", "lawyers", "representative",
    "representatives", "administration", "cabinet", "staff", "team", "group", "organisation", "organization",
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
    aliases: ClassVar[list[str]] = ["diptych-cues", "cues"]
    filenames: ClassVar[list[str]] = []
    mimetypes: ClassVar[list[str]] = ["text/x-diptych-cues"]
    flags = re.MULTILINE | re.UNICODE

    tokens: ClassVar[dict] = {
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
            (words(ROLES, prefix=r"(?i)" + _B, suffix=_E), Name.Label),
            (r"\w+", Text),
            (r"\s+", Whitespace),
            (r"[^\w\s]", Punctuation),
        ]
    }


_LEXER = None  # set below, once: building a RegexLexer compiles its rules


# The kinds the reader and the suggester care about.
CUE_KINDS = {String.Double: "quote", Keyword: "cue", Number: "number", Literal.Date: "date"}
ALL_KINDS = {**CUE_KINDS, Name.Label: "role"}


def cue_spans(text: str, offset: int = 0, roles: bool = False) -> list[tuple[int, int, str]]:
    """``(start, end, kind)`` of every quote, reporting cue, number and date in ``text``
    (and, with ``roles``, every title or role, kind "role")."""
    kinds = ALL_KINDS if roles else CUE_KINDS
    spans = []
    for start, token, value in _LEXER.get_tokens_unprocessed(text):
        kind = kinds.get(token)
        if kind:
            spans.append((offset + start, offset + start + len(value), kind))
    return spans


_LEXER = CueLexer()
