"""Merging at scale: two databases of N annotations each (half shared, some edited on each side,
some deleted) merged in one transaction; printed beside copying the same rows with SQL.

    python benchmarks/teams.py [--annotations 1000000]

Target (issue 14): 1,000,000 into 1,000,000 in ≤ 60 s.
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tui.model.entities import Annotation  # noqa: E402
from tui.model.text import new_id  # noqa: E402
from tui.store import Store  # noqa: E402

SEED = 20261123
DOCUMENTS = 1000
TEXT = ("North Korea has supplied Russia with artillery shells, officials said. " * 80).strip()


def stamp(day: int, n: int) -> str:
    return f"2026-01-{day:02d}T00:00:{n // 1000 % 60:02d}.{n % 1000:03d}Z"


def build(folder: Path, count: int) -> tuple[Path, Path, dict]:
    rng = random.Random(SEED)
    ours, theirs = Store.open(folder / "ours.db"), Store.open(folder / "theirs.db")
    with ours.transaction(), theirs.transaction():
        for store in (ours, theirs):
            store.conn.executemany(
                "INSERT INTO documents (path, title, sha256, text, length, newline, encoding, added)"
                " VALUES (?, ?, ?, ?, ?, 'lf', 'utf-8', '2026-01-01T00:00:00.000Z')",
                [(f"/d/{i}.txt", f"doc {i}", f"{i:064x}", TEXT, len(TEXT)) for i in range(DOCUMENTS)])
    shared, own = count // 2, count - count // 2
    plan = {"shared": shared, "edited_ours": 0, "edited_theirs": 0, "deleted_ours": 0, "deleted_theirs": 0}

    def annotation(n: int) -> Annotation:
        start = rng.randrange(len(TEXT) - 40)
        end = start + rng.randint(5, 40)
        return Annotation(new_id(), 1 + n % DOCUMENTS, start, end, "claim", TEXT[start:end], annotator="gen",
                          created=stamp(1, n), modified=stamp(1, n))

    base = [annotation(n) for n in range(shared)]
    mine, theirs_rows = list(base), list(base)
    deletions_ours, deletions_theirs = [], []
    for i in range(shared):
        roll = rng.random()
        if roll < 0.05:
            mine[i] = replace(base[i], note="ours", modified=stamp(2, i))
            plan["edited_ours"] += 1
        elif roll < 0.10:
            theirs_rows[i] = replace(base[i], note="theirs", modified=stamp(3, i))
            plan["edited_theirs"] += 1
        elif roll < 0.12:
            deletions_ours.append(base[i])
            mine[i] = None
            plan["deleted_ours"] += 1
        elif roll < 0.14:
            deletions_theirs.append(base[i])
            theirs_rows[i] = None
            plan["deleted_theirs"] += 1
    mine += [annotation(shared + n) for n in range(own // 2)]
    theirs_rows += [annotation(shared + own // 2 + n) for n in range(own - own // 2)]
    for store, rows, buried in ((ours, mine, deletions_ours), (theirs, theirs_rows, deletions_theirs)):
        store.insert_annotations(a for a in rows if a is not None)
        with store.transaction():
            store.conn.executemany(
                "INSERT INTO tombstones (id, kind, deleted, deleted_by, document_sha256, record)"
                " VALUES (?, 'annotation', ?, 'gen', '', '{}')", [(a.id, stamp(4, 0)) for a in buried])
        store.close()
    return folder / "ours.db", folder / "theirs.db", plan


def copy_reference(ours: Path, theirs: Path) -> float:
    """The same volume moved by SQL alone: every row of theirs inserted or replaced into ours."""
    conn = sqlite3.connect(ours)
    conn.execute("ATTACH ? AS t", (str(theirs),))
    began = time.perf_counter()
    conn.execute("BEGIN")
    conn.execute("INSERT OR REPLACE INTO annotations SELECT * FROM t.annotations")
    conn.execute("ROLLBACK")
    return time.perf_counter() - began


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--annotations", type=int, default=1_000_000)
    count = parser.parse_args().annotations
    with tempfile.TemporaryDirectory() as folder:
        ours, theirs, plan = build(Path(folder), count)
        reference = copy_reference(ours, theirs)
        store, other = Store.open(ours), Store.open(theirs, readonly=True)
        began = time.perf_counter()
        summary = store.merge_from(other)
        seconds = time.perf_counter() - began
        deleted_back = store.conn.execute(
            "SELECT count(*) FROM annotations a JOIN tombstones t ON t.id = a.id").fetchone()[0]
        store.close()
        other.close()
    target = 60 * count / 1_000_000
    print(f"merge of {count:,} annotations into {count:,} (half shared): {seconds:.1f} s "
          f"(target ≤ {target:.0f} s; SQL copy of the same rows: {reference:.1f} s)")
    print("  plan: " + json.dumps(plan))
    print("  merge: " + ", ".join(f"{n} {k.replace('_', ' ')}" for k, n in summary.items()))
    print(f"  deleted annotations back after the merge: {deleted_back}")
    return 0 if seconds <= target and deleted_back == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
