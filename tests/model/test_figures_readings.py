"""Every word the figure reader knows, read to its exact range: the README's promise that
"40 percent" is 0.40, "nearly half" 0.45-0.5, "dozens" 24-99, "$1.5bn" money, dates as days,
and that figures differ exactly when their ranges do not meet."""

from __future__ import annotations

import math

import pytest

from tui.model.figures import COUNT, DATE, LENGTH, MONEY, SHARE, WEIGHT, Figure, comparable, describe, differ, figures

INF = math.inf


def one(text: str) -> Figure:
    found = figures(text)
    assert len(found) == 1, found
    return found[0]


def reading(text: str) -> tuple:
    f = one(text)
    assert text[f.start:f.end] == f.text
    return (f.text, f.kind, f.value, f.low, f.high, f.unit, f.approximate, f.measure)


def check(text: str, expected: tuple) -> None:
    got = reading(text)
    assert got[:2] == expected[:2] and got[5:] == expected[5:], got
    assert got[2:5] == pytest.approx(expected[2:5]) if not isinstance(expected[2], str) else got[2:5] == expected[2:5]


# (phrase, (figure text, kind, value, low, high, unit, approximate, measure))
WORD_COUNTS = [
    ("about one soldier", ("about one", COUNT, 1, 0.9, 1.1, "", True, ("soldier",))),
    ("two soldiers", ("two", COUNT, 2, 2, 2, "", False, ("soldier",))),
    ("three soldiers", ("three", COUNT, 3, 3, 3, "", False, ("soldier",))),
    ("four soldiers", ("four", COUNT, 4, 4, 4, "", False, ("soldier",))),
    ("five soldiers", ("five", COUNT, 5, 5, 5, "", False, ("soldier",))),
    ("six soldiers", ("six", COUNT, 6, 6, 6, "", False, ("soldier",))),
    ("seven soldiers", ("seven", COUNT, 7, 7, 7, "", False, ("soldier",))),
    ("eight soldiers", ("eight", COUNT, 8, 8, 8, "", False, ("soldier",))),
    ("nine soldiers", ("nine", COUNT, 9, 9, 9, "", False, ("soldier",))),
    ("ten soldiers", ("ten", COUNT, 10, 10, 10, "", False, ("soldier",))),
    ("eleven soldiers", ("eleven", COUNT, 11, 11, 11, "", False, ("soldier",))),
    ("twelve soldiers", ("twelve", COUNT, 12, 12, 12, "", False, ("soldier",))),
    ("fifteen soldiers", ("fifteen", COUNT, 15, 15, 15, "", False, ("soldier",))),
    ("twenty soldiers", ("twenty", COUNT, 20, 20, 20, "", False, ("soldier",))),
    ("thirty soldiers", ("thirty", COUNT, 30, 30, 30, "", False, ("soldier",))),
    ("forty soldiers", ("forty", COUNT, 40, 40, 40, "", False, ("soldier",))),
    ("fifty soldiers", ("fifty", COUNT, 50, 50, 50, "", False, ("soldier",))),
    ("a hundred soldiers", ("a hundred", COUNT, 100, 100, 100, "", False, ("soldier",))),
    ("a thousand soldiers", ("a thousand", COUNT, 1000, 1000, 1000, "", False, ("soldier",))),
    ("a dozen soldiers", ("a dozen", COUNT, 12, 12, 12, "", False, ("soldier",))),
    ("a million soldiers", ("a million", COUNT, 1e6, 1e6, 1e6, "", False, ("soldier",))),
    ("forty percent of shells", ("forty percent", SHARE, 0.4, 0.4, 0.4, "", False, ("shell",))),
    ("twenty per cent of shells", ("twenty per cent", SHARE, 0.2, 0.2, 0.2, "", False, ("shell",))),
]

SCALES_AND_MONEY = [
    ("5 thousand shells", ("5 thousand", COUNT, 5e3, 5e3, 5e3, "", False, ("shell",))),
    ("5 million shells", ("5 million", COUNT, 5e6, 5e6, 5e6, "", False, ("shell",))),
    ("5 billion shells", ("5 billion", COUNT, 5e9, 5e9, 5e9, "", False, ("shell",))),
    ("5 trillion shells", ("5 trillion", COUNT, 5e12, 5e12, 5e12, "", False, ("shell",))),
    ("5bn shells", ("5bn", COUNT, 5e9, 5e9, 5e9, "", False, ("shell",))),
    ("5tn shells", ("5tn", COUNT, 5e12, 5e12, 5e12, "", False, ("shell",))),
    ("5,000 shells", ("5,000", COUNT, 5e3, 5e3, 5e3, "", False, ("shell",))),
    ("$5k", ("$5k", MONEY, 5e3, 5e3, 5e3, "USD", False, ())),
    ("$5m", ("$5m", MONEY, 5e6, 5e6, 5e6, "USD", False, ())),
    ("$5", ("$5", MONEY, 5, 5, 5, "USD", False, ())),
    ("$1.5bn", ("$1.5bn", MONEY, 1.5e9, 1.5e9, 1.5e9, "USD", False, ())),
    ("€20 million", ("€20 million", MONEY, 2e7, 2e7, 2e7, "EUR", False, ())),
    ("€5", ("€5", MONEY, 5, 5, 5, "EUR", False, ())),
    ("£5", ("£5", MONEY, 5, 5, 5, "GBP", False, ())),
    ("₽5", ("₽5", MONEY, 5, 5, 5, "RUB", False, ())),
    ("5 dollars", ("5 dollars", MONEY, 5, 5, 5, "USD", False, ())),
    ("5 euros", ("5 euros", MONEY, 5, 5, 5, "EUR", False, ())),
    ("5 pounds", ("5 pounds", MONEY, 5, 5, 5, "GBP", False, ())),
    ("5 rubles", ("5 rubles", MONEY, 5, 5, 5, "RUB", False, ())),
    ("5 roubles", ("5 roubles", MONEY, 5, 5, 5, "RUB", False, ())),
    ("5 won", ("5 won", MONEY, 5, 5, 5, "KRW", False, ())),
    ("5 yuan", ("5 yuan", MONEY, 5, 5, 5, "CNY", False, ())),
    ("5 million euros", ("5 million euros", MONEY, 5e6, 5e6, 5e6, "EUR", False, ())),
    ("about $5", ("about $5", MONEY, 5, 4.5, 5.5, "USD", True, ())),
]

FRACTIONS = [
    ("half of the shells", ("half", SHARE, 0.5, 0.5, 0.5, "", False, ("shell",))),
    ("a half of the shells", ("a half", SHARE, 0.5, 0.5, 0.5, "", False, ("shell",))),
    ("one half of the shells", ("one half", SHARE, 0.5, 0.5, 0.5, "", False, ("shell",))),
    ("a third of the shells", ("a third", SHARE, 1 / 3, 1 / 3, 1 / 3, "", False, ("shell",))),
    ("one third of the shells", ("one third", SHARE, 1 / 3, 1 / 3, 1 / 3, "", False, ("shell",))),
    ("one-third of the shells", ("one-third", SHARE, 1 / 3, 1 / 3, 1 / 3, "", False, ("shell",))),
    ("two thirds of the shells", ("two thirds", SHARE, 2 / 3, 2 / 3, 2 / 3, "", False, ("shell",))),
    ("two-thirds of the shells", ("two-thirds", SHARE, 2 / 3, 2 / 3, 2 / 3, "", False, ("shell",))),
    ("a quarter of the shells", ("a quarter", SHARE, 0.25, 0.25, 0.25, "", False, ("shell",))),
    ("one quarter of the shells", ("one quarter", SHARE, 0.25, 0.25, 0.25, "", False, ("shell",))),
    ("one-quarter of the shells", ("one-quarter", SHARE, 0.25, 0.25, 0.25, "", False, ("shell",))),
    ("three quarters of the shells", ("three quarters", SHARE, 0.75, 0.75, 0.75, "", False, ("shell",))),
    ("three-quarters of the shells", ("three-quarters", SHARE, 0.75, 0.75, 0.75, "", False, ("shell",))),
    ("a fifth of the shells", ("a fifth", SHARE, 0.2, 0.2, 0.2, "", False, ("shell",))),
    ("one fifth of the shells", ("one fifth", SHARE, 0.2, 0.2, 0.2, "", False, ("shell",))),
    ("a tenth of the shells", ("a tenth", SHARE, 0.1, 0.1, 0.1, "", False, ("shell",))),
    ("half the shells", ("half", SHARE, 0.5, 0.5, 0.5, "", False, ())),
    ("nearly half came", ("nearly half", SHARE, 0.5, 0.45, 0.5, "", True, ())),
    ("one in five shells", ("one in five", SHARE, 0.2, 0.2, 0.2, "", False, ())),
    ("3 out of 10 shells", ("3 out of 10", SHARE, 0.3, 0.3, 0.3, "", False, ())),
    ("one in a hundred", ("one in a hundred", SHARE, 0.01, 0.01, 0.01, "", False, ())),
    ("40 pc of shells", ("40 pc", SHARE, 0.4, 0.4, 0.4, "", False, ("shell",))),
    ("40% of the shells", ("40%", SHARE, 0.4, 0.4, 0.4, "", False, ("shell",))),
]

VAGUE = [
    ("dozens of shells", ("dozens", COUNT, 61.5, 24, 99, "", True, ())),
    ("hundreds of shells", ("hundreds", COUNT, 599.5, 200, 999, "", True, ())),
    ("thousands of shells", ("thousands", COUNT, 5999.5, 2000, 9999, "", True, ())),
    ("scores of shells", ("scores", COUNT, 69.5, 40, 99, "", True, ())),
    ("tens of thousands of shells", ("tens of thousands", COUNT, 59999.5, 20_000, 99_999, "", True, ())),
    ("hundreds of thousands of shells", ("hundreds of thousands", COUNT, 599999.5, 200_000, 999_999, "", True, ())),
    ("millions of shells", ("millions", COUNT, 5.995e6, 2e6, 9.99e6, "", True, ())),
    ("a few shells", ("a few", COUNT, 3.5, 2, 5, "", True, ("shell",))),
    ("several shells", ("several", COUNT, 6, 3, 9, "", True, ("shell",))),
    ("a handful of shells", ("a handful", COUNT, 4, 2, 6, "", True, ())),
]

APPROXIMATORS = [
    (word, (f"{word} 100", COUNT, 100, low, high, "", True, ("shell",)))
    for word, low, high in [
        ("nearly", 90, 100), ("almost", 90, 100), ("just under", 90, 100), ("close to", 90, 100),
        ("around", 90, 110), ("about", 90, 110), ("roughly", 90, 110), ("some", 90, 110),
        ("approximately", 90, 110), ("an estimated", 85, 115), ("estimated", 85, 115), ("up to", 0, 100),
        ("more than", 100, INF), ("over", 100, INF), ("at least", 100, INF), ("upwards of", 100, INF),
        ("just over", 100, 110), ("less than", 0, 100), ("fewer than", 0, 100), ("under", 0, 100),
        ("as many as", 85, 100), ("at most", 0, 100),
    ]
]

UNITS = [
    ("5 mm", ("5 mm", LENGTH, 0.005, 0.005, 0.005, "m", False, ())),
    ("5 cm", ("5 cm", LENGTH, 0.05, 0.05, 0.05, "m", False, ())),
    ("5 km", ("5 km", LENGTH, 5000, 5000, 5000, "m", False, ())),
    ("5 millimetre", ("5 millimetre", LENGTH, 0.005, 0.005, 0.005, "m", False, ())),
    ("5 millimetres", ("5 millimetres", LENGTH, 0.005, 0.005, 0.005, "m", False, ())),
    ("5 millimeter", ("5 millimeter", LENGTH, 0.005, 0.005, 0.005, "m", False, ())),
    ("5 millimeters", ("5 millimeters", LENGTH, 0.005, 0.005, 0.005, "m", False, ())),
    ("5 kilometres", ("5 kilometres", LENGTH, 5000, 5000, 5000, "m", False, ())),
    ("5 kilometers", ("5 kilometers", LENGTH, 5000, 5000, 5000, "m", False, ())),
    ("5 kilometre", ("5 kilometre", LENGTH, 5000, 5000, 5000, "m", False, ())),
    ("5 kilometer", ("5 kilometer", LENGTH, 5000, 5000, 5000, "m", False, ())),
    ("5 metres", ("5 metres", LENGTH, 5, 5, 5, "m", False, ())),
    ("5 meters", ("5 meters", LENGTH, 5, 5, 5, "m", False, ())),
    ("5 miles", ("5 miles", LENGTH, 8046.72, 8046.72, 8046.72, "m", False, ())),
    ("1 mile", ("1 mile", LENGTH, 1609.344, 1609.344, 1609.344, "m", False, ())),
    ("170mm", ("170mm", LENGTH, 0.17, 0.17, 0.17, "m", False, ())),
    ("5 kg", ("5 kg", WEIGHT, 5, 5, 5, "kg", False, ())),
    ("5 tons", ("5 tons", WEIGHT, 5000, 5000, 5000, "kg", False, ())),
    ("1 ton", ("1 ton", WEIGHT, 1000, 1000, 1000, "kg", False, ())),
    ("5 tonnes", ("5 tonnes", WEIGHT, 5000, 5000, 5000, "kg", False, ())),
    ("1 tonne", ("1 tonne", WEIGHT, 1000, 1000, 1000, "kg", False, ())),
]


@pytest.mark.parametrize("text, expected", WORD_COUNTS + SCALES_AND_MONEY + FRACTIONS + VAGUE + UNITS)
def test_each_known_phrase_reads_to_its_exact_range(text, expected):
    check(text, expected)


@pytest.mark.parametrize("word, expected", APPROXIMATORS)
def test_each_approximator_widens_the_range_as_documented(word, expected):
    check(f"{word} 100 shells", expected)


@pytest.mark.parametrize("text, measure", [
    ("500 troops", ("soldier",)), ("500 servicemen", ("soldier",)), ("1 serviceman", ("soldier",)),
    ("500 personnel", ("soldier",)), ("500 rounds", ("shell",)), ("500 munitions", ("shell",)),
    ("500 projectiles", ("shell",)), ("500 deaths", ("casualty",)), ("500 killed", ("casualty",)),
    ("500 labourers", ("worker",)), ("500 laborers", ("worker",)), ("500 ammunition", ("shell",)),
    ("500 batteries", ("battery",)), ("500 bonus", ("bonus",)), ("500 glass", ("glass",)),
    ("500 Russian soldiers", ("soldier",)), ("500 soldiers helped", ("soldier",)),
    ("500 soldiers being sent", ("soldier",)), ("500 soldiers sending", ("soldier",)),
    ("500 artillery shells, rockets", ("artillery", "shell")),
    ("500 big heavy artillery shells", ("big", "heavy", "artillery")),  # at most three words
    ("500 shells North Korea sent", ("shell",)), ("500 1st shells", ("shell",)),
    ("40 percent of the shells", ("shell",)), ("40 percent of its shells", ("shell",)),
    ("40 percent of their shells", ("shell",)), ("40 percent of Russia's shells", ("shell",)),
    ("40 percent of new shells", ()), ("40 percent shells", ()),
])
def test_what_a_figure_counts(text, measure):
    assert one(text).measure == measure


# Each of these words ends what a count measures ("500 shells of ..." counts shells).
STOP_WORDS = ["of", "the", "a", "an", "and", "or", "to", "in", "on", "at", "by", "for", "from", "with", "were",
              "was", "are", "is", "had", "have", "has", "been", "being", "that", "which", "who", "them", "their",
              "its", "his", "her", "per", "than", "new", "more", "some", "other", "these", "those", "this", "it",
              "they"]


@pytest.mark.parametrize("word", STOP_WORDS)
def test_a_function_word_ends_what_is_counted(word):
    assert one(f"500 shells {word} stuff").measure == ("shell",)
    assert one(f"500 {word} stuff").measure == ()


DATES = [
    ("7 October 2024", ("7 October 2024", DATE, "2024-10-07", 20241007, 20241007, "", False, ("at",))),
    ("7th October", ("7th October", DATE, "--10-07", 1007, 1007, "", False, ("at",))),
    ("October 7, 2024", ("October 7, 2024", DATE, "2024-10-07", 20241007, 20241007, "", False, ("at",))),
    ("October 2024", ("October 2024", DATE, "2024-10", 20241001, 20241031, "", False, ("at",))),
    ("early October", ("early October", DATE, "--10", 1001, 1010, "", True, ("at",))),
    ("mid October", ("mid October", DATE, "--10", 1011, 1020, "", True, ("at",))),
    ("mid-August 2024", ("mid-August 2024", DATE, "2024-08", 20240811, 20240820, "", True, ("at",))),
    ("late September 2023", ("late September 2023", DATE, "2023-09", 20230921, 20230930, "", True, ("at",))),
    ("late February 2023", ("late February 2023", DATE, "2023-02", 20230221, 20230228, "", True, ("at",))),
    ("February 2024", ("February 2024", DATE, "2024-02", 20240201, 20240229, "", False, ("at",))),
    ("February 2023", ("February 2023", DATE, "2023-02", 20230201, 20230228, "", False, ("at",))),
    ("in February", ("February", DATE, "--02", 201, 229, "", False, ("at",))),  # a leap year's calendar
    ("on 30 February", ("30 February", DATE, "--02-30", 229, 229, "", False, ("at",))),
    ("the first quarter of 2025", ("the first quarter of 2025", DATE, "2025-Q1", 20250101, 20250331, "", False,
                                   ("at",))),
    ("second quarter of 2025", ("second quarter of 2025", DATE, "2025-Q2", 20250401, 20250630, "", False, ("at",))),
    ("the third quarter of 2024", ("the third quarter of 2024", DATE, "2024-Q3", 20240701, 20240930, "", False,
                                   ("at",))),
    ("the fourth quarter of 2024", ("the fourth quarter of 2024", DATE, "2024-Q4", 20241001, 20241231, "", False,
                                    ("at",))),
    ("early 2024", ("early 2024", DATE, "2024", 20240101, 20240431, "", True, ("at",))),
    ("mid-2024", ("mid-2024", DATE, "2024", 20240501, 20240831, "", True, ("at",))),
    ("late 2024", ("late 2024", DATE, "2024", 20240901, 20241231, "", True, ("at",))),
    ("in 2024", ("2024", DATE, "2024", 20240101, 20241231, "", False, ("at",))),
    ("in 1899", ("1899", DATE, "1899", 18990101, 18991231, "", False, ("at",))),
    ("Jan 2024", ("Jan 2024", DATE, "2024-01", 20240101, 20240131, "", False, ("at",))),
    ("Sept 2024", ("Sept 2024", DATE, "2024-09", 20240901, 20240930, "", False, ("at",))),
    ("Sep. 2024", ("Sep. 2024", DATE, "2024-09", 20240901, 20240930, "", False, ("at",))),
    ("May 2024", ("May 2024", DATE, "2024-05", 20240501, 20240531, "", False, ("at",))),
    ("on 3 May", ("3 May", DATE, "--05-03", 503, 503, "", False, ("at",))),
    ("in March", ("March", DATE, "--03", 301, 331, "", False, ("at",))),
]


@pytest.mark.parametrize("text, expected", DATES)
def test_each_date_form_reads_to_its_days(text, expected):
    check(text, expected)


@pytest.mark.parametrize("text", ["the May figure", "he may go", "they march on", "we may", "in 1799 alone"])
def test_words_that_look_like_dates_are_not_dates(text):
    assert [f for f in figures(text) if f.kind == DATE] == []


def test_a_day_past_the_end_of_any_month_is_no_date():
    assert [f.kind for f in figures("32 October")] == [COUNT, DATE]
    dates = [f for f in figures("on 32 October") if f.kind == DATE]
    assert [(d.text, d.value) for d in dates] == [("October", "--10")]


@pytest.mark.parametrize("text, anchor", [
    ("since 2022", "from"), ("from 2022", "from"), ("after 2022", "from"), ("starting 2022", "from"),
    ("by 2022", "by"), ("until 2022", "by"), ("till 2022", "by"), ("before 2022", "by"), ("through 2022", "by"),
    ("to 2022", "by"), ("in 2022", "at"), ("2022", "at"), ("since the summer of 2023", "from"),
    ("since a b c d 2023", "at"),  # more than four words back says nothing
    ("since a b c 2023", "from"),
])
def test_what_a_date_marks_comes_from_the_words_before_it(text, anchor):
    assert one(text).measure == (anchor,)


@pytest.mark.parametrize("text", [
    "1.5.1 release", "Chonma-2", "a third contingent", "the first half of 2025", "one of them",
    "4 in 3", "the last half", "2024", "5 in 0",
])
def test_phrases_that_give_no_figure_other_than_a_date(text):
    assert [f for f in figures(text) if f.kind != DATE] == []


def test_a_number_before_a_year_is_no_ratio():
    assert [(f.text, f.kind) for f in figures("5 in 2024")] == [("5", COUNT), ("2024", DATE)]


def test_none_in_five_is_a_share_of_nothing():
    assert reading("0 in 5") == ("0 in 5", SHARE, 0.0, 0.0, 0.0, "", False, ())


def test_an_approximator_already_taken_by_a_date_is_not_reused():
    found = figures("by 7 October about 5 shells")
    assert [(f.text, f.kind) for f in found] == [("7 October", DATE), ("about 5", COUNT)]


def test_figures_come_in_text_order_with_exact_offsets():
    text = "In October 2024 some 15,000 troops and 40 percent of shells, $1.5bn."
    found = figures(text)
    assert [f.text for f in found] == ["October 2024", "some 15,000", "40 percent", "$1.5bn"]
    assert all(text[f.start:f.end] == f.text for f in found)
    assert [f.start for f in found] == [3, 16, 39, text.index("$")]


@pytest.mark.parametrize("a, b, expected", [
    ("40 percent of shells", "50 percent of shells", True),
    ("40 percent of shells", "40 percent of shells", False),
    ("nearly half of shells", "45 percent of shells", False),  # 0.45 is the low end: ranges meet
    ("nearly half of shells", "44 percent of shells", True),
    ("nearly half of shells", "51 percent of shells", True),
    ("about 100 shells", "110 shells", False), ("about 100 shells", "111 shells", True),
    ("about 100 shells", "90 shells", False), ("about 100 shells", "89 shells", True),
    ("more than 100 shells", "1,000,000 shells", False), ("more than 100 shells", "99 shells", True),
    ("fewer than 100 shells", "1 shell", False), ("fewer than 100 shells", "101 shells", True),
    ("on 7 October", "on 7 October 2024", False),  # no year: compared by month and day
    ("on 7 October", "on 8 October 2024", True),
    ("in October", "on 31 October 2024", False), ("in October", "on 1 November 2024", True),
    ("in 2024", "in 2024", False), ("in 2024", "in 2025", True),
    ("$1.5bn", "$1.5 billion", False), ("$1.5bn", "$2bn", True),
])
def test_figures_differ_exactly_when_their_ranges_do_not_meet(a, b, expected):
    fa, fb = one(a), one(b)
    assert differ(fa, fb) is expected and differ(fb, fa) is expected


def figure(kind=COUNT, low=1.0, high=1.0, unit="", measure=(), value=1.0, approximate=False):
    return Figure(0, 1, "x", kind, value, low, high, unit, approximate, measure)


def test_tiny_rounding_is_not_a_difference_but_a_real_gap_is():
    assert not differ(figure(low=1.0, high=1.0), figure(low=1.0 + 1e-12, high=1.0 + 1e-12))
    assert differ(figure(low=1.0, high=1.0), figure(low=1.0 + 1e-6, high=1.0 + 1e-6))
    big = 1e12
    assert not differ(figure(low=big, high=big), figure(low=big + 100, high=big + 100))  # relative tolerance
    assert differ(figure(low=big, high=big), figure(low=big + 10_000, high=big + 10_000))
    assert not differ(figure(low=-5.0, high=-5.0), figure(low=-5.0, high=-5.0))
    assert differ(figure(low=0.0, high=math.inf), figure(low=-2.0, high=-1.0))


def test_comparable_needs_the_same_kind_unit_and_thing():
    shells, rounds, soldiers = one("500 shells"), one("600 artillery rounds"), one("500 soldiers")
    assert comparable(shells, rounds)  # the head word decides: rounds are shells
    assert not comparable(shells, soldiers)
    assert comparable(shells, soldiers, True, True)
    assert not comparable(shells, soldiers, True, False) and not comparable(shells, soldiers, False, True)
    bare = one("500 of them")
    assert not comparable(bare, bare) and comparable(bare, bare, True, True)
    assert not comparable(one("$5"), one("€5"), True, True)  # same kind, different unit
    assert not comparable(one("5 km"), one("5 kg"), True, True)
    assert comparable(one("5 km"), one("5 miles"))
    a, b = one("40 percent of shells"), one("half of the rounds")
    assert comparable(a, b)
    c = one("40 percent of soldiers")
    assert not comparable(a, c) and comparable(a, c, True, True) and not comparable(a, c, True, False)
    assert comparable(one("in 2024"), one("in 2025"), False, False)  # dates: the same anchor is enough
    assert not comparable(one("in 2024"), one("by 2025"), True, True)


@pytest.mark.parametrize("text, expected", [
    ("nearly half of rounds", "≈50%"), ("40 percent of rounds", "40%"), ("5.8 million shells", "5,800,000 shell"),
    ("more than 6 million shells", "> 6,000,000 shell"), ("fewer than 2,000 of them", "< 2,000"),
    ("dozens of shells", "24–99"), ("several shells", "3–9 shell"), ("an estimated 100 shells", "85–115 shell"),
    ("around 100 shells", "≈100 shell"), ("100 shells", "100 shell"), ("1.25 shells", "1.25 shell"),
    ("1.5 shells", "1.5 shell"), ("1.2345 shells", "1.234 shell"), ("170mm", "170 mm"), ("5 cm", "50 mm"),
    ("5 km", "5,000 m"), ("5 metres", "5 m"), ("5 kg", "5 kg"), ("$1.5bn", "1,500,000,000 USD"),
    ("about $5", "≈5 USD"), ("in October 2024", "2024-10"), ("early October", "≈--10"), ("a third of it", "33.3%"),
    ("more than 40 percent of shells", "> 40%"), ("up to 40 percent of shells", "< 40%"),
    ("an estimated 100mm", "85–115 mm"), ("under 0.5 mm", "< 0.5 mm"), ("0.5 mm", "0.5 mm"), ("0.05 mm", "0.05 mm"), ("about a third of it", "≈33.3%"), ("2,000.5 shells", "2,000.5 shell"),
])
def test_each_figure_has_a_short_reading(text, expected):
    assert describe(one(text)) == expected


def test_a_range_that_close_reads_as_one_figure_and_a_wider_one_as_a_range():
    assert describe(figure(low=100.0, high=130.0, value=115.0)) == "115"
    assert describe(figure(low=100.0, high=131.0, value=115.0)) == "100–131"
    assert describe(figure(low=0.0, high=0.0, value=0.0)) == "0"


def test_json_of_a_figure_has_no_infinity():
    data = one("more than 6 million shells").as_json()
    assert data == {"text": "more than 6 million", "start": 0, "end": 19, "kind": COUNT, "value": 6e6,
                    "low": 6e6, "high": None, "unit": "", "approximate": True, "measure": ["shell"]}
    assert one("5 kg").as_json()["high"] == 5.0


@pytest.mark.parametrize("text, figure_text, value, low, high", [
    ("on 1 October", "1 October", "--10-01", 1001, 1001),
    ("on 31 October", "31 October", "--10-31", 1031, 1031),
    ("on 31 September", "31 September", "--09-31", 930, 930),  # no such day: the month's last
    ("on 31st October 2024", "31st October 2024", "2024-10-31", 20241031, 20241031),
    ("on 2nd March", "2nd March", "--03-02", 302, 302),
    ("on 3rd March", "3rd March", "--03-03", 303, 303),
    ("October 7 2024", "October 7 2024", "2024-10-07", 20241007, 20241007),
])
def test_days_of_the_month(text, figure_text, value, low, high):
    check(text, (figure_text, DATE, value, low, high, "", False, ("at",)))


def test_a_year_inside_a_sentence_has_its_own_offsets():
    year = one("in 2024 alone")
    assert (year.start, year.end, year.text) == (3, 7, "2024")


def test_day_zero_is_not_a_day():
    assert [(f.text, f.kind) for f in figures("on 0 October")] == [("0", COUNT), ("October", DATE)]


@pytest.mark.parametrize("text", ["in may 2024", "in early May", "in march"])
def test_may_and_march_are_months_only_when_written_as_months(text):
    assert all(f.text.isdigit() for f in figures(text))


def test_a_date_anchor_is_one_of_the_last_few_words_before_it():
    assert one("since that long ago, many many words away 2023").measure == ("at",)


def test_a_quarter_inside_a_sentence_has_its_own_offsets():
    text = "Deliveries by the second quarter of 2025 reached 500 shells."
    quarter, shells = figures(text)
    assert (quarter.start, quarter.end) == (14, 40) and text[14:40] == quarter.text == "the second quarter of 2025"
    assert quarter.measure == ("by",) and shells.text == "500"


def test_a_figure_right_after_a_date_is_still_read():
    assert [(f.text, f.kind) for f in figures("in October 2024$5")] == [("October 2024", DATE), ("$5", MONEY)]


def test_a_date_form_that_overlaps_an_earlier_date_does_not_hide_later_ones():
    # "October 2024" inside "7 October 2024" is skipped; "March 2023" after it is still a month.
    found = figures("7 October 2024 and March 2023")
    assert [(f.text, f.value) for f in found] == [("7 October 2024", "2024-10-07"), ("March 2023", "2023-03")]


def test_all_of_them_is_a_whole_share():
    assert reading("5 out of 5 shells") == ("5 out of 5", SHARE, 1.0, 1.0, 1.0, "", False, ())


def test_only_counts_and_shares_say_what_they_measure():
    assert one("$5 bonus").measure == () and one("170mm guns").measure == () and one("5 kg rice").measure == ()


def test_each_figure_is_alone_only_when_the_caller_says_so():
    engineers, experts = one("500 engineers"), one("600 experts")
    assert not comparable(engineers, experts, True) and not comparable(engineers, experts, b_alone=True)


@pytest.mark.parametrize("a, b, expected", [
    ("more than 100 shells", "fewer than 100 shells", False),  # the open ranges meet at 100
    ("on 7 October", "on 6 October 2024", True),
])
def test_more_ranges_that_meet_or_not(a, b, expected):
    fa, fb = one(a), one(b)
    assert differ(fa, fb) is expected and differ(fb, fa) is expected


def test_the_rounding_allowance_follows_the_larger_figure_whichever_side_it_is_on():
    small, huge = figure(low=0.0, high=1.0), figure(low=1.0005, high=1e12)
    assert not differ(small, huge) and not differ(huge, small)
