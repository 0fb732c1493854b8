"""Which attribute values an annotation may carry: the rule, apart from where types are stored."""

from __future__ import annotations

from .entities import AttributeType


class AttributeValueError(ValueError):
    """An attribute that does not fit its type; the message says why, in one line."""


FREE_TEXT_LIMIT = 200
# Controls, line and paragraph separators and bidi overrides: free text is one plain line.
_NOT_PLAIN = {*range(0x00, 0x20), *range(0x7F, 0xA0), 0x2028, 0x2029, *range(0x202A, 0x202F), *range(0x2066, 0x206A)}


def check_free_text(name: str, value) -> str:
    """A free-text attribute (its type lists no values): one line of plain text, white space collapsed."""
    if isinstance(value, list) and len(value) == 1:
        value = value[0]  # a format that lists every attribute's values (W3C classifying bodies)
    if not isinstance(value, str):
        raise AttributeValueError(f"{name} takes one value")
    text = " ".join(value.split())
    if not text or len(text) > FREE_TEXT_LIMIT or any(ord(ch) in _NOT_PLAIN for ch in text):
        raise AttributeValueError(f"{name} must be one line of plain text (at most {FREE_TEXT_LIMIT} characters)")
    return text


def check_attributes(types: list[AttributeType], label: str, attributes: dict) -> dict:
    """``attributes`` checked against ``types`` for an annotation labelled ``label``, normalised:
    single-valued types keep one value, multi-valued ones a list in the taxonomy's order."""
    by_name = {t.name: t for t in types}
    checked: dict = {}
    for name, value in attributes.items():
        kind = by_name.get(name)
        if kind is None:
            raise AttributeValueError(f"unknown attribute {name!r} (attributes: {', '.join(by_name)})")
        if kind.label != label:
            raise AttributeValueError(f"attribute {name} is for {kind.label} annotations, not {label}")
        if not kind.values:
            checked[name] = check_free_text(name, value)
            continue
        values = value if isinstance(value, list) else [value]
        bad = [v for v in values if v not in kind.values]
        if bad:
            raise AttributeValueError(f"{name} cannot be {bad[0]!r} (one of: {', '.join(kind.values)})")
        if not kind.multi and len(values) > 1:
            raise AttributeValueError(f"{name} takes one value")
        if values:
            checked[name] = sorted(set(values), key=kind.values.index) if kind.multi else values[0]
    return checked


def parse_pairs(pairs: tuple[str, ...] | list[str], types: list[AttributeType]) -> dict:
    """``("claim_type=quantity", "claim_type=causal")`` -> ``{"claim_type": ["quantity", "causal"]}``."""
    multi = {t.name: t.multi for t in types}
    attributes: dict = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name or not value:
            raise AttributeValueError(f"--attr takes KEY=VALUE, not {pair!r}")
        if multi.get(name):
            attributes.setdefault(name, []).append(value)
        elif name in attributes:
            raise AttributeValueError(f"{name} takes one value")
        else:
            attributes[name] = value
    return attributes
