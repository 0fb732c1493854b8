"""Links between annotations: link, unlink."""

from __future__ import annotations

import click

from ..model.relations import BY_NAME
from .common import annotator_option, db_option, open_store, who


@click.command("link")
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
    click.echo(store.create_link(source_id, target_id, relation, who(ctx, annotator), note=note).id)


@click.command("unlink")
@click.argument("link_id")
@db_option
@click.pass_context
def unlink_command(ctx: click.Context, link_id: str, db_path: str | None) -> None:
    """Delete a link (the annotations stay)."""
    store = open_store(ctx, db_path, create=False)
    link = store.delete_link(link_id)
    click.echo(f"unlinked {link.source_id} -{link.relation}-> {link.target_id}", err=True)
