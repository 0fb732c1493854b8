"""Start-up figures of issue 15, each beside its reference measured in the same run.

Run alone (``python benchmarks/startup.py``) or from ``benchmarks/run.py``. Screens are
watched through a real terminal: each app runs in tmux (a private server, ``-L``), and a
first screen is "seen" when ``tmux capture-pane`` shows an expected line. Launch figures
are the median of 5. Inputs are generated under ``benchmarks/out/`` (git-ignored) with
the seed of run.py; the 200 MB cases take a few minutes.

``python benchmarks/startup.py --bare`` is the reference app: a bare Textual app
showing one line.
"""

from __future__ import annotations

import os
import random
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks" / "out"
TMUX_SOCKET = "diptych-startup-bench"
SIZE = (120, 40)
Row = tuple[str, str, str, str, str, bool]  # figure, value, target, reference, ratio, ok


def _bare_app() -> None:
    from textual.app import App
    from textual.widgets import Static

    class Bare(App):
        def compose(self):
            yield Static("bare app: one line")

    Bare().run()


def _tmux(*args: str) -> str:
    return subprocess.run(["tmux", "-L", TMUX_SOCKET, *args], capture_output=True, text=True, check=False).stdout


def _screen(session: str) -> str:
    return _tmux("capture-pane", "-p", "-t", session)


def _wait_for(session: str, seen, timeout: float = 60.0) -> float:
    """Seconds until ``seen(screen)`` holds, polling every 20 ms."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if seen(_screen(session)):
            return time.perf_counter() - start
        time.sleep(0.02)
    raise SystemExit(f"startup bench: nothing seen in {session} after {timeout} s:\n{_screen(session)}")


def _start(session: str, command: list[str]) -> float:
    """Start ``command`` in a new tmux session; returns the perf_counter time just before."""
    env = f"PYTHONPATH={ROOT} TERM=xterm-256color"
    line = " ".join([env, *map(shlex.quote, command)])
    before = time.perf_counter()
    _tmux("new-session", "-d", "-s", session, "-x", str(SIZE[0]), "-y", str(SIZE[1]), line)
    return before


def _stop(session: str) -> None:
    _tmux("kill-session", "-t", session)


def _reader_command(db: Path, ids: list[int]) -> list[str]:
    code = ("import sys; from tui.reader.app import DiptychApp; "
            "DiptychApp(sys.argv[1], [int(i) for i in sys.argv[2:]], 'bench').run()")
    return [sys.executable, "-c", code, str(db), *map(str, ids)]


def first_screen(command: list[str], expect: str, runs: int = 5) -> float:
    """Median seconds from starting ``command`` to ``expect`` on its screen."""
    times = []
    for run in range(runs):
        session = f"s{run}"
        start = _start(session, command)
        _wait_for(session, lambda screen: expect in screen)
        times.append(time.perf_counter() - start)
        _stop(session)
        time.sleep(0.3)  # let the killed app's exit leave the CPUs
    return statistics.median(times)


def key_to_screen(db: Path, expect_first: str, key: str, expect_after: str, settle: float) -> tuple[float, float]:
    """Seconds from sending ``key`` until ``expect_after`` shows: right after the first screen,
    and again after ``settle`` seconds (the background load done)."""
    found = []
    for wait in (0.0, settle):
        session = f"key{len(found)}"
        _start(session, _reader_command(db, [1]))
        _wait_for(session, lambda screen: expect_first in screen)
        time.sleep(wait)
        sent = time.perf_counter()
        _tmux("send-keys", "-t", session, key)
        _wait_for(session, lambda screen: expect_after in screen)
        found.append(time.perf_counter() - sent)
        _stop(session)
    return found[0], found[1]


def peak_loaded(db: Path) -> float:
    """Peak MB of the reader with the document open and its whole text loaded."""
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "launch_probe.py"), "--loaded", "diptych",
                           str(db), "1"], capture_output=True, text=True, cwd=ROOT, check=False)
    if "peak_mb=" not in done.stderr:
        raise SystemExit(f"launch probe failed: {done.stderr[-2000:]}")
    return float(done.stderr.rsplit("peak_mb=", 1)[1].split()[0])


def _import(path: Path, db: Path) -> tuple[float, int]:
    from tui.ingest import read_document
    from tui.store import Store

    start = time.perf_counter()
    store = Store.open(db)
    document_id = store.add_document(read_document(path)).document_id
    store.close()
    return time.perf_counter() - start, document_id


def _first_line(path: Path) -> str:
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                return line.strip()[:40]
    return ""


def _last_line(path: Path) -> str:
    with open(path, "rb") as handle:
        handle.seek(max(0, path.stat().st_size - 4096))
        lines = [line for line in handle.read().decode("utf-8", "ignore").splitlines() if line.strip()]
    return lines[-1].strip()[:40]


def export_figures(folder: Path, rng: random.Random, pool: list[str]) -> Row:
    """Export of 200,000 annotations (JSONL, process start-up included) against `sqlite3 -json`."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from run import annotated_store, timed

    db = folder / "export200k.db"
    annotated_store(db, folder, "export", 200, 1000, rng, pool)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    with open(os.devnull, "w") as sink:
        ours = statistics.median(timed(lambda: subprocess.run(
            [sys.executable, "-m", "tui", "export", "--db", str(db)], stdout=sink, check=True, env=env))
            for _ in range(5))
        if not shutil.which("sqlite3"):
            return ("export of 200,000 annotations", f"{ours:.2f} s", "≤ 2×", "no sqlite3 shell", "-", False)
        shell = statistics.median(timed(lambda: subprocess.run(
            ["sqlite3", "-json", str(db), "SELECT * FROM annotations"], stdout=sink, check=True)) for _ in range(5))
    return ("export of 200,000 annotations (JSONL)", f"{ours:.2f} s", "≤ 2×", f"{shell:.2f} s (sqlite3 -json)",
            f"{ours / shell:.2f}×", ours / shell <= 2)


def startup_figures(big: bool = True) -> list[Row]:
    """The figures of issue 15 (``big``: the 200 MB document too, a few minutes more)."""
    have_tmux = bool(shutil.which("tmux"))
    sys.path.insert(0, str(ROOT / "benchmarks"))
    sys.path.insert(0, str(ROOT))
    from run import SEED, corpus_sentences, make_document

    from tui.services.importing import import_ids
    from tui.store import Store

    OUT.mkdir(parents=True, exist_ok=True)
    rng = random.Random(SEED)
    pool = corpus_sentences()
    rows: list[Row] = []
    try:
        with tempfile.TemporaryDirectory(dir=OUT) as scratch:
            folder = Path(scratch)
            corpus_db = folder / "corpus.db"
            store = Store.open(corpus_db)
            corpus_ids = import_ids(store, [ROOT / "corpus"])[:2]
            first_corpus = _first_line(Path(store.document(corpus_ids[0]).path))
            store.close()
            docs = {}
            for name, size in (("5 kB", 5_000), ("50 MB", 50_000_000)) + ((("200 MB", 200_000_000),) if big else ()):
                path = folder / f"{name.replace(' ', '')}.txt"
                make_document(path, size, rng, pool)
                db = folder / f"{name.replace(' ', '')}.db"
                seconds, _ = _import(path, db)
                docs[name] = (path, db, seconds)
                print(f"startup bench: {name} imported in {seconds:.1f} s", file=sys.stderr)

            if not have_tmux:
                rows.append(("first screens and G (through tmux)", "-", "-", "tmux is not installed", "-", False))
            else:
                bare = first_screen([sys.executable, str(Path(__file__).resolve()), "--bare"], "bare app: one line")
                corpus = first_screen(_reader_command(corpus_db, corpus_ids), first_corpus)
                rows.append(("first screen, corpus (tmux)", f"{corpus:.2f} s", "≤ 1.3× bare",
                             f"{bare:.2f} s (bare Textual app)", f"{corpus / bare:.2f}×", corpus / bare <= 1.3))
                small_path, small_db, _ = docs["5 kB"]
                small = first_screen(_reader_command(small_db, [1]), _first_line(small_path))
            for name in ("50 MB", "200 MB"):
                if name not in docs or not have_tmux:
                    continue
                path, db, seconds = docs[name]
                shown = first_screen(_reader_command(db, [1]), _first_line(path))
                rows.append((f"first screen, {name} document (tmux)", f"{shown:.2f} s", "≤ 1.3× 5 kB",
                             f"{small:.2f} s (5 kB document)", f"{shown / small:.2f}×", shown / small <= 1.3))
            if big:
                path, db, seconds = docs["200 MB"]
                rows.append(("import of the 200 MB document", f"{seconds:.1f} s", "≤ 12 s", "-", "-", seconds <= 12))
                peak = peak_loaded(db)
                rows.append(("peak memory, 200 MB document open and loaded", f"{peak:.0f} MB", "≤ 600 MB", "-", "-",
                             peak <= 600))
            if big and have_tmux:
                path, db, _seconds = docs["200 MB"]
                at_once, settled = key_to_screen(db, _first_line(path), "G", _last_line(path), settle=8.0)
                rows.append(("G in the 200 MB document (tmux), after the load", f"{settled * 1000:.0f} ms",
                             "≤ 300 ms", f"{at_once * 1000:.0f} ms right after the first screen", "-",
                             settled <= 0.3))
            rows.append(export_figures(folder, rng, pool))
    finally:
        if have_tmux:
            _tmux("kill-server")
    return rows


def main() -> None:
    if "--bare" in sys.argv:
        _bare_app()
        return
    rows = startup_figures(big="--small" not in sys.argv)
    headers = ("figure", "value", "target", "reference (same run)", "ratio", "ok")
    table = [headers] + [(*r[:5], "yes" if r[5] else "NO") for r in rows]
    widths = [max(len(str(row[i])) for row in table) for i in range(len(headers))]
    for index, row in enumerate(table):
        print("  ".join(str(cell).ljust(width) for cell, width in zip(row, widths)).rstrip())
        if index == 0:
            print("  ".join("-" * w for w in widths))


if __name__ == "__main__":
    main()
