"""The streaming worker: one per account. It reads the api's streaming session (typed events), turns them into
`TimelineEvents` batches and `ConnectionState` changes, and posts them to the App.

Batching: a lone event is posted on the next loop turn; events that arrive within `flush_interval` of the
previous post are buffered and go out together, so a burst of hundreds of statuses costs the UI a handful of
messages (one per interval) while a single status is not delayed at all.

When the server has no streaming (404 on both transports, connection refused at the start, or the session
aborts with MastodonStreamingUnavailableError), the worker reports "polling" and hands over to `on_unavailable`
(the App starts app/polling.py). A revoked token reports "offline" and stops: retrying cannot help.
"""
from __future__ import annotations

import asyncio
import time
from typing import Callable

from api import errors as api_errors
from app.messages import ConnectionState, TimelineEvents

from api.streaming import events as ev
from api.streaming.errors import MastodonStreamingUnavailableError


def stream_key(spec) -> str | None:
    """The app's source key ("home", "local", "tag:x", ...) a stream's events belong to."""
    name = getattr(spec, "name", None)
    if name == "user":
        return "home"
    if name == "public:local":
        return "local"
    if name == "public":
        return "public"
    if name in ("hashtag", "hashtag:local"):
        return f"tag:{(spec.tag or '').lower()}"
    if name == "list":
        return f"list:{spec.list_id}"
    if name == "direct":
        return "conversations"
    return None


class StreamWorker:
    """Owns the session; `run()` is the worker's body (the App runs it as a Textual worker)."""

    def __init__(self, service, post: Callable, *, flush_interval: float = 0.016,
                 session_factory: Callable | None = None, on_unavailable: Callable | None = None,
                 on_degraded: Callable[[bool], None] | None = None, degraded_after: int = 3,
                 cursors: Callable[[], dict] | None = None,
                 clock: Callable[[], float] = time.monotonic, stream_options: dict | None = None):
        self.service = service
        self.post = post
        self.flush_interval = flush_interval
        self.session_factory = session_factory or self._default_session
        self.on_unavailable = on_unavailable
        # Reconnecting for `degraded_after` attempts in a row: poll meanwhile (on_degraded(True)) so the timelines
        # do not stand still; live again: stop that polling (on_degraded(False)).
        self.on_degraded = on_degraded
        self.degraded_after = degraded_after
        self.degraded = False
        self._stopped = False
        self.cursors = cursors
        self.clock = clock
        self.stream_options = dict(stream_options or {})
        self.session = None
        self.streams: set[str] = {"user"}
        self.state = "connecting"
        self.transport = ""
        self._batch = TimelineEvents()
        self._flush_handle: asyncio.Handle | None = None
        self._last_flush = 0.0
        self.events_seen = 0
        self.batches_posted = 0
        # Any event, heartbeats and pongs included, is traffic. A healthy WebSocket answers our ping every
        # `ping_interval` (SSE servers send a comment about every 15 s), so silence past 1.5 of those means the
        # connection has stalled, long before the session's watchdog gives up on it and reconnects: the
        # status bar says "quiet Ns" rather than a plain "live" meanwhile.
        self.last_traffic = clock()
        self.quiet_after = 1.5 * max(float(self.stream_options.get("ping_interval", 20.0)), 15.0)

    def _default_session(self, streams: list[str]):
        return self.service.client.stream(*streams, **self.stream_options)

    # --- subscriptions (the App calls these as timelines open and close) -----------------------------------
    async def subscribe(self, stream: str) -> None:
        if stream in self.streams:
            return
        self.streams.add(stream)
        if self.session is not None and self.state not in ("polling", "offline"):
            try:
                await self.session.subscribe(stream)
            except Exception:  # noqa: BLE001 - a refused stream only means that timeline is not live
                pass

    async def unsubscribe(self, stream: str) -> None:
        if stream == "user" or stream not in self.streams:
            return
        self.streams.discard(stream)
        if self.session is not None and self.state not in ("polling", "offline"):
            try:
                await self.session.unsubscribe(stream)
            except Exception:  # noqa: BLE001
                pass

    # --- the worker body ---------------------------------------------------------------------------------
    async def run(self) -> None:
        self._set_state("connecting")
        try:
            self.session = self.session_factory(sorted(self.streams))
        except Exception as error:  # noqa: BLE001 - no stream (api error, OSError, a client without one): poll
            self._unavailable(error)
            return
        self._seed_cursors()
        try:
            async for event in self.session:
                self.handle(event)
        except MastodonStreamingUnavailableError as error:
            self._unavailable(error)
        except (api_errors.MastodonUnauthorizedError, api_errors.MastodonForbiddenError) as error:
            self._set_state("offline", f"Streaming refused: {error.status}")
        except Exception as error:  # noqa: BLE001 - whatever broke the stream, the timelines must go on: poll
            self._unavailable(error)
        else:
            if not self._stopped and self.state not in ("polling", "offline"):
                # The session ended without saying why: never leave the timelines silently standing still.
                self._unavailable(None)
        finally:
            self.flush()

    async def stop(self) -> None:
        self._stopped = True
        session, self.session = self.session, None
        if session is not None:
            try:
                await session.aclose()
            except Exception:  # noqa: BLE001 - stopping must never fail
                pass
        if self._flush_handle is not None:
            self._flush_handle.cancel()
            self._flush_handle = None

    def handle(self, event) -> None:
        """One typed event from the session (synchronous: only buffers and updates state)."""
        self.events_seen += 1
        self.last_traffic = self.clock()
        if isinstance(event, ev.Update):
            key = stream_key(event.stream) or "home"
            self._buffer().statuses.setdefault(key, []).append(event.status)
        elif isinstance(event, ev.Delete):
            self._buffer().deleted.append(event.id)
        elif isinstance(event, ev.StatusUpdate):
            self._buffer().edited.append(event.status)
        elif isinstance(event, ev.Notification):
            self._buffer().notifications.append(event.notification)
        elif isinstance(event, ev.Conversation):
            self._buffer().conversations.append(event.conversation)
        elif isinstance(event, ev.Connected):
            self.transport = event.transport
            self._set_state("live")
            self._degrade(False)
        elif isinstance(event, ev.Reconnecting):
            self._set_state("reconnecting", _why(event.error), retry_at=self.clock() + max(event.delay, 0.0))
            if event.attempt >= self.degraded_after:
                self._degrade(True)
        elif isinstance(event, ev.Backfilled):
            if not event.complete:
                self._buffer().gap.extend(stream_key(s) for s in self._specs() if stream_key(s))
            if self.state != "live":
                self._set_state("live")
        elif isinstance(event, ev.Aborted):
            error = event.error
            if isinstance(error, MastodonStreamingUnavailableError):
                self._unavailable(error)
            elif isinstance(error, (api_errors.MastodonUnauthorizedError, api_errors.MastodonForbiddenError)):
                self._set_state("offline", "Streaming refused: the login is no longer valid")
            else:
                self._unavailable(error)

    def quiet_for(self) -> float:
        """Seconds without any traffic while live, once that is more than `quiet_after`; else 0."""
        if self.state != "live":
            return 0.0
        silent = self.clock() - self.last_traffic
        return silent if silent > self.quiet_after else 0.0

    def _seed_cursors(self) -> None:
        """Start each stream's gap filling at what the screens already show (see TootApp.stream_cursors).
        Uses the session's gap filler, when it has one (api/streaming/backfill.py)."""
        gaps = getattr(self.session, "_gaps", None)
        if self.cursors is None or gaps is None or not hasattr(gaps, "advance"):
            return
        try:
            from api.streaming.streams import as_spec

            for stream, kinds in self.cursors().items():
                for kind, newest in kinds.items():
                    gaps.advance(as_spec(stream), kind, newest)
        except Exception:  # noqa: BLE001 - without seeds the session primes its own cursors: still correct
            pass

    def _degrade(self, degraded: bool) -> None:
        if degraded != self.degraded:
            self.degraded = degraded
            if self.on_degraded is not None:
                self.on_degraded(degraded)

    def _specs(self) -> list:
        session = self.session
        return list(getattr(session, "streams", []) or []) if session is not None else []

    def _buffer(self) -> TimelineEvents:
        batch = self._batch
        if batch.received_at == 0.0:
            batch.received_at = time.perf_counter()
        if self._flush_handle is None:
            try:
                loop = asyncio.get_running_loop()
            except RuntimeError:
                return batch
            # Leading edge: a lone event goes out on the next loop turn (events already read join it); within
            # `flush_interval` of the previous flush, events wait and go out together.
            wait = self._last_flush + self.flush_interval - time.perf_counter()
            self._flush_handle = loop.call_later(wait, self.flush) if wait > 0 else loop.call_soon(self.flush)
        return batch

    def flush(self) -> None:
        """Post what has been buffered as one message."""
        self._flush_handle = None
        batch, self._batch = self._batch, TimelineEvents()
        if not batch.empty:
            self._last_flush = time.perf_counter()
            self.batches_posted += 1
            self.post(batch)

    def _set_state(self, state: str, detail: str = "", retry_at: float | None = None) -> None:
        self.state = state
        self.post(ConnectionState(state, detail, retry_at, self.transport))

    def _unavailable(self, error: BaseException | None) -> None:
        self.flush()
        if isinstance(error, MastodonStreamingUnavailableError):
            why = "The server offers no streaming: polling instead"
        elif error is None:
            why = "Live updates ended: polling instead"
        else:
            why = f"Streaming failed ({_why(error)}): polling instead"
        self._set_state("polling", why)
        if self.on_unavailable is not None:
            self.on_unavailable()


def _why(error: BaseException | None) -> str:
    if error is None:
        return ""
    from app.service import describe

    return describe(error)
