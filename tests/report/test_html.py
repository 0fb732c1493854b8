"""The HTML report without a browser: escaping, spans that overlap and nest, links, the page's data."""

from __future__ import annotations

import json
import re
from unittest import mock

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.report.pages import HOSTILE, Page, annotation, document, report
from tui.report import html as report_html
from tui.report.html import line, render, safe_url, shown
from tui.services.report import ReportLabel, ReportLink

CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'"


def _hostile_page() -> tuple[str, object]:
    text = HOSTILE
    start = text.index("<img")
    evil_id = '"><img src=x onerror=alert(1)>'
    items = [
        annotation("s1", 1, 0, text.index("</script>") + 9, text, note="</script><script>document.title='note'</script>",
                   attributes={"claim_type": ["<b>x</b>"]}),
        annotation(evil_id, 1, start, text.index("[/bold]") + 7, text, label="<i>evil</i>"),
        annotation("s3", 1, text.index("\x1b"), text.index("para sep"), text, label="attribution"),
    ]
    labels = [ReportLabel("claim", "underline", "A claim."), ReportLabel("attribution", "bold", ""),
              ReportLabel("<i>evil</i>", "italic", "<script>alert(1)</script>")]
    data = report([document(1, text, title="<script>document.title='t'</script>", source="<b>Outlet</b>",
                            url="javascript:alert(document.domain)", published="2025-09-03\x1b[2J"),
                   document(2, "plain", title="Two", url="https://example.org/a?b=1&c=<2>")],
                  items, [ReportLink("l1", "related", evil_id, "s1", "</script>")], labels)
    return render(data), data


def test_hostile_documents_are_shown_literally_and_nothing_runs():
    markup, data = _hostile_page()
    page = Page(markup)
    assert page.columns[0] == shown(HOSTILE)
    assert "\u2028" in page.columns[0] and "\u241b[31m" in page.columns[0] and "\x1b" not in markup
    # Only our two scripts; no element, attribute or URL from the documents.
    assert [t for t, _ in page.tags if t == "script"] == ["script", "script"]
    assert not [t for t, _ in page.tags if t in ("img", "b", "i", "iframe", "object", "embed")]
    assert not [(t, k) for t, attrs in page.tags for k in attrs if k.startswith("on")]
    hrefs = [attrs["href"] for t, attrs in page.tags if t == "a" and not attrs["href"].startswith("#")]
    assert hrefs == ["https://example.org/a?b=1&c=<2>"]
    assert page.title == "Diptych report: <b>Outlet</b> / Two"
    assert any("<script>document.title='t'</script>" in t for t in page.texts)
    for a in data.annotations:
        assert page.spans[a.id] == shown(a.exact)
    assert page.labels['"><img src=x onerror=alert(1)>'] == "<i>evil</i>"


def test_page_data_cannot_end_its_script_element():
    markup, _ = _hostile_page()
    block = re.search(r'<script type="application/json" id="diptych-data">(.*?)</script>', markup, re.DOTALL).group(1)
    assert "<" not in block and ">" not in block and "\u2028" not in block
    data = json.loads(block)
    assert data["items"][0][2] == "</script><script>document.title='note'</script>"
    assert data["items"][0][3] == [["claim_type", "<b>x</b>"]]


def test_the_page_is_self_contained():
    markup, _ = _hostile_page()
    page = Page(markup)
    metas = {attrs.get("http-equiv"): attrs.get("content") for t, attrs in page.tags if t == "meta"}
    assert metas["Content-Security-Policy"] == CSP
    assert not [attrs for t, attrs in page.tags if "src" in attrs or t in ("link", "base", "iframe")]
    style = re.search(r"<style>(.*?)</style>", markup, re.DOTALL).group(1)
    assert "url(" not in style and "@import" not in style and "@font-face" not in style
    assert "@media print" in style


def test_only_http_and_https_urls_become_links():
    assert safe_url("https://example.org/x") == "https://example.org/x"
    assert safe_url(" http://example.org ") == "http://example.org"
    for bad in ("javascript:alert(1)", "JAVASCRIPT:alert(1)", "data:text/html,<script>", "file:///etc/passwd",
                "//example.org", "http:/nohost", "https://exa mple.org", "vbscript:x", "https://a.org/x\ny"):
        assert safe_url(bad) is None, bad


def test_metadata_lines_show_controls_as_pictures():
    assert line("a\nb\tc\x1b\x7f\x85") == "a\u2424b\u2409c\u241b\u2421\ufffd"
    assert shown("a\nb\tc\x1b") == "a\nb\tc\u241b"


def test_crossing_spans_are_split_and_keep_one_focus_stop():
    text = "The quick brown fox jumps over the lazy dog."
    items = [annotation("outer", 1, 0, 19, text), annotation("cross", 1, 10, 30, text, "attribution"),
             annotation("inner", 1, 4, 9, text), annotation("same", 1, 4, 9, text, "attribution"),
             annotation("tail", 1, 35, 44, text)]
    page = Page(render(report([document(1, text)], items, [])))
    assert page.columns == [text]
    for a in items:
        assert page.spans[a.id] == a.exact
        assert page.focusable[a.id] == 1


spans_strategy = st.lists(st.tuples(st.integers(0, 60), st.integers(1, 25),
                                    st.sampled_from(["claim", "attribution"])), max_size=25)
text_strategy = st.text(st.sampled_from(list("ab <>&\"'\n\x1b\u2028é😀")), min_size=1, max_size=80)


@settings(max_examples=150, deadline=None)
@given(text=text_strategy, spans=spans_strategy, block=st.integers(1, 12))
def test_any_spans_render_as_their_exact_text(text, spans, block):
    items = []
    for i, (start, length, label) in enumerate(spans):
        start = start % len(text)
        end = min(len(text), start + length)
        items.append(annotation(f"id{i}", 1, start, end, text, label))
    with mock.patch.object(report_html, "BLOCK_CHARS", block):
        page = Page(render(report([document(1, text)], items, [])))
    assert page.columns == [shown(text)]
    for a in items:
        assert page.spans[a.id] == shown(a.exact)
        assert page.focusable[a.id] == 1


def test_long_text_is_cut_into_blocks_at_line_ends():
    text = ("word " * 30 + "\n") * 400
    with mock.patch.object(report_html, "BLOCK_CHARS", 1000):
        markup = render(report([document(1, text)], [annotation("a", 1, 10, len(text) - 10, text)], []))
    assert markup.count('<div class="blk">') == 58  # 7 lines of 151 characters each
    assert Page(markup).spans["a"] == text[10:-10]


def test_partners_and_link_descriptions_in_the_page_data():
    a_text, b_text = "Nearly half came.", "Forty percent came. Klein notes."
    items = [annotation("a", 1, 0, 16, a_text), annotation("b", 2, 0, 18, b_text),
             annotation("k", 2, 20, 31, b_text, "attribution")]
    links = [ReportLink("1", "supports", "a", "b", "close figures"), ReportLink("2", "attributes", "k", "b", "")]
    markup = render(report([document(1, a_text, source="Outlet A"), document(2, b_text, source="Outlet B")], items, links))
    data = json.loads(re.search(r'id="diptych-data">(.*?)</script>', markup, re.DOTALL).group(1))
    assert data["documents"] == ["Outlet A", "Outlet B"]
    assert data["items"][0][5] == [1] and data["items"][1][5] == [0, 2] and data["items"][2][5] == [1]
    assert data["items"][0][4] == [["supports", "Outlet B", "Forty percent came", "close figures"]]
    assert sorted(data["items"][1][4]) == [["attributed to", "Outlet B", "Klein notes", ""],
                                          ["supported by", "Outlet A", "Nearly half came", "close figures"]]
    # The matrix links each claim to its place in the text.
    assert 'href="#a0" data-go="0"' in markup and 'href="#a1" data-go="1"' in markup


def test_a_rated_claim_carries_its_verdict_as_a_badge():
    text = "Forty percent came. Nobody knows."
    items = [annotation("a", 1, 0, 18, text, attributes={"rating": "mostly-false"}),
             annotation("b", 1, 20, 32, text, attributes={"rating": '"><script>x</script>'}),
             annotation("c", 1, 0, 5, text)]
    markup = render(report([document(1, text)], items, []))
    page = Page(markup)
    ratings = {attrs["data-id"]: attrs.get("data-rating") for tag, attrs in page.tags if tag == "mark" and "tabindex" in attrs}
    assert ratings == {"a": "mostly-false", "b": '"><script>x</script>', "c": None}
    assert [t for t, _ in page.tags if t == "script"] == ["script", "script"]
    assert "a fact-check verdict" in markup  # the legend explains the badge
    assert "fact-check verdict" not in render(report([document(1, text)], items[2:], []))


def test_no_browser_skips_with_a_message_but_fails_under_ci(monkeypatch):
    import pytest

    from tests.report import pages

    monkeypatch.setattr(pages.shutil, "which", lambda name: None)
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="no Chromium found"):
        pages.chromium()
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="no Chromium found"):
        pages.chromium()


def test_two_articles_of_5000_characters_render_well_within_half_a_second():
    import random
    import time

    rng = random.Random(13)
    sentence = "the ministry said that nearly half of all shells came from abroad , according to officials ."
    words = sentence.split()
    texts = [" ".join(rng.choice(words) for _ in range(900))[:5000] for _ in range(2)]
    items = []
    for doc, text in enumerate(texts, start=1):
        for i in range(40):
            start = rng.randrange(0, 4900)
            items.append(annotation(f"{doc}-{i}", doc, start, start + rng.randrange(5, 100), text,
                                    rng.choice(["claim", "attribution"])))
    links = [ReportLink(str(i), "supports", f"1-{i}", f"2-{i}", "") for i in range(10)]
    data = report([document(1, texts[0]), document(2, texts[1])], items, links)
    render(data)  # the template is compiled once per process
    start = time.perf_counter()
    render(data)
    assert time.perf_counter() - start < 0.5
