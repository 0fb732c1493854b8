"""The reader's keys: one table for the bindings, the help screen, the footer and the README.

Pure data (no Textual import) so the CLI can check that a new label's key is free.
"""

from __future__ import annotations

from typing import NamedTuple


class Key(NamedTuple):
    keys: str  # Textual key names, comma-separated
    action: str
    description: str
    group: str
    footer: str = ""  # its short name in the footer; empty: not in the footer
    shown: str = ""  # how the help screen writes the keys, when not the names


# Keys of a document pane (bound on the document view).
PANE_KEYS = [
    Key("up,k", "cursor_up", "Up a row", "Move"),
    Key("down,j", "cursor_down", "Down a row", "Move"),
    Key("left,h", "cursor_left", "Left", "Move"),
    Key("right,l", "cursor_right", "Right", "Move"),
    Key("w", "word_next", "Next word (punctuation is a word too, as in vim)", "Move"),
    Key("b", "word_previous", "Previous word", "Move"),
    Key("e", "word_end", "Just past the end of the word (v e selects it)", "Move"),
    Key("f", "find_char", "Find: f then a character jumps to its next occurrence", "Move"),
    Key("t", "till_char", "Till: t then a character stops just before it", "Move"),
    Key("pagedown,space", "page_down", "Page down", "Move"),
    Key("pageup", "page_up", "Page up", "Move"),
    Key("home", "row_start", "Start of row", "Move"),
    Key("end", "row_end", "End of row", "Move"),
    Key("g,ctrl+home", "document_start", "Start of document", "Move"),
    Key("G,ctrl+end", "document_end", "End of document", "Move"),
    Key("right_square_bracket", "next_annotation", "Next annotation", "Move", shown="]"),
    Key("left_square_bracket", "previous_annotation", "Previous annotation", "Move", shown="["),
    Key("shift+up", "select_up", "Extend selection up", "Select"),
    Key("shift+down", "select_down", "Extend selection down", "Select"),
    Key("shift+left", "select_left", "Extend selection left", "Select"),
    Key("shift+right", "select_right", "Extend selection right", "Select"),
    Key("v", "toggle_visual", "Start / stop selecting", "Select", footer="Select"),
    Key("s", "select_sentence", "Select sentence; in a quotation the quoted sentence, again: the quotation, "
        "then the sentence", "Select", footer="Sentence"),
    Key("plus", "grow_end", "Grow the selection by a word at its end", "Select", shown="+"),
    Key("minus", "shrink_end", "Shrink the selection by a word at its end", "Select", shown="-"),
    Key("alt+left", "grow_start", "Grow the selection by a word at its start", "Select"),
    Key("alt+right", "shrink_start", "Shrink the selection by a word at its start", "Select"),
    Key("escape", "clear_selection", "Clear selection", "Select"),
    Key("x,delete", "delete_annotation", "Delete annotation (rejects another's)", "Annotate", footer="Delete"),
    Key("y", "accept_annotation", "Accept another annotator's annotation as yours", "Annotate"),
    Key("n", "edit_note", "Note", "Annotate", footer="Note"),
    Key("T", "edit_attributes", "Attributes", "Annotate"),
    Key("A", "attribute", "Attribution here: tag it, tag its claim if needed, link them (one u undoes)",
        "Annotate", footer="Attribute"),
    Key("L", "start_link", "Link from here", "Link", footer="Link"),
    Key("enter", "confirm", "Link to here / accept suggestion", "Link"),
    Key("equals_sign", "jump_partner", "Jump to linked partner", "Link", shown="="),
    Key("X", "delete_link", "Delete a link", "Link"),
    Key("P", "pair", "Pair this claim with the other pane", "Link"),
    Key("C", "toggle_cues", "Show / hide cues (quotes, reporting verbs, figures, dates)", "Reading aids"),
    Key("S", "toggle_suggestions", "Show / hide suggestions (Enter accepts one)", "Reading aids"),
    Key("r", "reject_suggestion", "Reject the suggestion under the cursor", "Reading aids"),
    Key("greater_than_sign", "search_next", "Next match", "Find", shown=">"),
    Key("less_than_sign", "search_previous", "Previous match", "Find", shown="<"),
]

# Keys of the whole app.
APP_KEYS = [
    Key("tab", "focus_next_pane", "Next pane", "Panes"),
    Key("shift+tab", "focus_previous_pane", "Previous pane", "Panes"),
    Key("slash", "search", "Search", "Find", footer="Search", shown="/"),
    Key("F", "corpus_search", "Search every document (Enter shows the hit in a pane)", "Find"),
    Key("u", "undo", "Undo", "Annotate", footer="Undo"),
    Key("ctrl+r", "redo", "Redo", "Annotate"),
    Key("o", "pick_document", "Open a document in this pane (fuzzy search by outlet, title, date)", "Panes"),
    Key("M", "story", "The story: claims × the open documents (Enter opens a claim side by side)", "Panes"),
    Key("p", "toggle_panel", "Annotations panel", "Panes", footer="Panel"),
    Key("question_mark", "help", "Help", "App", footer="Help", shown="?"),
    Key("ctrl+p", "command_palette", "Commands", "App"),
    Key("q", "quit", "Quit", "App", footer="Quit"),
]

_NAMED = {
    "right_square_bracket": "]", "left_square_bracket": "[", "slash": "/",
    "greater_than_sign": ">", "less_than_sign": "<", "question_mark": "?", "equals_sign": "=",
    "plus": "+", "minus": "-",
}


def reserved_keys() -> set[str]:
    """Single characters the reader uses, which a label may not take."""
    keys: set[str] = set()
    for key in PANE_KEYS + APP_KEYS:
        for name in key.keys.split(","):
            char = " " if name == "space" else _NAMED.get(name, name)
            if len(char) == 1:
                keys.add(char)
    return keys


RESERVED_KEYS = reserved_keys()


def shown_keys(key: Key) -> str:
    """The keys as a person reads them: 'up / k', ']'."""
    if key.shown:
        return key.shown
    return " / ".join(_NAMED.get(name, name) for name in key.keys.split(","))
