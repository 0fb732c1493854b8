"""Figures in claims: numbers with their units, normalised, and which ones disagree.

"40 percent" is the share 0.40; "nearly half" is the share 0.5, approximate (its range
0.45-0.5); "5.8 million", "11,000", "dozens" are counts; "170mm" a length; "$1.5bn"
money; "October 2024", "7 October", "the second quarter of 2025" dates. Every figure
carries a range (``low``, ``high``), so "around 11,000" and "11,000" agree while
"nearly half" and "40 percent" do not. The patterns are English news style; a figure
they miss is simply not compared.
"""

from __future__ import annotations

import calendar
import math
import re
from dataclasses import dataclass, replace

SHARE, COUNT, LENGTH, WEIGHT, MONEY, DATE = "share", "count", "length", "weight", "money", "date"


@dataclass(frozen=True)
class Figure:
    """One figure of a text. ``start``/``end`` are code points into that text."""

    start: int
    end: int
    text: str
    kind: str  # share, count, length, weight, money, date
    value: float | str  # a number, or for dates an ISO 8601 form ("2024-10", "--10-07")
    low: float
    high: float
    unit: str = ""  # "mm", "USD", "" for shares and counts
    approximate: bool = False
    measure: tuple[str, ...] = ()  # what a count counts: ("soldier",), ("shell", "artillery")

    def as_json(self) -> dict:
        return {"text": self.text, "start": self.start, "end": self.end, "kind": self.kind, "value": self.value,
                "low": _finite(self.low), "high": _finite(self.high), "unit": self.unit,
                "approximate": self.approximate, "measure": list(self.measure)}


def _finite(value: float) -> float | None:
    # JSON has no infinity: an open end ("more than 5,000") is null.
    return None if math.isinf(value) else value


# -- vocabulary --------------------------------------------------------------------------
_SMALL = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "a hundred": 100, "a thousand": 1000, "a dozen": 12, "a million": 1e6,
}
_SCALE = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "bn": 1e9, "tn": 1e12,
          "k": 1e3, "m": 1e6}
_FRACTIONS = {
    "half": 0.5, "a half": 0.5, "one half": 0.5, "a third": 1 / 3, "one third": 1 / 3, "one-third": 1 / 3,
    "two thirds": 2 / 3, "two-thirds": 2 / 3, "a quarter": 0.25, "one quarter": 0.25, "one-quarter": 0.25,
    "three quarters": 0.75, "three-quarters": 0.75, "a fifth": 0.2, "one fifth": 0.2, "a tenth": 0.1,
}
# Vague counts as ranges: "dozens" is at least two dozen and fewer than a hundred.
_VAGUE = {"dozens": (24, 99), "hundreds": (200, 999), "thousands": (2000, 9999), "scores": (40, 99),
          "tens of thousands": (20_000, 99_999), "hundreds of thousands": (200_000, 999_999),
          "millions": (2e6, 9.99e6), "a few": (2, 5), "several": (3, 9), "a handful": (2, 6)}
# An approximator turns a value v into a range (low factor, high factor) of v.
_APPROX = {
    "nearly": (0.9, 1.0), "almost": (0.9, 1.0), "just under": (0.9, 1.0), "close to": (0.9, 1.0),
    "around": (0.9, 1.1), "about": (0.9, 1.1), "roughly": (0.9, 1.1), "some": (0.9, 1.1),
    "approximately": (0.9, 1.1), "an estimated": (0.85, 1.15), "estimated": (0.85, 1.15), "up to": (0.0, 1.0),
    "more than": (1.0, math.inf), "over": (1.0, math.inf), "at least": (1.0, math.inf),
    "upwards of": (1.0, math.inf), "just over": (1.0, 1.1), "less than": (0.0, 1.0), "fewer than": (0.0, 1.0),
    "under": (0.0, 1.0), "as many as": (0.85, 1.0), "at most": (0.0, 1.0),
}
_LENGTH_UNITS = {"mm": 1e-3, "cm": 1e-2, "m": 1.0, "km": 1e3, "millimetre": 1e-3, "millimetres": 1e-3,
                 "millimeter": 1e-3, "millimeters": 1e-3, "kilometres": 1e3, "kilometers": 1e3, "kilometre": 1e3,
                 "kilometer": 1e3, "metres": 1.0, "meters": 1.0, "miles": 1609.344, "mile": 1609.344}
_WEIGHT_UNITS = {"kg": 1.0, "tons": 1000.0, "ton": 1000.0, "tonnes": 1000.0, "tonne": 1000.0, "t": 1000.0}
_CURRENCY = {"$": "USD", "€": "EUR", "£": "GBP", "₽": "RUB", "dollars": "USD", "euros": "EUR", "pounds": "GBP",
             "rubles": "RUB", "roubles": "RUB", "won": "KRW", "yuan": "CNY"}
_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9

# Words that say what is counted mean the same thing: soldiers are troops.
_SYNONYMS = {"troop": "soldier", "servicemen": "soldier", "serviceman": "soldier", "personnel": "soldier",
             "round": "shell", "munition": "shell", "projectile": "shell", "death": "casualty",
             "killed": "casualty", "labourer": "worker", "laborer": "worker", "ammunition": "shell"}
_NOT_MEASURE = {
    "of", "the", "a", "an", "and", "or", "to", "in", "on", "at", "by", "for", "from", "with", "were", "was",
    "are", "is", "had", "have", "has", "been", "being", "that", "which", "who", "them", "their", "its", "his",
    "her", "per", "than", "new", "more", "some", "other", "these", "those", "this", "it", "they",
}

_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_APPROX_RE = "|".join(sorted((re.escape(k) for k in _APPROX), key=len, reverse=True))
_MONTH_RE = "|".join(sorted((re.escape(k) for k in _MONTHS), key=len, reverse=True))
_WORDNUM_RE = "|".join(sorted((re.escape(k) for k in _SMALL), key=len, reverse=True))
_FRACTION_RE = "|".join(sorted((re.escape(k) for k in _FRACTIONS), key=len, reverse=True))
_VAGUE_RE = "|".join(sorted((re.escape(k) for k in _VAGUE), key=len, reverse=True))
_B, _E = r"(?<![\w.,])", r"(?!\w)"

_YEAR = r"(?P<year>(?:1[89]|20)\d{2})"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_PART = r"(?P<part>(?:early|mid|late)-?\s?)?"
_MONTH = r"(?P<month>" + _MONTH_RE + r")\.?"
_DATE_PATTERNS = [
    # 7 October 2024, 7 October
    ("dmy", re.compile(_B + _DAY + r"\s+" + _MONTH + r"(?:,?\s+" + _YEAR + ")?" + _E, re.IGNORECASE)),
    # October 7, 2024 / October 2024 / early October / mid-August 2024
    ("mdy", re.compile(_B + _PART + _MONTH + r"(?:\s+" + _DAY + r",?)?(?:\s+" + _YEAR + ")?" + _E, re.IGNORECASE)),
    ("quarter", re.compile(_B + r"(?:the\s+)?(?P<q>first|second|third|fourth)\s+quarter\s+of\s+" + _YEAR + _E,
                           re.IGNORECASE)),
    ("year", re.compile(_B + _PART + _YEAR + _E + r"(?![,.]\d)", re.IGNORECASE)),
]
_SCALES = r"thousand|million|billion|trillion|bn|tn"
_RATIO_WORDS = "|".join(w for w in _SMALL if " " not in w) + "|a hundred"
_MONEY_WORDS = r"dollars|euros|pounds|rubles|roubles|won|yuan"
_UNITS = r"mm|cm|km|kg|millimet(?:re|er)s?|kilomet(?:re|er)s?|metres|meters|miles?|tonnes?|tons?"
_FIGURE = re.compile(
    r"(?P<approx>(?<!\w)(?:" + _APPROX_RE + r")\s+)?"
    r"(?:"
    # one in five, 3 out of 10: a share (never "5 in 2024")
    r"(?<![\w.,-])(?P<ra>\d{1,3}|" + _RATIO_WORDS + r")\s+(?:in|out\s+of)\s+(?P<rb>\d{1,3}|" + _RATIO_WORDS + r")"
    + _E + r"(?![.,]\d)"
    # $1.5bn, €20 million
    + r"|(?P<currency>[$€£₽])\s?(?P<cnum>" + _NUM + r")\s?(?P<cscale>" + _SCALES + r"|k|m)?" + _E
    # 40 percent, 170mm, 5.8 million (dollars), 300 euros; never part of "Chonma-2" or "5.8.1"
    + r"|(?<![\w.,-])(?P<num>" + _NUM + r")(?:"
    r"\s?(?P<pct>%|percent|per cent|pc" + _E + r")"
    r"|\s?(?P<unit>" + _UNITS + r")" + _E
    + r"|\s?(?P<scale>" + _SCALES + r")" + _E + r"(?:\s(?P<money>" + _MONEY_WORDS + r")" + _E + r")?"
    r"|\s(?P<money2>" + _MONEY_WORDS + r")" + _E
    + r")?(?!\w)(?![.,]\d)"
    + r"|(?<!\w)(?P<vague>" + _VAGUE_RE + r")" + _E
    + r"|(?<!\w)(?P<fraction>" + _FRACTION_RE + r")" + _E
    + r"|(?<!\w)(?P<word>" + _WORDNUM_RE + r")(?:\s(?P<wpct>percent|per cent))?" + _E
    + r")",
    re.IGNORECASE,
)


def _number(text: str) -> float:
    return float(text.replace(",", ""))


def _measure(text: str, end: int, after_of: bool = False) -> tuple[str, ...]:
    """What a figure counts, in text order: the lower-case content words right after it
    (proper names such as "North Korean" say whose, not what), singular, synonyms
    folded; the last is the head ("artillery shells" -> ("artillery", "shell")). A share
    measures what follows its "of" ("40 percent of Russia's ammunition")."""
    words: list[str] = []
    seen_of = False
    for match in re.finditer(r"[\w’'-]+|[^\w\s]", text[end:end + 80]):
        word = match.group()
        lower = word.lower()
        if not word[0].isalnum():
            break
        if after_of and not words and not seen_of:
            if lower != "of":
                break  # "nearly half came": no "of", nothing said about what it is a share of
            seen_of = True
            continue
        if lower in _NOT_MEASURE:
            if words or not (after_of and lower in ("the", "its", "their")):
                break
            continue
        if word[0].isupper() or word[0].isdigit():
            if words:
                break
            continue
        if words and lower.endswith(("ed", "ing")):
            break  # a verb: "soldiers helped", "workers being dispatched"
        if lower.endswith("ies"):
            lower = lower[:-3] + "y"
        elif lower.endswith("s") and not lower.endswith(("ss", "us")):
            lower = lower[:-1]
        words.append(_SYNONYMS.get(lower, lower))
        if len(words) == 3:
            break
    return tuple(words)


def _date_figure(kind: str, m: re.Match) -> Figure | None:
    groups = m.groupdict()
    year = int(groups["year"]) if groups.get("year") else None
    part = (groups.get("part") or "").strip(" -").lower()
    if kind == "quarter":
        q = ("first", "second", "third", "fourth").index(groups["q"].lower())
        first, last = 3 * q + 1, 3 * q + 3
        low, high = _day(year, first, 1), _day(year, last, calendar.monthrange(year, last)[1])
        return Figure(m.start(), m.end(), m.group(), DATE, f"{year}-Q{q + 1}", low, high)
    if kind == "year":
        months = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}.get(part, (1, 12))
        low, high = _day(year, months[0], 1), _day(year, months[1], 31)
        return Figure(m.start(), m.end(), m.group(), DATE, str(year), low, high, approximate=bool(part))
    month = _MONTHS[groups["month"].lower().rstrip(".")]
    if groups["month"] == "May" and not (groups.get("day") or year):
        return None  # "May" alone is the verb far more often than the month
    if groups["month"].lower() in ("march", "may") and groups["month"].islower():
        return None
    day = int(groups["day"]) if groups.get("day") else None
    if day is not None and not 1 <= day <= 31:
        return None
    if year is None:
        # Without a year a date is compared by month and day only (on a leap year's calendar).
        base = 0
        value = f"--{month:02d}" + (f"-{day:02d}" if day else "")
    else:
        base = year
        value = f"{year}-{month:02d}" + (f"-{day:02d}" if day else "")
    last = calendar.monthrange(base or 2024, month)[1]
    if day:
        low = high = _day(base, month, min(day, last))
    else:
        span = {"early": (1, 10), "mid": (11, 20), "late": (21, last)}.get(part, (1, last))
        low, high = _day(base, month, span[0]), _day(base, month, span[1])
    return Figure(m.start(), m.end(), m.group(), DATE, value, low, high, approximate=bool(part))


_ANCHORS = {"since": "from", "from": "from", "after": "from", "starting": "from", "by": "by", "until": "by",
            "till": "by", "before": "by", "through": "by", "to": "by"}


def _date_anchor(text: str, start: int) -> str:
    """What a date marks, from the word before it: a start ("since 2023", "from late
    2024"), an end ("by April 2025") or a time ("in June 2024"); only alike ones compare."""
    before = re.findall(r"[^\W\d_]+", text[max(0, start - 40):start])
    words = [w.lower() for w in before[-4:]]
    # "since the summer of 2023" starts at 2023, though "of" is nearer.
    return next((_ANCHORS[w] for w in reversed(words) if w in _ANCHORS), "at")


def _day(year: int | None, month: int, day: int) -> float:
    # Dates as comparable numbers: yyyymmdd; a date without year has year 0.
    return float((year or 0) * 10_000 + month * 100 + day)


def figures(text: str) -> list[Figure]:
    """Every figure in ``text``, in text order, dates first where they overlap."""
    found: list[Figure] = []
    taken: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e in taken)

    for kind, pattern in _DATE_PATTERNS:
        for m in pattern.finditer(text):
            if not free(m.start(), m.end()):
                continue
            figure = _date_figure(kind, m)
            if figure:
                figure = replace(figure, measure=(_date_anchor(text, m.start()),))
                found.append(figure)
                taken.append((m.start(), m.end()))
    for m in _FIGURE.finditer(text):
        start = m.start()
        body_start = next(m.start(g) for g in ("currency", "num", "ra", "vague", "fraction", "word") if m.group(g))
        if not free(body_start, m.end()):
            continue
        approx = (m.group("approx") or "").strip().lower()
        if approx and not free(start, body_start):
            start, approx = body_start, ""
        figure = _figure(text, m, start, approx)
        if figure:
            found.append(figure)
            taken.append((figure.start, figure.end))
    found.sort(key=lambda f: (f.start, f.end))
    return found


def _figure(text: str, m: re.Match, start: int, approx: str) -> Figure | None:
    g = m.groupdict()
    end = m.end()
    unit, approximate = "", bool(approx)
    if g["currency"]:
        value = _number(g["cnum"]) * _SCALE.get((g["cscale"] or "").lower(), 1)
        kind, unit = MONEY, _CURRENCY[g["currency"]]
    elif g["num"]:
        value = _number(g["num"])
        if g["pct"]:
            kind, value = SHARE, value / 100
        elif g["unit"]:
            name = g["unit"].lower()
            if name in _LENGTH_UNITS:
                kind, unit, value = LENGTH, "m", value * _LENGTH_UNITS[name]
            else:
                kind, unit, value = WEIGHT, "kg", value * _WEIGHT_UNITS[name]
        elif g["money2"] or g["money"]:
            kind, unit = MONEY, _CURRENCY[(g["money2"] or g["money"]).lower()]
            value *= _SCALE.get((g["scale"] or "").lower(), 1)
        else:
            kind = COUNT
            value *= _SCALE.get((g["scale"] or "").lower(), 1)
            if re.fullmatch(r"(?:1[89]|20)\d{2}", g["num"]) and not approx:
                return None  # a bare year the date patterns left alone ("since 2022" is taken there)
    elif g["ra"]:
        part, whole = (_number(x) if x[0].isdigit() else _SMALL[x.lower()] for x in (g["ra"], g["rb"]))
        if not whole or part > whole:
            return None
        kind, value = SHARE, part / whole
    elif g["vague"]:
        low, high = _VAGUE[g["vague"].lower()]
        return Figure(start, end, text[start:end], COUNT, (low + high) / 2, low, high, approximate=True,
                      measure=_measure(text, end))
    elif g["fraction"]:
        kind, value = SHARE, _FRACTIONS[g["fraction"].lower()]
        # "a third contingent", "the first half of 2025": a fraction is a share only of something.
        if not approx and not re.match(r"\s+(?:of|the)\b", text[end:]) \
                or re.search(r"(?:first|second|last)\s+$", text[:start]):
            return None
    else:
        value = _SMALL[g["word"].lower()]
        if g["wpct"]:
            kind, value = SHARE, value / 100
        else:
            kind = COUNT
            if value < 2 and not approx:
                return None  # "one of the", "a million reasons": too often not a figure
    low_factor, high_factor = _APPROX.get(approx, (1.0, 1.0))
    low, high = value * low_factor, value * high_factor
    measure = _measure(text, end, after_of=kind == SHARE) if kind in (COUNT, SHARE) else ()
    return Figure(start, end, text[start:end], kind, value, low, high, unit, approximate, measure)


def comparable(a: Figure, b: Figure, a_alone: bool = False, b_alone: bool = False) -> bool:
    """Whether two figures measure the same thing: same kind and unit, and for counts the
    same counted words, unless each is the only figure of its kind in its claim (inside
    one cluster the claims are about the same thing, so their one figure is too)."""
    if a.kind != b.kind or a.unit != b.unit:
        return False
    if a.kind == COUNT and not (a_alone and b_alone):
        return bool(a.measure and b.measure and a.measure[-1] == b.measure[-1])
    if a.kind == DATE:
        return a.measure == b.measure  # both starts, both ends or both times
    return a.kind != SHARE or (a_alone and b_alone) or bool(set(a.measure) & set(b.measure))


def differ(a: Figure, b: Figure) -> bool:
    """Whether two comparable figures disagree: their ranges do not meet."""
    low_a, high_a, low_b, high_b = a.low, a.high, b.low, b.high
    if a.kind == DATE and (low_a < 10_000) != (low_b < 10_000):
        low_a, high_a, low_b, high_b = low_a % 10_000, high_a % 10_000, low_b % 10_000, high_b % 10_000
    tolerance = 1e-9 * max(abs(high_a), abs(high_b), 1.0) if not (math.isinf(high_a) or math.isinf(high_b)) else 0
    return high_a + tolerance < low_b or high_b + tolerance < low_a


def _amount(value: float) -> str:
    return f"{value:,.0f}" if value == int(value) else f"{value:,.3f}".rstrip("0").rstrip(".")


def describe(figure: Figure) -> str:
    """A short normalised reading: "40%", "≈50%", "5,800,000 artillery shell", "> 5,000 soldier"."""
    if figure.kind == DATE:
        return ("≈" if figure.approximate else "") + str(figure.value)

    def amount(value: float) -> str:
        return f"{value * 100:.3g}" if figure.kind == SHARE else _amount(value)

    if math.isinf(figure.high):
        body = "> " + amount(figure.low)
    elif figure.low == 0 and figure.high:
        body = "< " + amount(figure.high)
    elif figure.low and figure.high / figure.low > 1.3:
        body = f"{amount(figure.low)}–{amount(figure.high)}"
    else:
        body = ("≈" if figure.approximate else "") + amount(float(figure.value))
    if figure.kind == SHARE:
        return body + "%"
    if figure.kind == LENGTH and figure.unit == "m" and figure.high < 1:
        # 170mm reads as 170 mm, not 0.17 m (and 0.5 mm as 0.5 mm: converted once, not again).
        return describe(Figure(**{**figure.__dict__, "value": float(figure.value) * 1000, "low": figure.low * 1000,
                                  "high": figure.high * 1000, "unit": "mm"}))
    unit = figure.unit if figure.kind != COUNT else " ".join(figure.measure)
    return f"{body} {unit}".strip()
