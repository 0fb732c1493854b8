"""Helpers for the report's tests: hostile data, reading a page's DOM, and headless Chromium."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tui.services.report import (
    ReportAnnotation,
    ReportData,
    ReportDocument,
    ReportLabel,
    ReportLink,
    matrix_rows,
    source_rows,
)

HOSTILE = (
    "<script>document.title='pwned';window.pwned=1</script> Alice said it.\n"
    "<img src=x onerror=\"document.title='img'\"> and </div></mark></article> [bold]not bold[/bold] "
    "\x1b[31mred\x1b[0m \u2028 line sep \u2029 para sep <!-- comment --> ]]> &amp; {{ 7*7 }}\n"
    "</script><script>document.title='late'</script> \"quoted\" 'single' `back`\n"
)
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def annotation(id: str, doc: int, start: int, end: int, text: str, label: str = "claim", note: str = "",
               attributes: dict | None = None) -> ReportAnnotation:
    return ReportAnnotation(id=id, document_id=doc, start=start, end=end, label=label, exact=text[start:end],
                            note=note, annotator="tester", modified="2026-11-23T10:00:00.000Z", status="anchored",
                            attributes=attributes or {})


def report(documents: list[ReportDocument], annotations: list[ReportAnnotation], links: list[ReportLink],
           labels: list[ReportLabel] | None = None) -> ReportData:
    labels = labels or [ReportLabel("claim", "underline", "A claim."), ReportLabel("attribution", "bold", "Who says it.")]
    ids = [d.id for d in documents]
    return ReportData(documents=documents, annotations=annotations, links=links, outside={}, labels=labels,
                      attribute_types=[], matrix=matrix_rows(ids, annotations, links),
                      sources=source_rows(ids, annotations, links))


def document(id: int, text: str, title: str = "T", source: str = "", url: str = "", published: str = "") -> ReportDocument:
    return ReportDocument(id=id, title=title, source=source, published=published, url=url, author="", language="en",
                          path=f"/tmp/doc{id}.txt", text=text)


class Page(HTMLParser):
    """A parsed page: each annotation's text (all its fragments), each column's text, tags met."""

    def __init__(self, markup: str) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, dict]] = []
        self.spans: dict[str, str] = {}  # data-id -> its text, fragments joined
        self.focusable: dict[str, int] = {}  # data-id -> how many fragments take focus
        self.labels: dict[str, str] = {}
        self.columns: list[str] = []
        self.tags: list[tuple[str, dict]] = []
        self.title = ""
        self.texts: list[str] = []  # every text node outside scripts
        self.root: dict = {}
        self.feed(markup)
        self.close()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append((tag, attrs))
        if tag == "html":
            self.root = attrs
        if tag in VOID:
            return
        self.stack.append((tag, attrs))
        if "text" in (attrs.get("class") or "").split():
            self.columns.append("")
        if tag == "mark" and "data-id" in attrs:
            self.spans.setdefault(attrs["data-id"], "")
            self.labels[attrs["data-id"]] = attrs.get("data-label")
            self.focusable[attrs["data-id"]] = self.focusable.get(attrs["data-id"], 0) + ("tabindex" in attrs)

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        tags = [t for t, _ in self.stack]
        if "script" not in tags:
            self.texts.append(data)
        if tags and tags[-1] == "title":
            self.title += data
        if any("text" in (a.get("class") or "").split() for _, a in self.stack):
            self.columns[-1] += data
            for _tag, attrs in self.stack:
                if "data-id" in attrs and _tag == "mark":
                    self.spans[attrs["data-id"]] += data


# Headless Chromium --------------------------------------------------------------------------------
def chromium() -> str:
    """The browser's path; skips the test (fails it under CI=true) when there is none."""
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    message = "no Chromium found (apt-get install -y chromium): the report's browser tests did not run"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


def browser(*args: str, timeout: float = 90) -> subprocess.CompletedProcess:
    with tempfile.TemporaryDirectory(prefix="diptych-chromium-") as profile:
        return subprocess.run(
            [chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             "--hide-scrollbars", "--mute-audio", f"--user-data-dir={profile}", *args],
            capture_output=True, text=True, timeout=timeout, check=False,
        )


def dump_dom(path: Path, fragment: str = "", window: str = "1400,900") -> str:
    url = path.resolve().as_uri() + fragment
    result = browser("--virtual-time-budget=3000", f"--window-size={window}", "--dump-dom", url)
    assert result.returncode == 0 and "<html" in result.stdout, result.stderr[-2000:]
    return result.stdout


def screenshot(path: Path, png: Path, window: str = "1400,900") -> None:
    result = browser("--virtual-time-budget=3000", f"--window-size={window}", f"--screenshot={png}", path.resolve().as_uri())
    assert result.returncode == 0 and png.exists(), result.stderr[-2000:]
