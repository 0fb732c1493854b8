"""A corpus of many documents (issue 12): 10,000 articles with 100 annotations each.

    python benchmarks/corpus.py [--documents 10000]

Prints, beside references from the same run: the import of the folder (`diptych import`),
`diptych docs`, `diptych search` in-process and as a command. Targets: import ≤ 60 s,
docs ≤ 1 s, search ≤ 100 ms in-process and ≤ 1 s as a command. (The story of 20 of
these documents is in benchmarks/story.py.)
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from tui.model.entities import Annotation  # noqa: E402
from tui.model.text import new_id  # noqa: E402
from tui.store import Store  # noqa: E402

SEED = 20261123
WORDS = ("North Korea Russia artillery shells troops Kursk Pyongyang Moscow officials said according to "
         "analysts estimate percent million thousand supplies missiles front winter ministry agency report "
         "intelligence deliveries treaty assistance Ukraine casualties workers factories").split()


def write_corpus(folder: Path, count: int, rng: random.Random) -> None:
    for i in range(count):
        sentences = []
        for _ in range(rng.randint(18, 28)):
            sentence = " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 16)))
            sentences.append(sentence[0].upper() + sentence[1:] + ".")
        (folder / f"article-{i:05d}.txt").write_text(f"Article {i}\n\n" + " ".join(sentences) + "\n", "utf-8")


def timed(action) -> float:
    began = time.perf_counter()
    action()
    return time.perf_counter() - began


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--documents", type=int, default=10_000)
    count = parser.parse_args().documents
    rng = random.Random(SEED)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        folder, db = Path(tmp) / "corpus", Path(tmp) / "c.db"
        folder.mkdir()
        write_corpus(folder, count, rng)
        reading = timed(lambda: [p.read_bytes() for p in folder.iterdir()])
        seconds = timed(lambda: subprocess.run([sys.executable, "-m", "tui", "import", str(folder), "--db", str(db)],
                                               check=True, stdout=subprocess.DEVNULL, env=env))
        rows.append((f"import of {count:,} documents", seconds, 60 * count / 10_000, f"reading them: {reading:.2f} s"))
        store = Store.open(db)
        docs = store.documents()
        annotations = []
        for doc in docs:
            text = store.text(doc.id)
            for _ in range(100):
                start = rng.randrange(len(text) - 30)
                annotations.append(Annotation(new_id(), doc.id, start, start + 20, "claim", text[start:start + 20],
                                              annotator="gen", created="2026-01-01T00:00:00.000Z",
                                              modified="2026-01-01T00:00:00.000Z"))
        store.insert_annotations(annotations)
        in_process = min(timed(lambda: store.search("artillery shells", limit=20)) for _ in range(5))
        store.close()
        bare = timed(lambda: subprocess.run([sys.executable, "-m", "tui", "--help"], check=True,
                                            stdout=subprocess.DEVNULL, env=env))
        docs_cmd = timed(lambda: subprocess.run([sys.executable, "-m", "tui", "docs", "--db", str(db)], check=True,
                                                stdout=subprocess.DEVNULL, env=env))
        rows.append((f"diptych docs ({count:,} documents, {len(annotations):,} annotations)", docs_cmd, 1.0,
                     f"diptych --help: {bare:.2f} s"))
        rows.append(("search, in-process (best of 5)", in_process, 0.1, "-"))
        search_cmd = timed(lambda: subprocess.run([sys.executable, "-m", "tui", "search", "artillery shells",
                                                   "--limit", "20", "--db", str(db)], check=True,
                                                  stdout=subprocess.DEVNULL, env=env))
        rows.append(("diptych search (a command)", search_cmd, 1.0, f"diptych --help: {bare:.2f} s"))
        # The reader on two of these documents, against a database holding only those two.
        import shutil

        if shutil.which("tmux"):
            from startup import _reader_command, first_screen

            small = Path(tmp) / "two.db"
            subprocess.run([sys.executable, "-m", "tui", "import", str(folder / "article-00000.txt"),
                            str(folder / "article-00001.txt"), "--db", str(small)], check=True,
                           stdout=subprocess.DEVNULL, env=env)
            alone = first_screen(_reader_command(small, [1, 2]), "Article 1")
            among = first_screen(_reader_command(db, [1, 2]), "Article 1")
            rows.append((f"reader on 2 of {count:,} documents, first screen", among, alone * 1.3,
                         f"the same 2 alone: {alone:.2f} s ({among / alone:.2f}×)"))
    missed = False
    for name, value, target, reference in rows:
        ok = value <= target
        missed |= not ok
        print(f"{name:60} {value:8.3f} s   target ≤ {target:.3g} s   {reference}   {'yes' if ok else 'NO'}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
