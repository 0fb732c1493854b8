"""Suggestion quality (issue 17): `python benchmarks/suggest.py` prints exact and overlap
precision, recall and F1 per label on both gold sets, beside the Gender Gap Tracker's figure.

- tuning: corpus/annotations.example.jsonl on the two corpus articles; the rules were tuned on it.
- held-out: evaluation/heldout/gold.jsonl on two articles written and annotated for evaluation
  before the suggester was run on them; never tuned on.

The Gender Gap Tracker (Asr et al. 2021) reaches quote F1 0.837 at span overlap on news;
that is the reference for the overlap F1 of attributions and claims here. `--set tuning`
or `--set heldout` prints one set; `--errors` lists the misses and false alarms (use it on
the tuning set only: looking at the held-out errors would be tuning on them).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tui.ingest import read_document
from tui.model.suggest import evaluate_texts, suggest

SETS = {
    "tuning": ROOT / "corpus" / "annotations.example.jsonl",
    "heldout": ROOT / "evaluation" / "heldout" / "gold.jsonl",
}
GGT_QUOTE_F1 = 0.837
TARGETS = {"attribution": "overlap F1 ≥ 0.85, P ≥ 0.85", "claim": "overlap F1 ≥ 0.85, exact F1 ≥ 0.5"}


def load_gold(path: Path) -> tuple[dict[int, str], list[tuple[str, int, int, int]]]:
    """Texts (document id -> text, read as `diptych import` reads them) and gold items of a
    Diptych JSON Lines export; every span is checked against its text."""
    texts: dict[int, str] = {}
    gold = []
    for number, line in enumerate(path.read_text("utf-8").splitlines(), 1):
        if not line.strip():
            continue
        record = json.loads(line)
        if "label" not in record:
            continue
        doc = record["document"]["id"]
        if doc not in texts:
            texts[doc] = read_document(ROOT / record["document"]["path"]).text
        text = texts[doc]
        if text[record["start"]:record["end"]] != record["exact"]:
            raise SystemExit(f"{path}:{number}: span does not match its document's text")
        gold.append((record["label"], doc, record["start"], record["end"]))
    return texts, gold


def table(result: dict) -> list[str]:
    rows = ["| label | gold | suggested | exact P | exact R | exact F1 | overlap P | overlap R | overlap F1 |",
            "|---|---|---|---|---|---|---|---|---|"]
    for label, s in result.items():
        e, o = s["exact"], s["overlap"]
        rows.append(f"| {label} | {s['gold']} | {s['predicted']} | {e['precision']:.3f} | {e['recall']:.3f} | "
                    f"{e['f1']:.3f} | {o['precision']:.3f} | {o['recall']:.3f} | {o['f1']:.3f} |")
    return rows


def errors(texts: dict[int, str], gold: list) -> list[str]:
    lines = []
    for doc, text in texts.items():
        found = {(s.label, s.start, s.end) for s in suggest(text)}
        wanted = {(label, s, e) for label, d, s, e in gold if d == doc}
        for label, s, e in sorted(wanted - found, key=lambda x: x[1]):
            hit = any(fl == label and fs < e and s < fe for fl, fs, fe in found)
            lines.append(f"MISS{'(overlap ok)' if hit else ''} {label}: {text[s:e]!r}")
        for label, s, e in sorted(found - wanted, key=lambda x: x[1]):
            hit = any(gl == label and gs < e and s < ge for gl, gs, ge in wanted)
            lines.append(f"EXTRA{'(overlap ok)' if hit else ''} {label}: {text[s:e]!r}")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=sorted(SETS), action="append")
    parser.add_argument("--errors", action="store_true")
    args = parser.parse_args()
    results = {}
    for name in args.set or ["tuning", "heldout"]:
        texts, gold = load_gold(SETS[name])
        result = evaluate_texts(texts, gold)
        results[name] = result
        print(f"\n{name} set ({SETS[name].relative_to(ROOT)}: {len(texts)} documents, {len(gold)} spans)")
        print("\n".join(table(result)))
        for label, target in TARGETS.items():
            if label in result:
                o = result[label]["overlap"]
                print(f"  {label}: overlap F1 {o['f1']:.3f} (P {o['precision']:.3f}) beside the Gender Gap "
                      f"Tracker's quote F1 {GGT_QUOTE_F1}; target {target}")
        if args.errors:
            print("\n".join(errors(texts, gold)))
    out = ROOT / "benchmarks" / "out"
    out.mkdir(exist_ok=True)
    (out / "suggest.json").write_text(json.dumps(results, indent=1), "utf-8")


if __name__ == "__main__":
    main()
