"""Who each document lets speak: speakers × documents, with the claims they back."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from .speakers import SPEAKER_TYPES, Speaker, name_key

UNKNOWN = "(unresolved)"


@dataclass(frozen=True)
class Quote:
    """One attribution: where it is, who speaks, and which claims it backs."""

    attribution_id: str
    document_id: int
    speaker: Speaker
    claims: tuple[str, ...]  # ids of the claims it is linked to by `attributes`


@dataclass
class SourceRow:
    speaker: str  # as first met; UNKNOWN when no speaker could be named
    speaker_type: str
    attributions: dict[int, int] = field(default_factory=dict)  # document -> attributions
    claims: dict[int, set[str]] = field(default_factory=dict)  # document -> claims backed
    inferred: bool = True  # every attribution's speaker was inferred, none confirmed

    @property
    def total_attributions(self) -> int:
        return sum(self.attributions.values())

    @property
    def total_claims(self) -> int:
        return sum(len(ids) for ids in self.claims.values())

    def as_json(self, document_ids: Iterable[int]) -> dict:
        return {
            "speaker": self.speaker, "speaker_type": self.speaker_type, "inferred": self.inferred,
            "documents": [{"document": d, "attributions": self.attributions.get(d, 0),
                           "claims": len(self.claims.get(d, ()))} for d in document_ids],
            "attributions": self.total_attributions, "claims": self.total_claims,
        }


def sources(quotes: Iterable[Quote]) -> list[SourceRow]:
    """One row per speaker (spellings such as "Kim Jong-un" / "Kim Jong Un" merged), the most
    quoted first. Attributions whose speaker is unknown share one row, last."""
    rows: dict[str, SourceRow] = {}
    types: dict[str, Counter] = {}
    for quote in quotes:
        name = quote.speaker.name or UNKNOWN
        key = name_key(name) if quote.speaker.name else ""
        row = rows.get(key)
        if row is None:
            row = rows[key] = SourceRow(name, quote.speaker.speaker_type)
            types[key] = Counter()
        row.attributions[quote.document_id] = row.attributions.get(quote.document_id, 0) + 1
        row.claims.setdefault(quote.document_id, set()).update(quote.claims)
        row.inferred = row.inferred and quote.speaker.inferred
        types[key][quote.speaker.speaker_type] += 1
    for key, row in rows.items():
        # The commonest type; a confirmed or specific type beats "other" on a tie.
        counted = types[key]
        row.speaker_type = max(counted, key=lambda t: (counted[t], t != "other", -SPEAKER_TYPES.index(t)
                                                       if t in SPEAKER_TYPES else -99))
    return sorted(rows.values(), key=lambda r: (r.speaker == UNKNOWN, -r.total_attributions, -r.total_claims,
                                                r.speaker.casefold()))


def type_counts(rows: Iterable[SourceRow], document_ids: Iterable[int]) -> dict[int, dict[str, int]]:
    """Per document, how many attributions each kind of source has (source diversity)."""
    counts = {d: dict.fromkeys(SPEAKER_TYPES, 0) for d in document_ids}
    for row in rows:
        for document, n in row.attributions.items():
            if document in counts:
                counts[document][row.speaker_type] = counts[document].get(row.speaker_type, 0) + n
    return counts
