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


# Types the server groups (Mastodon 4.3: favourites and boosts of one status, follows); others stand alone.
GROUPED_TYPES = {"favourite", "reblog", "follow"}
MAX_SAMPLE_ACCOUNTS = 8  # as many as Mastodon lists in `sample_account_ids`
MATCH_SCAN = 500         # groups looked through for a notification without group_key (a bounded scan)


def _id_after(a, b) -> bool:
    """Whether notification id `a` is newer than `b` (numeric ids compare by length then digits)."""
    a, b = str(a or ""), str(b or "")
    if a.isdigit() and b.isdigit():
        return (len(a), a) > (len(b), b)
    return a > b


def as_group(notification: dict) -> dict:
    """A single notification shaped as a group of one (what the grouped view's items look like)."""
    account = notification.get("account")
    accounts = [account] if isinstance(account, dict) else []
    nid = notification.get("id")
    group = {"group_key": notification.get("group_key") or f"ungrouped-{nid}", "notifications_count": 1,
             "type": notification.get("type"), "most_recent_notification_id": nid, "page_min_id": nid,
             "page_max_id": nid, "latest_page_notification_at": notification.get("created_at"),
             "sample_account_ids": [a.get("id") for a in accounts], "accounts": accounts}
    if accounts:
        group["account"] = accounts[0]
    if isinstance(notification.get("status"), dict):
        group["status"] = notification["status"]
        group["status_id"] = notification["status"].get("id")
    return group


def merged_group(group: dict, notification: dict) -> dict | None:
    """`group` with one more notification in it: count up, its account first among the samples, its time the
    group's. None when the group already holds it (a stream replay after a reconnection)."""
    nid = notification.get("id")
    newest = group.get("page_max_id") or group.get("most_recent_notification_id")
    if nid is not None and newest is not None and not _id_after(nid, newest):
        return None
    new = dict(group)
    new["notifications_count"] = int(group.get("notifications_count") or 1) + 1
    account = notification.get("account")
    accounts = [a for a in (group.get("accounts") or []) if isinstance(a, dict)]
    if isinstance(account, dict):
        accounts = [account] + [a for a in accounts if str(a.get("id")) != str(account.get("id"))]
    new["accounts"] = accounts[:MAX_SAMPLE_ACCOUNTS]
    new["sample_account_ids"] = [a.get("id") for a in new["accounts"]]
    if new["accounts"]:
        new["account"] = new["accounts"][0]
    new["most_recent_notification_id"] = new["page_max_id"] = nid
    new["latest_page_notification_at"] = notification.get("created_at") or group.get("latest_page_notification_at")
    if isinstance(notification.get("status"), dict):
        new["status"] = notification["status"]
    return new


def group_for(timeline, notification: dict) -> str | None:
    """The key of the shown group `notification` belongs to: by its group_key, else (servers that leave
    group_key out of streamed notifications) the group of the same type about the same status."""
    key = notification.get("group_key")
    if key and not str(key).startswith("ungrouped-"):
        return key if key in timeline else None
    kind = notification.get("type")
    status = notification.get("status")
    if key or kind not in GROUPED_TYPES - {"follow"} or not isinstance(status, dict):
        return None
    for n, candidate in enumerate(timeline.keys()):
        if n >= MATCH_SCAN:
            break
        item = timeline.get(candidate) or {}
        if item.get("type") == kind and str((item.get("status") or {}).get("id") or item.get("status_id")) \
                == str(status.get("id")):
            return candidate
    return None


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

    def on_mount(self) -> None:
        self.timeline.focus()
        if self.app.config is not None:
            types = list(getattr(getattr(self.app.config, "notifications", None), "types", []) or [])
            self.config_types = types
        else:
            self.config_types = []
        self.load()

    def on_screen_resume(self) -> None:
        self.ensure_loading()

    def ensure_loading(self) -> None:
        """As TimelineScreen.ensure_loading: never left at "loading…"."""
        from app.screens.timeline import loading

        if not self.loaded and self.is_attached and not loading(self, "load-first"):
            self.load()

    def load_failed(self, error: BaseException) -> None:
        if not self.loaded:
            self._title(Text("⚠ " + describe(error) + " · . retries", style="red"))

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
        """The newest notification shown (where polls and the stream's gap filling start). Grouped: the newest
        notification in the top group (groups are ordered by their newest notification)."""
        if self.grouped:
            top = self.timeline.get(self.timeline.newest_id() or "") or {}
            newest = top.get("page_max_id") or top.get("most_recent_notification_id")
            return str(newest) if newest else None
        return self.timeline.newest_id()

    def add_notifications(self, newest_first: list) -> None:
        """Live notifications (stream or poll). In the grouped view each joins its group (count and accounts
        updated, the group moved to the top) or comes in as a group of one."""
        if not self.loaded:
            return
        wanted = self._types()
        items = [n for n in newest_first if isinstance(n, dict) and (not wanted or n.get("type") in wanted)]
        if items and self.grouped:
            for notification in reversed(items):  # oldest first: the newest group ends up on top
                self._merge_live(notification)
        elif items:
            self.timeline.prepend(items)
        if items and self.app.poller is not None:
            self.app.poller.seen("notifications", self.newest_notification_id())
        self._title()

    def _merge_live(self, notification: dict) -> None:
        timeline = self.timeline
        key = group_for(timeline, notification)
        if key is None:
            timeline.prepend([as_group(notification)])
            return
        new = merged_group(timeline.get(key) or {}, notification)
        if new is None:
            return
        if timeline.selected_key == key:
            timeline.update(new)  # the reader is on it: changed where it is, never moved from under them
        else:
            timeline.remove(key)
            timeline.prepend([new])

    def on_timeline_near_end(self, event) -> None:
        event.stop()
        self.load_older()

    # Not exclusive: a second NearEnd (a streamed notification changed the length, then G) cancelled the page
    # on its way and the new request found it still loading and gave up (QA F-older-stops).
    @work(exit_on_error=False, group="load-older")
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
            if hasattr(self.timeline, "_near_end_sent"):
                self.timeline._near_end_sent = -1  # the next G at the end asks again
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
