"""Suggested claims and attributions: one recogniser of reported speech, on the cue lexer's
tokens and pysbd's sentences, shared by `S` (suggestions) and `A` (the attribution under
the cursor, `attribution_at`).

Attributions are a source and its cue:
- a verb or phrase of saying, believing or claiming with its source before it, titles and
  roles included ("Klein notes", "U.S. officials are convinced", "Commander of Ukraine's
  Defence Intelligence Directorate Lieutenant General Kyrylo Budanov has particularly
  singled out"), or a pronoun ("she adds");
- the cue first, then the source ("says Margarete Klein", "adds Klein");
- a source phrase without a verb: "according to X", "by some estimates", "reports emerged
  in June", "reports in mid-August indicating", a passive with its agent ("disputed by
  Moscow").

Claims follow the text's own units: a quotation's content without its marks (when the
quotation stands on its own, not inside a clause), the clause before a reporting cue ("Russia
is replenishing ..., she adds"), the clause after it ("... said that X"), a sentence minus
its attribution; a sentence with a figure or a date and no attribution is a claim whole.

``evaluate`` measures the suggester against any gold annotations, so its quality is a
number, not a promise (`benchmarks/suggest.py` prints it for the tuning and held-out sets).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .cues import ROLES, cue_spans
from .sentences import paragraph_window, sentences

QUOTE_CHARS = "“”„\"«»"
SOURCE_AFTER_ONLY = ("according to",)

# Words with their inner apostrophes and hyphens ("Ha-neul", "Korea's"), a plural's
# possessive ("Workers’"), and initials ("U.S.") as one word.
_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|\w+(?:[’'\-]\w+)*(?:(?<=s)[’'](?!\w))?|[^\w\s]")
_ROLE_WORDS = {word for role in ROLES for word in role.split()}
_PRONOUNS = {"he", "she", "they", "we", "i"}
_DETERMINERS = {"the", "a", "an", "our", "its", "their", "his", "her", "some", "many", "several", "two", "three",
                "other", "various", "one", "most", "both"}
_PREPOSITIONS = {"of", "at", "in", "from", "for", "on", "with"}
_AUXILIARIES = {"has", "have", "had", "is", "are", "was", "were", "will", "would", "also", "now", "once", "again",
                "already", "still", "been", "previously", "then", "not", "never", "too"}
_BOUNDARIES = {"that", "which", "who", "whom", "whose", "when", "while", "because", "but", "if", "although",
               "though", "where", "whereas", "what", "how", "with", "as", "so", "since", "after", "before",
               "until", "unless", "whether", "why"}
# Capitalised only because they begin a sentence: never a source by themselves.
_NOT_NAMES = {
    "The", "A", "An", "In", "On", "At", "By", "For", "From", "During", "After", "Before", "Since", "Even", "Also",
    "But", "And", "Or", "Meanwhile", "However", "Still", "Yet", "So", "Now", "Then", "This", "That", "These",
    "Those", "It", "Its", "There", "Here", "Last", "Next", "Earlier", "Later", "Overall", "Regarding",
    "Following", "According", "Much", "Many", "Some", "Most", "Other", "Others", "Such", "Both", "Each", "Every",
    "All", "Not", "No", "As", "If", "When", "While", "Although", "Though", "Because", "Why", "How", "What",
    "Where", "Who", "Which", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
    "With", "Without", "Alongside", "Neither", "Nor", "Around", "About", "Almost", "Nearly", "More", "Less",
    "Only", "Just", "Further", "Furthermore", "Moreover", "Instead", "Indeed", "Perhaps", "Apparently", "Again",
    "Like", "Unlike", "Despite", "Through", "Under", "Over", "Between", "Among", "Into", "Onto", "To", "Of",
    "Is", "Are", "Was", "Were", "Has", "Have", "Had", "Will", "Would", "Can", "Could", "May", "Might",
}
_PARTICIPLES = {"lamenting", "highlighting", "adding", "noting", "saying", "warning", "stressing", "insisting",
                "arguing", "claiming"}
_OBJECT_CUES = {"told", "tells", "tell", "informed", "informs"}
_TIME_OR_PLACE = {"in", "on", "at", "after", "during", "last", "this", "earlier", "with", "before", "late",
                  "early", "about", "while", "from"}
_THAT_GAP = re.compile(
    r"\s*(?:,\s*)?(?:(?:in|on|at|during|after|last|this|earlier|to|with|from|over|before|late|early)\b"
    r"[^,;:\"“”.]{0,60}?\s)?that\s+"
)
_CLAUSE_CUT = re.compile(r",\s+(?:although|though|while|whereas|but)\s")
_PARTICIPLE_SPLIT = re.compile(
    r",?\s+(?:\w+ly\s+)?(?:" + "|".join(sorted(_PARTICIPLES)) + r")\s+(?:that\s+)?", re.IGNORECASE)
# What may follow an attribution that closes its sentence: "in an interview with DW",
# "at the time", "in a conversation with journalists in Kiev, to which ...".
_ADVERBIAL = re.compile(r"^[\s,]*(?:(?:" + "|".join(sorted(_TIME_OR_PLACE)) + r")\b[^;:\"“”]{0,120})?[\s.!?]*$")
# "That's what X said": the claim is the sentence before.
_POINTS_BACK = re.compile(r"(?i)\b(?:that|this)(?:'s|’s|\s+is|\s+was)\s+(?:what|how)\s*$")
# A relative clause right after a parenthetical source: ", which cannot be verified,".
_RELATIVE_AFTER = re.compile(r"\s*,\s*(?:which|who)\b[^,]*,")
# Connectives that tie a claim to the text before it but are not part of it.
_CONNECTIVE = re.compile(r"(?:For example|For instance|In addition|Meanwhile|However|Moreover|Furthermore|"
                         r"Also|And|But|So|Still|Yet)\s*,?\s+")


@dataclass(frozen=True)
class Suggestion:
    label: str
    start: int
    end: int
    reason: str


@dataclass(frozen=True)
class Unit:
    """One piece of reported speech: the attribution (source + cue) and the claim it
    introduces; either may be missing (a claim nobody is said to have made, a source whose
    words are elsewhere)."""

    attribution: tuple[int, int] | None
    claim: tuple[int, int] | None
    attribution_reason: str = ""
    claim_reason: str = ""


@dataclass(frozen=True)
class _Word:
    start: int
    end: int
    text: str


@dataclass
class _Attribution:
    start: int
    end: int
    reason: str
    wants_claim: bool = True  # a passive's agent ("disputed by Moscow") introduces no claim of its own


# The recogniser ---------------------------------------------------------------------------

def recognise(text: str, start: int = 0, end: int | None = None) -> list[Unit]:
    """Attributions and claims in ``text[start:end]`` (one paragraph or a few), in text order."""
    end = len(text) if end is None else end
    if not text[start:end].strip():
        return []
    lexed = cue_spans(text[start:end], start, roles=True)
    quotes = [(s, e) for s, e, kind in lexed if kind == "quote"]
    quote_starts = [s for s, _ in quotes]
    roles = [(s, e) for s, e, kind in lexed if kind == "role"]
    figures = [(s, e) for s, e, kind in lexed if kind in ("number", "date")]

    def in_quote(position: int) -> bool:
        i = bisect_right(quote_starts, position) - 1
        return i >= 0 and quotes[i][0] <= position < quotes[i][1]

    words = [_Word(start + m.start(), start + m.end(), m.group()) for m in _TOKEN.finditer(text[start:end])]
    word_starts = [w.start for w in words]
    role_positions = _covered(word_starts, roles)
    figure_positions = _covered(word_starts, figures)
    cue_list = [c for c in lexed if c[2] == "cue"]
    cue_starts = [c[0] for c in cue_list]
    figure_starts = [f[0] for f in figures]
    units: list[Unit] = []
    claimed: set[tuple[int, int]] = set()
    previous: tuple[int, int] | None = None
    for s_start, s_end in _sentences(text, start, end, quotes):
        first = bisect_right(word_starts, s_start - 1)
        last = bisect_right(word_starts, s_end - 1)
        attributions: list[_Attribution] = []
        # Participles of saying ("lamenting") give no attribution: their claims come from
        # splitting the main clause's claim.
        for c_start, c_end, _ in cue_list[bisect_right(cue_starts, s_start - 1):bisect_right(cue_starts, s_end - 1)]:
            if in_quote(c_start):
                continue
            found = _attribution(text, words, word_starts, first, last, c_start, c_end, role_positions,
                                 figure_positions)
            if found and not any(a.start < found.end and found.start < a.end for a in attributions):
                attributions.append(found)
        attributions.sort(key=lambda a: a.start)
        previous_claim = _trim(text, *previous, True) if previous else None
        if previous_claim in claimed:
            previous_claim = None
        here_quotes = quotes[bisect_right(quote_starts, s_start - 1):bisect_right(quote_starts, s_end - 1)]
        here_figures = figures[bisect_right(figure_starts, s_start - 1):bisect_right(figure_starts, s_end - 1)]
        new = _claims(text, s_start, s_end, attributions, here_quotes, here_figures, previous_claim)
        claimed.update(u.claim for u in new if u.claim)
        units += new
        previous = (s_start, s_end)
    return units


def _sentences(text: str, start: int, end: int, quotes: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """pysbd's sentences, joined where a quotation runs across a boundary ("“A. B,” she says")."""
    merged: list[list[int]] = []
    starts = [q[0] for q in quotes]
    for s, e in sentences(text, start, end):
        i = bisect_right(starts, merged[-1][1] - 1) - 1 if merged else -1
        if i >= 0 and quotes[i][0] < merged[-1][1] < quotes[i][1]:
            merged[-1][1] = e
        else:
            merged.append([s, e])
    return [(s, e) for s, e in merged]


def _is_head(word: _Word, index: int, roles: set[int], figures: set[int]) -> bool:
    if index in figures:
        return False
    lower = word.text.lower()
    if lower in _PRONOUNS and (word.text[0].islower() or word.text in ("He", "She", "They", "We", "I")):
        return True
    if index in roles or lower in _ROLE_WORDS and word.text[0].islower():
        return True
    return word.text[0].isupper() and word.text not in _NOT_NAMES


def _fits_source(word: _Word, index: int, roles: set[int], figures: set[int]) -> bool:
    lower = word.text.lower()
    return (_is_head(word, index, roles, figures) or lower in _DETERMINERS or lower in _PREPOSITIONS
            or lower in _AUXILIARIES or lower.endswith("ly") or lower in ("and", "’s", "'s", "-"))


def _source_before(words: list[_Word], first: int, cue: int, roles: set[int], figures: set[int]) -> int | None:
    """Index of the first word of the source ending right before the cue word ``cue``, or None."""
    j = cue - 1
    while j >= first:
        w = words[j]
        if not (w.text[0].isalnum() or w.text in ("’s", "'s")):  # punctuation, a quotation mark
            break
        lower = w.text.lower()
        if lower in _BOUNDARIES:
            break
        if lower == "and" and j > first and not (_is_head(words[j - 1], j - 1, roles, figures)
                                                  or words[j - 1].text[0].isupper()):
            break
        j -= 1
    phrase = range(j + 1, cue)
    i = next((k for k in phrase if _is_head(words[k], k, roles, figures)), None)
    while i is not None:
        in_pp, broken = False, None
        for k in range(i, cue):
            if _fits_source(words[k], k, roles, figures):
                in_pp = in_pp or words[k].text.lower() in _PREPOSITIONS
            elif any(m in roles and words[m].text[0].islower() for m in range(k + 1, min(k + 3, cue))):
                pass  # a modifier of a role: "deputy foreign minister", "senior defence official"
            elif not in_pp:
                broken = k
                break
        if broken is None:
            break
        i = next((k for k in range(broken + 1, cue) if _is_head(words[k], k, roles, figures)), None)
    if i is None:
        return None
    # A determiner right before the first name or role belongs to the source ("the Russian president").
    if i > j + 1 and words[i - 1].text.lower() in ("the", "a", "an", "our", "its", "their"):
        i -= 1
    if cue - i > 18:
        return None
    return i


def _noun_phrase_after(words: list[_Word], k: int, last: int, roles: set[int], figures: set[int],
                       limit: int = 14, stops: frozenset = frozenset()) -> int | None:
    """Index one past the last word of the phrase from word ``k``: up to punctuation, a
    clause boundary or a word in ``stops``, at most ``limit`` words; None if empty."""
    j = k
    while j < last and j - k < limit:
        w = words[j]
        if not (w.text[0].isalnum() or w.text in ("’s", "'s", "-")):
            break
        lower = w.text.lower()
        if lower in ("that", "which", "who", "whom") or lower in stops:
            break
        if lower in _PREPOSITIONS and j > k and j + 1 < last and j + 1 in figures:  # "Syrsky in January 2025"
            break
        j += 1
    return j if j > k else None


def _covered(word_starts: list[int], spans: list[tuple[int, int]]) -> set[int]:
    """Indices of the words that begin inside one of ``spans`` (sorted, disjoint)."""
    found: set[int] = set()
    for start, end in spans:
        found.update(range(bisect_right(word_starts, start - 1), bisect_right(word_starts, end - 1)))
    return found


def _attribution(text: str, words: list[_Word], word_starts: list[int], first: int, last: int, c_start: int,
                 c_end: int, roles: set[int], figures: set[int]) -> _Attribution | None:
    cue = text[c_start:c_end].lower()
    k = bisect_right(word_starts, c_start) - 1  # the cue's first word
    k_end = bisect_right(word_starts, c_end - 1)  # one past its last word
    if cue == "in an interview with" or cue in _PARTICIPLES:
        return None
    if cue in SOURCE_AFTER_ONLY:
        stop = _noun_phrase_after(words, k_end, last, roles, figures)
        if stop is None:
            return None
        return _Attribution(c_start, words[stop - 1].end, "source phrase")
    if cue.startswith("by ") and "estimate" in cue:
        return _Attribution(c_start, c_end, "source phrase")
    if "emerged" in cue or "surfaced" in cue:
        stop = _noun_phrase_after(words, k_end, last, roles, figures, limit=5)
        end = c_end
        if stop is not None and stop < last and words[stop].text.lower() == "that":
            end = words[stop - 1].end
        return _Attribution(c_start, end, "source phrase")
    if cue.endswith(" by"):
        stop = _noun_phrase_after(words, k_end, last, roles, figures, limit=8,
                                  stops=frozenset(("in", "during", "at", "on", "with", "and", "including")))
        if stop is None:
            return None
        return _Attribution(c_start, words[stop - 1].end, "passive with its agent",
                            wants_claim=False)
    source = _source_before(words, first, k, roles, figures)
    if source is not None:
        end = c_end
        if cue in _OBJECT_CUES:  # "told lawmakers", "informed Chairman Kim"
            stop = _noun_phrase_after(words, k_end, last, roles, figures, limit=3, stops=frozenset(_TIME_OR_PLACE))
            if stop is not None:
                end = words[stop - 1].end
        return _Attribution(words[source].start, end, "source before cue")
    # The cue first ("says Margarete Klein"), only right after the words it reports.
    before = text[words[k - 1].start:words[k - 1].end] if k > first else ""
    if k > first and before not in (",", ":") and before not in QUOTE_CHARS:
        return None
    j = k_end
    if j < last and words[j].text.lower() in ("the", "a", "an"):
        j += 1
    stop = j
    while stop < last and (_is_head(words[stop], stop, roles, figures) or words[stop].text in ("of", "’s", "'s")):
        stop += 1
    while stop > j and words[stop - 1].text in ("of", "’s", "'s"):
        stop -= 1
    if stop == j:
        return None
    follower = words[stop].text if stop < last else "."
    if not (follower in (",", ".", ";", ":", "!", "?", "—") or follower.lower() in ("of", "in", "at", "from", "on")):
        return None
    return _Attribution(c_start, words[stop - 1].end, "source after cue")


def _trim(text: str, start: int, end: int, at_sentence_end: bool) -> tuple[int, int] | None:
    """The claim inside ``[start, end)``: without the connecting "that", surrounding
    punctuation, the closing period of an attributed sentence, or quotation marks that wrap it all."""
    while start < end and (text[start].isspace() or text[start] in ",;:—–-"):
        start += 1
    m = re.match(r"(?:that|to)\s+", text[start:end], re.IGNORECASE)
    if m:
        start += m.end()
    if text[start:start + 1] not in QUOTE_CHARS:
        m = _CONNECTIVE.match(text, start, end)
        if m:
            start = m.end()
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:—–-"):
        end -= 1
    if at_sentence_end and end > start and text[end - 1] == "." and (end - 2 < start or text[end - 2] not in QUOTE_CHARS):
        end -= 1
    while end > start and text[end - 1] in ",;: ":
        end -= 1
    if end - start >= 2 and text[start] in QUOTE_CHARS and text[end - 1] in QUOTE_CHARS \
            and not any(c in QUOTE_CHARS for c in text[start + 1:end - 1]):
        start, end = start + 1, end - 1
        while start < end and text[start].isspace():
            start += 1
        while end > start and (text[end - 1] in ",;:" or text[end - 1].isspace()):
            end -= 1
    if len(text[start:end].split()) < 3:
        return None
    return start, end


def _split(text: str, span: tuple[int, int] | None, cut_clauses: bool) -> list[tuple[int, int]]:
    """A claim cut where a new clause begins (", although ..."), and split at a reporting
    participle (", lamenting that ..."): the part after it is a claim of its own."""
    if span is None:
        return []
    start, end = span
    if cut_clauses:
        m = _CLAUSE_CUT.search(text, start, end)
        if m:
            end = m.start()
    m = _PARTICIPLE_SPLIT.search(text, start, end)
    if not m:
        one = _trim(text, start, end, False)
        return [one] if one else []
    parts = [_trim(text, start, m.start(), False), _trim(text, m.end(), end, False)]
    return [p for p in parts if p]


def _claims(text: str, s_start: int, s_end: int, attributions: list[_Attribution],
            quotes: list[tuple[int, int]], figures: list[tuple[int, int]],
            previous_sentence: tuple[int, int] | None = None) -> list[Unit]:
    units: list[Unit] = []
    # Quotations that stand on their own (not words quoted inside a clause) are claims.
    standalone = []
    for q_start, q_end in quotes:
        if not (s_start <= q_start < s_end) or len(text[q_start:q_end].split()) < 4:
            continue
        anchor = max([s_start] + [a.end for a in attributions if a.end <= q_start])
        lead = text[anchor:q_start].strip()
        if not lead or lead[-1] in ",:" or lead[-1] in QUOTE_CHARS:
            claim = _trim(text, q_start, q_end, False)
            if claim:
                standalone.append((q_start, q_end, claim))
    claimed: set[tuple[int, int]] = set()
    for i, a in enumerate(attributions):
        claims: list[tuple[int, int]] = []
        reason = ""
        near = [c for q_start, q_end, c in standalone
                if q_end <= a.start and not text[q_end:a.start].strip(" ,")  # "“...,” Klein notes"
                or q_start >= a.end and text[a.end:q_start].strip() in ("", ":", ",")]  # 'he said: "..."'
        if near:
            claims, reason = near[:1], "quotation"
        elif a.wants_claim and not standalone:
            left = attributions[i - 1].end if i else s_start
            right = attributions[i + 1].start if i + 1 < len(attributions) else s_end
            after = text[a.end:right]
            gap = _THAT_GAP.match(after)
            before = _trim(text, left, a.start, False)
            relative = _RELATIVE_AFTER.match(after)
            parenthetical = (a.reason == "source phrase" and text[left:a.start].rstrip().endswith(",")
                             and after.lstrip().startswith(","))
            if _POINTS_BACK.search(text, left, a.start) and previous_sentence:
                claims, reason = [previous_sentence], "the sentence before"
            elif relative or parenthetical:
                skip = relative.end() if relative else after.index(",") + 1
                claims, reason = _split(text, (a.end + skip, right), True), "sentence minus its attribution"
            elif gap:
                claims, reason = _split(text, (a.end + gap.end(), right), True), "clause after cue"
            elif before is None:
                begin = a.end
                lead = re.match(r"[^,;:\"“”]{0,40},", after)  # "According to X in January 2025, ..."
                if a.reason == "source phrase" and lead and len(lead.group().split()) <= 5:
                    begin += lead.end()
                claims, reason = _split(text, (begin, right), True), "clause after cue"
            elif a.reason == "source after cue" or after.lstrip().startswith(",") or _ADVERBIAL.match(after):
                claims, reason = _split(text, before, False), "clause before cue"
            else:
                claims, reason = _split(text, (a.end, right), True), "clause after cue"
            claims = [_trim(text, s, e, e >= s_end - 1) or (s, e) for s, e in claims]
        if claims:
            for claim in claims:
                units.append(Unit((a.start, a.end), claim, a.reason, reason))
                claimed.add(claim)
        else:
            units.append(Unit((a.start, a.end), None, a.reason))
    for _, _, claim in standalone:
        if claim not in claimed:
            units.append(Unit(None, claim, "", "quotation"))
            claimed.add(claim)
    if not attributions and not standalone:
        kinds = [k for k in figures if s_start <= k[0] < s_end]
        if kinds:
            dated = all(_is_date(text, s, e) for s, e in kinds)
            claim_start, claim_end = s_start, s_end
            m = _CONNECTIVE.match(text, s_start, s_end)
            if m:
                claim_start = m.end()
            m = re.compile(r",\s+with\s").search(text, claim_start, s_end)  # ", with many units ..."
            if m:
                claim_end = m.start()
            units.append(Unit(None, (claim_start, claim_end), "", "date" if dated else "figure"))
    return units


def _is_date(text: str, start: int, end: int) -> bool:
    return any(kind == "date" for _, _, kind in cue_spans(text[start:end]))


# Suggestions (`S`) and the attribution under the cursor (`A`) -----------------------------

def _suggestions(units: Iterable[Unit]) -> list[Suggestion]:
    found = []
    for unit in units:
        if unit.attribution:
            found.append(Suggestion("attribution", *unit.attribution, unit.attribution_reason))
        if unit.claim:
            found.append(Suggestion("claim", *unit.claim, unit.claim_reason))
    return found


def suggest(text: str, rejected: set[tuple[str, int, int]] = frozenset()) -> list[Suggestion]:
    """Suggestions for a whole text, in text order, without the ``rejected`` (label, start, end)."""
    found: list[Suggestion] = []
    position = 0
    for paragraph in text.split("\n"):
        start, end = position, position + len(paragraph)
        position = end + 1
        if paragraph.strip():
            found.extend(_suggestions(recognise(text, start, end)))
    unique = {(s.label, s.start, s.end): s for s in found}
    return sorted(
        (s for key, s in unique.items() if key not in rejected), key=lambda s: (s.start, s.end, s.label)
    )


def suggest_range(text: str, start: int, end: int) -> list[Suggestion]:
    """Suggestions within one paragraph (or block) ``[start, end)``: what the reader asks for
    the part on screen, so the cost never grows with the document."""
    if not text[start:end].strip():
        return []
    unique = {(s.label, s.start, s.end): s for s in _suggestions(recognise(text, start, end))}
    return sorted(unique.values(), key=lambda s: (s.start, s.end, s.label))


def attribution_at(text: str, offset: int) -> tuple[tuple[int, int], tuple[int, int] | None] | None:
    """The attribution phrase (source + cue) under or next to ``offset`` and the claim it
    introduces: the claim in the same sentence, else the quotation it closes or opens; None
    when the sentence around ``offset`` has no attribution. Pure: the reader's `A` key calls
    it, and `S` shows what the same recogniser finds."""
    if not text:
        return None
    offset = max(0, min(offset, len(text) - 1))
    begin, stop = paragraph_window(text, offset)
    units = [u for u in recognise(text, begin, stop) if u.attribution]
    if not units:
        return None
    inside = [u for u in units if u.attribution[0] <= offset < u.attribution[1]]
    if not inside:
        # Next to it: the nearest attribution in the sentence under the offset.
        sentence = next(((s, e) for s, e in _sentences(text, begin, stop, []) if s <= offset < e + 1), None)
        if sentence is None:
            return None
        inside = sorted((u for u in units if sentence[0] <= u.attribution[0] < sentence[1]),
                        key=lambda u: min(abs(u.attribution[0] - offset), abs(u.attribution[1] - offset)))
        if not inside:
            return None
        inside = [u for u in units if u.attribution == inside[0].attribution]
    chosen = inside[0]
    claim = next((u.claim for u in inside if u.claim), None)
    if claim is None:
        claim = _adjacent_quotation(text, chosen.attribution, begin, stop)
    return chosen.attribution, claim


def _adjacent_quotation(text: str, attribution: tuple[int, int], begin: int, stop: int) -> tuple[int, int] | None:
    """The quotation an attribution closes ("“...,” Klein notes") or opens ('he said: "..."'),
    across a sentence boundary too."""
    for q_start, q_end, kind in cue_spans(text[begin:stop], begin):
        if kind != "quote":
            continue
        closes = q_end <= attribution[0] and not text[q_end:attribution[0]].strip(" ,")
        opens = q_start >= attribution[1] and text[attribution[1]:q_start].strip() in ("", ":", ",")
        if closes or opens:
            return _trim(text, q_start, q_end, False)
    return None


# Evaluation -------------------------------------------------------------------------------

Item = tuple[str, int, int, int]  # (label, document id, start, end)


def evaluate(gold: list[Item], predicted: list[Item]) -> dict:
    """Precision, recall and F1 per label and overall, by exact span and by overlap.

    Exact: same label, document, start and end. Overlap: a prediction counts when it
    shares a character with a gold span of its label in its document (precision); a
    gold span counts when a prediction of its label overlaps it (recall).
    """
    labels = sorted({g[0] for g in gold} | {p[0] for p in predicted})
    result = {label: _scores([g for g in gold if g[0] == label], [p for p in predicted if p[0] == label])
              for label in labels}
    result["overall"] = _scores(gold, predicted)
    return result


def evaluate_texts(texts: Mapping[int, str], gold: list[Item]) -> dict:
    """Run the suggester on every document of ``texts`` (id -> text) and score it against
    ``gold`` with ``evaluate``: what `suggest --evaluate` prints for any gold set."""
    predicted = [(s.label, doc, s.start, s.end) for doc, text in texts.items() for s in suggest(text)]
    return evaluate([g for g in gold if g[1] in texts], predicted)


def _scores(gold: list, predicted: list) -> dict:
    def key(item: Item) -> tuple:
        return item[0], item[1]

    by_key: dict[tuple, list[Item]] = {}
    for g in gold:
        by_key.setdefault(key(g), []).append(g)
    by_key_p: dict[tuple, list[Item]] = {}
    for p in predicted:
        by_key_p.setdefault(key(p), []).append(p)

    def overlaps(a: Item, pool: dict) -> bool:
        return any(a[2] < b[3] and b[2] < a[3] for b in pool.get(key(a), ()))

    exact_hits = len(set(gold) & set(predicted))
    p_overlap = sum(overlaps(p, by_key) for p in predicted)
    r_overlap = sum(overlaps(g, by_key_p) for g in gold)
    scores = {"gold": len(gold), "predicted": len(predicted)}
    for name, tp_p, tp_r in (("exact", exact_hits, exact_hits), ("overlap", p_overlap, r_overlap)):
        precision = tp_p / len(predicted) if predicted else 0.0
        recall = tp_r / len(gold) if gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        scores[name] = {"precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3)}
    return scores
