"""The reader screen's linking and attribute commands (a mixin, to keep reader.py small)."""

from __future__ import annotations

from ..history import AttributesChanged, LinkCreated, LinkDeleted
from ..model.relations import describe_link, fitting_relations, orient
from ..model.spans import Annotation
from ..store import StoreError
from ..widgets.document_view import DocumentView
from .pickers import AttributeDialog, ChoiceDialog, relation_dialog


class LinkingMixin:
    """Needs ``store``, ``views``, ``history``, ``doc_links`` and ``_after_change`` from the screen."""

    pending_link: Annotation | None = None

    def links_of(self, annotation: Annotation) -> list[dict]:
        return [
            link for link in self.doc_links.get(annotation.document_id, [])
            if annotation.id in (link["source"]["id"], link["target"]["id"])
        ]

    def link_lines(self, annotation: Annotation) -> list[str]:
        return [describe_link(link, annotation.id, annotation.document_id) for link in self.links_of(annotation)]

    def partner_ids(self, view: DocumentView) -> set[str]:
        partners: set[str] = set()
        for annotation in view.annotations_here():
            for link in self.links_of(annotation):
                partners.update((link["source"]["id"], link["target"]["id"]))
            partners.discard(annotation.id)
        return partners

    def on_document_view_command(self, message: DocumentView.Command) -> None:
        handler = getattr(self, f"_command_{message.command}")
        handler(message.view)

    def _command_cancel(self, view: DocumentView) -> None:
        if self.pending_link is not None:
            self.pending_link = None
            self.notify("Link cancelled.", markup=False)
            self._refresh_all(view)

    def _command_start_link(self, view: DocumentView) -> None:
        here = view.annotations_here()
        if not here:
            self.notify("Put the cursor on an annotation to link from it.", severity="warning", markup=False)
            return
        self.pending_link = here[0]
        self.notify(
            f"Linking from {here[0].label} “{here[0].exact[:40]}”: go to the other annotation "
            "(Tab, ], search, mouse) and press Enter. Escape cancels.",
            markup=False, timeout=6,
        )
        self._refresh_all(view)

    def _command_confirm(self, view: DocumentView) -> None:
        source = self.pending_link
        if source is None:
            return
        here = [a for a in view.annotations_here() if a.id != source.id]
        if not here:
            self.notify("Put the cursor on the annotation to link to.", severity="warning", markup=False)
            return
        target = here[0]
        first, second = (target, source) if orient(source.label, target.label) else (source, target)
        relations = fitting_relations(first.label, second.label)
        if not relations:
            self.notify(f"No relation links {first.label} to {second.label}.", severity="warning", markup=False)
            return

        def chosen(relation: str | None) -> None:
            if relation is None:
                return
            try:
                link = self.store.create_link(first.id, second.id, relation, self.app.annotator)
            except StoreError as exc:
                self.notify(str(exc), severity="error", markup=False)
                return
            self.pending_link = None
            self.history.push(LinkCreated(link))
            self._after_links_changed(view)
            self.notify(f"Linked: {relation}.", markup=False)

        self.app.push_screen(relation_dialog(relations, first.label, second.label), chosen)

    def _command_jump_partner(self, view: DocumentView) -> None:
        here = view.annotations_here()
        links = [link for a in here for link in self.links_of(a)]
        if not links:
            self.app.bell()
            return
        ids = {a.id for a in here}
        ends = [link["target"] if link["source"]["id"] in ids else link["source"] for link in links]
        # Prefer a partner in another document: reading the two articles in step.
        ends.sort(key=lambda end: end["document_id"] == view.document_id)
        partner = ends[0]
        targets = [v for v in self.views if v.document_id == partner["document_id"] and v is not view]
        if not targets and partner["document_id"] == view.document_id:
            targets = [view]
        if not targets:  # not open: show it in the next pane
            number = (self.views.index(view) + 1) % len(self.views) + 1
            self.show_document(number, partner["document_id"])
            targets = [self.views[number - 1]]
        target = targets[0]
        target.focus()
        target.move_to(partner["start"])

    def _command_delete_link(self, view: DocumentView) -> None:
        here = view.annotations_here()
        links = [link for a in here[:1] for link in self.links_of(a)]
        if not links:
            self.notify("No link on the annotation under the cursor.", severity="warning", markup=False)
            return

        def delete(link_id: str | None) -> None:
            if link_id is None:
                return
            link = self.store.delete_link(link_id)
            self.history.push(LinkDeleted(link))
            self._after_links_changed(view)
            self.notify(f"Link deleted ({link['relation']}); u undoes.", markup=False)

        if len(links) == 1:
            delete(links[0]["id"])
        else:
            choices = [(link["id"], str(i + 1) if i < 9 else "", describe_link(link, here[0].id, view.document_id))
                       for i, link in enumerate(links)]
            self.app.push_screen(ChoiceDialog("Delete which link?", choices), delete)

    def edit_attributes(self, annotation: Annotation) -> None:
        types = self.store.attribute_types(annotation.label)
        if not types:
            self.notify(f"{annotation.label} has no attributes.", severity="warning", markup=False)
            return

        def save(values: dict | None) -> None:
            if values is None:
                return
            try:
                old_json, old_modified = self.store.set_attributes(annotation.id, values)
            except StoreError as exc:
                self.notify(str(exc), severity="error", markup=False)
                return
            self.history.push(AttributesChanged(annotation, old_json, old_modified, values))
            self._after_change(annotation.document_id)

        self.app.push_screen(AttributeDialog(types, annotation.attributes), save)

    def _after_links_changed(self, view: DocumentView) -> None:
        for other in self.views:
            self.doc_links[other.document_id] = self.store.document_links(other.document_id)
        self._refresh_all(view)
