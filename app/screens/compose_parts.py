"""Pieces of the compose screen: the status replied to, one attachment row, the poll editor, and the dialog
asked when a form with text in it is closed."""
from __future__ import annotations

import os

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Input, Label, Select, Static

from app.drafts import MediaDraft, PollDraft
from widgets.sanitize import sanitize_plain

POLL_DURATIONS = [("5 minutes", 300), ("30 minutes", 1800), ("1 hour", 3600), ("6 hours", 21600),
                  ("12 hours", 43200), ("1 day", 86400), ("3 days", 259200), ("7 days", 604800)]


class StatusPreview(Widget):
    """The status being replied to, rendered by the same code as the timelines, at the width available."""

    DEFAULT_CSS = "StatusPreview { height: auto; }"

    def __init__(self, status: dict, **kwargs):
        super().__init__(**kwargs)
        self.status = status

    def render(self) -> Text:
        from widgets.status import render_status

        clock = getattr(self.app, "wall_clock", None)  # the app's clock (a fixed one in snapshot tests)
        now = clock() if callable(clock) else None
        item = render_status(self.status, max(20, self.size.width or 80), counts=False, expanded=True, now=now)
        return Text("\n").join(item.lines[:12])


class MediaRow(Horizontal):
    """One attachment: its file, its alt text (editable), and a button to drop it."""

    class Removed(Message):
        def __init__(self, row: "MediaRow"):
            super().__init__()
            self.row = row

    def __init__(self, media: MediaDraft, max_description: int = 1500, focus_alt: bool = False, **kwargs):
        super().__init__(classes="media-row", **kwargs)
        self.media = media
        self.max_description = max_description
        self.focus_alt = focus_alt  # a file just attached: the alt text is what to type next

    def on_mount(self) -> None:
        if self.focus_alt:
            self.query_one(".media-alt", Input).focus()

    def compose(self) -> ComposeResult:
        path = os.path.expanduser(self.media.path)
        size = " " + _size(os.path.getsize(path)) if os.path.isfile(path) else ""
        uploaded = " (on the server)" if self.media.media_id else ""
        name = os.path.basename(self.media.path.rstrip("/")) or self.media.path
        yield Label(sanitize_plain(name, max_len=40) + size + uploaded, classes="media-name")
        yield Input(self.media.description, placeholder="Alt text: describe it for people who cannot see it",
                    max_length=self.max_description, classes="media-alt", compact=True)
        yield Button("Remove", classes="media-remove", compact=True)

    @on(Input.Changed, ".media-alt")
    def _alt_changed(self, event: Input.Changed) -> None:
        self.media.description = event.value  # the screen's own Input.Changed handler marks the draft dirty

    @on(Button.Pressed, ".media-remove")
    def _remove(self, event: Button.Pressed) -> None:
        event.stop()
        self.post_message(self.Removed(self))


class PollEditor(Vertical):
    """Options (as many inputs as the server allows), duration and multiple choice, bound to a PollDraft."""

    def __init__(self, poll: PollDraft, max_options: int = 4, max_chars: int = 50, **kwargs):
        super().__init__(**kwargs)
        self.poll = poll
        self.max_options = max(2, max_options)
        self.max_chars = max_chars

    def compose(self) -> ComposeResult:
        options = list(self.poll.options) + [""] * (self.max_options - len(self.poll.options))
        for number, value in enumerate(options[:self.max_options], 1):
            hint = f"Option {number}" + (" (optional)" if number > 2 else "")
            yield Input(value, placeholder=hint, max_length=self.max_chars, classes="poll-option",
                        id=f"poll-option-{number}", compact=True)
        durations = list(POLL_DURATIONS)
        if self.poll.expires_in not in {d for _, d in durations}:
            durations.append((f"{self.poll.expires_in // 60} minutes", self.poll.expires_in))
        with Horizontal(classes="poll-settings"):
            yield Select([(label, seconds) for label, seconds in durations], value=self.poll.expires_in,
                         allow_blank=False, id="poll-duration", compact=True)
            yield Checkbox("Multiple choice", self.poll.multiple, id="poll-multiple")
            yield Checkbox("Hide totals until it ends", self.poll.hide_totals, id="poll-hide-totals")

    def sync(self) -> None:
        """Copy the inputs into the PollDraft (trailing empty options dropped, at least two kept)."""
        values = [i.value for i in self.query(".poll-option").results(Input)]
        while len(values) > 2 and not values[-1].strip():
            values.pop()
        self.poll.options = values
        duration = self.query_one("#poll-duration", Select).value
        if isinstance(duration, int):
            self.poll.expires_in = duration
        self.poll.multiple = self.query_one("#poll-multiple", Checkbox).value
        self.poll.hide_totals = self.query_one("#poll-hide-totals", Checkbox).value


class CloseDraftDialog(ModalScreen[str]):
    """Asked when a compose form with something typed in it is closed: keep it as a draft, discard it, or go
    back to writing. Enter keeps it: the safe choice is the default."""

    BINDINGS = [
        Binding("k,enter", "choose('keep')", "Keep as draft"),
        Binding("d", "choose('discard')", "Discard"),
        Binding("escape", "choose('back')", "Back to writing"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Close this post?")
            yield Label(Text.assemble(("k", "bold"), "/", ("Enter", "bold"), " keep it as a draft   ",
                                      ("d", "bold"), " discard it   ", ("Esc", "bold"), " back to writing"),
                        classes="hint")

    def action_choose(self, choice: str) -> None:
        self.dismiss(choice)


def _size(n: int) -> str:
    """A file size a person reads at a glance ("75 bytes", "12 KB", "3.4 MB"; a tiny file was "0.0 MB")."""
    if n < 1000:
        return f"{n} byte" + ("" if n == 1 else "s")
    if n < 1_000_000:
        return f"{n / 1000:.0f} KB"
    return f"{n / 1e6:.1f} MB"
