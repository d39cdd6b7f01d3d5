"""The seed's blocking streaming interface, on top of the asyncio session.

    api.user_stream(listener)                       # blocks; returns when closed, raises after on_abort
    handle = api.user_stream(listener, run_async=True)
    handle.is_alive(); handle.close()

The session runs on its own event loop in a background thread; listener methods are called from another
thread (the caller's, when blocking), so a slow listener never stalls the socket or trips the watchdog.
"""
from __future__ import annotations

import asyncio
import queue
import threading

from typing import TYPE_CHECKING

from ..credentials import bearer_header

if TYPE_CHECKING:  # the session and events load when a stream starts (see api/streaming/__init__.py)
    from .session import StreamSession

_END = object()


class StreamHandle:
    """A running stream: `close()` (any moment, idempotent), `is_alive()`, `is_receiving()`, `join()`."""

    def __init__(self, listener, make_session) -> None:
        self.listener = listener
        self._make_session = make_session
        self._events: queue.Queue = queue.Queue()
        self._closing = threading.Event()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._session: StreamSession | None = None
        self._ready = threading.Event()
        self.error: BaseException | None = None
        self._aborted = False
        self._loop_thread = threading.Thread(target=self._run_loop, name="tootty-stream", daemon=True)
        self._dispatch_thread: threading.Thread | None = None

    # ----- life ------------------------------------------------------------------------------------------
    def _start(self, blocking: bool) -> None:
        self._loop_thread.start()
        if not blocking:
            self._dispatch_thread = threading.Thread(target=self._dispatch_all, name="tootty-stream-listener",
                                                     daemon=True)
            self._dispatch_thread.start()

    def _run_loop(self) -> None:
        try:
            asyncio.run(self._main())
        finally:
            self._ready.set()
            self._events.put(_END)

    async def _main(self) -> None:
        self._loop = asyncio.get_running_loop()
        session = self._session = self._make_session()
        self._ready.set()
        if self._closing.is_set():
            await session.aclose()
            return
        try:
            async for event in session:
                self._events.put(event)
        finally:
            await session.aclose()

    def close(self) -> None:
        """Stop the stream. Safe before the first event, during a reconnect's backoff, from a listener method
        and from any thread; calling it again does nothing."""
        self._closing.set()
        self._ready.wait(5)
        loop, session = self._loop, self._session
        if loop is not None and session is not None and not loop.is_closed():
            try:
                future = asyncio.run_coroutine_threadsafe(session.aclose(), loop)
            except RuntimeError:
                return  # the loop has just finished
            if threading.current_thread() is not self._loop_thread:
                try:
                    future.result(5)
                except Exception:  # noqa: BLE001 - closing is best effort; the threads are daemons
                    pass

    def is_alive(self) -> bool:
        threads = [t for t in (self._loop_thread, self._dispatch_thread) if t is not None]
        return any(t.is_alive() for t in threads)

    def is_receiving(self) -> bool:
        """True while connected (not reconnecting, not ended)."""
        session = self._session
        return self.is_alive() and session is not None and session.state == "live"

    def join(self, timeout: float | None = None) -> None:
        for thread in (self._loop_thread, self._dispatch_thread):
            if thread is not None and thread is not threading.current_thread():
                thread.join(timeout)

    @property
    def malformed_count(self) -> int:
        return self._session.malformed_count if self._session is not None else 0

    # ----- delivery --------------------------------------------------------------------------------------
    def _dispatch_all(self) -> None:
        from . import events as ev
        from .listener import dispatch

        while True:
            event = self._events.get()
            if event is _END:
                return
            if isinstance(event, ev.Aborted):
                self.error = event.error
                self._aborted = True
            elif self._closing.is_set():
                continue  # after close(), no more callbacks
            try:
                dispatch(self.listener, event)
            except Exception as exc:  # noqa: BLE001 - a failing listener ends its stream, reported once
                self.error = exc
                self.close()
                if not self._aborted:
                    self._aborted = True
                    try:
                        self.listener.on_abort(exc)
                    except Exception:  # noqa: BLE001
                        pass
                if threading.current_thread() is not self._dispatch_thread:
                    raise
                return

    def _block(self) -> None:
        try:
            self._dispatch_all()
        except BaseException:
            self.close()
            raise
        self.join()
        if self.error is not None and not self._closing.is_set():
            raise self.error


class StreamingMethods:
    """Mixed into `api.Mastodon`: the seed's streaming methods. Uses `api_base_url`, `access_token`,
    `request_timeout` and the REST methods (backfill over timeline_* / notifications, discovery via
    instance_v2).

    Every method takes `run_async` (False: block until the stream ends; True: return a StreamHandle),
    `timeout` (connect timeout, seconds), `reconnect_async` (None or True: reconnect forever, which is what
    streams here do by default; False: the first lost connection ends the stream through on_abort),
    `reconnect_async_wait_sec` (the first backoff delay), and any StreamSession option (`watchdog`,
    `ping_interval`, `backoff_max`, `transport`, `streaming_url`, `backfill`, `sleep`, ...).
    """

    def _stream(self, streams, listener, run_async=False, timeout=300, reconnect_async=None,
                reconnect_async_wait_sec=1.0, **options):
        from .backfill import client_backfill
        from .session import StreamSession

        bearer_header(self.access_token)  # refused in the caller's thread, not in the session's
        backfill = options.pop("backfill", True)
        if backfill is True:
            backfill = client_backfill(self, in_thread=True)
        instance_v2 = getattr(self, "instance_v2", None)
        discover = (lambda: asyncio.to_thread(instance_v2)) if instance_v2 is not None else None
        options.setdefault("open_timeout", min(float(timeout), 30.0))
        options.setdefault("backoff_initial", float(reconnect_async_wait_sec))
        options.setdefault("user_agent", getattr(self, "user_agent", None))
        options.setdefault("verify", getattr(self, "verify", True))  # streams trust what REST trusts

        def make_session():
            return StreamSession(api_base_url=self.api_base_url, access_token=self.access_token,
                                 streams=streams, backfill=backfill or None, discover=discover,
                                 reconnect=reconnect_async is not False, **options)

        handle = StreamHandle(listener, make_session)
        handle._start(blocking=not run_async)
        if run_async:
            return handle
        handle._block()
        return None

    def user_stream(self, listener, run_async=False, timeout=300, reconnect_async=None,
                    reconnect_async_wait_sec=1.0, **options):
        """Home timeline updates, notifications, deletes, edits and filter changes of the user."""
        return self._stream(["user"], listener, run_async, timeout, reconnect_async, reconnect_async_wait_sec,
                            **options)

    def user_notifications_stream(self, listener, run_async=False, timeout=300, reconnect_async=None,
                                  reconnect_async_wait_sec=1.0, **options):
        return self._stream(["user:notification"], listener, run_async, timeout, reconnect_async,
                            reconnect_async_wait_sec, **options)

    def public_stream(self, listener, run_async=False, timeout=300, reconnect_async=None,
                      reconnect_async_wait_sec=1.0, local=False, remote=False, only_media=False, **options):
        name = "public:local" if local else "public:remote" if remote else "public"
        name += ":media" if only_media else ""
        return self._stream([name], listener, run_async, timeout, reconnect_async, reconnect_async_wait_sec,
                            **options)

    def local_stream(self, listener, run_async=False, timeout=300, reconnect_async=None,
                     reconnect_async_wait_sec=1.0, **options):
        return self._stream(["public:local"], listener, run_async, timeout, reconnect_async,
                            reconnect_async_wait_sec, **options)

    def hashtag_stream(self, tag, listener, local=False, run_async=False, timeout=300, reconnect_async=None,
                       reconnect_async_wait_sec=1.0, **options):
        spec = ("hashtag:local" if local else "hashtag", tag)
        return self._stream([spec], listener, run_async, timeout, reconnect_async, reconnect_async_wait_sec,
                            **options)

    def list_stream(self, id, listener, run_async=False, timeout=300, reconnect_async=None,
                    reconnect_async_wait_sec=1.0, **options):
        from ..entities import unpack_id
        return self._stream([("list", unpack_id(id))], listener, run_async, timeout, reconnect_async,
                            reconnect_async_wait_sec, **options)

    def direct_stream(self, listener, run_async=False, timeout=300, reconnect_async=None,
                      reconnect_async_wait_sec=1.0, **options):
        return self._stream(["direct"], listener, run_async, timeout, reconnect_async, reconnect_async_wait_sec,
                            **options)

    def streams(self, streams, listener, run_async=False, **options):
        """Several streams on one connection: streams=["user", ("hashtag", "python"), ("list", "12")]."""
        return self._stream(list(streams), listener, run_async, **options)

    # Mastodon.py 2.x names
    stream_user = user_stream
    stream_public = public_stream
    stream_local = local_stream
    stream_hashtag = hashtag_stream
    stream_list = list_stream
    stream_direct = direct_stream
