"""Annotating from a script: tag, labels, suggest."""

from __future__ import annotations

import click

from ..report.tables import emit_table, table_format_option
from .common import DiptychGroup, annotator_option, db_option, open_store, span_from_options, who


@click.command("tag")
@click.argument("document_ref", metavar="DOCUMENT")
@click.option("--label", "-l", required=True, help="The label, e.g. claim or attribution.")
@click.option("--span", default=None, metavar="START:END", help="Code-point offsets in the stored text.")
@click.option("--quote", default=None, help="The exact text to tag.")
@click.option("--occurrence", type=click.IntRange(min=1), default=None,
              help="Which occurrence of --quote (1 = first); needed when it occurs more than once.")
@click.option("--note", default="", help="A note on the annotation.")
@click.option("--attr", "attrs", multiple=True, metavar="KEY=VALUE",
              help="An attribute, e.g. claim_type=quantity (repeat for several values or keys).")
@db_option
@annotator_option
@click.pass_context
def tag_command(
    ctx: click.Context, document_ref: str, label: str, span: str | None, quote: str | None,
    occurrence: int | None, note: str, attrs: tuple[str, ...], db_path: str | None, annotator: str | None,
) -> None:
    """Tag a span of DOCUMENT from a script; prints the new annotation's id."""
    from ..model.attributes import parse_pairs

    if (span is None) == (quote is None):
        raise click.UsageError("give exactly one of --span START:END or --quote TEXT")
    store = open_store(ctx, db_path, create=False)
    doc = store.find_document(document_ref)
    text = store.text(doc.id)
    start, end = span_from_options(text, span, quote, occurrence, doc.id)
    from ..services.tagging import with_speaker

    types = store.attribute_types()
    attributes = with_speaker(text, start, end, label, parse_pairs(attrs, types), {t.name for t in types})
    annotation = store.create_annotation(
        doc.id, text, start, end, label, who(ctx, annotator), note=note, attributes=attributes
    )
    click.echo(annotation.id)


@click.command("delete")
@click.argument("annotation_ids", nargs=-1, required=True, metavar="ID...")
@db_option
@annotator_option
@click.pass_context
def delete_command(ctx: click.Context, annotation_ids: tuple[str, ...], db_path: str | None,
                   annotator: str | None) -> None:
    """Delete annotations (and their links); prints what it deleted.

    Each deletion leaves a tombstone (who, when), so that merging another database
    never brings it back. An unknown id is reported; the others are deleted all the same.
    """
    from ..model.text import excerpt
    from ..store import StoreError

    store = open_store(ctx, db_path, create=False)
    name = who(ctx, annotator)
    missing = 0
    for annotation_id in annotation_ids:
        try:
            annotation, links = store.delete_annotation(annotation_id, deleted_by=name)
        except StoreError as exc:
            click.echo(f"diptych: {exc}", err=True)
            missing += 1
            continue
        click.echo(f"deleted\t{annotation.id}\t{annotation.label}\t{excerpt(annotation.exact, 60)}")
        for link in links:
            click.echo(f"deleted link\t{link.id}\t{link.source_id} -{link.relation}-> {link.target_id}")
    if missing:
        ctx.exit(1)


@click.group("labels", cls=DiptychGroup, invoke_without_command=True)
@table_format_option
@db_option
@click.pass_context
def labels_group(ctx: click.Context, fmt: str | None, db_path: str | None) -> None:
    """List the labels (or add one with `diptych labels add`)."""
    ctx.obj["labels_db"] = db_path
    if ctx.invoked_subcommand is None:
        store = open_store(ctx, db_path)
        rows = [[l.name, l.key, l.color, l.mark, l.description] for l in store.labels()]
        emit_table(["name", "key", "color", "mark", "description"], rows, fmt)


@labels_group.command("add")
@click.argument("name")
@click.option("--key", required=True, help="The one key that tags a selection with this label in the reader.")
@click.option("--color", required=True, help="A colour: #rrggbb or a name such as 'green'.")
@click.option("--mark", type=click.Choice(["underline", "bold", "italic", "strike", "overline"]),
              default="italic", show_default=True, help="How it shows on a monochrome terminal.")
@click.option("--description", default="", help="What the label means (shown in the help screen).")
@db_option
@click.pass_context
def labels_add(
    ctx: click.Context, name: str, key: str, color: str, mark: str, description: str, db_path: str | None
) -> None:
    """Add a label NAME with its key, colour and monochrome mark."""
    from rich.color import Color, ColorParseError

    from ..reader.keys import RESERVED_KEYS

    if not name.strip() or any(ch.isspace() for ch in name):
        raise click.BadParameter("a label name is one word", param_hint="NAME")
    if len(key) != 1 or not key.isprintable() or key.isspace():
        raise click.BadParameter("a key is one printable character", param_hint="--key")
    if key in RESERVED_KEYS:
        raise click.BadParameter(f"{key!r} is taken by a reader command", param_hint="--key")
    try:
        color = Color.parse(color).get_truecolor().hex
    except ColorParseError as exc:
        raise click.BadParameter(str(exc), param_hint="--color") from None
    store = open_store(ctx, db_path or ctx.obj.get("labels_db"))
    store.add_label(name, key, color, mark, description)
    click.echo(f"label {name} added (key {key}, colour {color}, {mark})")


@click.command("suggest")
@click.option("--document", "document_ref", default=None, help="Only this document.")
@click.option("--evaluate", is_flag=True, help="Score the suggestions against the annotations in the database.")
@click.option("--pairs", nargs=2, metavar="A B", default=None,
              help="Propose claim pairs between documents A and B, with scores.")
@click.option("--format", "fmt", type=click.Choice(["table", "tsv", "json"]), default=None,
              help="Output format [default: table on a terminal, tsv in a pipe].")
@click.option("--gold", "gold_file", type=click.Path(exists=True, dir_okay=False), default=None,
              help="With --evaluate: score against this JSON Lines export instead of the database's annotations.")
@db_option
@click.pass_context
def suggest_command(
    ctx: click.Context, document_ref: str | None, evaluate: bool, pairs: tuple[str, str] | None,
    fmt: str | None, gold_file: str | None, db_path: str | None,
) -> None:
    """Suggest claims and attributions (or claim pairs), or score the suggester.

    Suggestions come from the cue lexer (quotes, reporting cues, figures, dates) and
    the sentence splitter. Rejected suggestions (from the reader) are left out.
    """
    from ..model.suggest import evaluate_texts, suggest
    from ..model.text import excerpt
    from ..report.tables import emit_table

    store = open_store(ctx, db_path, create=False)
    if pairs:
        _print_pairs(store, *pairs, fmt=fmt)
        return
    docs = [store.find_document(document_ref)] if document_ref else store.documents()
    if gold_file and not evaluate:
        raise click.UsageError("--gold goes with --evaluate")
    if evaluate:
        texts = {doc.id: store.text(doc.id) for doc in docs}
        if gold_file:
            gold = _gold_from_file(store, gold_file, texts)
        else:
            gold = [(a.label, doc.id, a.start, a.end) for doc in docs for a in store.annotations(doc.id)
                    if a.origin != "suggestion"]
        if not gold:
            raise click.ClickException("no annotations to score against: annotate (or import) some first")
        result = evaluate_texts({doc: text for doc, text in texts.items() if any(g[1] == doc for g in gold)}, gold)
        table = [[label, s["gold"], s["predicted"], *(s[m][k] for m in ("exact", "overlap")
                  for k in ("precision", "recall", "f1"))] for label, s in result.items()]
        emit_table(["label", "gold", "predicted", "exact_p", "exact_r", "exact_f1", "overlap_p", "overlap_r",
                    "overlap_f1"], table, fmt)
        return
    table = []
    for doc in docs:
        text = store.text(doc.id)
        for s in suggest(text, store.rejected_suggestions(doc.id)):
            table.append([doc.id, s.label, s.start, s.end, s.reason, excerpt(text[s.start:s.end], 80)])
    emit_table(["document", "label", "start", "end", "reason", "exact"], table, fmt)


def _gold_from_file(store, path: str, texts: dict[int, str]) -> list[tuple[str, int, int, int]]:
    """Gold items of a JSON Lines export, each record's document matched as import-annotations does."""
    import json

    from ..store import StoreError

    gold = []
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise click.ClickException(f"{path}:{number}: not JSON ({exc.msg})") from None
            if not isinstance(record, dict) or "label" not in record:
                continue
            named = record.get("document") if isinstance(record.get("document"), dict) else {}
            try:
                doc = store.match_document(sha256=named.get("sha256"), path=named.get("path"), name=named.get("path"))
            except StoreError:
                doc = None
            if doc is None:
                where = named.get("path") or named.get("sha256") or "?"
                raise click.ClickException(f"{path}: document {where} is not in the database (import it first)")
            if doc.id not in texts:
                continue  # --document chose another
            start, end = record.get("start"), record.get("end")
            if not (isinstance(start, int) and isinstance(end, int)) or texts[doc.id][start:end] != record.get("exact"):
                raise click.ClickException(f"{path}:{number}: span does not match its document")
            gold.append((record["label"], doc.id, start, end))
    return gold


def _print_pairs(store, ref_a: str, ref_b: str, fmt: str | None) -> None:
    from ..model.pairing import candidates
    from ..model.sentences import sentences
    from ..model.text import excerpt
    from ..report.tables import emit_table
    from ..services.compare import pairing_pool

    a, b = store.find_document(ref_a), store.find_document(ref_b)
    text_a, text_b = store.text(a.id), store.text(b.id)
    queries = [(x.start, x.end, x.exact, x.id) for x in store.annotations(a.id) if x.label == "claim"]
    if not queries:
        queries = [(s, e, text_a[s:e], None) for s, e in sentences(text_a)]
    pool = pairing_pool(store.annotations(b.id), text_b)
    table = []
    for start, end, text, annotation_id in queries:
        for c in candidates(text, pool, limit=3):
            table.append([c.score, start, end, excerpt(text, 60), c.start, c.end, excerpt(c.text, 60),
                          annotation_id or "", c.annotation_id or ""])
    table.sort(key=lambda row: -row[0])
    emit_table(["score", "a_start", "a_end", "a_text", "b_start", "b_end", "b_text", "a_id", "b_id"], table, fmt)
