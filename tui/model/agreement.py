"""Inter-annotator agreement between two annotators' spans (and links).

- exact F1: a unit is (document, label, start, end); F1 = 2TP / (2TP + FP + FN), as bratiaa does.
- overlap F1 by characters: with A and B the sets of (document, label, offset) that each
  annotator's spans cover, P = |A∩B| / |A|, R = |A∩B| / |B|, F1 = 2PR / (P + R).
- Cohen's kappa over tokens (``\\w+|[^\\w\\s]``): each token gets the sorted, '+'-joined
  set of labels whose spans overlap it, or ``O``; kappa = (po - pe) / (1 - pe).
- Krippendorff's unitizing alpha (αu, Krippendorff 1995, 2004): per label, over the
  continuum of characters of the documents, each annotator's units and the gaps
  between them; αu = 1 - Do / De, and over several labels 1 - ΣDo / ΣDe.
- links: the share of all linked pairs that both made, a pair matching when the
  relation is the same and both ends overlap (same document and label).

Every measure runs in O(n log n) in the number of spans plus one pass of tokenising for
kappa: 2 × 50,000 spans over a 5 MB document used to test every span for every token
and build sets of character offsets, and never finished.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Mapping
from itertools import accumulate

TOKEN = re.compile(r"\w+|[^\w\s]")
Span = tuple[int, str, int, int]  # (document, label, start, end)
Interval = tuple[int, int]


def exact_f1(a: list[Span], b: list[Span]) -> float:
    sa, sb = set(a), set(b)
    tp = len(sa & sb)
    denominator = 2 * tp + len(sa - sb) + len(sb - sa)
    return 2 * tp / denominator if denominator else 1.0


def merge_intervals(intervals: Iterable[Interval]) -> list[Interval]:
    """Sorted, non-overlapping intervals covering the same characters (empty ones dropped)."""
    merged: list[list[int]] = []
    for start, end in sorted(intervals):
        if end <= start:
            continue
        if merged and start < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(s, e) for s, e in merged]


def intersection_length(x: list[Interval], y: list[Interval]) -> int:
    """Characters two sorted disjoint interval lists share, by walking both once."""
    i = j = shared = 0
    while i < len(x) and j < len(y):
        start = max(x[i][0], y[j][0])
        end = min(x[i][1], y[j][1])
        if end > start:
            shared += end - start
        if x[i][1] < y[j][1]:
            i += 1
        else:
            j += 1
    return shared


def _coverage(spans: Iterable[Span]) -> dict[tuple[int, str], list[Interval]]:
    grouped: dict[tuple[int, str], list[Interval]] = defaultdict(list)
    for doc, label, start, end in spans:
        grouped[(doc, label)].append((start, end))
    merged = {key: merge_intervals(intervals) for key, intervals in grouped.items()}
    return {key: intervals for key, intervals in merged.items() if intervals}


def overlap_f1(a: list[Span], b: list[Span]) -> float:
    ca, cb = _coverage(a), _coverage(b)
    size_a = sum(e - s for intervals in ca.values() for s, e in intervals)
    size_b = sum(e - s for intervals in cb.values() for s, e in intervals)
    if not size_a and not size_b:
        return 1.0
    both = sum(intersection_length(intervals, cb[key]) for key, intervals in ca.items() if key in cb)
    precision = both / size_a if size_a else 0.0
    recall = both / size_b if size_b else 0.0
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


class _Tokens:
    """Token boundaries of one text, so a span maps to the token indices it overlaps by bisection."""

    __slots__ = ("ends", "starts")

    def __init__(self, text: str) -> None:
        self.starts = array("q")
        self.ends = array("q")
        add_start, add_end = self.starts.append, self.ends.append
        for match in TOKEN.finditer(text):
            start, end = match.span()
            add_start(start)
            add_end(end)

    def __len__(self) -> int:
        return len(self.starts)

    def indices(self, start: int, end: int) -> tuple[int, int]:
        """The tokens [i, j) with token.start < end and token.end > start (the old overlap test)."""
        return bisect_right(self.ends, start), bisect_left(self.starts, end)


def _segments(tokens: _Tokens, spans_by_side: list[Iterable[tuple[str, int, int]]]):
    """Yield (length, tag per side) over runs of consecutive tokens whose tags do not change.

    Tags change only where some span's token range begins or ends, so one sweep over those
    boundaries (sorted) replaces testing every span against every token."""
    events: dict[int, list[tuple[int, str, int]]] = defaultdict(list)
    for side, spans in enumerate(spans_by_side):
        for label, start, end in spans:
            if end < start:
                continue
            i, j = tokens.indices(start, end)
            if i < j:
                events[i].append((side, label, 1))
                events[j].append((side, label, -1))
    active = [Counter() for _ in spans_by_side]
    tags = ["O"] * len(spans_by_side)
    position = 0
    for index in sorted(events):
        if index > position:
            yield index - position, tuple(tags)
        position = index
        touched = set()
        for side, label, step in events[index]:
            active[side][label] += step
            touched.add(side)
        for side in touched:
            live = sorted(label for label, count in active[side].items() if count > 0)
            tags[side] = "+".join(live) if live else "O"
    if len(tokens) > position:
        yield len(tokens) - position, tuple(tags)


def token_labels(text: str, spans: list[tuple[str, int, int]]) -> list[str]:
    """One tag per token of ``text``: its overlapping labels, sorted and '+'-joined, or 'O'."""
    tags: list[str] = []
    for length, (tag,) in _segments(_Tokens(text), [spans]):
        tags += [tag] * length
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


def _kappa_from_counts(n: int, agreeing: int, count_a: Counter, count_b: Counter) -> float:
    # The same arithmetic as cohen_kappa on the expanded tag lists, so the figures are identical.
    if n == 0:
        return 1.0
    observed = agreeing / n
    expected = sum(count_a[k] * count_b[k] for k in count_a) / (n * n)
    if expected == 1.0:
        return 1.0 if observed == 1.0 else 0.0
    return (observed - expected) / (1 - expected)


def _by_document(spans: Iterable[Span]) -> dict[int, list[tuple[str, int, int]]]:
    grouped: dict[int, list[tuple[str, int, int]]] = defaultdict(list)
    for doc, label, start, end in spans:
        grouped[doc].append((label, start, end))
    return grouped


def _kappa(a: list[Span], b: list[Span], texts: Mapping[int, str], tokens: dict[int, _Tokens]) -> float:
    by_doc_a, by_doc_b = _by_document(a), _by_document(b)
    n = agreeing = 0
    count_a: Counter = Counter()
    count_b: Counter = Counter()
    for doc, text in texts.items():
        if doc not in tokens:
            tokens[doc] = _Tokens(text)
        for length, (tag_a, tag_b) in _segments(tokens[doc], [by_doc_a.get(doc, ()), by_doc_b.get(doc, ())]):
            n += length
            count_a[tag_a] += length
            count_b[tag_b] += length
            if tag_a == tag_b:
                agreeing += length
    return _kappa_from_counts(n, agreeing, count_a, count_b)


def kappa(a: list[Span], b: list[Span], texts: dict[int, str]) -> float:
    return _kappa(a, b, texts, {})


# Krippendorff's αu -------------------------------------------------------------------------

def _sections(units: list[Interval], length: int) -> list[tuple[int, int, bool]]:
    """The continuum [0, length) cut into (begin, end, is_unit): the units and the gaps between them."""
    cut, position = [], 0
    for start, end in units:
        if start > position:
            cut.append((position, start, False))
        cut.append((start, end, True))
        position = end
    if position < length:
        cut.append((position, length, False))
    return cut


def _distance(b1: int, l1: int, unit1: bool, b2: int, l2: int, unit2: bool) -> int:
    """Krippendorff's δ² between two sections (2004, p. 252): two overlapping units differ by
    their squared misalignment; a unit inside the other's gap counts its squared length."""
    diff = b1 - b2
    if unit1 and unit2:
        return diff * diff + (diff + l1 - l2) ** 2 if -l1 < diff < l2 else 0
    if unit1 and not unit2:
        return l1 * l1 if 0 <= diff <= l2 - l1 else 0
    if unit2 and not unit1:
        return l2 * l2 if 0 <= -diff <= l1 - l2 else 0
    return 0


def _observed(units_a: list[Interval], units_b: list[Interval], length: int) -> int:
    """Σ δ² over every pair of overlapping sections of the two annotators, by one sweep."""
    x, y = _sections(units_a, length), _sections(units_b, length)
    i = j = total = 0
    while i < len(x) and j < len(y):
        s1, e1, u1 = x[i]
        s2, e2, u2 = y[j]
        if u1 or u2:
            total += _distance(s1, e1 - s1, u1, s2, e2 - s2, u2)
        if e1 < e2:
            i += 1
        elif e2 < e1:
            j += 1
        else:
            i += 1
            j += 1
    return total


def _unitizing_disagreements(units: list[dict[int, list[Interval]]], lengths: Mapping[int, int]) -> tuple[float, float]:
    """(Do, De) of one label for m annotators' merged units per document, as Krippendorff (2004)
    defines them; each document is its own stretch of the continuum, so no gap spans two."""
    m = len(units)
    total_length = sum(lengths.values())
    if total_length == 0:
        return 0.0, 0.0
    observed = 0
    for doc, length in lengths.items():
        for p in range(m):
            for q in range(p + 1, m):
                observed += _observed(units[p].get(doc, []), units[q].get(doc, []), length)
    d_o = 2 * observed / (m * (m - 1) * total_length * total_length)

    lengths_of_units = [e - s for coder in units for doc in lengths for s, e in coder.get(doc, [])]
    gaps = sorted(e - s for coder in units for doc, length in lengths.items()
                  for s, e, unit in _sections(coder.get(doc, []), length) if not unit)
    # Σ over gaps g ≥ l of (g − l + 1) = (Σ g + count) − count·l over the gaps at or above l.
    suffix = list(accumulate(reversed(gaps), initial=0))
    n_c = len(lengths_of_units)
    numerator = 0
    for l in lengths_of_units:
        k = len(gaps) - bisect_left(gaps, l)
        fitting = suffix[k] + k - k * l
        # (N_c − 1)(2l³ − 3l² + l)/3 is an integer (l(l−1)(2l−1) is divisible by 6).
        numerator += (n_c - 1) * (2 * l ** 3 - 3 * l ** 2 + l) // 3 + l * l * fitting
    denominator = m * total_length * (m * total_length - 1) - sum(l * (l - 1) for l in lengths_of_units)
    d_e = 2 * numerator / (total_length * denominator) if denominator > 0 else 0.0
    return d_o, d_e


def unitizing_disagreements(a: list[Span], b: list[Span], lengths: Mapping[int, int]) -> dict[str, tuple[float, float]]:
    """Per label, Krippendorff's observed and expected disagreement (Do, De) over the
    documents in ``lengths`` (document id -> length in code points); spans elsewhere are ignored."""
    ca, cb = _coverage(s for s in a if s[0] in lengths), _coverage(s for s in b if s[0] in lengths)
    result = {}
    for label in sorted({label for _, label in ca} | {label for _, label in cb}):
        units = [{doc: iv for (doc, lab), iv in side.items() if lab == label} for side in (ca, cb)]
        result[label] = _unitizing_disagreements(units, lengths)
    return result


def unitizing_alpha(a: list[Span], b: list[Span], texts: Mapping[int, str]) -> float:
    """Krippendorff's αu = 1 − ΣDo / ΣDe over the labels present, each label's units laid
    over the characters of the documents in ``texts``. 1.0 when neither annotator has a
    unit there (nothing to disagree on); overlapping spans of one annotator and label are
    merged first, as αu requires."""
    per_label = unitizing_disagreements(a, b, {doc: len(text) for doc, text in texts.items()})
    d_o = sum(o for o, _ in per_label.values())
    d_e = sum(e for _, e in per_label.values())
    if d_e == 0:
        return 1.0 if d_o == 0 else 0.0
    return 1.0 - d_o / d_e


# Links -------------------------------------------------------------------------------------

def link_agreement(links_a: list[tuple[Span, Span, str]], links_b: list[tuple[Span, Span, str]]) -> float:
    """Matched pairs over all distinct pairs (1.0 when neither linked anything)."""
    def overlaps(x: Span, y: Span) -> bool:
        return x[0] == y[0] and x[1] == y[1] and x[2] < y[3] and y[2] < x[3]

    # Only links with the same relation and the same (document, label) at both ends can
    # match, so each of A's links is compared with that bucket of B's, not all of them.
    buckets: dict[tuple, list[tuple[Span, Span]]] = defaultdict(list)
    for s2, t2, r2 in links_b:
        buckets[(r2, s2[0], s2[1], t2[0], t2[1])].append((s2, t2))
    matched = sum(
        any(overlaps(s1, s2) and overlaps(t1, t2) for s2, t2 in buckets.get((r1, s1[0], s1[1], t1[0], t1[1]), ()))
        for s1, t1, r1 in links_a
    )
    union = len(links_a) + len(links_b) - matched
    return matched / union if union else 1.0


def annotated_documents(a: Iterable[Span], b: Iterable[Span]) -> set[int]:
    """The documents at least one of the two annotators annotated: the default scope of
    `agreement`, so that unannotated documents do not inflate kappa with agreeing 'O's."""
    return {span[0] for span in a} | {span[0] for span in b}


def agreement(a: list[Span], b: list[Span], texts: dict[int, str], labels: list[str], *,
              documents: Collection[int] | None = None, alpha_u: bool = False) -> dict:
    """Scores per label and overall, in the shape `diptych agreement --format json` prints.

    ``documents`` limits every measure to those documents (spans and texts elsewhere are
    left out); None means every document in ``texts``. ``alpha_u`` adds Krippendorff's αu
    to each row."""
    if documents is not None:
        wanted = set(documents)
        texts = {doc: text for doc, text in texts.items() if doc in wanted}
        a = [s for s in a if s[0] in wanted]
        b = [s for s in b if s[0] in wanted]
    tokens: dict[int, _Tokens] = {}  # tokenised once, shared by every label's kappa

    def scores(sa: list[Span], sb: list[Span]) -> dict:
        row = {"exact_f1": round(exact_f1(sa, sb), 4), "overlap_f1": round(overlap_f1(sa, sb), 4),
               "kappa": round(_kappa(sa, sb, texts, tokens), 4), "a_count": len(sa), "b_count": len(sb)}
        if alpha_u:
            row["alpha_u"] = round(unitizing_alpha(sa, sb, texts), 4)
        return row

    by_label_a: dict[str, list[Span]] = defaultdict(list)
    by_label_b: dict[str, list[Span]] = defaultdict(list)
    for s in a:
        by_label_a[s[1]].append(s)
    for s in b:
        by_label_b[s[1]].append(s)
    return {
        "labels": {label: scores(by_label_a.get(label, []), by_label_b.get(label, [])) for label in labels},
        "overall": scores(a, b),
    }
