"""A small demo state (the corpus with a few annotations), for the screenshot and the snapshot test."""

from __future__ import annotations

from pathlib import Path

from .services.importing import import_ids
from .store import Store

DEMO_TAGS = [  # (document, label, quote, occurrence, note)
    (1, "claim", "nearly half of artillery rounds used by the Russian Army were of North Korean origin", 1, ""),
    (1, "attribution", "Russian Security Council Secretary Sergei Shoigu confirmed", 1, ""),
    (2, "claim", "This is 40 percent of Russia’s ammunition stockpiles in this area.", 1, "vs 'nearly half' in doc 1"),
    (2, "attribution", "Klein notes", 2, ""),
]
DEMO_LINKS = [(3, 2, "attributes"), (2, 0, "contradicts")]  # indexes into DEMO_TAGS


def build_demo(db_path: Path, corpus: Path, annotator: str = "demo") -> list[int]:
    """Import ``corpus`` into a new database and tag the demo spans; return the document ids."""
    store = Store.open(db_path)
    ids = import_ids(store, [corpus])
    made = []
    for index, label, quote, occurrence, note in DEMO_TAGS:
        document_id = ids[index - 1]
        text = store.text(document_id)
        start = -1
        for _ in range(occurrence):
            start = text.index(quote, start + 1)
        made.append(store.create_annotation(document_id, text, start, start + len(quote), label, annotator, note=note))
    for source, target, relation in DEMO_LINKS:
        store.create_link(made[source].id, made[target].id, relation, annotator)
    store.close()
    return ids[:2]  # the reader opens a folder's first two documents
