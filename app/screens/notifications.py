"""Notifications: every type worded (unknown types shown generically by the widget), filter by type (T), and the
grouped view (Z) where the server has grouped notifications (Mastodon 4.3+); elsewhere the flat list."""
from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding

from app.screens.base import StatusScreen
from app.screens.status_list import StatusTimeline
from app.service import describe

FILTERS = [
    ("all", "All"), ("mention", "Mentions"), ("favourite", "Favourites"), ("reblog", "Boosts"),
    ("follow", "Follows"), ("follow_request", "Follow requests"), ("poll", "Polls"), ("update", "Edits"),
    ("status", "Posts from people you get notified about"),
]
PAGE = 40


def resolve_groups(result: dict) -> list[dict]:
    """Grouped notifications -> items the widget renders: each group with its sample `accounts` and `status`
    resolved from the response's side lists."""
    accounts = {str(a.get("id")): a for a in result.get("accounts") or [] if isinstance(a, dict)}
    statuses = {str(s.get("id")): s for s in result.get("statuses") or [] if isinstance(s, dict)}
    items = []
    for group in result.get("notification_groups") or []:
        if not isinstance(group, dict):
            continue
        item = dict(group)
        item["accounts"] = [accounts[str(i)] for i in group.get("sample_account_ids") or [] if str(i) in accounts]
        if item["accounts"]:
            item["account"] = item["accounts"][0]
        if group.get("status_id") is not None and str(group["status_id"]) in statuses:
            item["status"] = statuses[str(group["status_id"])]
        items.append(item)
    return items


class NotificationsScreen(StatusScreen):
    BINDINGS = [
        Binding("T", "filter", "Filter by type", id="notifications.filter"),
        Binding("Z", "toggle_grouped", "Grouped view", id="notifications.grouped"),
        Binding(".", "reload", "Reload", id="notifications.reload"),
    ]
    polls_notifications = True
    marker_name = "notifications"

    def __init__(self) -> None:
        super().__init__(name="notifications")
        self.title_text = "Notifications"
        self.type_filter: str | None = None
        self.grouped = False
        self.loaded = False
        self.restored = False
        self.exhausted = False
        self.loading_older = False
        self._oldest_page = None

    def compose(self) -> ComposeResult:
        yield from self.compose_title()
        yield StatusTimeline(id="timeline")
        yield from self.compose_bar()

    @property
    def timeline(self) -> StatusTimeline:
        return self.query_one("#timeline", StatusTimeline)

    def on_mount(self) -> None:
        self.timeline.focus()
        if self.app.config is not None:
            types = list(getattr(getattr(self.app.config, "notifications", None), "types", []) or [])
            self.config_types = types
        else:
            self.config_types = []
        self.load()

    def _types(self) -> list[str] | None:
        if self.type_filter:
            return [self.type_filter]
        return self.config_types or None

    @work(exit_on_error=False, exclusive=True, group="load-first")
    async def load(self) -> None:
        self._title("loading…")
        try:
            items, grouped = await self.app.service.notifications(grouped=self.grouped, limit=PAGE,
                                                                  types=self._types())
        except Exception as error:  # noqa: BLE001
            self._title(Text("⚠ " + describe(error), style="red"))
            self.app.notify(describe(error), title="Could not load notifications", severity="error",
                            markup=False)
            return
        if self.grouped and not grouped:
            self.grouped = False
            self.app.notify("This server has no grouped notifications: showing them one by one",
                            severity="warning")
        self._oldest_page = items
        shown = resolve_groups(items) if grouped else list(items)
        self.timeline.set_items(shown)
        self.loaded = True
        self.exhausted = not shown
        self._title()
        self.app.timeline_loaded(self)

    def newest_notification_id(self) -> str | None:
        if self.grouped:
            return None
        return self.timeline.newest_id()

    def add_notifications(self, newest_first: list) -> None:
        """Live notifications (stream or poll). In the grouped view they go in as single items."""
        if not self.loaded:
            return
        wanted = self._types()
        items = [n for n in newest_first if not wanted or n.get("type") in wanted]
        if items:
            self.timeline.prepend(items)
            if self.app.poller is not None and not self.grouped:
                self.app.poller.seen("notifications", self.timeline.newest_id())
        self._title()

    def on_timeline_near_end(self, event) -> None:
        event.stop()
        self.load_older()

    @work(exit_on_error=False, exclusive=True, group="load-older")
    async def load_older(self) -> None:
        if self.loading_older or self.exhausted or not self.loaded:
            return
        self.loading_older = True
        try:
            if self.grouped:
                page = await self.app.service.paged("fetch_next", self._oldest_page)
                items = resolve_groups(page) if page else []
            else:
                page = await self.app.service.paged("notifications", max_id=self.timeline.oldest_id(),
                                                         limit=PAGE, types=self._types())
                items = list(page or [])
        except Exception as error:  # noqa: BLE001
            self.app.notify(describe(error), title="Could not load older notifications", severity="warning",
                            markup=False)
            return
        finally:
            self.loading_older = False
        if page:
            self._oldest_page = page
        if items:
            self.timeline.append(items)
        else:
            self.exhausted = True
        self._title()

    def on_timeline_selected(self, event) -> None:
        if not self.grouped and not self.type_filter:
            self.app.read_position(None, event.key, "notifications")

    def action_filter(self) -> None:
        from app.screens.dialogs import ChoiceScreen

        def chosen(value: str | None) -> None:
            if value is None:
                return
            self.type_filter = None if value == "all" else value
            self.load()
        self.app.push_screen(ChoiceScreen("Show notifications of type", FILTERS), chosen)

    def action_toggle_grouped(self) -> None:
        self.grouped = not self.grouped
        self.load()

    def action_reload(self) -> None:
        self.load()

    def _title(self, note: str | Text = "") -> None:
        extra = Text(end="")
        if self.grouped:
            extra.append("grouped ", "bold cyan")
        if self.type_filter:
            label = dict(FILTERS).get(self.type_filter, self.type_filter)
            extra.append(f"only {label.lower()} ", "bold cyan")
        if note:
            extra.append_text(note if isinstance(note, Text) else Text(note, style="dim"))
        elif self.loaded:
            extra.append(f"{len(self.timeline)} loaded", "dim")
        self.set_title("Notifications", extra)
