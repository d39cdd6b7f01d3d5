"""Read positions, kept on the server with the markers API, so they follow the user between devices.

At start the App fetches the home and notifications markers; when a timeline loads and holds the marked status,
the cursor goes there. While reading, the position is saved a few seconds after the reader stops moving (one
call, not one per keypress) and once more when the App quits. Positions only move forward: reading an older
status does not mark newer ones unread.
"""
from __future__ import annotations

from app.polling import _id_gt

SAVE_AFTER = 5.0
RESTORE_PAGES = 5   # how far back (pages of 40) the start-up looks for the saved read position


class ReadPositions:
    markers: dict[str, str]            # timeline ("home", "notifications") -> last read id (from the server)
    _pending_markers: dict[str, str]   # what the reader has reached since the last save

    def _init_markers(self) -> None:
        self.markers = {}
        self._pending_markers = {}
        self._marker_timer = None
        self.markers_saved = 0

    async def restore_markers(self) -> None:
        try:
            result = await self.service.call("markers_get", ["home", "notifications"])
        except Exception:  # noqa: BLE001 - an old server without markers: start at the top, silently
            return
        for timeline in ("home", "notifications"):
            marker = result.get(timeline) if isinstance(result, dict) else None
            if isinstance(marker, dict) and marker.get("last_read_id"):
                self.markers[timeline] = str(marker["last_read_id"])
        for screen in self.live_screens():
            if getattr(screen, "loaded", False):
                self.restore_position(screen)

    def restore_position(self, screen) -> None:
        timeline = getattr(getattr(screen, "source", None), "marker", None) or getattr(screen, "marker_name", None)
        last = self.markers.get(timeline) if timeline else None
        if last and getattr(screen, "restored", False) is False:
            widget = screen.timeline
            if last in widget:
                widget.select(last, at_top=True)
                screen.restored = True
                return
            # The marked status is older than what is loaded: page back towards it (a few pages at most, each
            # through the pace budget); the screen calls restore_position again after each page.
            oldest = widget.oldest_id()
            tries = getattr(screen, "restore_pages", 0)
            if (oldest and _id_gt(oldest, last) and tries < RESTORE_PAGES and hasattr(screen, "load_older")
                    and not getattr(screen, "exhausted", True)):
                screen.restore_pages = tries + 1
                screen.load_older()

    def read_position(self, source, key: str | None, timeline: str | None = None) -> None:
        """The reader's cursor reached `key` on a screen showing `source`'s marker timeline."""
        timeline = timeline or getattr(source, "marker", None)
        if not timeline or not key:
            return
        if not _id_gt(str(key), self._pending_markers.get(timeline) or self.markers.get(timeline)):
            return
        self._pending_markers[timeline] = str(key)
        if self._marker_timer is not None:
            self._marker_timer.stop()
        self._marker_timer = self.set_timer(SAVE_AFTER, self._save_soon)

    def _save_soon(self) -> None:
        self._marker_timer = None
        self.run_worker(self.save_markers(), group="markers", exit_on_error=False)

    async def save_markers(self) -> None:
        pending, self._pending_markers = self._pending_markers, {}
        if not pending:
            return
        try:
            await self.service.call("markers_set", list(pending), list(pending.values()))
        except Exception:  # noqa: BLE001 - a lost marker is not worth interrupting the reader
            for timeline, key in pending.items():
                self._pending_markers.setdefault(timeline, key)
            return
        self.markers.update(pending)
        self.markers_saved += 1
