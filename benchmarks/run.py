"""Diptych's benchmark: `make bench`. Prints a table of figures and writes benchmarks/out/results.json.

Every input is generated here, deterministically (seed 20261122): a 50 MB prose document
of about a million lines made of the corpus's own sentences, 10,000 annotations in it,
and a database of 1,000,000 annotations over 1,000 documents. Each figure is printed
beside a reference measured in the same run. Timings of keys are the view's own work
(the action plus drawing every visible row), measured inside a headless app.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import os
import platform
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks" / "out"
SEED = 20261122
sys.path.insert(0, str(ROOT))

from tui.ingest import collect, read_document  # noqa: E402
from tui.services.importing import import_ids  # noqa: E402
from tui.model.sentences import sentences  # noqa: E402
from tui.model.entities import Annotation  # noqa: E402
from tui.model.text import context, new_id, utc_now  # noqa: E402
from tui.store import Store  # noqa: E402


def corpus_sentences() -> list[str]:
    found = []
    for file, _meta in collect([ROOT / "corpus"]):
        text = file.read_text("utf-8")
        found += [text[s:e] for s, e in sentences(text)]
    return found


def make_document(path: Path, size: int, rng: random.Random, pool: list[str]) -> None:
    """Prose of ``size`` bytes in lines of about 50 characters (so 50 MB is about a million
    lines): runs of words from the corpus's sentences, with an empty line now and then."""
    words = [sentence.split() for sentence in pool]
    lines, total = [], 0
    while total < size:
        sentence = rng.choice(words)
        start = rng.randrange(len(sentence))
        line = "" if rng.random() < 0.08 else " ".join(sentence[start:start + rng.randint(4, 12)])
        lines.append(line)
        total += len(line.encode("utf-8")) + 1
    path.write_text("\n".join(lines), encoding="utf-8")


def annotations_for(document_id: int, text: str, count: int, rng: random.Random):
    now = utc_now()
    for _ in range(count):
        start = rng.randrange(0, max(1, len(text) - 120))
        end = start + rng.randrange(5, 120)
        prefix, suffix = context(text, start, end)
        yield Annotation(new_id(), document_id, start, end, rng.choice(("claim", "attribution")), text[start:end],
                         prefix, suffix, "", "bench", now, now)


def annotated_store(db: Path, folder: Path, stem: str, documents: int, per_document: int,
                    rng: random.Random, pool: list[str]) -> None:
    """A database of ``documents`` generated 6 kB documents with ``per_document`` annotations each."""
    store = Store.open(db)
    texts = []
    for i in range(documents):
        doc_path = folder / f"{stem}{i:04d}.txt"
        make_document(doc_path, 6000, rng, pool)
        doc_id = store.add_document(read_document(doc_path)).document_id
        texts.append((doc_id, store.text(doc_id)))
    store.insert_annotations(a for doc_id, text in texts for a in annotations_for(doc_id, text, per_document, rng))
    store.close()


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def timed(func, repeat: int = 1) -> float:
    best = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        best.append(time.perf_counter() - start)
    return statistics.median(best)


def launch(args: list[str], runs: int = 5) -> tuple[float, float]:
    """Median wall time of a process that starts, shows its first screen and exits; its peak MB."""
    times, peak = [], 0.0
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "launch_probe.py"), *args],
                              capture_output=True, text=True, cwd=ROOT)
        times.append(time.perf_counter() - start)
        if done.returncode != 0:
            raise SystemExit(f"launch probe failed: {done.stderr[-2000:]}")
        peak = max(peak, float(done.stderr.strip().rsplit("peak_mb=", 1)[1].split()[0]))
    return statistics.median(times), peak


async def key_timings(db: str, document_id: int) -> dict[str, list[float]]:
    from tui.reader.app import DiptychApp
    from tui.reader.widgets.document_view import DocumentView

    app = DiptychApp(db, [document_id], "bench")
    results: dict[str, list[float]] = {"page": [], "line": [], "select": []}
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()  # the whole text, loaded after the first screen
        await pilot.pause()
        view = app.screen.query_one(DocumentView)

        def measure(action) -> float:
            start = time.perf_counter()
            action()
            for y in range(view.size.height):
                view.render_line(y)
            return time.perf_counter() - start

        length = len(view.text)
        for where in (0, length // 2, length - 1):
            view.move_to(where)
            for _ in range(20):
                results["page"].append(measure(view.action_page_down))
                results["page"].append(measure(view.action_page_up))
            for _ in range(50):
                results["line"].append(measure(view.action_cursor_down))
            view.anchor = None
            for _ in range(50):
                results["select"].append(measure(view.action_select_down))
            view.action_clear_selection()
    return results


def tag_timings(folder: Path, count: int = 300) -> tuple[list[float], list[float]]:
    store = Store.open(folder / "tag.db")
    doc = store.add_document(read_document(ROOT / "corpus" / "dw-brothers-in-arms-north-korea-reinforcements.txt")).document_id
    text = store.text(doc)
    ours = []
    for i in range(count):
        start = time.perf_counter()
        store.create_annotation(doc, text, i % 4000, i % 4000 + 20, "claim", "bench")
        ours.append(time.perf_counter() - start)
    store.close()
    conn = sqlite3.connect(folder / "raw.db", isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("CREATE TABLE annotations (id TEXT PRIMARY KEY, document_id INT, start INT, end INT, label TEXT,"
                 " exact TEXT)")
    raw = []
    for i in range(count):
        start = time.perf_counter()
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT INTO annotations VALUES (?, 1, ?, ?, 'claim', ?)", (new_id(), i, i + 20, text[i:i + 20]))
        conn.execute("COMMIT")
        raw.append(time.perf_counter() - start)
    conn.close()
    return ours, raw


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    rng = random.Random(SEED)
    pool = corpus_sentences()
    rows: list[tuple[str, str, str, str, str, bool]] = []  # figure, value, target, reference, ratio, ok
    results: dict = {"machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
                     "seed": SEED}
    with tempfile.TemporaryDirectory(dir=OUT) as scratch:
        folder = Path(scratch)
        big = folder / "big.txt"
        make_document(big, 50_000_000, rng, pool)
        lines = big.read_bytes().count(b"\n") + 1
        print(f"generated {big.stat().st_size / 1e6:.1f} MB, {lines:,} lines", file=sys.stderr)

        # Import of the 50 MB document, against reading and hashing it in plain Python.
        reference = timed(lambda: hashlib.sha256(big.read_bytes()).hexdigest(), 3)
        db = folder / "big.db"

        def import_big():
            for suffix in ("", "-wal", "-shm"):
                Path(str(db) + suffix).unlink(missing_ok=True)
            store = Store.open(db)
            store.add_document(read_document(big))
            store.close()

        seconds = timed(import_big, 3)
        rows.append(("import of the 50 MB document", f"{seconds:.2f} s", "≤ 3 s", f"{reference:.2f} s",
                     f"{seconds / reference:.1f}×", seconds <= 3))
        store = Store.open(db)
        text = store.text(1)
        store.insert_annotations(annotations_for(1, text, 10_000, rng))
        store.close()
        corpus_db = folder / "corpus.db"
        store = Store.open(corpus_db)
        corpus_ids = import_ids(store, [ROOT / "corpus"])
        store.close()

        # Launch to the first screen, against a bare Textual app showing one line.
        bare, _ = launch(["bare"])
        ours, _ = launch(["diptych", str(corpus_db), *map(str, corpus_ids)])
        rows.append(("launch to first screen, corpus", f"{ours:.2f} s", "≤ 1.3×", f"{bare:.2f} s",
                     f"{ours / bare:.2f}×", ours / bare <= 1.3))
        big_launch, _ = launch(["diptych", str(db), "1"])
        # The probe exits at the first screen, before the whole text has loaded in the background.
        from startup import peak_loaded

        peak = peak_loaded(db)
        rows.append(("launch to first screen, 50 MB document", f"{big_launch:.2f} s", "≤ 1 s and ≤ 2×",
                     f"{bare:.2f} s", f"{big_launch / bare:.2f}×", big_launch <= 1 and big_launch / bare <= 2))

        # Keys on the 50 MB document with its 10,000 annotations.
        keys = asyncio.run(key_timings(str(db), 1))
        for name, label, target in (("page", "page down / up (start, middle, end)", 16),
                                    ("line", "cursor one line", 8), ("select", "extend the selection a line", 8)):
            p99 = percentile(keys[name], 99) * 1000
            rows.append((label, f"p99 {p99:.1f} ms", f"p99 ≤ {target} ms",
                         f"p50 {percentile(keys[name], 50) * 1000:.1f} ms", f"n={len(keys[name])}", p99 <= target))

        # Tagging a span, durable commit included, against the bare sqlite3 module.
        ours_tag, raw_tag = tag_timings(folder)
        p99, raw99 = percentile(ours_tag, 99) * 1000, percentile(raw_tag, 99) * 1000
        rows.append(("tagging a span (durable commit)", f"p99 {p99:.2f} ms", "p99 ≤ 2 ms", f"p99 {raw99:.2f} ms",
                     f"{p99 / raw99:.1f}×", p99 <= 2))

        # Export of 1,000,000 annotations, against the sqlite3 shell's JSON mode.
        million = folder / "million.db"
        annotated_store(million, folder, "doc", 1000, 1000, rng, pool)
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        with open(os.devnull, "w") as sink:
            ours_export = timed(lambda: subprocess.run([sys.executable, "-m", "tui", "export", "--db", str(million)],
                                                       stdout=sink, check=True, env=env))
            if shutil.which("sqlite3"):
                shell = timed(lambda: subprocess.run(["sqlite3", "-json", str(million), "SELECT * FROM annotations"],
                                                     stdout=sink, check=True))
                rows.append(("export of 1M annotations (JSONL)", f"{ours_export:.1f} s", "≤ 2×", f"{shell:.1f} s",
                             f"{ours_export / shell:.2f}×", ours_export / shell <= 2))
            else:
                rows.append(("export of 1M annotations (JSONL)", f"{ours_export:.1f} s", "≤ 2×",
                             "no sqlite3 shell", "-", False))
        rows.append(("peak memory, 50 MB document open and loaded", f"{peak:.0f} MB", "≤ 400 MB", "-", "-", peak <= 400))

    # Issue 15: first screens through a real terminal (tmux), the 200 MB document, export of 200,000.
    from startup import startup_figures

    rows += startup_figures()

    headers = ("figure", "value", "target", "reference (same run)", "ratio", "ok")
    table = [headers] + [(*r[:5], "yes" if r[5] else "NO") for r in rows]
    widths = [max(len(str(row[i])) for row in table) for i in range(len(headers))]
    print(f"machine: {results['machine']}")
    for index, row in enumerate(table):
        print("  ".join(str(cell).ljust(width) for cell, width in zip(row, widths)).rstrip())
        if index == 0:
            print("  ".join("-" * w for w in widths))
    results["figures"] = [dict(zip(headers, (*r[:5], r[5]))) for r in rows]
    (OUT / "results.json").write_text(json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8")
    print(f"wrote {OUT / 'results.json'}")
    ingest()


def ingest() -> None:
    """Real articles in (issue 11): extraction quality, 1,000 pages, a 20-page PDF.

    A child process with its own table: trafilatura and pypdf are loaded there and their
    memory is not counted against the reader's figures above.
    """
    print()
    print("Real articles in (benchmarks/ingest.py)")
    sys.stdout.flush()
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "ingest.py")], check=True,
                   env={**os.environ, "PYTHONPATH": str(ROOT)})


if __name__ == "__main__":
    main()
