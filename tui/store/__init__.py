"""The SQLite store: the only package that writes SQL (and imports sqlite-utils).

One file holds documents (with the full text all offsets refer to), labels,
annotations and links. Each module is one room; :class:`Store` is all of them on one
connection. Rules about the data (what may link to what, how a span re-anchors, how a
merge resolves) live in ``tui.model``: the store only stores.
"""

from __future__ import annotations

from .annotations import AnnotationsMixin
from .connection import APPLICATION_ID, BUSY_TIMEOUT_MS, SCHEMA_VERSION, Connection, StoreError
from .documents import Added, DocumentsMixin
from .exchange import ExchangeMixin, ImportReport
from .labels import MARKS, LabelsMixin
from .links import LinksMixin
from .merge import MergeMixin
from .search import SearchMixin
from .tombstones import Tombstone, TombstonesMixin
from .verify import VerifyMixin


class Store(DocumentsMixin, AnnotationsMixin, LabelsMixin, LinksMixin, TombstonesMixin, ExchangeMixin, MergeMixin,
            SearchMixin, VerifyMixin, Connection):
    """A Diptych database. Use :meth:`open`; close it with :meth:`close`."""


__all__ = ["APPLICATION_ID", "BUSY_TIMEOUT_MS", "MARKS", "SCHEMA_VERSION", "Added", "ImportReport", "Store",
           "StoreError", "Tombstone"]
