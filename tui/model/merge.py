"""How a merge decides between two versions of one annotation or link (the same id).

Each side holds, for an id, nothing, a live version (with its ``modified`` time) or a
tombstone (with its ``deleted`` time). The later event wins, whichever side it is on:

- live against live: the newer ``modified``; at the same time, the greater content
  (a fixed order on the fields), so both sides pick the same one: a conflict, counted;
- live against a tombstone: a deletion at or after the last edit keeps it deleted; an
  edit after the deletion brings it back, reported as an edit-versus-delete conflict;
- tombstone against tombstone: the later one (then the greater name) is kept.

The rule is symmetric and takes the latest event, so merging databases in any order,
any number of times, ends with the same records everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


@dataclass(frozen=True)
class Live:
    modified: str
    key: tuple  # every field, in a fixed order: breaks ties the same way on every side


@dataclass(frozen=True)
class Dead:
    deleted: str
    deleted_by: str = ""


Version = Live | Dead | None


class Outcome(Enum):
    UNCHANGED = "unchanged"  # ours wins (or both are the same)
    ADD = "added"  # theirs is live and we had nothing or an older tombstone
    UPDATE = "updated"  # theirs is a newer live version of ours
    DELETE = "deleted"  # theirs is a tombstone newer than our live version
    TOMBSTONE = "tombstoned"  # we learn a deletion of something we never had (or an older tombstone)


def _rank(version: Live | Dead) -> tuple:
    # At the same time a deletion outranks an edit: a delete issued with the edit in view wins.
    if isinstance(version, Live):
        return (version.modified, 0, version.key)
    return (version.deleted, 1, (version.deleted_by,))


def winner(mine: Version, theirs: Version) -> Version:
    """The version both sides end with."""
    if mine is None or theirs is None:
        return mine if theirs is None else theirs
    return theirs if _rank(theirs) > _rank(mine) else mine


def resolve(mine: Version, theirs: Version) -> tuple[Outcome, bool]:
    """What to do with ours, and whether it is a conflict to report.

    A conflict is two live versions of the same time with different content, or an
    edit and a deletion where the edit came later (the annotation comes back).
    """
    if theirs is None or winner(mine, theirs) is mine:
        return Outcome.UNCHANGED, _conflict(mine, theirs)
    if isinstance(theirs, Dead):
        return (Outcome.DELETE if isinstance(mine, Live) else Outcome.TOMBSTONE), False
    if isinstance(mine, Live):
        return Outcome.UPDATE, _conflict(mine, theirs)
    return Outcome.ADD, _conflict(mine, theirs)


def _conflict(mine: Version, theirs: Version) -> bool:
    if isinstance(mine, Live) and isinstance(theirs, Live):
        return mine.modified == theirs.modified and mine.key != theirs.key
    live, dead = (mine, theirs) if isinstance(mine, Live) else (theirs, mine)
    return isinstance(live, Live) and isinstance(dead, Dead) and live.modified > dead.deleted
