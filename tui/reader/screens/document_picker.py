"""Pick a document for the focused pane by fuzzy search over "outlet title published".

Built for thousands of documents: the choice strings are made once when the picker
opens, each keystroke is one ``rapidfuzz.process.extract`` over them (C++, some
tens of milliseconds for 10,000 strings), and at most ``SHOWN`` rows are listed.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text

from ...model.text import excerpt, safe_for_display
from .filter_list import FilterListScreen

SHOWN = 200  # rows listed: enough to scroll through, few enough to lay out at once
CUTOFF = 40.0  # WRatio below this is noise ("kim" against an unrelated title scores ~30)


@dataclass(frozen=True)
class Choice:
    document_id: int
    title: str
    outlet: str
    published: str

    @property
    def haystack(self) -> str:
        return " ".join(part for part in (self.outlet, self.title, self.published) if part)


def choices_of(store) -> list[Choice]:
    """Every current document as a choice, in the store's order (the import order)."""
    found = []
    for doc in store.documents():
        published = str(store.document_metadata(doc.id).get("published") or "")
        found.append(Choice(doc.id, doc.title, doc.source, published))
    return found


def rank(query: str, choices: list[Choice], haystacks: list[str] | None = None,
         limit: int = SHOWN) -> list[Choice]:
    """The choices that match ``query`` best first (all of them, in order, for no query);
    ``haystacks`` are the choices' strings when the caller keeps them between calls."""
    from rapidfuzz import fuzz, process, utils

    if not query.strip():
        return choices[:limit]
    haystacks = haystacks if haystacks is not None else [choice.haystack for choice in choices]
    found = process.extract(query, haystacks, scorer=fuzz.WRatio, processor=utils.default_process,
                            limit=limit, score_cutoff=CUTOFF)
    # Ties (a word found whole in several titles) keep the store's order: stable and predictable.
    found.sort(key=lambda hit: (-hit[1], hit[2]))
    return [choices[index] for _, _, index in found]


class DocumentPicker(FilterListScreen[int]):
    """Dismisses with the chosen document's id, or None."""

    TITLE_TEXT = "Show a document in the focused pane"
    PLACEHOLDER = "Outlet, title or date, roughly: “dw brothers”, “meridian 2025-09”"

    def __init__(self, store, open_in: dict[int, int] | None = None) -> None:
        """``open_in`` maps a document id to the pane number showing it."""
        super().__init__()
        self.choices = choices_of(store)
        self.haystacks = [choice.haystack for choice in self.choices]
        self.open_in = open_in or {}

    def rows(self, query: str) -> tuple[list[tuple[int, Text]], Text]:
        found = rank(query, self.choices, self.haystacks)
        lines = []
        for choice in found:
            line = Text(no_wrap=True, overflow="ellipsis")
            line.append(f"{excerpt(choice.title, 60) or '(untitled)'}", style="bold")
            line.append(f"  {safe_for_display(choice.outlet)}" if choice.outlet else "", style="dim")
            line.append(f"  {safe_for_display(choice.published)}" if choice.published else "", style="dim")
            if choice.document_id in self.open_in:
                line.append(f"  (pane {self.open_in[choice.document_id]})", style="italic")
            lines.append((choice.document_id, line))
        total = len(self.choices)
        if not found:
            return lines, Text(f"Nothing like that among {total} documents.", style="dim")
        shown = f"the best {len(found)}" if query.strip() else f"{len(found)}"
        return lines, Text(f"{shown} of {total} document{'' if total == 1 else 's'}", style="dim")
