"""Agreement at scale (issue 14): `python benchmarks/agreement.py` prints each figure beside its target.

Two cases, generated deterministically (seed 20261123), each run in a fresh interpreter so
its peak resident memory is its own:

- one 5 MB document of corpus-like prose, 2 × 50,000 spans: ≤ 5 s and ≤ 500 MB;
- 1,000 documents of 10 kB, 2 × 500,000 spans: ≤ 60 s.

The second annotator keeps about 70 % of the first one's spans, often with a boundary moved,
and adds spans of their own, so every measure has real work to do. The time is one call of
`agreement(..., alpha_u=True)` (exact F1, overlap F1, kappa and αu per label and overall);
the memory is the process's peak, text and spans included.
"""

from __future__ import annotations

import json
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tui.model.agreement import agreement

SEED = 20261123
LABELS = ["claim", "attribution"]
WORDS = ["North", "Korea", "has", "sent", "troops", "and", "millions", "of", "artillery", "shells", "to", "Russia", ",", "officials", "say", ";", "the", "Kremlin", "denies", "it", ".", "According", "to", "Ukrainian", "intelligence", ",", "about", "11,000", "soldiers", "are", "in", "Kursk", "."]
CASES = {
    "one": {"documents": 1, "size": 5_000_000, "spans": 50_000, "seconds": 5.0, "megabytes": 500},
    "many": {"documents": 1_000, "size": 10_000, "spans": 500_000, "seconds": 60.0, "megabytes": None},
}


def prose(size: int, rng: random.Random) -> str:
    parts, total = [], 0
    while total < size:
        word = rng.choice(WORDS)
        parts.append(word)
        total += len(word) + 1
    return " ".join(parts)[:size]


def spans_for(texts: dict[int, str], count: int, rng: random.Random):
    docs = sorted(texts)
    a = []
    for _ in range(count):
        doc = rng.choice(docs)
        n = len(texts[doc])
        start = rng.randrange(n - 1)
        a.append((doc, rng.choice(LABELS), start, min(n, start + rng.randint(5, 300))))
    b = []
    for doc, label, start, end in a:
        roll = rng.random()
        if roll < 0.4:
            b.append((doc, label, start, end))
        elif roll < 0.7:
            b.append((doc, label, max(0, start + rng.randint(-20, 20)), end + rng.randint(-20, 20)))
        else:
            n = len(texts[doc])
            s = rng.randrange(n - 1)
            b.append((doc, rng.choice(LABELS), s, min(n, s + rng.randint(5, 300))))
    b = [(d, lab, s, max(s + 1, e)) for d, lab, s, e in b]
    return a, b


def run_case(name: str) -> dict:
    case = CASES[name]
    rng = random.Random(SEED)
    texts = {doc: prose(case["size"], rng) for doc in range(1, case["documents"] + 1)}
    a, b = spans_for(texts, case["spans"], rng)
    started = time.perf_counter()
    result = agreement(a, b, texts, LABELS, alpha_u=True)
    seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"case": name, "seconds": seconds, "peak_mb": peak_mb, "overall": result["overall"]}


def main() -> None:
    if len(sys.argv) == 3 and sys.argv[1] == "--case":
        print(json.dumps(run_case(sys.argv[2])))
        return
    ok = True
    for name, case in CASES.items():
        out = subprocess.run([sys.executable, __file__, "--case", name], check=True, capture_output=True, text=True)
        figures = json.loads(out.stdout)
        spans = f"2 × {case['spans']:,} spans over {case['documents']:,} document(s) of {case['size'] / 1e6:g} MB"
        time_ok = figures["seconds"] <= case["seconds"]
        print(f"agreement, {spans}: {figures['seconds']:.2f} s (target ≤ {case['seconds']:g} s)"
              f" {'ok' if time_ok else 'MISSED'}")
        mem_ok = case["megabytes"] is None or figures["peak_mb"] <= case["megabytes"]
        target = f"target ≤ {case['megabytes']} MB" if case["megabytes"] else "no target"
        print(f"  peak memory {figures['peak_mb']:.0f} MB ({target}) {'ok' if mem_ok else 'MISSED'}")
        print(f"  overall: {figures['overall']}")
        ok = ok and time_ok and mem_ok
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
