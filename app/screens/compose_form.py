"""The fields of a post, bound to a Draft: built from it, filled from another (an edit's or a redraft's source
once the server answered), read back into it; with the live character counter, progress and the inline error.
The compose screen (app/screens/compose.py) owns the behaviour; this widget owns the layout."""
from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Checkbox, Input, Label, ProgressBar, Select, Static, TextArea

from app.compose.counter import ComposeLimits, count_characters
from app.compose.schedule import format_schedule
from app.drafts import Draft, PollDraft
from app.screens.compose_parts import MediaRow, PollEditor, StatusPreview

VISIBILITY_CHOICES = [("Public", "public"), ("Unlisted", "unlisted"), ("Followers only", "private"),
                      ("Mentioned only", "direct")]


class ComposeForm(VerticalScroll):
    def __init__(self, draft: Draft, limits: ComposeLimits, *, title: str, reply_to: dict | None = None,
                 editing: bool = False):
        super().__init__(id="compose-form")
        self.draft, self.limits, self.title = draft, limits, title
        self.reply_to, self.editing = reply_to, editing

    def compose(self) -> ComposeResult:
        d = self.draft
        yield Label(self.title, id="compose-title")
        if self.reply_to is not None:
            yield StatusPreview(self.reply_to, id="compose-reply-to")
        cw = Input(d.spoiler_text, placeholder="Content warning", id="compose-cw", max_length=1000)
        cw.display = bool(d.spoiler_text)
        yield cw
        yield TextArea(d.text, id="compose-body", soft_wrap=True, show_line_numbers=False, tab_behavior="focus",
                       placeholder="What's on your mind?")
        with Horizontal(id="compose-options"):
            # Visibility and schedule cannot change in an edit (Mastodon keeps them).
            yield Select(VISIBILITY_CHOICES, value=d.visibility, allow_blank=False, id="compose-visibility",
                         compact=True, disabled=self.editing)
            yield Input(d.language, placeholder="lang", id="compose-language", max_length=3, compact=True)
            yield Checkbox("Sensitive media", d.sensitive, id="compose-sensitive")
            yield Input(format_schedule(d.scheduled_at), id="compose-schedule", compact=True,
                        placeholder="Schedule: in 2h, tomorrow 09:00 (empty: now)", disabled=self.editing)
        yield VerticalScroll(*[MediaRow(m, self.limits.max_description_characters) for m in d.media],
                             id="compose-media")
        attach = Input(placeholder="Path of an image, video or audio file; Enter attaches it, Esc cancels",
                       id="compose-attach-path", compact=True)
        attach.display = False
        yield attach
        yield self._poll_editor(d.poll)
        with Horizontal(id="compose-status"):
            yield Label("", id="compose-counter")
            yield Label("", id="compose-progress-text")
            bar = ProgressBar(total=1.0, show_eta=False, id="compose-progress")
            bar.display = False
            yield bar
        yield Static("", id="compose-error", markup=False)

    def _poll_editor(self, poll: PollDraft | None) -> PollEditor:
        editor = PollEditor(poll or PollDraft(), self.limits.max_poll_options, self.limits.max_characters_per_option,
                            id="compose-poll")
        editor.border_title = "Poll"
        editor.display = poll is not None
        return editor

    @property
    def body(self) -> TextArea:
        return self.query_one("#compose-body", TextArea)

    def fill(self, draft: Draft) -> None:
        """Show `draft` in the fields (media rows and the poll editor rebuilt from it)."""
        self.draft = draft
        self.body.load_text(draft.text)
        cw = self.query_one("#compose-cw", Input)
        cw.value, cw.display = draft.spoiler_text, bool(draft.spoiler_text)
        self.query_one("#compose-visibility", Select).value = draft.visibility
        self.query_one("#compose-language", Input).value = draft.language
        self.query_one("#compose-sensitive", Checkbox).value = draft.sensitive
        media = self.query_one("#compose-media", VerticalScroll)
        media.remove_children()
        media.mount_all([MediaRow(m, self.limits.max_description_characters) for m in draft.media])
        if draft.poll is not None:
            self.query_one("#compose-poll", PollEditor).remove()
            self.mount(self._poll_editor(draft.poll), before=self.query_one("#compose-status"))

    def read_into(self, d: Draft) -> Draft:
        d.text = self.body.text
        cw = self.query_one("#compose-cw", Input)
        d.spoiler_text = cw.value if cw.display else ""
        visibility = self.query_one("#compose-visibility", Select).value
        d.visibility = visibility if isinstance(visibility, str) else d.visibility
        d.language = self.query_one("#compose-language", Input).value.strip().lower()
        d.sensitive = self.query_one("#compose-sensitive", Checkbox).value
        d.media = [row.media for row in self.query(MediaRow)]
        poll = self.query_one("#compose-poll", PollEditor)
        if poll.display:
            poll.sync()
            d.poll = poll.poll
        else:
            d.poll = None
        return d

    def update_counter(self) -> None:
        cw = self.query_one("#compose-cw", Input)
        used = count_characters(self.body.text, cw.value if cw.display else "",
                                self.limits.characters_reserved_per_url)
        left = self.limits.max_characters - used
        label = self.query_one("#compose-counter", Label)
        label.update(f"{left} left" if left >= 0 else f"{-left} too many")
        label.set_class(left < 0, "-over")
        label.set_class(0 <= left < 20, "-near")

    def show_error(self, message: str) -> None:
        error = self.query_one("#compose-error", Static)
        error.update(message)
        error.set_class(bool(message), "-shown")
        if message:
            self.scroll_to_widget(error)

    def show_progress(self, message: str, fraction: float | None = None) -> None:
        self.query_one("#compose-progress-text", Label).update(message)
        bar = self.query_one("#compose-progress", ProgressBar)
        bar.display = fraction is not None
        if fraction is not None:
            bar.update(progress=fraction)
