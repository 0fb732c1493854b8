"""PDFs: paragraphs rebuilt from visual lines, running furniture dropped, a page map, clear refusals."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.ingest import DocumentError, read_bytes, read_document

from .pdfs import article_pdf, encrypted, image_only_pdf, long_pdf, no_pages_pdf

HEADER = "The Daily Example · 3 September 2025"
PAGES = [
    [("h", ["Kim pledges support to Putin"]),
     ("p", ["North Korean leader Kim Jong Un told Vladimir Putin on Wednes-",
            "day that he would do everything he could to help Russia,",
            "according to state media in Pyongyang."]),
     ("p", ["The two leaders met after a military parade in the Chinese",
            "capital, where they stood beside Xi Jinping and the North-",
            "Korean delegation, which included several state-",
            "owned media executives and officials from the",
            "foreign ministry. Analysts in Seoul said the meeting"])],
    [("c", ["signalled closer ties between Pyongyang and Moscow, and",
            "that more shells would follow."]),
     ("p", ["Klein notes that 40 percent of Russia's artillery ammuni-",
            "tion now comes from North Korea."])],
    [("p", ["A third page keeps the running header and footer honest:",
            "they must repeat on most pages to be dropped."])],
]
PARAGRAPHS = [
    "Kim pledges support to Putin",
    ("North Korean leader Kim Jong Un told Vladimir Putin on Wednesday that he would do everything he could"
     " to help Russia, according to state media in Pyongyang."),
    ("The two leaders met after a military parade in the Chinese capital, where they stood beside Xi Jinping"
     " and the North-Korean delegation, which included several state-owned media executives and officials"
     " from the foreign ministry. Analysts in Seoul said the meeting signalled closer ties between Pyongyang"
     " and Moscow, and that more shells would follow."),
    "Klein notes that 40 percent of Russia's artillery ammunition now comes from North Korea.",
    "A third page keeps the running header and footer honest: they must repeat on most pages to be dropped.",
]


@pytest.fixture(scope="module")
def article():
    data = article_pdf(PAGES, title="Kim pledges support", author="Jane Doe", header=HEADER)
    return data, read_bytes(data, "article.pdf")


def test_paragraphs_are_rebuilt_with_hyphenation_undone_and_real_hyphens_kept(article):
    _, doc = article
    assert doc.text.split("\n") == PARAGRAPHS


def test_running_header_footer_and_page_numbers_are_gone(article):
    _, doc = article
    assert "Daily Example" not in doc.text and "Page" not in doc.text and " of 3" not in doc.text


def test_page_map_places_each_page_and_a_paragraph_crossing_pages(article):
    _, doc = article
    page_map = doc.metadata["page_map"]
    assert [page for page, _ in page_map] == [1, 2, 3]
    assert doc.text[page_map[1][1]:].startswith("signalled closer ties")
    assert doc.text[page_map[2][1]:].startswith("A third page")
    assert page_map[0][1] == 0 and doc.metadata["pages"] == 3


def test_metadata_original_and_extractor(article):
    data, doc = article
    assert doc.title == "Kim pledges support" and doc.metadata["author"] == "Jane Doe"
    assert doc.format == "pdf" and doc.extractor == "pypdf" and doc.original == data


def test_a_wrapped_sentence_can_be_found_as_one_string(article):
    _, doc = article
    quote = "they stood beside Xi Jinping and the North-Korean delegation"
    start = doc.text.find(quote)
    assert start > 0 and doc.text[start:start + len(quote)] == quote


def test_hyphen_evidence_from_the_document_itself():
    # "e-mail" is written with a hyphen mid-line, so the line-end "e-" + "mail" keeps it;
    # "cooperation" is written joined, so "co-" + "operation" is joined.
    pages = [[("p", ["Officials sent an e-mail about the plan and asked for co-",
                     "operation. A second e-",
                     "mail asked for cooperation again, and the answer came quickly."])]]
    doc = read_bytes(article_pdf(pages, footer=""), "x.pdf")
    assert "asked for cooperation. A second e-mail asked" in doc.text


def test_single_page_number_at_the_foot_is_dropped_without_repetition():
    doc = read_bytes(article_pdf([[("p", ["Only one page of text, and a page number below it."])]],
                                 footer="{n}"), "x.pdf")
    assert doc.text == "Only one page of text, and a page number below it."


def test_scanned_pdf_without_text_layer_is_refused():
    with pytest.raises(DocumentError, match="^no text layer on any of its 1 page: run OCR first$"):
        read_bytes(image_only_pdf(), "scan.pdf")


def test_encrypted_pdf_needs_a_password_but_an_owner_only_lock_opens(article):
    data, doc = article
    with pytest.raises(DocumentError, match="^encrypted: "):
        read_bytes(encrypted(data, "secret"), "locked.pdf")
    assert read_bytes(encrypted(data, ""), "restricted.pdf").text == doc.text
    assert read_bytes(encrypted(data, "", algorithm="AES-256"), "restricted-aes.pdf").text == doc.text
    with pytest.raises(DocumentError, match="^encrypted: it needs a password to open$"):
        read_bytes(encrypted(data, "secret", algorithm="AES-256"), "locked-aes.pdf")


@pytest.mark.parametrize("data, message", [
    (b"", "empty file"),
    (b"Just some text pretending\n", "not a PDF (no %PDF- header)"),
    (b"%PDF-1.7\n% nothing else\n", "not a readable PDF"),
])
def test_not_a_pdf(data, message):
    with pytest.raises(DocumentError, match=message.replace("(", r"\(").replace(")", r"\)")):
        read_bytes(data, "x.pdf")


def test_no_pages():
    with pytest.raises(DocumentError, match="no pages"):
        read_bytes(no_pages_pdf(), "x.pdf")


def test_truncated_pdf_is_one_line(article):
    data, _ = article
    with pytest.raises(DocumentError) as info:
        read_bytes(data[: len(data) // 2], "half.pdf")
    assert "\n" not in str(info.value)


def test_twenty_pages_are_read_quickly_and_every_page_is_mapped(tmp_path):
    import time

    file = tmp_path / "long.pdf"
    file.write_bytes(long_pdf(["Officials said the programme would cost 5.8 million euros over three years. " * 6,
                               "Critics pointed to earlier delays."], 20))
    started = time.perf_counter()
    doc = read_document(file)
    assert time.perf_counter() - started < 3
    assert [p for p, _ in doc.metadata["page_map"]] == list(range(1, 21))
    assert "Long Report" not in doc.text and "Page 7 of 20" not in doc.text


def test_a_pdf_by_content_whatever_its_name(tmp_path, article):
    data, doc = article
    file = tmp_path / "download"
    file.write_bytes(data)
    assert read_document(file).text == doc.text


def test_running_headers_that_change_by_chapter_are_dropped():
    pages = [[("p", [f"Body text of page {n} says something different from the others."])] for n in range(1, 7)]
    data = article_pdf(pages, footer="{n}", header=lambda n: f"Chapter {1 if n <= 3 else 2}: "
                                                           f"{'Start' if n <= 3 else 'More'} {n}")
    doc = read_bytes(data, "book.pdf")
    assert "Chapter" not in doc.text
    # Body lines alike but for a digit are not headers: on a page of three lines only the
    # first and the last may be furniture.
    for n in range(1, 7):
        assert f"Body text of page {n} says something different from the others." in doc.text


# Letters that cannot spell a roman numeral, so that no body line looks like a page number.
_WORDS = st.text("abefghjknoprstuwyz", min_size=3, max_size=9)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# Paragraphs are unique: a line repeated at the edge of three pages is, by design, furniture.
@given(paragraphs=st.lists(st.lists(_WORDS, min_size=1, max_size=60).map(" ".join), min_size=1, max_size=12,
                           unique=True),
       lines_per_page=st.integers(6, 30))
def test_every_word_survives_in_order_and_the_page_map_is_sound(paragraphs, lines_per_page):
    import textwrap

    pages: list = [[]]
    used = 0
    for paragraph in paragraphs:
        lines = textwrap.wrap(paragraph, 60)
        while lines:
            room = lines_per_page - used
            if room <= 0:
                pages.append([])
                used, room = 0, lines_per_page
            take, lines = lines[:room], lines[room:]
            pages[-1].append(("p" if not pages[-1] or used else "c", take))
            used += len(take) + 1
    # A running header can only be told from the text when it repeats.
    doc = read_bytes(article_pdf(pages, header=HEADER if len(pages) > 1 else ""), "prop.pdf")
    assert doc.text.split() == " ".join(paragraphs).split()
    offsets = [offset for _, offset in doc.metadata["page_map"]]
    assert [page for page, _ in doc.metadata["page_map"]] == list(range(1, len(pages) + 1))
    assert offsets[0] == 0 and offsets == sorted(set(offsets)) and offsets[-1] < len(doc.text)
    assert all(not doc.text[offset].isspace() for offset in offsets)


@pytest.mark.parametrize("left, right, joined", [
    ("on Wednes-", "day that", "on Wednesday that"),          # a syllable break: the word is known
    ("the thresh-", "old of", "the threshold of"),            # both halves are words, but so is the whole
    ("several state-", "owned firms", "several state-owned firms"),  # only the halves are words
    ("the North-", "Korean side", "the North-Korean side"),   # a capital after the break
    ("in mid-", "2024 it", "in mid-2024 it"),                 # a digit after the break
    ("President Zelen-", "skyy said", "President Zelenskyy said"),  # unknown anywhere: a syllable break
    ("a soft\u00ad", "ware fix", "a software fix"),           # a soft hyphen is never text
    ("pages 3 -", "the rest", "pages 3 - the rest"),          # a dash, not a hyphen
])
def test_hyphen_rule(left, right, joined):
    from tui.ingest.pdf import _Hyphens, _Line

    hyphens = _Hyphens([_Line("nothing here decides", 0, 0, 0, 1)], "en")
    assert hyphens.join(left, right) == joined


def test_pages_of_a_span(article):
    from tui.ingest.pdf import pages_of

    _, doc = article
    page_map = doc.metadata["page_map"]
    crossing = doc.text.index("the meeting signalled closer ties")
    assert pages_of(page_map, crossing, crossing + len("the meeting signalled closer ties")) == (1, 2)
    first = doc.text.index("Wednesday")
    assert pages_of(page_map, first, first + 9) == (1, 1)
    second = page_map[1][1]
    assert pages_of(page_map, second, second + 5) == (2, 2)  # starts exactly where page 2 starts
    assert pages_of(page_map, second - 3, second) == (1, 1)  # ends exactly there: page 1 only
    assert pages_of(page_map, 0, len(doc.text)) == (1, 3)
    assert pages_of([], 0, 1) is None
