"""Getting real articles in: extraction quality and speed. `python benchmarks/ingest.py [--pages N]`.

* Quality: word-level precision and recall of the article extracted from each test page in
  tests/ingest/pages against the known article, beside keeping all visible text (--as text).
* Throughput: N (default 1,000) generated news pages of about 100 kB each (seed 20261123):
  reading and hashing them (the reference), extracting them, and importing them into a
  fresh store through the import service. Target: 1,000 pages in at most 30 s.
* PDF: a generated 20-page article PDF, extracted with paragraphs rebuilt, beside pypdf's
  bare extract_text() of the same pages. Target: at most 3 s.
"""

from __future__ import annotations

import argparse
import hashlib
import html
import io
import os
import random
import re
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.ingest.pdfs import long_pdf
from tui.ingest import read_bytes, read_document

SEED = 20261123
PAGES = ROOT / "tests" / "ingest" / "pages"
_WORDS = re.compile(r"\w+")


def words(text: str) -> Counter:
    return Counter(w.lower() for w in _WORDS.findall(text))


def quality(as_text: bool) -> tuple[list[tuple[str, float, float]], float, float]:
    rows, hit, got, want = [], 0, 0, 0
    for page in sorted(PAGES.glob("*.html")):
        expected = words((PAGES / f"{page.name[:-5]}.expected.txt").read_text("utf-8"))
        found = words(read_document(page, as_text=as_text).text)
        common = sum((expected & found).values())
        rows.append((page.name, common / max(1, sum(found.values())), common / max(1, sum(expected.values()))))
        hit, got, want = hit + common, got + sum(found.values()), want + sum(expected.values())
    return rows, hit / got, hit / want


def make_page(rng: random.Random, pool: list[str], n: int, size: int = 100_000) -> bytes:
    """A news page of about ``size`` bytes: head scripts and styles, a long navigation, the
    article (12-25 paragraphs), related links, comments and a footer."""
    title = " ".join(rng.sample(pool[0].split(), 6)).capitalize()
    paragraphs = [" ".join(rng.choice(pool) for _ in range(rng.randint(2, 5))) for _ in range(rng.randint(12, 25))]
    nav = "".join(f'<li><a href="/section/{i}">Section {i}</a></li>' for i in range(120))
    related = "".join(f'<li><a href="/story/{n}-{i}">{html.escape(rng.choice(pool)[:70])}</a></li>' for i in range(40))
    comments = "".join(f'<div class="comment"><b>user{i}</b><p>{html.escape(rng.choice(pool))}</p></div>'
                       for i in range(30))
    article = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    head = (f"<title>{title} | Bench Times</title><meta charset='utf-8'>"
            "<meta property='og:site_name' content='Bench Times'><meta name='author' content='A. Writer'>"
            f"<meta property='article:published_time' content='2025-0{1 + n % 9}-1{n % 10}T08:00:00Z'>")
    page = (f"<!DOCTYPE html><html lang='en'><head>{head}<style>{'.c{color:#333}' * 300}</style></head><body>"
            "<div class='cookie-banner'>We use cookies. Accept all.</div>"
            f"<header><nav><ul>{nav}</ul></nav></header><main><article><h1>{title}</h1>"
            f"<p class='byline'>By A. Writer</p>{article}</article>"
            f"<aside class='related'><h3>Related</h3><ul>{related}</ul></aside>"
            f"<section id='comments'>{comments}</section></main><footer>Copyright Bench Times</footer>")
    # Pad with what real pages carry most of: inline scripts (analytics, state blobs).
    padding = size - len(page.encode()) - 30
    if padding > 0:
        page += f"<script>window.__STATE__ = {{\"blob\": \"{'x' * padding}\"}};</script>"
    return (page + "</body></html>").encode()


def throughput(count: int) -> None:
    from tui.services.importing import import_paths
    from tui.store import Store

    rng = random.Random(SEED)
    pool = [s.strip() for s in (ROOT / "corpus" / "dw-brothers-in-arms-north-korea-reinforcements.txt")
            .read_text("utf-8").replace("\n", " ").split(". ") if len(s) > 40]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "pages"
        folder.mkdir()
        for n in range(count):
            (folder / f"page-{n:04d}.html").write_bytes(make_page(rng, pool, n))
        files = sorted(folder.glob("*.html"))
        size = sum(f.stat().st_size for f in files)
        started = time.perf_counter()
        for file in files:
            hashlib.sha256(file.read_bytes()).hexdigest()
        reference = time.perf_counter() - started
        started, cpu = time.perf_counter(), time.process_time()
        for file in files:
            read_document(file)
        extract, cpu = time.perf_counter() - started, time.process_time() - cpu
        store = Store.open(Path(tmp) / "bench.db")
        started = time.perf_counter()
        results = list(import_paths(store, [folder]))
        imported = time.perf_counter() - started
        store.close()
        refused = sum(r.refused for r in results)
    print(f"{count:,} HTML pages, {size / count / 1000:.0f} kB each ({size / 1e6:.0f} MB)")
    print(f"  read + sha256 (reference)  {reference:7.2f} s")
    # The machine may be shared: the CPU time says what the extraction itself costs.
    print(f"  extract (read_document)    {extract:7.2f} s   {extract / count * 1000:.1f} ms a page"
          f"   (CPU {cpu:.2f} s, {os.getloadavg()[0]:.1f} load)")
    print(f"  import into a store        {imported:7.2f} s   target <= {30 * count / 1000:.0f} s"
          f"   {'ok' if imported <= 30 * count / 1000 else 'OVER'}   refused {refused}")


def pdf_speed() -> None:
    from pypdf import PdfReader

    pool = ["Officials said the programme would cost 5.8 million euros over three years, and that the "
            "first results were expected by the end of the year, according to the ministry. " * 3,
            "Critics pointed to earlier delays and to a report by the regional auditor."]
    data = long_pdf(pool, 20)
    started = time.perf_counter()
    for page in PdfReader(io.BytesIO(data)).pages:
        page.extract_text()
    reference = time.perf_counter() - started
    started = time.perf_counter()
    doc = read_bytes(data, "long.pdf")
    took = time.perf_counter() - started
    print(f"20-page PDF ({len(data) / 1000:.0f} kB, {len(doc.text):,} characters)")
    print(f"  pypdf extract_text (reference)  {reference:6.2f} s")
    print(f"  read_bytes (paragraphs rebuilt) {took:6.2f} s   target <= 3 s   {'ok' if took <= 3 else 'OVER'}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--pages", type=int, default=1000, help="how many 100 kB pages to import (default 1000)")
    args = parser.parse_args()
    read_bytes(b"<html><body><article><p>" + b"warm up the extractor " * 10 + b"</p></article></body></html>", "w.html")
    print("Extraction quality over tests/ingest/pages (word-level, micro-averaged)")
    print(f"  {'page':38} {'P':>6} {'R':>6}")
    rows, precision, recall = quality(as_text=False)
    for name, p, r in rows:
        print(f"  {name:38} {p:6.3f} {r:6.3f}")
    f1 = 2 * precision * recall / (precision + recall)
    print(f"  {'article (trafilatura)':38} {precision:6.3f} {recall:6.3f}   F1 {f1:.3f}")
    _, p_all, r_all = quality(as_text=True)
    f1_all = 2 * p_all * r_all / (p_all + r_all)
    print(f"  {'all visible text (reference)':38} {p_all:6.3f} {r_all:6.3f}   F1 {f1_all:.3f}")
    print()
    throughput(args.pages)
    print()
    pdf_speed()


if __name__ == "__main__":
    main()
