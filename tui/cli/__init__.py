"""The ``diptych`` command line: the root group, and the command families it adds.

Only ``open`` imports Textual; every other command imports the store (and so
sqlite-utils) inside its own body, so ``diptych --help`` starts in a blink. Command
modules never import this one: the root adds them.
"""

from __future__ import annotations

import click

from . import annotate, documents, exchange, links, quality, story
from .common import DiptychGroup, annotator_option, db_option


@click.group(cls=DiptychGroup, invoke_without_command=True)
@db_option
@annotator_option
@click.version_option(package_name="diptych")
@click.pass_context
def cli(ctx: click.Context, db_path: str | None, annotator: str | None) -> None:
    """Diptych: read two articles side by side, tag claims and attributions, export them.

    With no command, `diptych` is `diptych open`: it imports ./corpus and opens the reader.
    """
    ctx.ensure_object(dict)
    ctx.obj["db"] = db_path
    ctx.obj["annotator"] = annotator
    if ctx.invoked_subcommand is None:
        ctx.invoke(documents.open_command)


for command in (
    documents.import_command, documents.open_command, documents.docs_command, quality.stats_command,
    exchange.export_command, annotate.tag_command, annotate.delete_command, annotate.labels_group,
    links.link_command, links.unlink_command, annotate.suggest_command, story.compare_command,
    story.story_command, story.sources_command, story.report_command, story.search_command,
    exchange.import_annotations_command, exchange.merge_command, quality.agreement_command,
    quality.verify_command, documents.orphans_command, documents.reattach_command,
    documents.reextract_command, documents.original_command,
):
    cli.add_command(command)


def main() -> None:
    cli(prog_name="diptych")
