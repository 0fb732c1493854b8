"""The reader screen's linking and attribute commands (a mixin, to keep reader.py small)."""

from __future__ import annotations

from ...model.entities import Annotation, Link
from ...model.relations import describe_link, fitting_relations, orient
from ...store import StoreError
from .. import messages
from ..widgets.document_view import DocumentView


class LinkingMixin:
    """Needs ``store``, ``editor``, ``views``, ``doc_links`` and ``_after_change`` from the screen."""

    pending_link: Annotation | None = None

    def links_of(self, annotation: Annotation) -> list[Link]:
        return [
            link for link in self.doc_links.get(annotation.document_id, [])
            if annotation.id in (link.source_id, link.target_id)
        ]

    def link_lines(self, annotation: Annotation) -> list[str]:
        return [describe_link(link, annotation.id, annotation.document_id) for link in self.links_of(annotation)]

    def partner_ids(self, view: DocumentView) -> set[str]:
        partners: set[str] = set()
        for annotation in view.annotations_here():
            for link in self.links_of(annotation):
                partners.update((link.source_id, link.target_id))
            partners.discard(annotation.id)
        return partners

    def on_cancel(self, message: messages.Cancel) -> None:
        view = message.view
        if self.pending_link is not None:
            self.pending_link = None
            self.notify("Link cancelled.", markup=False)
            self._refresh_all(view)

    def on_start_link(self, message: messages.StartLink) -> None:
        view = message.view
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

    def on_confirm_link(self, message: messages.ConfirmLink) -> None:
        view = message.view
        source = self.pending_link
        if source is None:
            self._accept_suggestion(view)
            return
        here = [a for a in view.annotations_here() if a.id != source.id]
        if not here:
            self.notify("Put the cursor on the annotation to link to.", severity="warning", markup=False)
            return
        self.link_dialog(source, here[0], view)

    def link_dialog(self, source: Annotation, target: Annotation, view: DocumentView) -> None:
        """Ask for the relation (the default follows the labels), then store the link."""
        first, second = (target, source) if orient(source.label, target.label) else (source, target)
        relations = fitting_relations(first.label, second.label)
        if not relations:
            self.notify(f"No relation links {first.label} to {second.label}.", severity="warning", markup=False)
            return

        def chosen(relation: str | None) -> None:
            if relation is None:
                return
            try:
                self.editor.link(first.id, second.id, relation)
            except StoreError as exc:
                self.notify(str(exc), severity="error", markup=False)
                return
            self.pending_link = None
            self._after_links_changed(view)
            self.notify(f"Linked: {relation}.", markup=False)

        from .pickers import relation_dialog

        self.app.push_screen(relation_dialog(relations, first.label, second.label), chosen)

    def on_jump_to_partner(self, message: messages.JumpToPartner) -> None:
        view = message.view
        here = view.annotations_here()
        links = [link for a in here for link in self.links_of(a)]
        if not links:
            self.app.bell()
            return
        ids = {a.id for a in here}
        ends = [link.target if link.source_id in ids else link.source for link in links]
        # Prefer a partner in another document: reading the two articles in step.
        ends.sort(key=lambda end: end.document_id == view.document_id)
        partner = ends[0]
        targets = [v for v in self.views if v.document_id == partner.document_id and v is not view]
        if not targets and partner.document_id == view.document_id:
            targets = [view]
        if not targets:  # not open: show it in the next pane
            number = (self.views.index(view) + 1) % len(self.views) + 1
            self.show_document(number, partner.document_id)
            targets = [self.views[number - 1]]
        target = targets[0]
        self.set_focus(target)
        target.move_to(partner.start)

    def on_delete_link(self, message: messages.DeleteLink) -> None:
        view = message.view
        here = view.annotations_here()
        links = [link for a in here[:1] for link in self.links_of(a)]
        if not links:
            self.notify("No link on the annotation under the cursor.", severity="warning", markup=False)
            return

        def delete(link_id: str | None) -> None:
            if link_id is None:
                return
            link = self.editor.unlink(link_id)
            self._after_links_changed(view)
            self.notify(f"Link deleted ({link.relation}); u undoes.", markup=False)

        if len(links) == 1:
            delete(links[0].id)
        else:
            choices = [(link.id, str(i + 1) if i < 9 else "", describe_link(link, here[0].id, view.document_id))
                       for i, link in enumerate(links)]
            from .pickers import ChoiceDialog

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
                self.editor.set_attributes(annotation, values)
            except StoreError as exc:
                self.notify(str(exc), severity="error", markup=False)
                return
            self._after_change(annotation.document_id)

        from .pickers import AttributeDialog

        self.app.push_screen(AttributeDialog(types, annotation.attributes), save)

    def on_attribute(self, message: messages.Attribute) -> None:
        """``A``: the attribution under the cursor, tagged and linked to the claim it
        introduces (tagged too when it is not yet), as one step that one ``u`` undoes."""
        view = message.view
        from ...model.suggest import attribution_at
        from ...model.text import excerpt
        from ...services.editor import EditError

        found = attribution_at(view.text, view.cursor)
        if found is None:
            self.notify("No attribution here: put the cursor on a reporting cue or its source "
                        "(“Klein notes”, “she adds”, “according to …”).", severity="warning", markup=False)
            return
        (a_start, a_end), claim_span = found
        document_id = view.document_id
        spans = list(view.spans.overlapping(a_start, a_end))
        made_claim = False
        try:
            with self.editor.group():
                attribution = next((a for a in spans if a.label == "attribution" and (a.start, a.end) == (a_start, a_end)),
                                   None) or self.editor.tag(document_id, view.text, a_start, a_end, "attribution")
                claim = None
                if claim_span is not None:
                    near = [a for a in view.spans.overlapping(*claim_span) if a.label == "claim"]
                    claim = min(near, key=lambda a: min(abs(a.start - a_end), abs(a_start - a.end)), default=None)
                    if claim is None:
                        claim = self.editor.tag(document_id, view.text, *claim_span, "claim")
                        made_claim = True
                    linked = any(link.source_id == attribution.id and link.target_id == claim.id
                                 for link in self.links_of(attribution))
                    if not linked:
                        self.editor.link(attribution.id, claim.id, "attributes")
        except (EditError, StoreError) as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        for other in self._views_of(document_id):
            self._load_annotations(other)
        view.visual, view.anchor = False, None
        self._after_links_changed(view)
        if claim is None:
            self.notify(f"Attribution “{excerpt(attribution.exact, 40)}” tagged; no claim found to link it to "
                        "(tag the claim, then L).", severity="warning", markup=False)
        else:
            self.notify(f"Attribution “{excerpt(attribution.exact, 30)}” → {'new ' if made_claim else ''}claim "
                        f"“{excerpt(claim.exact, 40)}” (u undoes all of it)", markup=False, timeout=4)

    # Reading aids: one switch for every pane, so the two articles are read alike ----------
    def on_toggle_cues(self, message: messages.ToggleCues) -> None:
        view = message.view
        shown = not view.show_cues
        for other in self.views:
            other.set_reading_aids(cues=shown)
        self.notify(f"Cues {'shown' if shown else 'hidden'} in all panes.", markup=False, timeout=2)

    def on_toggle_suggestions(self, message: messages.ToggleSuggestions) -> None:
        view = message.view
        shown = not view.show_suggestions
        for other in self.views:
            other.set_reading_aids(suggestions=shown)
        self._refresh_all()
        self.notify(
            "Suggestions shown in all panes: Enter accepts the one under the cursor, r rejects it." if shown
            else "Suggestions hidden in all panes.", markup=False, timeout=3,
        )

    # Suggestions ------------------------------------------------------------------------
    def _accept_suggestion(self, view: DocumentView) -> None:
        suggestion = view.suggestion_here()
        if suggestion is None:
            return
        try:
            annotation = self.editor.tag(view.document_id, view.text, suggestion.start, suggestion.end,
                                         suggestion.label, origin="suggestion", trim=False)
        except StoreError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        self._after_change(view.document_id, annotation)

    def on_reject_suggestion(self, message: messages.RejectSuggestion) -> None:
        view = message.view
        suggestion = view.suggestion_here()
        if suggestion is None:
            self.app.bell()
            return
        self.editor.reject_suggestion(view.document_id, suggestion.label, suggestion.start, suggestion.end)
        view.rejected.add((suggestion.label, suggestion.start, suggestion.end))
        view.refresh()
        self.notify(f"Rejected: {suggestion.label} (remembered).", markup=False, timeout=2)

    # Pairing -------------------------------------------------------------------------------
    def on_pair(self, message: messages.Pair) -> None:
        """Rank the claims and sentences of every other open document against the claim
        under the cursor; Enter links the pick (tagging a sentence as a claim first)."""
        from ...services.compare import pairing_pool
        from ...model.pair_ranking import rank_pairs
        from .pickers import PairingDialog

        view = message.view
        claims = [a for a in view.annotations_here() if a.label == "claim"]
        others: dict[int, DocumentView] = {}
        for other in self.views:  # each other document once, in pane order
            if other.document_id != view.document_id:
                others.setdefault(other.document_id, other)
        if not claims or not others:
            self.notify("Put the cursor on a claim, with another document open, to pair it.",
                        severity="warning", markup=False)
            return
        claim = claims[0]
        linked = {}
        for link in self.links_of(claim):
            linked[link.target_id if link.source_id == claim.id else link.source_id] = link.relation
        pools = {document_id: pairing_pool(list(other.spans), other.text) for document_id, other in others.items()}
        found = rank_pairs(claim.exact, pools, linked, limit=8)
        panes = {}
        for pane in reversed(self.panes):
            panes[pane.view.document_id] = pane.number

        def chosen(index: int | None) -> None:
            if index is None:
                return
            pick = found[index]
            other = others[pick.document_id]
            self.set_focus(other)
            other.move_to(pick.start)
            if pick.linked:
                self.notify(f"Already linked ({pick.linked}).", markup=False)
                return
            target_id = pick.annotation_id
            if target_id is None:  # a sentence: tag it as a claim first (undoable like any tag)
                made = self.editor.tag(other.document_id, other.text, pick.start, pick.end, "claim",
                                       origin="suggestion", trim=False)
                self._load_annotations(other)
                target_id = made.id
            self.link_dialog(claim, self.store.annotation(target_id), other)

        self.app.push_screen(PairingDialog(claim.exact, found, panes), chosen)

    def _after_links_changed(self, view: DocumentView) -> None:
        for other in self.views:
            self.doc_links[other.document_id] = self.store.document_links(other.document_id)
        self._refresh_all(view)
