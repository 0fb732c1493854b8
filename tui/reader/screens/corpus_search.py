"""Search every document's text (the store's FTS5 index) and open a hit in a pane."""

from __future__ import annotations

from rich.text import Text

from ...model.search import Hit
from ...model.text import excerpt, safe_for_display
from ...store import StoreError
from .filter_list import FilterListScreen

LIMIT = 200  # hits shown: a phrase common enough to pass this wants more words, not scrolling


class CorpusSearchScreen(FilterListScreen[Hit]):
    """Dismisses with the chosen hit (its document and code-point span), or None."""

    TITLE_TEXT = "Search every document"
    PLACEHOLDER = "Words, found as a phrase (case and accents ignored)"

    def __init__(self, store, query: str = "") -> None:
        super().__init__(query)
        self.store = store
        self._titles = {doc.id: doc.title for doc in store.documents()}

    def rows(self, query: str) -> tuple[list[tuple[Hit, Text]], Text]:
        if not query.split():
            return [], Text("Type some words.", style="dim")
        try:
            hits = self.store.search(query, limit=LIMIT)
        except StoreError as exc:
            return [], Text(safe_for_display(str(exc)), style="dim")
        lines = []
        for hit in hits:
            line = Text(no_wrap=True, overflow="ellipsis")
            line.append(f"{excerpt(self._titles.get(hit.document_id, str(hit.document_id)), 28):<29}", style="bold")
            line.append_text(marked(hit.snippet))
            lines.append((hit, line))
        documents = len({hit.document_id for hit in hits})
        more = " (the first ones: add words to narrow it)" if len(hits) >= LIMIT else ""
        summary = f"{len(hits)} hit{'' if len(hits) == 1 else 's'} in {documents} document{'' if documents == 1 else 's'}"
        return lines, Text(summary + more if hits else "No hits.", style="dim")


def marked(snippet: str) -> Text:
    """The snippet (already display-safe) with the hit between ⟦ and ⟧ in reverse video
    instead of the brackets."""
    start = snippet.find("⟦")
    end = snippet.find("⟧", start + 1)
    if start < 0 or end < 0:
        return Text(snippet)
    line = Text(snippet[:start])
    line.append(snippet[start + 1:end], style="reverse")
    line.append(snippet[end + 1:])
    return line
