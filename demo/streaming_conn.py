"""One open streaming connection (WebSocket or SSE), seen from the server: its hub subscription, its liveness
checks, and the switches that break it on purpose.

Tests and `tootty demo` break live connections with `drop_all(state)` (the TCP connection is cut at once, as
when the network goes away) and `stall_all(state, seconds)` (the server stops reading and sending: no events, no
heartbeats, no pongs; then the connection is cut). `close_all(state)` ends every connection, stalled ones
included, before a server stops. All are safe to call from any thread. Faults armed in the fault table (demo/faults.py, via
demo/streaming_faults.py) are taken by the first connection on a matching path that asks: each one asks when it
opens and before every event it sends, so faults hit open connections as well as new ones.
"""
from __future__ import annotations

import asyncio
import threading
import weakref

from .streaming_auth import StreamRefused, authenticate, knob
from .streaming_faults import stream_fault

_live: "weakref.WeakKeyDictionary[object, set]" = weakref.WeakKeyDictionary()
_live_lock = threading.Lock()


class Dropped(Exception):
    """The connection must end now, without a goodbye (a fault, a revoked token, or a reader too slow)."""


HEARTBEAT = object()


class LiveConnection:
    def __init__(self, state, token: str | None, keys=(), heartbeat: float | None = None, path: str = "",
                 on_stall=None) -> None:
        self.state = state
        self.token = token
        self.loop = asyncio.get_running_loop()
        self.sub = state.hub.subscribe(*keys)
        self.heartbeat = heartbeat
        self.check = knob(state, "stream_check_interval", 30.0)
        self.fault_poll = knob(state, "stream_fault_poll", 0.5)  # an idle connection still meets new faults
        self.path = path          # the request path, which stream faults are armed against
        self.fault = None         # the fault this connection took, and how many events it had sent then
        self.fault_base = 0
        self.on_stall = on_stall  # makes the silence total below the application (see streaming_ws)
        self.stalled = False
        self.sent = 0
        self._control: asyncio.Queue = asyncio.Queue()
        self.doomed = False     # a switch was thrown: it no longer counts as open
        with _live_lock:
            _live.setdefault(state.hub, set()).add(self)

    def close(self) -> None:
        self.sub.close()
        with _live_lock:
            _live.get(self.state.hub, set()).discard(self)

    # ----- switches, callable from any thread -----
    def drop(self) -> None:
        self.doomed = True
        self.loop.call_soon_threadsafe(self._control.put_nowait, ("drop", 0.0))

    def stall(self, seconds: float) -> None:
        self.doomed = True
        self.loop.call_soon_threadsafe(self._control.put_nowait, ("stall", seconds))

    async def _obey(self, command) -> None:
        kind, seconds = command
        if kind == "stall":
            # Silence, like a network that black-holes packets: no events, no heartbeats. Then it is gone.
            self.stalled = True
            if self.on_stall is not None:
                self.on_stall()
            try:
                await asyncio.wait_for(self._control.get(), timeout=seconds)
            except asyncio.TimeoutError:
                pass
        self._end(kind)

    def _end(self, why: str):
        self.doomed = True  # no longer counted as open, even before the handler has unwound
        raise Dropped(why)

    async def next(self):
        """The next hub event to send, or HEARTBEAT when one is due. Raises Dropped when the connection must end."""
        loop = self.loop
        next_beat = loop.time() + self.heartbeat if self.heartbeat else None
        next_check = loop.time() + self.check
        while True:
            if self.fault is None:
                # Asked before every event, so a fault armed while connected (the demo's "pull the network"
                # switch) hits the connections that are open, not only the next ones.
                self.fault = stream_fault(self.state, self.path)
                self.fault_base = self.sent
            if self.fault is not None:
                command = self.fault.before_event(self.sent - self.fault_base)
                if command is not None:
                    await self._obey(command)
            if not self._control.empty():
                await self._obey(self._control.get_nowait())
            now = loop.time()
            if next_beat is not None and now >= next_beat:
                return HEARTBEAT
            if now >= next_check:
                next_check = now + self.check
                if self.sub.overflowed:
                    self._end("overflow")  # Mastodon drops slow readers too; the client reconnects
                if self.token is not None:
                    try:
                        authenticate(self.state, self.token)
                    except StreamRefused:
                        self._end("revoked")
            deadline = min(t for t in (next_beat, next_check,
                                       now + self.fault_poll if self.fault is None else None) if t is not None)
            get = asyncio.ensure_future(self.sub.get())
            ctl = asyncio.ensure_future(self._control.get())
            try:
                done, _ = await asyncio.wait({get, ctl}, timeout=max(0.0, deadline - now),
                                             return_when=asyncio.FIRST_COMPLETED)
            finally:  # also when the connection's task is cancelled: no waiter may outlive it
                for fut in (get, ctl):
                    if not fut.done():
                        fut.cancel()
            if ctl in done:  # a switch wins over an event that arrived at the same moment
                await self._obey(ctl.result())
            if get in done:
                self.sent += 1
                return get.result()


def _each(state):
    with _live_lock:
        return [conn for conn in _live.get(state.hub, ()) if not conn.doomed]


def drop_all(state) -> int:
    """Drop every open streaming connection of this instance; returns how many."""
    conns = _each(state)
    for conn in conns:
        conn.drop()
    return len(conns)


def stall_all(state, seconds: float) -> int:
    """Make every open streaming connection go silent for `seconds`, then drop it; returns how many."""
    conns = _each(state)
    for conn in conns:
        conn.stall(seconds)
    return len(conns)


def close_all(state) -> int:
    """End every streaming connection, stalled ones included (call before stopping the server, so that none
    is left for the server to cancel at shutdown)."""
    with _live_lock:
        conns = list(_live.get(state.hub, ()))
    for conn in conns:
        conn.doomed = True
        conn.loop.call_soon_threadsafe(conn._control.put_nowait, ("drop", 0.0))
    return len(conns)


def open_connections(state) -> int:
    return len(_each(state))


def server_transport(receive):
    """The asyncio transport under a request or WebSocket, when the ASGI `receive` is uvicorn's own (as in the
    demo, whose middlewares pass it through). Lets a fault cut the TCP connection itself, as a network would."""
    owner = getattr(receive, "__self__", None)
    transport = getattr(owner, "transport", None)
    return transport if hasattr(transport, "pause_reading") else None
