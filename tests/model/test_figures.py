"""Figures in claims: recognised with units, normalised to ranges, compared within a cluster."""

from __future__ import annotations

import itertools
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui.model.figures import COUNT, DATE, LENGTH, MONEY, SHARE, comparable, describe, differ, figures


def one(text: str):
    found = figures(text)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize("text, kind, value, low, high, approximate", [
    ("40 percent of ammunition", SHARE, 0.40, 0.40, 0.40, False),
    ("40% of ammunition", SHARE, 0.40, 0.40, 0.40, False),
    ("12.5 per cent of them", SHARE, 0.125, 0.125, 0.125, False),
    ("nearly half of artillery rounds", SHARE, 0.5, 0.45, 0.5, True),
    ("a third of the shells", SHARE, 1 / 3, 1 / 3, 1 / 3, False),
    ("about a third of the shells", SHARE, 1 / 3, 0.3, 1 / 3 * 1.1, True),
    ("5.8 million artillery shells", COUNT, 5.8e6, 5.8e6, 5.8e6, False),
    ("Around 11,000 North Korean soldiers", COUNT, 11_000, 9_900, 12_100, True),
    ("more than 6 million shells", COUNT, 6e6, 6e6, math.inf, True),
    ("fewer than 2,000 of them", COUNT, 2_000, 0, 2_000, True),
    ("dozens of missiles", COUNT, 61.5, 24, 99, True),
    ("170mm self-propelled artillery", LENGTH, 0.17, 0.17, 0.17, False),
    ("a 1.5bn programme", COUNT, 1.5e9, 1.5e9, 1.5e9, False),
    ("one in five failed", SHARE, 0.2, 0.2, 0.2, False),
    ("3 out of 10 shells", SHARE, 0.3, 0.3, 0.3, False),
])
def test_figures_are_normalised(text, kind, value, low, high, approximate):
    figure = one(text)
    assert figure.kind == kind and figure.approximate == approximate
    assert figure.value == pytest.approx(value)
    assert (figure.low, figure.high) == (pytest.approx(low), pytest.approx(high))


def test_money_keeps_its_currency():
    dollars, rubles = figures("$1.5bn in cash and 1.5bn rubles")
    assert (dollars.kind, dollars.unit, dollars.value) == (MONEY, "USD", 1.5e9)
    assert (rubles.kind, rubles.unit, rubles.value) == (MONEY, "RUB", 1.5e9)


@pytest.mark.parametrize("text, value, low, high", [
    ("in October 2024", "2024-10", 20241001, 20241031),
    ("on 7 October", "--10-07", 1007, 1007),
    ("on 7 October 2023", "2023-10-07", 20231007, 20231007),
    ("by the second quarter of 2025", "2025-Q2", 20250401, 20250630),
    ("from late 2024", "2024", 20240901, 20241231),
    ("since 2022", "2022", 20220101, 20221231),
])
def test_dates_are_ranges_of_days(text, value, low, high):
    figure = one(text)
    assert figure.kind == DATE and figure.value == value and (figure.low, figure.high) == (low, high)


def test_what_a_count_counts():
    assert one("5.8 million artillery shells to Russia").measure == ("artillery", "shell")
    assert one("Around 11,000 North Korean soldiers helped").measure == ("soldier",)
    assert one("some 15,000 troops to Russia").measure == ("soldier",)  # troops are soldiers
    assert one("nearly half of artillery rounds used").measure == ("artillery", "shell")


@pytest.mark.parametrize("text", [
    "sending a third contingent", "in the first half of 2025 alone", "May he come back", "one of the reasons",
    "the Kursk region", "Chonma-2 tanks", "KN-23 missiles",
])
def test_words_that_are_not_figures(text):
    assert [f for f in figures(text) if f.kind != DATE] == []
    assert all(f.text.isdigit() for f in figures(text) if f.kind == DATE)


def pair(a: str, b: str) -> tuple:
    return one(a), one(b)


@pytest.mark.parametrize("a, b, expected", [
    ("40 percent of ammunition", "nearly half of artillery rounds", True),  # the corpus's first case
    ("about a third of rounds fired", "nearly half of artillery rounds", True),
    ("Around 11,000 soldiers", "11,000 soldiers", False),
    ("some 15,000 troops", "Around 11,000 soldiers", True),
    ("more than 6 million shells", "5.8 million shells", True),
    ("almost 5,000 killed", "5,000 killed", False),
    ("by April 2025", "by the second quarter of 2025", False),
    ("on 7 October", "in October 2024", False),
    ("on 7 October", "on 8 October 2024", True),
])
def test_figures_that_differ(a, b, expected):
    fa, fb = pair(a, b)
    assert comparable(fa, fb, True, True)
    assert differ(fa, fb) is expected and differ(fb, fa) is expected


def test_only_like_figures_compare():
    engineers, experts = pair("5000 military engineers", "1000 mine clearance experts")
    assert not comparable(engineers, experts)  # different things counted
    assert comparable(engineers, experts, True, True)  # unless each is its claim's one count
    since, by = pair("since the summer of 2023", "by April 2025")
    assert not comparable(since, by, True, True)  # a start and an end are not the same date
    share, count = pair("40 percent of shells", "5,000 shells")
    assert not comparable(share, count, True, True)


def test_readings():
    assert describe(one("nearly half of rounds")) == "≈50%"
    assert describe(one("about a third of rounds")) == "≈33.3%"
    assert describe(one("5.8 million artillery shells")) == "5,800,000 artillery shell"
    assert describe(one("more than 6 million shells")) == "> 6,000,000 shell"
    assert describe(one("fewer than 2,000 of them")) == "< 2,000"
    assert describe(one("in October 2024")) == "2024-10"
    assert describe(one("170mm guns")) == "170 mm"
    assert describe(one("As many as one in five failed")) == "≈20%"  # 17–20%: a range this close reads as one figure


FRAGMENTS = ["40 percent", "nearly half", "5.8 million", "11,000", "170mm", "$1.5bn", "dozens of", "October 2024",
             "7 October", "Klein notes", "“quoted”", "\x1b[31m", "|", "é", "soldiers", ",", ".", " ", "\n", "2025",
             "a third of", "🙂"]


@given(st.lists(st.sampled_from(FRAGMENTS), max_size=20).map("".join))
def test_offsets_are_exact_and_figures_do_not_overlap(text):
    found = figures(text)
    for figure in found:
        assert text[figure.start:figure.end] == figure.text
    for a, b in itertools.pairwise(found):
        assert a.end <= b.start


@given(st.lists(st.sampled_from(FRAGMENTS), max_size=12).map("".join),
       st.lists(st.sampled_from(FRAGMENTS), max_size=12).map("".join), st.booleans(), st.booleans())
def test_comparing_is_symmetric(text_a, text_b, alone_a, alone_b):
    for a in figures(text_a):
        for b in figures(text_b):
            assert comparable(a, b, alone_a, alone_b) == comparable(b, a, alone_b, alone_a)
            assert differ(a, b) == differ(b, a)
            assert not differ(a, a)
