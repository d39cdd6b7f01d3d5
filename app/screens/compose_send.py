"""The compose screen's round trips to the server: loading an edit's source text or deleting a status to redraft
it, and posting (with the alt-text reminder, the form locked while the post is on its way, and the progress and
any failure shown in the form).

A mixin for ComposeScreen (app/screens/compose.py), which provides the form (`form`, `collect`, `show_error`,
`show_progress`, `update_counter`, `body`) and the draft state (`draft`, `store`, `saved_once`, `dirty`, `result`).
"""
from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict

from textual import work
from textual.widgets import Input

from app.compose.fetch import delete_for_redraft, draft_for_edit
from app.compose.posting import PostError, publish
from app.compose.schedule import ScheduleError, format_schedule, parse_schedule
from app.drafts import Draft


def _fingerprint(draft: Draft) -> str:
    """The form's content, to tell an untouched form from one worth keeping."""
    content = {k: v for k, v in asdict(draft).items() if k not in ("id", "idempotency_key", "created_at",
                                                                   "updated_at")}
    for m in content["media"]:
        m.pop("media_id", None)
    return hashlib.sha256(json.dumps(content, sort_keys=True, default=str).encode()).hexdigest()


class ComposeSending:
    """Loading an edit or a redraft, and posting; mixed into ComposeScreen."""

    # -- loading an edit or a redraft ------------------------------------------------------------------------

    def _fill(self, draft: Draft) -> None:
        """Put a draft made from the server's answer into the form."""
        self.draft = draft
        self.form.fill(draft)
        self.body.disabled = False
        self.awaiting_source = False
        self.body.focus()
        self.update_counter()

    @work(exclusive=True, group="compose-load", exit_on_error=False)
    async def load_edit(self) -> None:
        try:
            draft = await draft_for_edit(self.service.client, self.edit_status, self.account)
        except PostError as exc:
            self.show_progress("")
            self.show_error(str(exc))  # the form stays closed to editing
            return
        self.show_progress("")
        self._fill(draft)
        self.pristine = _fingerprint(self.draft)

    @work(exclusive=True, group="compose-load", exit_on_error=False)
    async def load_redraft(self) -> None:
        try:
            draft = await delete_for_redraft(self.service.client, self.redraft_status, self.account, self.store)
        except PostError as exc:
            self.show_progress("")
            self.show_error(str(exc))
            return
        self.show_progress("")
        self.saved_once = True
        self._fill(draft)


    # -- posting ---------------------------------------------------------------------------------------------

    def action_post(self) -> None:
        if self.posting or self.awaiting_source:
            return
        draft = self.collect()
        try:
            when = parse_schedule(self.query_one("#compose-schedule", Input).value)
        except ScheduleError as exc:
            self.show_error(str(exc))
            return
        draft.scheduled_at = when.isoformat() if when else None
        missing = [os.path.basename(m.path) or m.path for m in draft.media if not m.description.strip()]
        if missing and not self.alt_text_reminded:
            # Once per form: people who cannot see the picture depend on it. A second ctrl+s posts anyway.
            self.alt_text_reminded = True
            self.show_error(f"No alt text for {', '.join(missing)}: describe it for people who cannot see it, "
                            "or press ctrl+s again to post without.")
            return
        self.show_error("")
        self.lock_form(True)
        self.post_draft(draft)

    def lock_form(self, posting: bool) -> None:
        """While a post is on its way the form is read-only: words typed then would be neither posted nor kept."""
        self.posting = posting
        self.query_one("#compose-form").disabled = posting
        if not posting:
            self.body.focus()

    @work(exclusive=True, group="compose-post", exit_on_error=False)
    async def post_draft(self, draft: Draft) -> None:
        try:
            status = await publish(self.service.client, draft, store=self.store, limits=self.limits,
                                   progress=self.show_progress)
        except PostError as exc:
            self.lock_form(False)
            self.saved_once = True
            self.show_progress("")
            self.show_error(str(exc))
            return
        self.posting = False
        self.result = status
        self.dirty = False
        self.saved_once = False
        self.show_progress("")
        if draft.scheduled_at:
            self.notify(f"Scheduled for {format_schedule(draft.scheduled_at)}.", title="Post scheduled")
        else:
            self.notify("Edited." if draft.edit_of_id else "Posted.")
        self.dismiss(status)

