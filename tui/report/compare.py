"""Render a comparison report as a terminal table, Markdown, CSV or JSON."""

from __future__ import annotations

import csv
import io
import json


def _who(claim: dict) -> str:
    return "; ".join(claim["attributions"])


def rows(report: dict) -> list[dict]:
    """One flat row per pair or unpaired claim (the CSV's rows)."""
    out = []
    for pair in report["pairs"]:
        out.append({"kind": "pair", "relation": pair["relation"], "a_exact": pair["a"]["exact"],
                    "a_attributed_to": _who(pair["a"]), "b_exact": pair["b"]["exact"],
                    "b_attributed_to": _who(pair["b"]), "a_id": pair["a"]["id"], "b_id": pair["b"]["id"]})
    for side in ("a", "b"):
        for claim in report[f"only_{side}"]:
            out.append({"kind": f"only_{side}", "relation": "", f"{side}_exact": claim["exact"],
                        f"{side}_attributed_to": _who(claim), f"{side}_id": claim["id"]})
    return out


COLUMNS = ["kind", "relation", "a_exact", "a_attributed_to", "b_exact", "b_attributed_to", "a_id", "b_id"]


def render(report: dict, fmt: str, titles: tuple[str, str]) -> str:
    if fmt == "json":
        return json.dumps({**report, "titles": list(titles)}, ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        buffer = io.StringIO(newline="")
        writer = csv.DictWriter(buffer, fieldnames=COLUMNS, restval="")
        writer.writeheader()
        writer.writerows(rows(report))
        return buffer.getvalue()
    if fmt == "markdown":
        return _markdown(report, titles)
    raise ValueError(fmt)


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _markdown(report: dict, titles: tuple[str, str]) -> str:
    lines = [f"# Comparison: {_cell(titles[0])} / {_cell(titles[1])}", "", "## Linked claims", ""]
    lines += ["| A | attributed to | relation | B | attributed to |", "|---|---|---|---|---|"]
    for p in report["pairs"]:
        lines.append(f"| {_cell(p['a']['exact'])} | {_cell(_who(p['a']))} | {p['relation']} "
                     f"| {_cell(p['b']['exact'])} | {_cell(_who(p['b']))} |")
    for side, title in (("a", titles[0]), ("b", titles[1])):
        lines += ["", f"## Only in {_cell(title)}", ""]
        lines += [f"- {_cell(c['exact'])}" + (f" ({_cell(_who(c))})" if c["attributions"] else "")
                  for c in report[f"only_{side}"]] or ["- (none)"]
    return "\n".join(lines) + "\n"


def rich_tables(report: dict, titles: tuple[str, str]):
    """Rich renderables for a terminal: the pairs, then the claims found on one side only."""
    from rich.table import Table
    from rich.text import Text

    from ..model.text import safe_for_display

    def text(value: str) -> Text:
        return Text(safe_for_display(" ".join(value.split())))

    pairs = Table(title="Linked claims", expand=True, show_lines=True)
    pairs.add_column(Text(safe_for_display(titles[0])), ratio=3)
    pairs.add_column("relation", no_wrap=True)
    pairs.add_column(Text(safe_for_display(titles[1])), ratio=3)
    for p in report["pairs"]:
        a = text(p["a"]["exact"])
        b = text(p["b"]["exact"])
        if p["a"]["attributions"]:
            a.append(f"\n— {safe_for_display(_who(p['a']))}", style="dim")
        if p["b"]["attributions"]:
            b.append(f"\n— {safe_for_display(_who(p['b']))}", style="dim")
        pairs.add_row(a, p["relation"], b)
    yield pairs
    for side, title in (("a", titles[0]), ("b", titles[1])):
        only = Table(title=Text(f"Only in {safe_for_display(title)}"), expand=True)
        only.add_column("claim", ratio=3)
        only.add_column("attributed to", ratio=1)
        for c in report[f"only_{side}"]:
            only.add_row(text(c["exact"]), text(_who(c)))
        yield only
