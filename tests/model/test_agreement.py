"""Agreement in linear time: the sweep and interval arithmetic give exactly what the old
quadratic code gave, and Krippendorff's αu matches his own worked example."""

from __future__ import annotations

import itertools
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.model.agreement import (
    agreement,
    annotated_documents,
    cohen_kappa,
    intersection_length,
    kappa,
    link_agreement,
    merge_intervals,
    overlap_f1,
    token_labels,
    unitizing_alpha,
    unitizing_disagreements,
)

# The previous implementation, kept verbatim as the reference ------------------------------

TOKEN = re.compile(r"\w+|[^\w\s]")


def ref_characters(spans):
    return {(doc, label, i) for doc, label, start, end in spans for i in range(start, end)}


def ref_overlap_f1(a, b):
    ca, cb = ref_characters(a), ref_characters(b)
    if not ca and not cb:
        return 1.0
    both = len(ca & cb)
    precision = both / len(ca) if ca else 0.0
    recall = both / len(cb) if cb else 0.0
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def ref_token_labels(text, spans):
    tags = []
    ordered = sorted(spans, key=lambda s: s[1])
    for match in TOKEN.finditer(text):
        labels = sorted({label for label, start, end in ordered if start < match.end() and end > match.start()})
        tags.append("+".join(labels) if labels else "O")
    return tags


def ref_kappa(a, b, texts):
    tags_a, tags_b = [], []
    for doc, text in texts.items():
        tags_a += ref_token_labels(text, [(l, s, e) for d, l, s, e in a if d == doc])
        tags_b += ref_token_labels(text, [(l, s, e) for d, l, s, e in b if d == doc])
    return cohen_kappa(tags_a, tags_b)


def ref_link_agreement(links_a, links_b):
    def overlaps(x, y):
        return x[0] == y[0] and x[1] == y[1] and x[2] < y[3] and y[2] < x[3]

    matched = sum(
        any(r1 == r2 and overlaps(s1, s2) and overlaps(t1, t2) for s2, t2, r2 in links_b)
        for s1, t1, r1 in links_a
    )
    union = len(links_a) + len(links_b) - matched
    return matched / union if union else 1.0


def ref_exact_f1(a, b):
    sa, sb = set(a), set(b)
    tp = len(sa & sb)
    denominator = 2 * tp + len(sa - sb) + len(sb - sa)
    return 2 * tp / denominator if denominator else 1.0


def ref_agreement(a, b, texts, labels):
    def scores(sa, sb):
        return {"exact_f1": round(ref_exact_f1(sa, sb), 4), "overlap_f1": round(ref_overlap_f1(sa, sb), 4),
                "kappa": round(ref_kappa(sa, sb, texts), 4), "a_count": len(sa), "b_count": len(sb)}

    return {
        "labels": {label: scores([s for s in a if s[1] == label], [s for s in b if s[1] == label])
                   for label in labels},
        "overall": scores(a, b),
    }


# Strategies -------------------------------------------------------------------------------

LABELS = ["claim", "attribution"]
texts_st = st.text(alphabet="ab .,'\n—é", min_size=0, max_size=40)


@st.composite
def documents_and_spans(draw):
    texts = {doc: draw(texts_st) for doc in range(1, draw(st.integers(1, 3)) + 1)}

    def spans():
        found = []
        for _ in range(draw(st.integers(0, 6))):
            doc = draw(st.sampled_from(sorted(texts)))
            n = len(texts[doc])
            start = draw(st.integers(0, n))
            end = draw(st.integers(start, n))
            found.append((doc, draw(st.sampled_from(LABELS)), start, end))
        return found

    return texts, spans(), spans()


@settings(max_examples=300, deadline=None)
@given(documents_and_spans())
def test_fast_measures_equal_the_old_quadratic_ones(case):
    texts, a, b = case
    assert overlap_f1(a, b) == ref_overlap_f1(a, b)
    assert kappa(a, b, texts) == ref_kappa(a, b, texts)
    for doc, text in texts.items():
        own = [(l, s, e) for d, l, s, e in a if d == doc]
        assert token_labels(text, own) == ref_token_labels(text, own)
    assert agreement(a, b, texts, LABELS) == ref_agreement(a, b, texts, LABELS)


@settings(max_examples=200, deadline=None)
@given(documents_and_spans(), st.lists(st.sampled_from(["attributes", "related"]), max_size=6))
def test_link_agreement_equals_the_old_pairwise_scan(case, relations):
    _, a, b = case
    links_a = [(a[i], a[-1 - i], r) for i, r in enumerate(relations) if i < len(a)]
    links_b = [(b[i], b[-1 - i], r) for i, r in enumerate(reversed(relations)) if i < len(b)]
    assert link_agreement(links_a, links_b) == ref_link_agreement(links_a, links_b)


@given(st.lists(st.tuples(st.integers(0, 30), st.integers(0, 30))),
       st.lists(st.tuples(st.integers(0, 30), st.integers(0, 30))))
def test_interval_arithmetic_counts_shared_characters(x, y):
    covered_x = {i for s, e in x for i in range(s, e)}
    covered_y = {i for s, e in y for i in range(s, e)}
    mx, my = merge_intervals(x), merge_intervals(y)
    assert {i for s, e in mx for i in range(s, e)} == covered_x
    assert all(e1 <= s2 for (_, e1), (s2, _) in itertools.pairwise(mx))
    assert intersection_length(mx, my) == len(covered_x & covered_y)


def test_empty_and_inverted_spans_behave_as_before():
    text = "Klein says 40 percent came."
    # An empty span inside a token still touches that token, as the old overlap test said.
    assert token_labels(text, [("claim", 13, 13)]) == ref_token_labels(text, [("claim", 13, 13)])
    assert token_labels(text, [("claim", 10, 11)]) == ["O"] * 6  # whitespace only touches nothing
    assert token_labels("", [("claim", 0, 0)]) == []


def test_the_document_scope_leaves_out_unannotated_documents():
    texts = {1: "Klein says 40 percent came.", 2: "Nothing here at all, nobody tagged this one."}
    a = [(1, "attribution", 0, 10), (1, "claim", 11, 26)]
    b = [(1, "attribution", 0, 5), (1, "claim", 11, 21)]
    assert annotated_documents(a, b) == {1}
    everything = agreement(a, b, texts, LABELS)
    scoped = agreement(a, b, texts, LABELS, documents=annotated_documents(a, b))
    # The README's worked example: kappa 0.52 on the one annotated document; the untagged
    # document's agreeing 'O' tokens would raise it.
    assert scoped["overall"]["kappa"] == 0.52
    assert everything["overall"]["kappa"] > 0.52
    assert scoped["overall"]["overlap_f1"] == everything["overall"]["overlap_f1"] == 0.75
    only_two = agreement(a, b, texts, LABELS, documents=[2])
    assert only_two["overall"]["a_count"] == 0 and only_two["overall"]["kappa"] == 1.0


# Krippendorff's αu ------------------------------------------------------------------------

def krippendorff_2004_example():
    """Krippendorff (2004), Content Analysis, 2nd ed., p. 254: a continuum from 150 to 450,
    two observers i and j, categories c and k (here shifted to start at 0)."""
    i = [(1, "c", 225, 295), (1, "c", 370, 400), (1, "k", 180, 240), (1, "k", 300, 350)]
    j = [(1, "c", 220, 300), (1, "c", 355, 375), (1, "c", 400, 420), (1, "k", 180, 240), (1, "k", 300, 350)]
    shift = lambda spans: [(d, l, s - 150, e - 150) for d, l, s, e in spans]
    return shift(i), shift(j), {1: "x" * 300}


def test_unitizing_alpha_reproduces_krippendorffs_worked_example():
    i, j, texts = krippendorff_2004_example()
    per_label = unitizing_disagreements(i, j, {1: 300})
    d_o, d_e = per_label["c"]
    # His figures: uDo = 0.0144, uDe = 0.0532, αu(c) = 0.7286; k agrees perfectly.
    assert d_o == pytest.approx(0.0144, abs=1e-4) and d_e == pytest.approx(0.0532, abs=1e-4)
    assert 1 - d_o / d_e == pytest.approx(0.7286, abs=1e-4)
    assert per_label["k"][0] == 0 and per_label["k"][1] == pytest.approx(0.0490, abs=1e-4)
    assert unitizing_alpha(i, j, texts) == pytest.approx(0.8591, abs=5e-4)


def test_unitizing_alpha_readme_example():
    text = "Klein says 40 percent came."
    a = [(1, "attribution", 0, 10), (1, "claim", 11, 26)]
    b = [(1, "attribution", 0, 5), (1, "claim", 11, 21)]
    per_label = unitizing_disagreements(a, b, {1: len(text)})
    # attribution: units [0,10) and [0,5) overlap: δ² = 0² + 5² = 25; Do = 25 / 27².
    assert per_label["attribution"][0] == pytest.approx(25 / 27 ** 2)
    # claim: [11,26) and [11,21): δ² = 0² + 5² = 25 again.
    assert per_label["claim"][0] == pytest.approx(25 / 27 ** 2)
    # De by hand (docs/notes/suggest.md): attribution 7010 / 74304, claim 6000 / 69174.
    assert per_label["attribution"][1] == pytest.approx(7010 / 74304)
    assert per_label["claim"][1] == pytest.approx(6000 / 69174)
    assert unitizing_alpha(a, b, {1: text}) == pytest.approx(0.6212, abs=1e-4)
    assert unitizing_alpha(a, a, {1: text}) == 1.0
    assert unitizing_alpha([], [], {1: text}) == 1.0


def brute_disagreements(units_by_coder, lengths):
    """An independent αu: every section of one coder against every section of the other
    (no sweep), and the expected disagreement by looping over every unit-gap pair."""
    total = sum(lengths.values())
    m = len(units_by_coder)
    sections = []
    for coder in units_by_coder:
        mine = []
        for doc, length in lengths.items():
            covered = [False] * length
            for s, e in coder.get(doc, []):
                for x in range(s, e):
                    covered[x] = True
            x = 0
            while x < length:
                y = x
                while y < length and covered[y] == covered[x]:
                    y += 1
                mine.append((doc, x, y - x, covered[x]))
                x = y
        # covered-by-character loses the border between two touching units; put it back.
        fixed = []
        for doc, b, l, unit in mine:
            if unit:
                cuts = sorted({s for s, e in coder.get(doc, []) if b < s < b + l})
                starts = [b] + cuts
                ends = cuts + [b + l]
                fixed += [(doc, s, e - s, True) for s, e in zip(starts, ends)]
            else:
                fixed.append((doc, b, l, unit))
        sections.append(fixed)

    def delta(g, h):
        (_, b1, l1, u1), (_, b2, l2, u2) = g, h
        if u1 and u2 and b1 < b2 + l2 and b2 < b1 + l1:
            return (b1 - b2) ** 2 + ((b1 + l1) - (b2 + l2)) ** 2
        if u1 and not u2 and b2 <= b1 and b1 + l1 <= b2 + l2:
            return l1 ** 2
        if u2 and not u1 and b1 <= b2 and b2 + l2 <= b1 + l1:
            return l2 ** 2
        return 0

    observed = 0
    for p in range(m):
        for q in range(m):
            if p != q:
                observed += sum(delta(g, h) for g in sections[p] for h in sections[q] if g[0] == h[0])
    d_o = observed / (m * (m - 1) * total * total)
    units = [l for coder in sections for _, _, l, u in coder if u]
    gaps = [l for coder in sections for _, _, l, u in coder if not u]
    n_c = len(units)
    numerator = 0.0
    for l in units:
        numerator += (n_c - 1) / 3 * (2 * l ** 3 - 3 * l ** 2 + l)
        numerator += l * l * sum(g - l + 1 for g in gaps if g >= l)
    denominator = m * total * (m * total - 1) - sum(l * (l - 1) for l in units)
    d_e = 2 / total * numerator / denominator if denominator > 0 else 0.0
    return d_o, d_e


@settings(max_examples=200, deadline=None)
@given(documents_and_spans())
def test_unitizing_alpha_equals_a_brute_force_implementation(case):
    texts, a, b = case
    lengths = {doc: len(text) for doc, text in texts.items()}
    fast = unitizing_disagreements(a, b, lengths)
    for label in LABELS:
        units = []
        for side in (a, b):
            coder = {}
            for doc in lengths:
                coder[doc] = merge_intervals((s, e) for d, l, s, e in side if d == doc and l == label)
            units.append(coder)
        if not any(iv for coder in units for iv in coder.values()):
            assert label not in fast
            continue
        d_o, d_e = brute_disagreements(units, lengths)
        assert fast[label][0] == pytest.approx(d_o)
        assert fast[label][1] == pytest.approx(d_e)


def test_agreement_can_add_alpha_u_without_changing_the_other_figures():
    text = "Klein says 40 percent came."
    a = [(1, "attribution", 0, 10), (1, "claim", 11, 26)]
    b = [(1, "attribution", 0, 5), (1, "claim", 11, 21)]
    plain = agreement(a, b, {1: text}, LABELS)
    with_alpha = agreement(a, b, {1: text}, LABELS, alpha_u=True)
    assert plain["overall"] == {"exact_f1": 0.0, "overlap_f1": 0.75, "kappa": 0.52, "a_count": 2, "b_count": 2}
    assert {k: v for k, v in with_alpha["overall"].items() if k != "alpha_u"} == plain["overall"]
    assert with_alpha["overall"]["alpha_u"] == 0.6212
    assert with_alpha["labels"]["claim"]["alpha_u"] == 0.6046
    assert with_alpha["labels"]["attribution"]["alpha_u"] == 0.6365
