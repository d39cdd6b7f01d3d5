"""Help: every key binding, generated from the bindings themselves (and the user's keymap), so it can never
drift from what the keys really do."""
from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from app.screens.base import STATUS_BINDINGS, BaseScreen


def binding_groups(app) -> list[tuple[str, list[Binding]]]:
    from app.screens.follow_requests import FollowRequestsScreen
    from app.screens.notifications import NotificationsScreen
    from app.screens.profile import ProfileScreen
    from app.screens.search import SearchScreen
    from app.screens.thread import ThreadScreen
    from app.screens.timeline import TimelineScreen
    from widgets.timeline import Timeline

    return [
        ("Everywhere", list(type(app).BINDINGS) + list(BaseScreen.BINDINGS)),
        ("Moving in a list", list(Timeline.BINDINGS)),
        ("The selected post", list(STATUS_BINDINGS)),
        ("Timelines", list(TimelineScreen.BINDINGS)),
        ("Notifications", list(NotificationsScreen.BINDINGS)),
        ("Thread", list(ThreadScreen.BINDINGS)),
        ("Profile", list(ProfileScreen.BINDINGS)),
        ("Search", list(SearchScreen.BINDINGS)),
        ("Follow requests", list(FollowRequestsScreen.BINDINGS)),
    ]


def key_label(binding: Binding, keymap: dict) -> str:
    keys = keymap.get(binding.id, binding.key) if binding.id else binding.key
    names = {"question_mark": "?", "slash": "/", "left_square_bracket": "[", "right_square_bracket": "]",
             "full_stop": ".", "space": "space", "escape": "esc"}
    return " ".join(names.get(k.strip(), k.strip()) for k in str(keys).split(","))


def help_table(app) -> Table:
    keymap = dict(getattr(app, "_keymap", {}) or {})
    table = Table(show_header=True, header_style="bold", box=None, expand=False, padding=(0, 2))
    table.add_column("Key", style="bold cyan", no_wrap=True)
    table.add_column("Does")
    table.add_column(Text("Id (for [keys] in config.toml)"), style="dim")
    for title, bindings in binding_groups(app):
        table.add_row(Text(title, style="bold underline"), "", "")
        seen: set[str] = set()
        for binding in bindings:
            if binding.id in seen or not binding.description:
                continue
            seen.add(binding.id or binding.key)
            table.add_row(key_label(binding, keymap), binding.description, binding.id or "")
        table.add_row("", "", "")
    table.add_row(Text("Mouse", style="bold underline"), "", "")
    table.add_row("click", "select; click again to open; click a link to follow it", "")
    table.add_row("ctrl+p", "command palette: every screen and command by name", "")
    return table


class HelpScreen(BaseScreen):
    BINDINGS = [Binding("q,question_mark", "back", "Close help", id="help.close"),
                # Help lists space as "page down" for lists; it does the same here.
                Binding("space", "page", "Page down", show=False, id="help.page")]
    closable = True

    def __init__(self) -> None:
        super().__init__(name="help")
        self.title_text = "Keys"

    def compose(self) -> ComposeResult:
        yield from self.compose_title()
        with VerticalScroll(id="help"):
            self.table = help_table(self.app)
            yield Static(self.table, id="help-table")
        yield from self.compose_bar()

    def on_mount(self) -> None:
        self.query_one("#help").focus()

    def action_page(self) -> None:
        self.query_one("#help", VerticalScroll).scroll_page_down()
