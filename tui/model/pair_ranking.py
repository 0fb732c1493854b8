"""Ranking pair candidates across every open document (extends ``tui.model.pairing``):
rapidfuzz scores over many pools, a bonus for comparable figures, words shown as
written. Pure: the reader's pairing dialog shows what these return.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass

from rapidfuzz import fuzz, process, utils

from .figures import Figure, comparable, differ, figures

# A claim and a sentence that give the same kind of figure about the same thing ("nearly
# half" of the shells, "40 percent" of the ammunition) are the pairs a comparison is for,
# even when their words differ: text similarity alone ranks them below sentences that
# merely share the names. About a quarter of a typical match's score.
FIGURE_BONUS = 15.0
# Words as a reader writes them: decimals and thousands ("5.8", "11,000"), contractions
# and possessives ("doesn't", "Russia’s"), hyphenated words; else one punctuation mark.
_WORDS = re.compile(r"\w+(?:[.,’'‐-]\w+)*|[^\w\s]")


@dataclass(frozen=True)
class PairCandidate:
    document_id: int
    start: int
    end: int
    text: str
    score: float  # text similarity (rapidfuzz token-set ratio) plus the figure bonus, at most 100
    annotation_id: str | None  # an existing claim, or None for an untagged sentence
    linked: str = ""  # the relation already linking it to the claim, if any
    figures: str = ""  # "same figures" / "figures differ" when they give comparable figures


def rank_pairs(claim: str, pools: Mapping[int, list[tuple[int, int, str, str | None]]],
               linked: Mapping[str, str] | None = None, limit: int = 8) -> list[PairCandidate]:
    """The ``limit`` best candidates for ``claim`` from every document's pool (start, end,
    text, annotation id), best first; ``linked`` maps annotation ids already linked to the
    claim to the relation, so they are marked, not hidden."""
    linked = linked or {}
    entries = [(document_id, entry) for document_id, pool in pools.items() for entry in without_overlaps(pool)]
    if not entries:
        return []
    # Text similarity first over everything (C++, fast), the figures only for the best few
    # hundred: reading figures is the slow part on long documents.
    shortlist = process.extract(claim, [entry[2] for _, entry in entries], scorer=fuzz.token_set_ratio,
                                processor=utils.default_process, limit=max(limit * 25, 200))
    mine = figures(claim)
    ranked = []
    for _, score, index in shortlist:
        document_id, (start, end, text, annotation_id) = entries[index]
        verdict = figure_verdict(mine, figures(text))
        bonus = FIGURE_BONUS if verdict else 0.0
        ranked.append(PairCandidate(document_id, start, end, text, round(min(100.0, score + bonus), 1),
                                    annotation_id, linked.get(annotation_id or "", ""), verdict))
    ranked.sort(key=lambda c: (-c.score, c.document_id, c.start))
    return ranked[:limit]


def without_overlaps(pool: list[tuple[int, int, str, str | None]]) -> list[tuple[int, int, str, str | None]]:
    """The pool without the untagged sentences that overlap a tagged claim: the claim stands
    for its sentence, which would otherwise be listed again beside it, as a near twin."""
    claims = sorted((start, end) for start, end, _, annotation_id in pool if annotation_id is not None)
    if not claims:
        return pool
    import bisect

    starts = [start for start, _ in claims]
    kept = []
    for entry in pool:
        start, end, _, annotation_id = entry
        if annotation_id is None:
            i = bisect.bisect_left(starts, end)  # claims starting before this sentence ends
            if any(claims[k][1] > start for k in range(max(0, i - 8), i)):
                continue
        kept.append(entry)
    return kept


def figure_verdict(a: list[Figure], b: list[Figure]) -> str:
    """"figures differ" when some comparable pair disagrees, "same figures" when comparable
    pairs agree, "" when the two give no comparable figures."""
    verdict = ""
    for fa in a:
        alone_a = sum(f.kind == fa.kind for f in a) == 1
        for fb in b:
            alone_b = sum(f.kind == fb.kind for f in b) == 1
            if comparable(fa, fb, alone_a, alone_b):
                if differ(fa, fb):
                    return "figures differ"
                verdict = "same figures"
    return verdict


def written_word_diff(a: str, b: str) -> list[tuple[str, str]]:
    """Word-by-word differences, ``("=" | "-" | "+", text)``, each text a stretch of the
    original as written (its own spacing and punctuation: "5.8", "doesn't")."""
    left, right = list(_WORDS.finditer(a)), list(_WORDS.finditer(b))

    def stretch(text: str, tokens: list[re.Match], i: int, j: int) -> str:
        return text[tokens[i].start():tokens[j - 1].end()]

    matcher = difflib.SequenceMatcher(a=[m.group() for m in left], b=[m.group() for m in right], autojunk=False)
    parts: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            parts.append(("=", stretch(a, left, i1, i2)))
        if op in ("delete", "replace"):
            parts.append(("-", stretch(a, left, i1, i2)))
        if op in ("insert", "replace"):
            parts.append(("+", stretch(b, right, j1, j2)))
    return parts
