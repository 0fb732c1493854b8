"""The status line: what is under the cursor of the focused pane."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from ...model.text import excerpt, safe_for_display
from .document_view import DocumentView


class StatusLine(Static):
    def describe(self, view: DocumentView, looks: dict, annotator: str, link_lines=None, pending=None) -> None:
        line = Text(no_wrap=True, overflow="ellipsis")
        if pending is not None:
            line.append(" LINK ", style="bold reverse")
            line.append(f" from {safe_for_display(pending.label)} “{excerpt(pending.exact, 30)}”: Enter on the target  ")
        if view.pending_find:
            line.append(f" {view.pending_find} ", style="bold reverse")
            line.append(" type the character to " + ("jump to  " if view.pending_find == "f" else "stop before  "))
        if view.visual:
            line.append(" VISUAL ", style="bold reverse")
            line.append(" ")
        selection = view.selection
        here = view.annotations_here()
        if selection:
            start, end = selection
            line.append(f"Selected {end - start} characters ({start}–{end}): ")
            line.append(excerpt(view.text[start:end], 50), style="italic")
            keys = ", ".join(f"{key} {safe_for_display(name)}" for key, name in view.label_keys.items())
            line.append(f"   tag with {keys}" if keys else "", style="dim")
        elif here:
            for index, annotation in enumerate(here[:3]):
                if index:
                    line.append("  │  ", style="dim")
                look = looks.get(annotation.label)
                line.append(f" {safe_for_display(annotation.label)} ",
                            style=f"bold on {look.color}" if look else "bold reverse")
                line.append(f" {excerpt(annotation.exact, 40)}")
                if annotation.attributes not in ("", "{}"):
                    line.append(f"  {excerpt(attribute_text(annotation.attributes), 50)}", style="dim")
                if annotation.note:
                    line.append("  note: ", style="dim")
                    line.append(excerpt(annotation.note, 50))
                for text in (link_lines(annotation) if link_lines else [])[:2]:
                    line.append("  → ", style="dim")
                    line.append(safe_for_display(text))
                line.append(f"  by {safe_for_display(annotation.annotator)}", style="dim")
            if len(here) > 3:
                line.append(f"  (+{len(here) - 3} more)", style="dim")
        elif (ghost := view.suggestion_here()) is not None:
            line.append(f" suggested {safe_for_display(ghost.label)} ", style="dim underline reverse")
            line.append(f" ({safe_for_display(ghost.reason)}) ", style="dim")
            line.append(excerpt(view.text[ghost.start:ghost.end], 50), style="italic")
            line.append("   Enter accepts · r rejects", style="bold")
        else:
            total = max(1, view.length)  # the document's, while only its head is loaded too
            line.append(f"Offset {view.cursor} of {view.length} ({100 * view.cursor // total}%)")
            line.append(f"   annotator: {safe_for_display(annotator)}", style="dim")
        self.update(line)



def attribute_text(attributes_json: str) -> str:
    """``{"claim_type": ["quantity"], "checkworthiness": "cfs"}`` -> ``claim_type=quantity checkworthiness=cfs``."""
    import json

    values = json.loads(attributes_json or "{}")
    return " ".join(
        f"{name}={'+'.join(value) if isinstance(value, list) else value}" for name, value in values.items()
    )
