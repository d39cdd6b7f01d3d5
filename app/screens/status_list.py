"""`StatusTimeline`: the widgets' Timeline plus what the app needs to keep many open lists consistent: an index
from a status id to the items showing it (the status itself, or a boost of it), so one favourite or edit
updates every copy without scanning the list."""
from __future__ import annotations

from collections.abc import Iterable

from widgets.timeline import Timeline


def inner(status: dict) -> dict:
    """The status an item is about: the boosted one for a boost, a conversation's last status, else itself."""
    if not isinstance(status, dict):
        return {}
    if isinstance(status.get("reblog"), dict):
        return status["reblog"]
    if "last_status" in status and isinstance(status.get("last_status"), dict):
        return status["last_status"]
    if isinstance(status.get("status"), dict) and "type" in status:  # a notification
        return status["status"]
    return status


# A list open all day on a busy stream would otherwise grow without end (the soak measured ~44 items a minute).
# Past MAX_ITEMS the oldest items, far below the reader, are dropped; scrolling down pages them back in.
MAX_ITEMS = 10_000
KEEP_BELOW_CURSOR = 200


class StatusTimeline(Timeline):
    max_items = MAX_ITEMS
    keep_below_cursor = KEEP_BELOW_CURSOR

    def __init__(self, *args, **kwargs) -> None:
        self._shows: dict[str, set[str]] = {}  # status id -> keys of items showing it
        if kwargs.get("clock") is None:
            # The App's wall clock ("5m ago" is relative to it): injectable, so snapshots do not age.
            from textual._context import active_app

            try:
                kwargs["clock"] = getattr(active_app.get(), "wall_clock", None)
            except LookupError:
                pass
        super().__init__(*args, **kwargs)

    def _track(self, items: list[dict]) -> None:
        for item in items:
            if not isinstance(item, dict):
                continue
            target = inner(item)
            sid = target.get("id")
            if sid is not None:
                self._shows.setdefault(str(sid), set()).add(self._key(item))

    def prepend(self, items: Iterable[dict]) -> int:
        items = list(items)
        self._track(items)
        added = super().prepend(items)
        self._open_known(items)
        if len(self) > self.max_items:
            self._trim()
        return added

    def _trim(self) -> None:
        """Drop the oldest items down to 90% of max_items (so trimming is rare), never the reader's own
        neighbourhood: nothing within keep_below_cursor items below the cursor goes."""
        target = int(self.max_items * 0.9)
        first_droppable = max(target, (self.selected_index or 0) + self.keep_below_cursor)
        doomed = list(self.keys())[first_droppable:]
        for key in doomed:
            item = self.get(key)
            self.remove(key)
            sid = str(inner(item).get("id")) if isinstance(item, dict) else None
            keys = self._shows.get(sid)
            if keys is not None:
                keys.discard(key)
                if not keys:
                    del self._shows[sid]

    def append(self, items: Iterable[dict]) -> int:
        items = list(items)
        self._track(items)
        added = super().append(items)
        self._open_known(items)
        return added

    # A content warning opened with `s` stays open for that status on every screen (its thread, a profile,
    # a notification of it) until it is closed again: the App keeps the ids (QA F-thread-cw).
    def _opened(self) -> set | None:
        app = getattr(self, "app", None) if self.is_attached else None
        if app is None:
            return None
        opened = getattr(app, "opened_warnings", None)
        if opened is None:
            opened = set()
            try:
                app.opened_warnings = opened
            except AttributeError:
                return None
        return opened

    def _open_known(self, items: list) -> None:
        opened = self._opened()
        if not opened:
            return
        for item in items:
            if isinstance(item, dict) and str(inner(item).get("id")) in opened:
                entry = self._index.get(self._key(item))
                if entry is not None and not entry.expanded:
                    entry.expanded = True
                    self._invalidate(entry)

    def toggle_expanded(self, key: str | None = None) -> None:
        super().toggle_expanded(key)
        key = key if key is not None else self.selected_key
        item = self.get(key) if key is not None else None
        opened = self._opened()
        if item is None or opened is None:
            return
        sid = str(inner(item).get("id"))
        if self.is_expanded(key):
            opened.add(sid)
        else:
            opened.discard(sid)

    def clear(self) -> None:
        self._shows = {}
        super().clear()

    def remove_status(self, status_id: str) -> int:
        """A status was deleted: drop it and every boost of it."""
        keys = self._shows.pop(str(status_id), set())
        removed = 0
        for key in keys:
            if self.remove(key):
                removed += 1
        return removed

    def put_status(self, status: dict) -> int:
        """A status changed: update every item showing it (boosts and notifications keep their wrapper)."""
        sid = str(status.get("id"))
        count = 0
        for key in list(self._shows.get(sid, ())):
            item = self.get(key)
            if item is None:
                continue
            if str(item.get("id")) == sid and "type" not in item and "last_status" not in item:
                new = status
            elif isinstance(item.get("reblog"), dict):
                new = type(item)(item)
                new["reblog"] = status
            elif isinstance(item.get("last_status"), dict):
                new = type(item)(item)
                new["last_status"] = status
            elif isinstance(item.get("status"), dict):
                new = type(item)(item)
                new["status"] = status
            else:
                continue
            if self.update(new):
                count += 1
        return count

    def newest_id(self) -> str | None:
        for key in self.keys():
            return key
        return None

    def oldest_id(self) -> str | None:
        last = None
        for key in self.keys():
            last = key
        return last
