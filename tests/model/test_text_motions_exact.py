"""Exact answers of the text helpers on small strings: newline styles, context, trimming,
grapheme clusters, the vim motions (w, b, e, f, t), the word under the cursor, time stamps,
ids and display safety. Each case is a string and a position in, an exact offset out."""

from __future__ import annotations

import re
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.model import text as text_module
from tui.model.text import (
    CONTEXT_CHARS,
    cluster_end,
    cluster_start,
    context,
    default_annotator,
    excerpt,
    find_char,
    later_than,
    new_id,
    next_cluster,
    next_word_start,
    normalise_newlines,
    previous_cluster,
    previous_word_start,
    safe_for_display,
    snap_span,
    trim_span,
    utc_now,
    word_at,
    word_end,
)

FAMILY = "👨\u200d👩\u200d👧\u200d👦"  # 7 code points, one cluster


# Newlines -----------------------------------------------------------------------------------
def _expected_style(raw: str) -> str:
    crlf = len(re.findall(r"\r\n", raw))
    cr = len(re.findall(r"\r(?!\n)", raw))
    lf = len(re.findall(r"(?<!\r)\n", raw))
    kinds = [name for name, count in (("crlf", crlf), ("cr", cr), ("lf", lf)) if count]
    return "none" if not kinds else kinds[0] if len(kinds) == 1 else "mixed"


@settings(max_examples=50, deadline=None)
@given(st.lists(st.sampled_from(["a", "\r\n", "\r", "\n", " "]), max_size=12).map("".join))
def test_every_newline_becomes_lf_and_the_style_names_the_kinds_seen(raw):
    text, style = normalise_newlines(raw)
    assert text == raw.replace("\r\n", "\n").replace("\r", "\n")
    assert style == _expected_style(raw)


@pytest.mark.parametrize("raw, text, style", [
    ("\r\n", "\n", "crlf"),
    ("\r", "\n", "cr"),
    ("\r\r\n", "\n\n", "mixed"),  # one lone CR and one CRLF
    ("a\r\nb\nc", "a\nb\nc", "mixed"),  # CRLF and LF
    ("\n", "\n", "lf"),
    ("", "", "none"),
])
def test_newline_styles_of_the_smallest_texts(raw, text, style):
    assert normalise_newlines(raw) == (text, style)


# Context and trimming -------------------------------------------------------------------------
def test_context_is_up_to_32_code_points_each_side_and_stops_at_the_ends():
    text = "x" * 40 + "Q" + "y" * 40
    assert CONTEXT_CHARS == 32
    assert context(text, 40, 41) == ("x" * 32, "y" * 32)
    assert context("abcdef", 2, 3, size=5) == ("ab", "def")  # the start clamps at 0, not 1
    assert context("abcdef", 0, 6) == ("", "")
    assert context("abcdef", 3, 4, size=1) == ("c", "e")


@pytest.mark.parametrize("text, start, end, trimmed", [
    ("  ab  ", 0, 6, (2, 4)),
    (" a", 0, 2, (1, 2)),
    ("a ", 0, 2, (0, 1)),
    ("a", 0, 1, (0, 1)),
    ("\t\n x y \n", 0, 8, (3, 6)),
    ("ab cd", 1, 4, (1, 4)),
    ("   ", 1, 2, (2, 2)),
])
def test_trim_span_drops_white_space_at_both_ends_only(text, start, end, trimmed):
    assert trim_span(text, start, end) == trimmed


# Grapheme clusters -----------------------------------------------------------------------------
CLUSTERS = "a" + FAMILY + "e\u0301🇩🇪b"  # clusters at 0, 1, 8, 10, 12; length 13
BOUNDARIES = [0, 1, 8, 10, 12, 13]


def test_next_and_previous_cluster_step_over_whole_clusters():
    steps = [next_cluster(CLUSTERS, b) for b in BOUNDARIES]
    assert steps == [1, 8, 10, 12, 13, 13]
    back = [previous_cluster(CLUSTERS, b) for b in BOUNDARIES]
    assert back == [0, 0, 1, 8, 10, 12]
    assert next_cluster(CLUSTERS, 99) == 13 and previous_cluster(CLUSTERS, 99) == 12
    assert previous_cluster(CLUSTERS, -3) == 0 and cluster_start(CLUSTERS, -2) == 0


@pytest.mark.parametrize("offset, start, end", [
    (0, 0, 0), (1, 1, 1), (2, 1, 8), (7, 1, 8), (8, 8, 8), (9, 8, 10),
    (11, 10, 12), (12, 12, 12), (13, 13, 13), (20, 13, 13),
])
def test_an_offset_inside_a_cluster_snaps_to_its_start_or_end(offset, start, end):
    assert cluster_start(CLUSTERS, offset) == start
    assert cluster_end(CLUSTERS, offset) == end


def test_clusters_after_a_newline_and_next_to_plain_letters():
    text = "x\ne\u0301y"  # the cluster starts just after a newline
    assert previous_cluster(text, 4) == 2 and next_cluster(text, 2) == 4
    assert previous_cluster(text, 5) == 4 and next_cluster(text, 4) == 5
    assert cluster_start(text, 3) == 2 and cluster_start(text, 2) == 2
    assert snap_span(text, 3, 3) == (2, 4)
    assert previous_cluster("ab", 2) == 1 and previous_cluster("ab", 1) == 0
    assert next_cluster("ab", 1) == 2
    # A plain letter followed by a mark is not a cluster of its own.
    assert next_cluster("ae\u0301", 1) == 3 and previous_cluster("e\u0301", 2) == 0


def test_a_newline_after_the_cluster_does_not_move_the_search():
    text = "e\u0301\nb"
    assert previous_cluster(text, 2) == 0
    assert cluster_start(text, 1) == 0 and cluster_end(text, 1) == 2
    assert next_cluster(text, 0) == 2 and previous_cluster(text, 4) == 3


def test_a_prepended_sign_is_one_cluster_with_the_digit_after_it():
    # U+0600 ARABIC NUMBER SIGN is a Prepend character (UAX #29): "\u06001" is one cluster,
    # so stepping back from after the digit lands before the sign, not between the two.
    text = "x\u06001 b"
    assert previous_cluster(text, 3) == 1
    assert previous_cluster(text, 1) == 0 and previous_cluster(text, 4) == 3
    assert cluster_start(text, 2) == 1 and next_cluster(text, 1) == 3
    assert previous_cluster("\u06001", 2) == 0


def test_u0300_is_the_first_code_point_that_joins_the_one_before():
    assert next_cluster("a\u0300b", 0) == 2 and previous_cluster("a\u0300b", 2) == 0
    assert cluster_start("a\u0300b", 1) == 0 and next_cluster("a\u02ffb", 0) == 1


def test_a_cluster_more_than_a_window_from_the_start_of_its_line():
    text = "a" * 300 + "e\u0301" + "b"  # no newline: the search starts 256 back
    assert previous_cluster(text, 302) == 300
    assert cluster_start(text, 301) == 300 and cluster_end(text, 301) == 302
    assert next_cluster(text, 300) == 302


# The word under the cursor ------------------------------------------------------------------
@pytest.mark.parametrize("text, offset, expected", [
    ("cafe\u0301 x", 0, (0, 5)),  # the mark goes with its letter
    ("cafe\u0301 x", 4, (0, 5)),
    ("ab", 1, (0, 2)),
    ("ab", 0, (0, 2)),
    ("x ab", 3, (2, 4)),
    ("'ab", 0, None),  # an apostrophe at the start is punctuation
    ("ab'", 2, None),  # and at the end
    ("ab' c", 2, None),  # and before a space
    ("a'b", 1, (0, 3)),
    ("x 'ab", 3, (3, 5)),  # an apostrophe needs a word character on both sides
    ("x_'s", 0, (0, 4)),  # "_" counts as one
    ("a_b1", 2, (0, 4)),
    ("a\u0301", 1, (0, 2)),
    ("\u0301a", 0, None),  # a mark with nothing before it is punctuation
    (", x", 0, None),
    ("", 0, None),
])
def test_word_at_exact(text, offset, expected):
    assert word_at(text, offset) == expected


# w, b and e --------------------------------------------------------------------------------------
MOTION_TEXT = "ab  cd,ef  (g)"
#              0123456789...
W = [4, 4, 4, 4, 6, 6, 7, 11, 11, 11, 11, 12, 13, 14, 14]
B = [0, 0, 0, 0, 0, 4, 4, 6, 7, 7, 7, 7, 11, 12, 13]
E = [2, 6, 6, 6, 6, 7, 9, 9, 12, 12, 12, 13, 14, 14, 14]


def test_w_b_and_e_from_every_offset():
    n = len(MOTION_TEXT)
    assert [next_word_start(MOTION_TEXT, i) for i in range(n + 1)] == W
    assert [previous_word_start(MOTION_TEXT, i) for i in range(n + 1)] == B
    assert [word_end(MOTION_TEXT, i) for i in range(n + 1)] == E
    assert next_word_start(MOTION_TEXT, 50) == n and word_end(MOTION_TEXT, 50) == n
    assert previous_word_start(MOTION_TEXT, 50) == 13  # clamped to the end first


def test_motions_treat_marks_and_joiners_as_part_of_the_character_before():
    assert next_word_start("a\u0301b c", 0) == 4  # "áb" is one word
    assert next_word_start(",\u0301a", 0) == 2  # a mark on punctuation is punctuation
    assert next_word_start("\u0301a b", 0) == 1  # a mark at the very start stands alone
    assert word_end("a\u0301b c", 0) == 3
    assert previous_word_start("x a\u0301b", 5) == 2
    assert next_word_start("a\u200db c", 0) == 4  # a zero-width joiner inside a word
    assert next_word_start("a\ufe0f c", 0) == 3 and next_word_start("a\ufe0e c", 0) == 3
    assert next_word_start("don't go", 0) == 6 and previous_word_start("don't go", 5) == 0
    assert word_end("don't go", 0) == 5


def test_motions_at_the_edges():
    assert next_word_start("", 0) == 0 and previous_word_start("", 0) == 0 and word_end("", 0) == 0
    assert previous_word_start("   ab", 3) == 0  # only blanks before: the start of the text
    assert previous_word_start("ab c d", 5) == 3  # over one blank to a one-letter word
    assert word_end("ab   ", 1) == 5  # from a word's last letter over the blanks to the end
    assert word_end("a b", 2) == 3 and word_end("a", 0) == 1
    assert word_end("ab cd", 2) == 5  # from a blank: the end of the next word
    assert next_word_start("a" + FAMILY + " b", 0) == 1  # the emoji is punctuation, one stop
    assert next_word_start("a" + FAMILY + " b", 1) == 9
    assert word_end("x" + FAMILY, 0) == 8  # and ends whole


# f and t ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("text, offset, char, till, expected", [
    ("abcabc", 0, "c", False, 2),
    ("abcabc", 0, "c", True, 1),
    ("abcabc", 1, "c", True, 4),  # already just before a "c": on to the next one, as vim's ;
    ("abcabc", 2, "c", False, 5),  # the character under the cursor is not found again
    ("abcabc", 5, "c", False, None),
    ("abcabc", 3, "a", False, None),
    ("ab\nb", 0, "b", False, 1),
    ("ab\nb", 1, "b", False, None),  # f stays in its line
    ("a\nb", 0, "\n", False, None),
    ("a\nb", 0, "b", False, None),
    ("xe\u0301e\u0301", 0, "e", True, 1),  # the first "e" is next to the cursor: before the second, whole
    ("ab" + "e\u0301" + "c", 0, "c", True, 2),
    ("acc", 0, "c", True, 1),  # already just before the first "c": just before the second
])
def test_find_char_exact(text, offset, char, till, expected):
    assert find_char(text, offset, char, till=till) == expected


def test_find_char_looks_only_limit_code_points_ahead():
    text = "a" + "b" * 10 + "c"
    assert find_char(text, 0, "c", limit=11) is None
    assert find_char(text, 0, "c", limit=12) == 11
    assert find_char("a" + "b" * 5000 + "c", 0, "c") is None  # the default limit is 4096
    assert find_char("a" + "b" * 4000 + "c", 0, "c") == 4001


# Time stamps and ids ------------------------------------------------------------------------------
STAMP = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z")


def _parse(stamp: str) -> datetime:
    return datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=UTC)


def test_utc_now_is_an_xsd_datetime_with_milliseconds():
    before = datetime.now(UTC)
    stamp = utc_now()
    after = datetime.now(UTC)
    assert STAMP.fullmatch(stamp), stamp
    assert before - timedelta(milliseconds=1) <= _parse(stamp) <= after


class _FixedClock(datetime):
    @classmethod
    def now(cls, tz=None):
        return datetime(2026, 3, 4, 5, 6, 7, 891_999, tzinfo=tz)


def test_utc_now_truncates_to_the_millisecond(monkeypatch):
    monkeypatch.setattr(text_module, "datetime", _FixedClock)
    assert utc_now() == "2026-03-04T05:06:07.891Z"
    assert later_than("2026-03-04T05:06:07.891Z") == "2026-03-04T05:06:07.892Z"
    assert later_than("2026-03-04T05:06:07.890Z") == "2026-03-04T05:06:07.891Z"


def test_later_than_a_future_stamp_is_one_millisecond_after_it():
    future = "2999-12-31T23:59:59.998Z"
    assert later_than(future) == "2999-12-31T23:59:59.999Z"
    assert later_than("2999-12-31T23:59:59.999Z") == "3000-01-01T00:00:00.000Z"
    assert later_than("2999-01-01T00:00:00.041Z") == "2999-01-01T00:00:00.042Z"


def test_later_than_a_past_stamp_is_now():
    stamp = later_than("2000-01-01T00:00:00.000Z")
    assert STAMP.fullmatch(stamp)
    assert abs(_parse(stamp) - datetime.now(UTC)) < timedelta(seconds=5)


def test_later_than_the_same_millisecond_moves_one_on(monkeypatch):
    monkeypatch.setattr(text_module, "utc_now", lambda: "2026-01-01T00:00:00.500Z")
    assert later_than("2026-01-01T00:00:00.500Z") == "2026-01-01T00:00:00.501Z"
    assert later_than("2026-01-01T00:00:00.499Z") == "2026-01-01T00:00:00.500Z"


def test_an_id_carries_its_millisecond_version_and_variant(monkeypatch):
    millis = 1_700_000_000_123
    monkeypatch.setattr(text_module, "_last_id", (0, 0))
    monkeypatch.setattr(text_module.time, "time_ns", lambda: millis * 1_000_000 + 999_999)
    monkeypatch.setattr(text_module.secrets, "token_bytes", lambda n: bytes(range(1, n + 1)))
    first = uuid.UUID(new_id())
    rand = int.from_bytes(bytes(range(1, 11)), "big")
    assert first.int >> 80 == millis
    assert first.version == 7 and (first.int >> 76) & 0xF == 7
    assert (first.int >> 62) & 0b11 == 0b10  # RFC 9562 variant
    assert (first.int >> 64) & 0xFFF == (rand >> 62) & 0xFFF
    assert first.int & ((1 << 62) - 1) == rand & ((1 << 62) - 1)
    # The same millisecond again: the random part counts up by one.
    second = uuid.UUID(new_id())
    assert second.int >> 80 == millis
    assert second.int & ((1 << 62) - 1) == (rand + 1) & ((1 << 62) - 1)
    assert second.int > first.int


def test_ids_in_the_same_millisecond_wrap_their_counter_at_74_bits(monkeypatch):
    millis = 1_700_000_000_000
    monkeypatch.setattr(text_module, "_last_id", (millis, (1 << 74) - 1))
    monkeypatch.setattr(text_module.time, "time_ns", lambda: millis * 1_000_000)
    value = uuid.UUID(new_id()).int
    assert value >> 80 == millis
    assert (value >> 64) & 0xFFF == 0 and value & ((1 << 62) - 1) == 0
    assert text_module._last_id == (millis, 0)


def test_a_later_millisecond_takes_fresh_random_bits(monkeypatch):
    monkeypatch.setattr(text_module, "_last_id", (1_000, 5))
    monkeypatch.setattr(text_module.time, "time_ns", lambda: 1_001 * 1_000_000)
    monkeypatch.setattr(text_module.secrets, "token_bytes", lambda n: b"\x00" * (n - 1) + b"\x09")
    value = uuid.UUID(new_id()).int
    assert value >> 80 == 1_001 and value & ((1 << 62) - 1) == 9
    assert text_module._last_id == (1_001, 9)


def test_the_annotator_comes_from_the_environment_then_the_user(monkeypatch):
    import getpass

    monkeypatch.setenv("DIPTYCH_ANNOTATOR", "ana")
    assert default_annotator() == "ana"
    monkeypatch.setenv("DIPTYCH_ANNOTATOR", "")
    monkeypatch.setattr(getpass, "getuser", lambda: "osuser")
    assert default_annotator() == "osuser"

    def no_user():
        raise OSError("no user")

    monkeypatch.delenv("DIPTYCH_ANNOTATOR")
    monkeypatch.setattr(getpass, "getuser", no_user)
    assert default_annotator() == "unknown"


# Display safety --------------------------------------------------------------------------------
def test_safe_for_display_maps_each_control_to_its_picture():
    assert safe_for_display("\x00\x1f\x7f\x80\x9f\n\t ~\xa0") == "\u2400\u241f\u2421\ufffd\ufffd\u240a\u2409 ~\xa0"
    assert safe_for_display("a\tb\nc", keep_tabs=True) == "a\tb\u240ac"


def test_excerpt_is_one_line_of_at_most_the_limit():
    assert excerpt("a" * 60) == "a" * 60
    assert excerpt("a" * 61) == "a" * 59 + "…"
    assert excerpt("  one\n\ttwo\x1b  ", limit=20) == "one two\u241b"
    assert excerpt("abcdef", limit=4) == "abc…"
    assert excerpt("abcd", limit=4) == "abcd"
