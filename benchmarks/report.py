"""The HTML report's speed: `python benchmarks/report.py` (not run by the tests).

Inputs are generated here (seed 20261122) from the corpus's sentences: two articles of
5,000 characters with 40 annotations each and 10 links across them; one 5 MB document
with 10,000 annotations and 1,000 links. Each figure is printed beside a reference from
the same run: the same texts, escaped and written as one HTML page without any span.
With Chromium installed it also loads both pages headless and reports the wall time to
the DOM after load, the script's own end (from navigation) and one click's handling.
"""

from __future__ import annotations

import html
import json
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from run import SEED, annotations_for, corpus_sentences, make_document

from tui.ingest import read_document
from tui.report.html import render
from tui.services.report import gather
from tui.store import Store, StoreError

TARGETS = {"two articles": 0.5, "5 MB": 5.0}


def best_of(func, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return min(times)


def reference_page(texts: list[str], path: Path) -> None:
    """The floor: the same texts escaped into a minimal page, no spans, no data."""
    body = "".join(f'<div style="white-space: pre-wrap">{html.escape(t, quote=False)}</div>' for t in texts)
    path.write_text(f"<!DOCTYPE html><html><head><meta charset=utf-8><title>ref</title></head><body>{body}</body></html>",
                    "utf-8")


def build(folder: Path, name: str, sizes: list[int], per_document: int, links: int, rng: random.Random):
    store = Store.open(folder / f"{name}.db")
    pool = corpus_sentences()
    ids = []
    for i, size in enumerate(sizes):
        path = folder / f"{name}-{i}.txt"
        make_document(path, size, rng, pool)
        ids.append(store.add_document(read_document(path)).document_id)
    spans = []
    for doc in ids:
        spans += list(annotations_for(doc, store.text(doc), per_document, rng))
    store.insert_annotations(spans)
    claims = [a for a in spans if a.label == "claim"]
    made = 0
    while made < links:
        a, b = rng.sample(claims, 2)
        try:
            store.create_link(a.id, b.id, rng.choice(("same_as", "supports", "contradicts", "related")), "bench")
        except StoreError:  # the same pair drawn twice
            continue
        made += 1
    return store, ids, claims


def chromium_load(path: Path, fragment: str = "") -> tuple[float, dict]:
    browser = next((shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome") if shutil.which(n)), None)
    if browser is None:
        return float("nan"), {}
    with tempfile.TemporaryDirectory() as profile:
        start = time.perf_counter()
        result = subprocess.run(
            [browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", f"--user-data-dir={profile}", "--window-size=1400,900",
             "--dump-dom", path.resolve().as_uri() + fragment],
            capture_output=True, text=True, timeout=300, check=False)
        wall = time.perf_counter() - start
    head = result.stdout[:4000]
    attrs = dict(re.findall(r'(data-[\w-]+)="([^"]*)"', head.split(">", 2)[1]))
    return wall, attrs


def measure(name: str, store: Store, ids: list[int], claim_id: str, folder: Path, repeat: int) -> dict:
    out = folder / f"{name}.html"
    ref = folder / f"{name}-reference.html"
    texts = [store.text(i) for i in ids]

    def report() -> None:
        out.write_text(render(gather(store, ids)), "utf-8")

    seconds = best_of(report, repeat)
    reference = best_of(lambda: reference_page(texts, ref), repeat)
    row = {"figure": name, "seconds": round(seconds, 4), "reference": round(reference, 4),
           "ratio": round(seconds / reference, 1), "target": TARGETS[name], "met": seconds <= TARGETS[name],
           "bytes": out.stat().st_size, "reference_bytes": ref.stat().st_size}
    wall, attrs = chromium_load(out, f"#test-click={claim_id}")
    ref_wall, _ = chromium_load(ref)
    row.update({"chromium_wall": round(wall, 2), "chromium_reference_wall": round(ref_wall, 2),
                "script_end_ms": attrs.get("data-script-ms"), "click_ms": attrs.get("data-test-click-ms")})
    return row


def main() -> None:
    rng = random.Random(SEED)
    rows = []
    with tempfile.TemporaryDirectory(prefix="diptych-report-bench-") as tmp:
        folder = Path(tmp)
        store, ids, claims = build(folder, "two", [5_000, 5_000], 40, 10, rng)
        rows.append(measure("two articles", store, ids, claims[0].id, folder, repeat=5))
        store.close()
        store, ids, claims = build(folder, "big", [5_000_000], 10_000, 1_000, rng)
        rows.append(measure("5 MB", store, ids, claims[0].id, folder, repeat=2))
        store.close()
    print(f"{'figure':<14}{'report':>9}{'reference':>11}{'ratio':>7}{'target':>8}  met  "
          f"{'size':>9}  {'chromium':>9}{'ref':>7}{'script end':>12}{'click':>8}")
    for r in rows:
        print(f"{r['figure']:<14}{r['seconds'] * 1000:>7.0f}ms{r['reference'] * 1000:>9.1f}ms{r['ratio']:>6.1f}x{r['target']:>7.1f}s"
              f"  {'yes' if r['met'] else 'NO':<4}{r['bytes'] / 1e6:>8.2f}MB  {r['chromium_wall']:>8.2f}s"
              f"{r['chromium_reference_wall']:>6.2f}s{(r['script_end_ms'] or '-') + ' ms':>12}{(r['click_ms'] or '-') + ' ms':>8}")
    print(json.dumps(rows))


if __name__ == "__main__":
    main()
