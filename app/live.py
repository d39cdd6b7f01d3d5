"""Live updates for the App: starting the stream (or the poller that stands in for it) and routing what the
background finds (TimelineEvents, errors, connection changes) to every open screen.

A mixin for TootApp (app/main.py); it relies on `self.service`, `self.config`, `self.live_screens()` (app/navigation.py)
and `self.is_stale()` (app/switching.py).
"""
from __future__ import annotations

from app.messages import BackgroundError, ConnectionState, TimelineEvents
from app.service import describe


class LiveUpdates:
    """Stream/poll start-up and message routing, mixed into TootApp."""

    # --- the stream, or polling in its place -----------------------------------------------------------------
    def start_streaming(self) -> None:
        from app.streaming import StreamWorker

        self.stream_worker = StreamWorker(self.service, self.background_post, flush_interval=self.flush_interval,
                                          session_factory=self.session_factory,
                                          on_unavailable=self.start_polling, stream_options=self.stream_options,
                                          on_degraded=self._stream_degraded, cursors=self.stream_cursors)
        for screen in self.live_screens():
            stream = getattr(getattr(screen, "source", None), "stream", None)
            if stream:
                self.stream_worker.streams.add(stream)
        self.stream_job = self.run_worker(self.stream_worker.run(), name="streaming", group="streaming",
                                          exit_on_error=False)

    def _stream_degraded(self, degraded: bool) -> None:
        """The stream keeps failing to come back: poll meanwhile; once it is live again, stop polling (the
        stream's own gap filling covers the rest, and duplicates are merged by id)."""
        if degraded:
            self.start_polling(temporary=True)
        elif self.poller is not None and self.polling_temporary:
            poller, self.poller = self.poller, None
            self.run_worker(poller.stop(), exit_on_error=False)

    def start_polling(self, temporary: bool = False) -> None:
        from app.polling import Poller

        if self.poller is not None:
            return
        self.polling_temporary = temporary
        self.poller = Poller(self.service, self.background_post, self.is_visible, interval=self.poll_interval,
                             sleep=self.poll_sleep)
        if not temporary and self.connection.state != "polling":
            self.connection = ConnectionState("polling", "polling for new posts")
            self.refresh_bars()
        for screen in self.live_screens():
            self.watch_polls(screen)

    def watch_polls(self, screen) -> None:
        """Poll what `screen` shows (called for open screens once polling starts, and as screens load)."""
        if self.poller is None:
            return
        source = getattr(screen, "source", None)
        if source is not None and source.pollable and getattr(screen, "loaded", False):
            self.poller.watch(source.key, source, screen.timeline.newest_id())
        if getattr(screen, "polls_notifications", False) and getattr(screen, "loaded", False):
            self.poller.watch("notifications", None, screen.newest_notification_id())

    # --- routing what the background found -------------------------------------------------------------------
    def on_worker_state_changed(self, event) -> None:
        """A background task failed in a way nobody caught: a toast, never a traceback (workers are started with
        exit_on_error=False so such a failure cannot take the App down). Screens forward theirs here."""
        from textual.worker import WorkerState

        worker = event.worker
        node = getattr(worker, "node", None)
        if event.state == WorkerState.ERROR and worker.error is not None:
            self.notify(describe(worker.error), title="Something went wrong", severity="error", markup=False)
            if worker.group == "load-first" and hasattr(node, "load_failed"):
                node.load_failed(worker.error)
        elif (event.state == WorkerState.CANCELLED and worker.group == "load-first" and not self._shut_down
              and hasattr(node, "ensure_loading") and getattr(node, "is_attached", False)):
            # A first page cancelled while its screen lives on (not by the screen closing, which detaches it):
            # ask again once the cancellation has settled, or the screen would say "loading…" for ever.
            node.call_later(node.ensure_loading)

    def on_timeline_events(self, message: TimelineEvents) -> None:
        if self.is_stale(message):  # posted for the account used before a switch
            return
        self.events_received += 1
        try:
            self._route(message)
        except Exception as error:  # noqa: BLE001 - one bad batch must not end the App
            self.notify(describe(error), title="Could not show an update", severity="error", markup=False)

    def _route(self, message: TimelineEvents) -> None:
        screens = self.live_screens()
        for status_id in message.deleted:
            for screen in screens:
                screen.status_deleted(status_id)
        for status in message.edited:
            self.status_changed(status)
        for key, statuses in message.statuses.items():
            newest_first = list(reversed(statuses))
            for screen in screens:
                source = getattr(screen, "source", None)
                if source is not None and source.key == key:
                    screen.add_newer(newest_first)
        if message.notifications:
            shown = False
            for screen in screens:
                if hasattr(screen, "add_notifications"):
                    screen.add_notifications(list(reversed(message.notifications)))
                    shown = shown or self.screen is screen
            if not shown:
                # Only the types config [notifications] shows count: a hidden favourite is no news.
                wanted = getattr(getattr(self.config, "notifications", None), "shows", None)
                self.unread_notifications += sum(
                    1 for n in message.notifications
                    if wanted is None or (isinstance(n, dict) and wanted(str(n.get("type")))))
                self.refresh_bars()
        if message.conversations:
            for screen in screens:
                source = getattr(screen, "source", None)
                if source is not None and source.kind == "conversation":
                    screen.add_newer(list(reversed(message.conversations)))
        for key in message.gap:
            for screen in screens:
                if getattr(getattr(screen, "source", None), "key", None) == key:
                    screen.action_refresh()

    def on_background_error(self, message: BackgroundError) -> None:
        if self.is_stale(message):
            return
        self.notify(message.text, title=message.title, severity="warning", markup=False)

    def on_connection_state(self, message: ConnectionState) -> None:
        if self.is_stale(message):
            return
        previous = self.connection.state
        self.connection = message
        self.refresh_bars()
        if message.state == "offline" and previous != "offline" and message.detail:
            self.notify(message.detail, title="Live updates stopped", severity="warning", markup=False)

    def refresh_bars(self) -> None:
        from app.statusbar import StatusBar

        for screen in self.live_screens():
            for bar in screen.query(StatusBar):
                bar.refresh_bar()

    def status_changed(self, status: dict) -> None:
        for screen in self.live_screens():
            screen.status_changed(status)

    def status_deleted(self, status_id: str) -> None:
        for screen in self.live_screens():
            screen.status_deleted(status_id)

    # --- polling bookkeeping (called by screens) -----------------------------------------------------------
    def timeline_loaded(self, screen) -> None:
        self.watch_polls(screen)
        self.restore_position(screen)
        if not self._first_paint.is_set():
            self.call_after_refresh(self._first_paint.set)

    def stream_cursors(self) -> dict:
        """stream -> {kind: newest id shown}: where the stream's first gap fill starts, so nothing posted
        between a screen's first page and the stream's start is missed."""
        cursors: dict = {}
        for screen in self.live_screens():
            if not getattr(screen, "loaded", False):
                continue
            source = getattr(screen, "source", None)
            if source is not None and source.stream and source.kind == "status":
                newest = screen.timeline.newest_id()
                if newest:
                    cursors.setdefault(source.stream, {})["status"] = newest
            if getattr(screen, "polls_notifications", False):
                newest = screen.newest_notification_id()
                if newest:
                    cursors.setdefault("user", {})["notification"] = newest
        return cursors

    def polled_up_to(self, key: str, newest: str | None) -> None:
        if self.poller is not None:
            self.poller.seen(key, newest)

    def is_visible(self, key: str) -> bool:
        screen = self.screen
        source = getattr(screen, "source", None)
        if source is not None and source.key == key:
            return True
        return key == "notifications" and getattr(screen, "polls_notifications", False)
