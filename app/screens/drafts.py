"""The drafts screen: every unsent post of this account (autosaved from the compose form, or left by a crash), the
newest first; Enter resumes one in the compose screen, d deletes one (after asking).

    app.push_screen(DraftsScreen(service))

`unsent_drafts(service)` tells the app at start whether there is anything to offer (see `offer_drafts`).
"""
from __future__ import annotations

from datetime import datetime

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Label, OptionList, Static
from textual.widgets.option_list import Option

from app.compose.owner import account_key, draft_store
from app.drafts import Draft, DraftError, DraftStore
from app.screens.compose import ComposeScreen
from app.screens.dialogs import ConfirmScreen
from widgets.sanitize import sanitize_plain


def unsent_drafts(service, store: DraftStore | None = None) -> list[Draft]:
    """The drafts of the service's account (drafts written before accounts were recorded are included)."""
    store = draft_store(service, store)
    key = account_key(service)
    return [d for d in store.list() if d.account in (key, "")]


def offer_drafts(app, service, store: DraftStore | None = None, key_hint: str = "") -> int:
    """At start: tell the user about unsent drafts (a crash, kill -9 or a closed terminal leaves them). Returns
    how many there are."""
    drafts = unsent_drafts(service, store)
    if drafts:
        how = f" Press {key_hint} to see them." if key_hint else ""
        app.notify(f"You have {len(drafts)} unsent draft{'s' if len(drafts) != 1 else ''}.{how}",
                   title="Drafts kept", timeout=10)
    return len(drafts)


def _when(iso: str) -> str:
    try:
        return datetime.fromisoformat(iso).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return "?"


def draft_line(draft: Draft) -> Text:
    line = Text(_when(draft.updated_at) + "  ", style="dim")
    kind = ("edit " if draft.edit_of_id else "") + ("reply " if draft.in_reply_to_id else "")
    if kind:
        line.append(f"[{kind.strip()}] ", style="italic")
    if draft.spoiler_text.strip():
        line.append("CW: ", style="bold")
    line.append(sanitize_plain(draft.title, max_len=80))
    extras = []
    if draft.media:
        extras.append(f"{len(draft.media)} media")
    if draft.poll:
        extras.append("poll")
    if draft.scheduled_at:
        extras.append("scheduled")
    if extras:
        line.append("  (" + ", ".join(extras) + ")", style="dim")
    return line


class DraftsScreen(Screen):
    BINDINGS = [
        Binding("enter", "resume", "Resume", id="drafts.resume", show=True),
        Binding("d,delete", "delete", "Delete", id="drafts.delete"),
        Binding("escape", "close", "Back", id="drafts.close"),
    ]

    def __init__(self, service, *, store: DraftStore | None = None, **kwargs):
        super().__init__(**kwargs)
        self.service = service
        self.store = draft_store(service, store)
        self.drafts: list[Draft] = []

    def compose(self) -> ComposeResult:
        yield Label("Drafts", id="drafts-title")
        yield OptionList(id="drafts-list")
        yield Static("", id="drafts-message", markup=False)
        yield Static("Enter: resume the draft   d: delete it   Esc: back", id="drafts-help")
        yield Footer()

    def on_mount(self) -> None:
        self.refresh_list()
        self.query_one("#drafts-list", OptionList).focus()

    def on_screen_resume(self) -> None:
        self.refresh_list()  # back from the compose screen: the draft may be posted (gone) or changed

    def refresh_list(self) -> None:
        self.drafts = unsent_drafts(self.service, self.store)
        listing = self.query_one("#drafts-list", OptionList)
        highlighted = listing.highlighted
        listing.clear_options()
        listing.add_options([Option(draft_line(d), id=d.id) for d in self.drafts])
        notes = list(self.store.problems)
        if not self.drafts:
            notes.insert(0, "No drafts. Whatever you type in the compose form is kept here until it is posted.")
        self.query_one("#drafts-message", Static).update("\n".join(notes))
        if self.drafts:
            listing.highlighted = min(highlighted or 0, len(self.drafts) - 1)

    def selected(self) -> Draft | None:
        listing = self.query_one("#drafts-list", OptionList)
        if listing.highlighted is None or not self.drafts:
            return None
        return self.drafts[listing.highlighted]

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_resume()

    def action_resume(self) -> None:
        draft = self.selected()
        if draft is None:
            return
        try:
            draft = self.store.load(draft.id)  # the newest version on disk
        except DraftError as exc:
            self.query_one("#drafts-message", Static).update(str(exc))
            return
        self.app.push_screen(ComposeScreen(self.service, draft=draft, store=self.store))

    def action_delete(self) -> None:
        draft = self.selected()
        if draft is None:
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.store.delete(draft.id)
                self.refresh_list()

        confirms = getattr(self.app, "confirms", None)  # config `confirm.discard_draft` (the App's; asks without)
        if confirms is not None and not confirms("discard_draft"):
            answered(True)
            return
        self.app.push_screen(ConfirmScreen(f"Delete the draft “{draft.title}”? It cannot be recovered.", "Delete"),
                             answered)

    def action_close(self) -> None:
        self.app.pop_screen()
