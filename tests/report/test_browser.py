"""The report in a real browser: headless Chromium runs the page, a test reads the DOM it leaves.

Skipped, with a message, when no Chromium is installed; under CI=true a missing
browser fails instead (.ci/run installs it).
"""

from __future__ import annotations

import json
import struct

import pytest

from tests.helpers import CORPUS
from tests.report.pages import HOSTILE, Page, annotation, document, dump_dom, report, screenshot
from tui.report.html import render, shown
from tui.services.report import ReportLink, gather


@pytest.fixture
def corpus_report(store, tmp_path):
    records = [json.loads(line) for line in (CORPUS / "annotations.example.jsonl").read_text("utf-8").splitlines()]
    store.import_records(records, "tester")
    data = gather(store, [d.id for d in store.documents()][:2])  # the two articles of the first comparison
    path = tmp_path / "story.html"
    path.write_text(render(data), "utf-8")
    return path, data


def test_every_annotation_is_in_the_browsers_dom(corpus_report):
    path, data = corpus_report
    page = Page(dump_dom(path))
    assert page.root.get("data-ready") == str(sum(1 for tag, attrs in page.tags if tag == "mark" and "data-k" in attrs))
    assert len(page.spans) == 64
    for a in data.annotations:
        assert page.spans[a.id] == a.exact
        assert page.labels[a.id] == a.label
    assert page.columns == [shown(d.text) for d in data.documents]


def test_clicking_a_claim_lights_up_its_partners_in_every_column(corpus_report):
    path, data = corpus_report
    half = next(a for a in data.annotations if a.exact.startswith("By the second quarter of 2025"))
    shown = {a.id for a in data.annotations}
    partners = sorted(link.target_id for link in data.links if link.source_id == half.id and link.target_id in shown)
    page = Page(dump_dom(path, f"#test-click={half.id}"))
    assert page.root["data-test-active"] == half.id
    assert page.root["data-test-partners"].split() == partners
    headline = next(a.id for a in data.annotations if a.exact.startswith("Russian artillery: 40 percent"))
    assert headline in page.root["data-test-visible"].split()  # the first partner in the other column
    assert "supports: DW (Deutsche Welle)" in page.root["data-test-tip"]
    # A claim of B whose partners sit far down A: A scrolls to show the first; B stays.
    missiles = next(a for a in data.annotations if a.exact.startswith("North Korea also supplies Russia"))
    page = Page(dump_dom(path, f"#test-click={missiles.id}"))
    partners = sorted(link.source_id for link in data.links if link.target_id == missiles.id and link.source_id in shown)
    first = min(partners, key=lambda i: next(a.start for a in data.annotations if a.id == i))
    assert page.root["data-test-partners"].split() == partners
    before, after = page.root["data-test-scroll-before"].split(), page.root["data-test-scroll"].split()
    assert before[1] == after[1] and before[0] == "0" and int(after[0]) > 0
    assert first in page.root["data-test-visible"].split()
    # An attribution lights up the claim it backs.
    klein = next(a for a in data.annotations if a.exact == "Klein concluded")
    page = Page(dump_dom(path, f"#test-click={klein.id}"))
    backed = next(link.target_id for link in data.links if link.source_id == klein.id)
    assert page.root["data-test-partners"] == backed


def test_hostile_documents_are_inert_in_the_browser(tmp_path):
    text = HOSTILE
    evil = '"><img src=x onerror="document.title=1">'
    items = [annotation(evil, 1, 0, text.index("Alice"), text, note="<img src=x onerror=\"document.title='n'\">"),
             annotation("second", 1, text.index("window"), text.index("[/bold]") + 7, text, "attribution"),
             annotation("third", 2, 0, 5, "fine text")]
    data = report([document(1, text, title="<script>document.title='t'</script>", source="S",
                            url="javascript:document.title='u'"),
                   document(2, "fine text", title="Two", source="R")],
                  items, [ReportLink("l", "same_as", "third", evil, "</script><script>document.title='l'</script>")])
    path = tmp_path / "hostile.html"
    path.write_text(render(data), "utf-8")
    for fragment in ("", f"#test-click={evil}", "#test-click=third"):
        dom = dump_dom(path, fragment)
        page = Page(dom)
        assert page.title == "Diptych report: S / R"
        assert page.root.get("data-ready") == "4"  # our script ran (the crossing span is in two fragments)
        assert page.columns[0] == shown(text)
        assert "pwned" not in page.root.values() and not [t for t, _ in page.tags if t == "img"]
        assert [t for t, _ in page.tags if t == "script"] == ["script", "script"]
        assert page.spans[evil] == shown(text[: text.index("Alice")])
    assert page.root["data-test-partners"] == evil
    assert "same_as: S, “<script>document.title='t'</script> Alice" not in page.root["data-test-tip"]
    assert "</script><script>document.title='l'</script>" in page.root["data-test-tip"]


def test_a_screenshot_of_the_report(corpus_report, tmp_path):
    path, _ = corpus_report
    png = tmp_path / "shot.png"
    screenshot(path, png, window="1200,800")
    head = png.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", head[16:24]) == (1200, 800)
    assert png.stat().st_size > 20_000  # text and colours, not a blank page


def test_columns_side_by_side_on_a_wide_screen_stacked_on_a_narrow_one(corpus_report):
    path, _ = corpus_report
    wide = Page(dump_dom(path, "#test-layout", window="1400,900")).root["data-test-columns"].split()
    (left_a, pane_a), (left_b, pane_b) = (c.split(":") for c in wide)
    assert int(left_a) < int(left_b) and pane_a == pane_b == "scroll"
    narrow = Page(dump_dom(path, "#test-layout", window="600,900")).root["data-test-columns"].split()
    (left_a, pane_a), (left_b, pane_b) = (c.split(":") for c in narrow)
    assert left_a == left_b and pane_a == pane_b == "flow"  # one column, the page scrolls
