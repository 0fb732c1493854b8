"""Commands for comparative reading: link, unlink (and the suggestion and comparison commands)."""

from __future__ import annotations

import click

from .cli import annotator_option, cli, db_option, open_store, parse_span
from .model.relations import BY_NAME
from .model.text import default_annotator


@cli.command("link")
@click.argument("source_id")
@click.argument("target_id")
@click.option("--relation", "-r", required=True, type=click.Choice(list(BY_NAME)),
              help="attributes (attribution -> claim), same_as, supports, contradicts, related.")
@click.option("--note", default="", help="A note on the link.")
@db_option
@annotator_option
@click.pass_context
def link_command(
    ctx: click.Context, source_id: str, target_id: str, relation: str, note: str,
    db_path: str | None, annotator: str | None,
) -> None:
    """Link two annotations; prints the link's id.

    An attribution is always stored as the source of `attributes`, whichever id
    comes first. A relation that does not fit the two labels is refused.
    """
    store = open_store(ctx, db_path, create=False)
    who = annotator or ctx.obj.get("annotator") or default_annotator()
    click.echo(store.create_link(source_id, target_id, relation, who, note=note)["id"])


@cli.command("unlink")
@click.argument("link_id")
@db_option
@click.pass_context
def unlink_command(ctx: click.Context, link_id: str, db_path: str | None) -> None:
    """Delete a link (the annotations stay)."""
    store = open_store(ctx, db_path, create=False)
    link = store.delete_link(link_id)
    click.echo(f"unlinked {link['source_id']} -{link['relation']}-> {link['target_id']}", err=True)


@cli.command("suggest")
@click.option("--document", "document_ref", default=None, help="Only this document.")
@click.option("--evaluate", is_flag=True, help="Score the suggestions against the annotations in the database.")
@click.option("--pairs", nargs=2, metavar="A B", default=None,
              help="Propose claim pairs between documents A and B, with scores.")
@click.option("--format", "fmt", type=click.Choice(["table", "tsv", "json"]), default=None,
              help="Output format [default: table on a terminal, tsv in a pipe].")
@db_option
@click.pass_context
def suggest_command(
    ctx: click.Context, document_ref: str | None, evaluate: bool, pairs: tuple[str, str] | None,
    fmt: str | None, db_path: str | None,
) -> None:
    """Suggest claims and attributions (or claim pairs), or score the suggester.

    Suggestions come from the cue lexer (quotes, reporting cues, figures, dates) and
    the sentence splitter. Rejected suggestions (from the reader) are left out.
    """
    from .model.suggest import evaluate as score
    from .model.suggest import suggest
    from .model.text import excerpt
    from .report.tables import emit_table

    store = open_store(ctx, db_path, create=False)
    if pairs:
        _print_pairs(store, *pairs, fmt=fmt)
        return
    docs = [store.find_document(document_ref)] if document_ref else store.documents()
    if evaluate:
        gold, predicted = [], []
        for doc in docs:
            gold += [(a.label, doc.id, a.start, a.end) for a in store.annotations(doc.id) if a.origin != "suggestion"]
            predicted += [(s.label, doc.id, s.start, s.end) for s in suggest(store.text(doc.id))]
        if not gold:
            raise click.ClickException("no annotations to score against: annotate (or import) some first")
        result = score(gold, predicted)
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


def _print_pairs(store, ref_a: str, ref_b: str, fmt: str | None) -> None:
    from .model.pairing import candidates
    from .model.sentences import sentences
    from .model.text import excerpt
    from .report.tables import emit_table

    a, b = store.find_document(ref_a), store.find_document(ref_b)
    text_a, text_b = store.text(a.id), store.text(b.id)
    queries = [(x.start, x.end, x.exact, x.id) for x in store.annotations(a.id) if x.label == "claim"]
    if not queries:
        queries = [(s, e, text_a[s:e], None) for s, e in sentences(text_a)]
    pool = [(x.start, x.end, x.exact, x.id) for x in store.annotations(b.id) if x.label == "claim"]
    pool += [(s, e, text_b[s:e], None) for s, e in sentences(text_b)]
    table = []
    for start, end, text, annotation_id in queries:
        for c in candidates(text, pool, limit=3):
            table.append([c.score, start, end, excerpt(text, 60), c.start, c.end, excerpt(c.text, 60),
                          annotation_id or "", c.annotation_id or ""])
    table.sort(key=lambda row: -row[0])
    emit_table(["score", "a_start", "a_end", "a_text", "b_start", "b_end", "b_text", "a_id", "b_id"], table, fmt)


@cli.command("compare")
@click.argument("document_a")
@click.argument("document_b")
@click.option("--format", "fmt", type=click.Choice(["table", "markdown", "csv", "json"]), default=None,
              help="Output format [default: table on a terminal, markdown in a pipe].")
@db_option
@click.pass_context
def compare_command(ctx: click.Context, document_a: str, document_b: str, fmt: str | None, db_path: str | None) -> None:
    """Compare two documents' claims: linked pairs with their attributions, then the unpaired."""
    import sys

    from .report.compare import render, rich_tables
    from .model.compare import compare

    store = open_store(ctx, db_path, create=False)
    a, b = store.find_document(document_a), store.find_document(document_b)
    annotations = store.annotations(a.id) + store.annotations(b.id)
    links = {link["id"]: link for doc in (a, b) for link in store.document_links(doc.id)}
    report = compare(a.id, b.id, annotations, list(links.values()))
    fmt = fmt or ("table" if sys.stdout.isatty() else "markdown")
    if fmt == "table":
        from rich.console import Console

        console = Console()
        for renderable in rich_tables(report, (a.title, b.title)):
            console.print(renderable)
    else:
        click.echo(render(report, fmt, (a.title, b.title)), nl=False)


@cli.command("import-annotations")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, allow_dash=True))
@db_option
@annotator_option
@click.pass_context
def import_annotations_command(ctx: click.Context, file: str, db_path: str | None, annotator: str | None) -> None:
    """Import annotations (and links) from Diptych's JSON Lines or the W3C format.

    W3C: one Annotation, JSON Lines of them (`export --format w3c`) or an
    AnnotationCollection; the document is found by its `urn:sha256:` source.

    Import the documents first. Running it twice changes nothing; a newer record
    (by `modified`) replaces an older one. A span whose offsets no longer fit is
    re-found by its quote and context, or refused.
    """
    import json

    from .formats import w3c
    from .formats.jsonl_import import ImportError_, read_jsonl

    store = open_store(ctx, db_path, create=False)
    try:
        with click.open_file(file, encoding="utf-8") as handle:
            content = handle.read()
        try:
            whole = json.loads(content)
        except json.JSONDecodeError:
            whole = None
        if whole is not None and not isinstance(whole, (dict, list)):
            raise ImportError_("not annotations")
        if whole is not None and w3c.is_w3c(whole):
            records = w3c.to_records(whole)
        else:
            records = [whole] if isinstance(whole, dict) else read_jsonl(content.splitlines())
            if records and w3c.is_w3c(records):
                records = w3c.to_records(records)
    except UnicodeDecodeError:
        raise click.ClickException(f"{file}: not UTF-8 text") from None
    except ImportError_ as exc:
        raise click.ClickException(f"{file}: {exc}") from None
    report = store.import_records(records, annotator or ctx.obj.get("annotator") or default_annotator())
    for problem in report.refused:
        click.echo(f"refused\t{problem}", err=True)
    click.echo(
        f"{report.added} added, {report.updated} updated, {report.unchanged} unchanged, "
        f"{report.reanchored} re-anchored, {report.links_added} links added, {len(report.refused)} refused"
    )
    if report.refused:
        ctx.exit(1)


@cli.command("merge")
@click.argument("other", type=click.Path(exists=True, dir_okay=False))
@db_option
@click.pass_context
def merge_command(ctx: click.Context, other: str, db_path: str | None) -> None:
    """Merge another person's database into this one.

    Documents match by sha256, annotations and links by id; the newer `modified`
    wins, and the same time with different content is reported as a conflict (ours
    is kept). Merging twice changes nothing. The other database is only read.
    """
    from .store import Store

    store = open_store(ctx, db_path)
    theirs = Store.open(other, create=False, readonly=True)
    try:
        summary = store.merge_from(theirs)
    finally:
        theirs.close()
    click.echo(", ".join(f"{n} {k.replace('_', ' ')}" for k, n in summary.items()))


@cli.command("agreement")
@click.option("--annotators", nargs=2, required=True, metavar="A B", help="The two annotators to compare.")
@click.option("--label", "labels", multiple=True, help="Only these labels (repeatable).")
@click.option("--document", "document_refs", multiple=True, help="Only these documents (repeatable).")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@db_option
@click.pass_context
def agreement_command(
    ctx: click.Context, annotators: tuple[str, str], labels: tuple[str, ...], document_refs: tuple[str, ...],
    fmt: str, db_path: str | None,
) -> None:
    """Inter-annotator agreement: exact-span F1, character-overlap F1, token kappa, links.

    See the README for the definitions and a worked example.
    """
    import json

    from .model.agreement import agreement, link_agreement
    from .report.tables import emit_table

    store = open_store(ctx, db_path, create=False)
    known = store.annotators()
    for name in annotators:
        if name not in known:
            raise click.ClickException(f"no annotations by {name!r} (annotators: {', '.join(known) or 'none'})")
    docs = [store.find_document(ref) for ref in document_refs] or store.documents()
    wanted = list(labels) or [l["name"] for l in store.labels()]
    spans = {name: [] for name in annotators}
    by_id = {}
    for doc in docs:
        for a in store.annotations(doc.id):
            if a.annotator in spans and a.label in wanted:
                span = (doc.id, a.label, a.start, a.end)
                spans[a.annotator].append(span)
                by_id[a.id] = (a.annotator, span)
    links = {name: [] for name in annotators}
    for doc in docs:
        for link in store.document_links(doc.id):
            source, target = by_id.get(link["source"]["id"]), by_id.get(link["target"]["id"])
            if source and target and source[0] == target[0] and link["source"]["document_id"] == doc.id:
                links[source[0]].append((source[1], target[1], link["relation"]))
    texts = {doc.id: store.text(doc.id) for doc in docs}
    result = agreement(spans[annotators[0]], spans[annotators[1]], texts, wanted)
    result = {"annotators": list(annotators), **result,
              "links": {"agreement": round(link_agreement(links[annotators[0]], links[annotators[1]]), 4),
                        "a_count": len(links[annotators[0]]), "b_count": len(links[annotators[1]])}}
    if fmt == "json":
        click.echo(json.dumps(result, indent=2))
        return
    rows = [[label, s["a_count"], s["b_count"], s["exact_f1"], s["overlap_f1"], s["kappa"]]
            for label, s in [*result["labels"].items(), ("overall", result["overall"])]]
    emit_table(["label", f"{annotators[0]}", f"{annotators[1]}", "exact_f1", "overlap_f1", "kappa"], rows, "table")
    click.echo(f"links: {result['links']['agreement']} agreement "
               f"({result['links']['a_count']} vs {result['links']['b_count']} links)")


@cli.command("verify")
@db_option
@click.pass_context
def verify_command(ctx: click.Context, db_path: str | None) -> None:
    """Check the database: SQLite integrity, every span against its text, links, orphans.

    Exits 1 when something is wrong (orphans alone are reported, not wrong).
    """
    store = open_store(ctx, db_path, create=False)
    result = store.verify()
    counts = result["counts"]
    click.echo(
        f"integrity {'ok' if result['integrity'] else 'FAILED'}; {counts['documents']} documents, "
        f"{counts['annotations']} annotations ({counts['bad_spans']} bad spans, {counts['orphaned']} orphaned), "
        f"{counts['links']} links ({counts['dangling_links']} dangling)"
    )
    for problem in result["problems"]:
        click.echo(f"problem\t{problem}", err=True)
    if result["problems"]:
        ctx.exit(1)


@cli.command("orphans")
@click.option("--format", "fmt", type=click.Choice(["table", "tsv", "json"]), default=None)
@db_option
@click.pass_context
def orphans_command(ctx: click.Context, fmt: str | None, db_path: str | None) -> None:
    """Annotations that could not be re-anchored after their document changed."""
    from .model.text import excerpt
    from .report.tables import emit_table

    store = open_store(ctx, db_path, create=False)
    rows = [[a.id, a.document_id, a.label, a.start, a.end, excerpt(a.exact, 60)] for a in store.orphans()]
    emit_table(["id", "old_document", "label", "start", "end", "exact"], rows, fmt)


@cli.command("reattach")
@click.argument("annotation_id")
@click.option("--document", "document_ref", required=True, help="The document (usually the new version).")
@click.option("--span", default=None, metavar="START:END", help="Where it belongs now.")
@click.option("--quote", default=None, help="Or: the text where it belongs now (must occur once).")
@db_option
@click.pass_context
def reattach_command(ctx: click.Context, annotation_id: str, document_ref: str, span: str | None,
                     quote: str | None, db_path: str | None) -> None:
    """Re-attach an (orphaned) annotation by hand; its id, note and links stay."""
    from .model.anchoring import find_occurrences

    if (span is None) == (quote is None):
        raise click.UsageError("give exactly one of --span START:END or --quote TEXT")
    store = open_store(ctx, db_path, create=False)
    doc = store.find_document(document_ref)
    if span is not None:
        start, end = parse_span(span)
    else:
        hits = find_occurrences(store.text(doc.id), quote)
        if len(hits) != 1:
            raise click.ClickException(f"the quote occurs {len(hits)} times in document {doc.id}; use --span")
        start, end = hits[0], hits[0] + len(quote)
    store.reattach(annotation_id, doc.id, start, end)
    click.echo(f"re-attached {annotation_id} to document {doc.id} at {start}:{end}")
