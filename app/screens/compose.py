"""The compose screen: write, reply, edit or redraft a status, with media, a poll, a schedule, in the form or in
$EDITOR. Nothing typed is lost: the form autosaves to a draft every few seconds and when it closes, a failed post
keeps everything in the form with the reason shown under it, and the draft is deleted only once the server has
the status.

    app.push_screen(ComposeScreen(service))                     # a new post
    app.push_screen(ComposeScreen(service, reply_to=status))    # a reply
    app.push_screen(ComposeScreen(service, edit=status))        # edit one's own status (loads its source)
    app.push_screen(ComposeScreen(service, redraft=status))     # delete it, then write it again
    app.push_screen(ComposeScreen(service, draft=draft))        # resume a draft

`service` is an app.service.ApiService (client, instance, me, config). The screen dismisses with the server's
status (a scheduled status for a scheduled post), or None when closed without posting. Loading an edit or a
redraft and posting live in app/screens/compose_send.py (ComposeSending).
"""
from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from textual import on
from textual.app import ComposeResult, SuspendNotSupported
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Checkbox, Footer, Input, Select, TextArea

from app.compose.counter import ComposeLimits
from app.compose.editor import EditorError, edit_text
from app.compose.owner import account_key, draft_store
from app.compose.paths import typed_path
from app.compose.start import new_draft, posting_defaults, reply_draft
from app.drafts import Draft, DraftError, DraftStore, MediaDraft
from app.screens.compose_form import ComposeForm
from app.screens.compose_parts import CloseDraftDialog, MediaRow, PollEditor
from app.screens.compose_send import ComposeSending, _fingerprint
from app.screens.typing import ClaimsTyping

AUTOSAVE_SECONDS = 3.0


class ComposeScreen(ComposeSending, ClaimsTyping, Screen):
    BINDINGS = [
        Binding("ctrl+s", "post", "Post", priority=True, id="compose.post"),
        Binding("ctrl+g", "external_editor", "$EDITOR", id="compose.editor"),
        Binding("ctrl+o", "attach", "Attach media", id="compose.attach"),
        Binding("ctrl+l", "toggle_poll", "Poll", id="compose.poll"),
        Binding("ctrl+t", "toggle_cw", "Content warning", id="compose.cw"),
        Binding("escape", "close", "Close", id="compose.close"),
        # ctrl+w (close screen) asks about the unsent post like escape does, instead of closing it silently
        Binding("ctrl+w", "close", "Close", show=False, id="compose.close_screen"),
    ]

    def __init__(self, service, reply_to: dict | None = None, edit: dict | None = None,
                 draft: Draft | None = None, redraft: dict | None = None, *, store: DraftStore | None = None,
                 editor_env: Mapping[str, str] | None = None, editor_dir: Path | None = None,
                 autosave_seconds: float = AUTOSAVE_SECONDS, **kwargs):
        super().__init__(**kwargs)
        self.service = service
        self.store = draft_store(service, store)
        self.limits = ComposeLimits.from_instance(getattr(service, "instance", None))
        self.reply_to, self.edit_status, self.redraft_status = reply_to, edit, redraft
        self.editor_env, self.editor_dir = editor_env, editor_dir
        self.autosave_seconds = autosave_seconds
        self.account = account_key(service)
        me = getattr(service, "me", None)
        visibility, language, sensitive = posting_defaults(getattr(service, "config", None), me)
        if draft is not None:
            self.draft = draft
        elif reply_to is not None:
            self.draft = reply_draft(reply_to, me, self.account, visibility, language)
        else:
            self.draft = new_draft(self.account, visibility, language, sensitive)
        # An edit or a redraft waits for the server's text before the form can be used.
        self.awaiting_source = edit is not None or redraft is not None
        self.posting = False
        self.dirty = False
        self.saved_once = draft is not None  # a file exists on disk for this draft
        # The form as it opened (a reply's mentions, an edit's source): closing it unchanged leaves no draft.
        # A resumed draft or a redraft is always worth keeping: it may be the only copy.
        self.pristine: str | None = None if draft is not None or redraft is not None else _fingerprint(self.draft)
        self.result = None
        self.alt_text_reminded = False

    # -- layout ----------------------------------------------------------------------------------------------

    def _title(self) -> str:
        if self.edit_status is not None or self.draft.edit_of_id:
            return "Edit your post"
        if self.redraft_status is not None:
            return "Redraft"
        if self.reply_to is not None or self.draft.in_reply_to_id:
            return "Reply"
        return "New post"

    def compose(self) -> ComposeResult:
        editing = bool(self.draft.edit_of_id) or self.edit_status is not None
        yield ComposeForm(self.draft, self.limits, title=self._title(), reply_to=self.reply_to, editing=editing)
        yield Footer()

    def on_mount(self) -> None:
        self.body.focus()
        self.body.move_cursor(self.body.document.end)
        self.update_counter()
        self.set_interval(self.autosave_seconds, self.autosave, name="draft autosave")
        if self.edit_status is not None:
            self.body.disabled = True
            self.show_progress("loading the post's source text…")
            self.load_edit()
        elif self.redraft_status is not None:
            self.body.disabled = True
            self.show_progress("deleting the post to redraft it…")
            self.load_redraft()

    @property
    def form(self) -> ComposeForm:
        return self.query_one(ComposeForm)

    @property
    def body(self) -> TextArea:
        return self.form.body

    # -- reading the form ------------------------------------------------------------------------------------

    def collect(self) -> Draft:
        """The form's contents into self.draft (everything but the schedule, which needs parsing)."""
        return self.form.read_into(self.draft)

    def update_counter(self) -> None:
        if not self.awaiting_source:
            self.form.update_counter()

    @on(TextArea.Changed)
    @on(Input.Changed)
    @on(Checkbox.Changed)
    @on(Select.Changed)
    def _changed(self, event) -> None:
        if getattr(event, "input", None) is not None and event.input.id == "compose-attach-path":
            return
        if self.awaiting_source:
            return
        self.dirty = True
        self.collect()  # self.draft always holds the form: an exit can save it without reading widgets
        self.update_counter()

    def worth_keeping(self, draft: Draft) -> bool:
        if self.pristine is not None and _fingerprint(draft) == self.pristine:
            return False
        return not draft.is_empty() or bool(draft.edit_of_id)

    def touch(self) -> None:
        """The form changed other than by typing (a toggle, an attachment): keep self.draft in step."""
        if not self.awaiting_source:
            self.dirty = True
            self.collect()
            self.update_counter()

    # -- drafts ----------------------------------------------------------------------------------------------

    def autosave(self) -> None:
        if self.dirty and not self.awaiting_source:
            self.save_now()

    def save_now(self) -> bool:
        """Write the form to its draft file (or remove the file when the form was emptied). False on failure,
        which is shown: the user must know their text is not safe on disk."""
        draft = self.collect()
        try:
            if not self.worth_keeping(draft):
                if self.saved_once:
                    self.store.delete(draft.id)
                    self.saved_once = False
            else:
                self.store.save(draft)
                self.saved_once = True
        except (DraftError, OSError) as exc:
            self.show_error(f"The draft could not be saved: {exc}")
            return False
        self.dirty = False
        return True

    def on_unmount(self) -> None:
        # Closing the screen (or quitting the app) saves what is there, unless it was posted or discarded. The
        # widgets may be gone by now, so this writes self.draft, which every change keeps up to date.
        if self.result is None and self.dirty and not self.awaiting_source:
            draft = self.draft
            try:
                if not self.worth_keeping(draft):
                    self.store.delete(draft.id)
                else:
                    self.store.save(draft)
            except (DraftError, OSError):
                pass  # nowhere left to show it; the last autosave stands

    # -- messages --------------------------------------------------------------------------------------------

    def show_error(self, message: str) -> None:
        self.form.show_error(message)

    def show_progress(self, message: str, fraction: float | None = None) -> None:
        self.form.show_progress(message, fraction)

    # -- actions ---------------------------------------------------------------------------------------------

    def action_external_editor(self) -> None:
        if self.awaiting_source:
            return
        text = self.body.text
        try:
            try:
                with self.app.suspend():
                    new = edit_text(text, env=self.editor_env, directory=self.editor_dir)
            except SuspendNotSupported:
                if not self.app.is_headless:
                    raise EditorError("This terminal cannot hand the screen to an editor.") from None
                new = edit_text(text, env=self.editor_env, directory=self.editor_dir)  # tests: nothing to suspend
        except EditorError as exc:
            self.show_error(str(exc))
            return
        if new != text:
            self.body.replace(new, (0, 0), self.body.document.end)
            self.touch()
            self.save_now()
        self.body.focus()

    def action_attach(self) -> None:
        if len(self.query(MediaRow)) >= self.limits.max_media_attachments:
            self.show_error(f"This server allows at most {self.limits.max_media_attachments} attachments.")
            return
        if self.query_one("#compose-poll", PollEditor).display:
            self.show_error("A post can have media or a poll, not both: remove the poll first (ctrl+l).")
            return
        path = self.query_one("#compose-attach-path", Input)
        path.display = True
        path.focus()

    @on(Input.Submitted, "#compose-attach-path")
    def _attach_submitted(self, event: Input.Submitted) -> None:
        self.attach_file(event.value)

    def attach_file(self, typed: str, description: str = "") -> bool:
        """Add the file at `typed` (a path; ~ expands) as an attachment; False (with the reason shown) if not."""
        path = typed_path(typed)
        if not path:
            return False
        if not os.path.isfile(path):
            self.show_error(f"No file at {path}.")
            return False
        if len(self.query(MediaRow)) >= self.limits.max_media_attachments:
            self.show_error(f"This server allows at most {self.limits.max_media_attachments} attachments.")
            return False
        row = MediaRow(MediaDraft(path=path, description=description),
                       self.limits.max_description_characters, focus_alt=True)
        self.query_one("#compose-media", VerticalScroll).mount(row)
        field = self.query_one("#compose-attach-path", Input)
        field.value, field.display = "", False
        self.show_error("")
        self.touch()
        return True

    @on(MediaRow.Removed)
    def _media_removed(self, event: MediaRow.Removed) -> None:
        event.row.remove()
        self.call_after_refresh(self.touch)
        self.body.focus()

    def action_toggle_poll(self) -> None:
        poll = self.query_one("#compose-poll", PollEditor)
        if not poll.display and self.query(MediaRow):
            self.show_error("A post can have media or a poll, not both: remove the media first.")
            return
        poll.display = not poll.display
        self.touch()
        if poll.display:
            poll.query_one(".poll-option", Input).focus()
        else:
            self.body.focus()

    def action_toggle_cw(self) -> None:
        cw = self.query_one("#compose-cw", Input)
        cw.display = not cw.display
        (cw if cw.display else self.body).focus()
        self.touch()

    def action_close(self) -> None:
        attach = self.query_one("#compose-attach-path", Input)
        if attach.display:
            attach.value, attach.display = "", False
            self.body.focus()
            return
        if self.posting:
            # A post stuck behind a slow server or a rate-limit wait can be stopped; the draft (with its media
            # ids and key) is on disk, so posting again later cannot post it twice.
            self.workers.cancel_group(self, "compose-post")
            self.lock_form(False)
            self.show_progress("")
            self.show_error("Posting stopped. If the server had already received it, posting again returns "
                            "that post instead of a second one.")
            return
        if self.awaiting_source:
            self.dismiss(None)
            return
        draft = self.collect()
        if not self.worth_keeping(draft):
            self.save_now()
            self.dismiss(None)
            return

        before = self.focused

        def chosen(choice: str | None) -> None:
            if choice not in ("keep", "discard"):
                # Back to writing: to the field that had the focus, else the text (with no control focused,
                # the next letters would go nowhere).
                field = before if before is not None and before.is_attached and before is not self.form else None
                self.call_after_refresh((field or self.body).focus)
            if choice == "keep":
                if self.save_now():
                    self.notify("Kept as a draft.")
                    self.dismiss(None)
            elif choice == "discard":
                try:
                    self.store.delete(self.draft.id)
                except (DraftError, OSError):
                    pass
                self.result = False  # nothing to save on unmount
                self.dismiss(None)

        self.app.push_screen(CloseDraftDialog(), chosen)
