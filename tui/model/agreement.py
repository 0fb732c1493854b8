"""Inter-annotator agreement between two annotators' spans (and links).

- exact F1: a unit is (document, label, start, end); F1 = 2TP / (2TP + FP + FN), as bratiaa does.
- overlap F1 by characters: with A and B the sets of (document, label, offset) that each
  annotator's spans cover, P = |A∩B| / |A|, R = |A∩B| / |B|, F1 = 2PR / (P + R).
- Cohen's kappa over tokens (``\\w+|[^\\w\\s]``): each token gets the sorted, '+'-joined
  set of labels whose spans overlap it, or ``O``; kappa = (po - pe) / (1 - pe).
- links: the share of all linked pairs that both made, a pair matching when the
  relation is the same and both ends overlap (same document and label).
"""

from __future__ import annotations

import re
from collections import Counter

TOKEN = re.compile(r"\w+|[^\w\s]")
Span = tuple[int, str, int, int]  # (document, label, start, end)


def exact_f1(a: list[Span], b: list[Span]) -> float:
    sa, sb = set(a), set(b)
    tp = len(sa & sb)
    denominator = 2 * tp + len(sa - sb) + len(sb - sa)
    return 2 * tp / denominator if denominator else 1.0


def _characters(spans: list[Span]) -> set[tuple[int, str, int]]:
    return {(doc, label, i) for doc, label, start, end in spans for i in range(start, end)}


def overlap_f1(a: list[Span], b: list[Span]) -> float:
    ca, cb = _characters(a), _characters(b)
    if not ca and not cb:
        return 1.0
    both = len(ca & cb)
    precision = both / len(ca) if ca else 0.0
    recall = both / len(cb) if cb else 0.0
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def token_labels(text: str, spans: list[tuple[str, int, int]]) -> list[str]:
    """One tag per token of ``text``: its overlapping labels, sorted and '+'-joined, or 'O'."""
    tags = []
    ordered = sorted(spans, key=lambda s: s[1])
    for match in TOKEN.finditer(text):
        labels = sorted({label for label, start, end in ordered if start < match.end() and end > match.start()})
        tags.append("+".join(labels) if labels else "O")
    return tags


def cohen_kappa(tags_a: list[str], tags_b: list[str]) -> float:
    n = len(tags_a)
    if n == 0:
        return 1.0
    observed = sum(x == y for x, y in zip(tags_a, tags_b)) / n
    count_a, count_b = Counter(tags_a), Counter(tags_b)
    expected = sum(count_a[k] * count_b[k] for k in count_a) / (n * n)
    if expected == 1.0:
        return 1.0 if observed == 1.0 else 0.0
    return (observed - expected) / (1 - expected)


def kappa(a: list[Span], b: list[Span], texts: dict[int, str]) -> float:
    tags_a, tags_b = [], []
    for doc, text in texts.items():
        tags_a += token_labels(text, [(l, s, e) for d, l, s, e in a if d == doc])
        tags_b += token_labels(text, [(l, s, e) for d, l, s, e in b if d == doc])
    return cohen_kappa(tags_a, tags_b)


def link_agreement(links_a: list[tuple[Span, Span, str]], links_b: list[tuple[Span, Span, str]]) -> float:
    """Matched pairs over all distinct pairs (1.0 when neither linked anything)."""
    def overlaps(x: Span, y: Span) -> bool:
        return x[0] == y[0] and x[1] == y[1] and x[2] < y[3] and y[2] < x[3]

    matched = sum(
        any(r1 == r2 and overlaps(s1, s2) and overlaps(t1, t2) for s2, t2, r2 in links_b)
        for s1, t1, r1 in links_a
    )
    union = len(links_a) + len(links_b) - matched
    return matched / union if union else 1.0


def agreement(a: list[Span], b: list[Span], texts: dict[int, str], labels: list[str]) -> dict:
    """Scores per label and overall, in the shape `diptych agreement --format json` prints."""
    def scores(sa: list[Span], sb: list[Span]) -> dict:
        return {"exact_f1": round(exact_f1(sa, sb), 4), "overlap_f1": round(overlap_f1(sa, sb), 4),
                "kappa": round(kappa(sa, sb, texts), 4), "a_count": len(sa), "b_count": len(sb)}

    return {
        "labels": {label: scores([s for s in a if s[1] == label], [s for s in b if s[1] == label])
                   for label in labels},
        "overall": scores(a, b),
    }
