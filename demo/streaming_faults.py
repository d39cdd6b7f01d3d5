"""Faults armed in advance for the next streaming connections: "the next 3 connections to /api/v1/streaming drop
after 5 events", "the next SSE connection stalls".

A fault is taken when a connection opens (one use of its `times`), and acts while it streams:
    drop   after `after` events the connection closes abruptly
    stall  after `after` events nothing more is sent (heartbeats included) for `seconds`, then it closes
Faults come from the instance's fault table (demo/faults.py) when it holds one for the path or for "stream", and
from `arm()` here, which tests may call directly.
"""
from __future__ import annotations

import threading
import weakref
from dataclasses import dataclass

_armed: "weakref.WeakKeyDictionary[object, list]" = weakref.WeakKeyDictionary()
_lock = threading.Lock()


@dataclass
class StreamFault:
    kind: str                 # drop | stall
    after: int = 0            # events delivered before the fault strikes
    seconds: float = 120.0    # how long a stall lasts before the connection is dropped
    times: int = 1
    path: str | None = None   # None: any streaming path; "/api/v1/streaming" is the WebSocket

    def before_event(self, sent: int):
        if sent >= self.after:
            return (self.kind, self.seconds)
        return None


def arm(state, kind: str, *, times: int = 1, after: int = 0, seconds: float | None = None,
        path: str | None = None) -> StreamFault:
    if kind not in ("drop", "stall"):
        raise ValueError(f"unknown stream fault {kind!r}: use drop or stall")
    fault = StreamFault(kind, after, seconds if seconds is not None else float(state.settings.hang_max),
                        times, path)
    with _lock:
        _armed.setdefault(state.hub, []).append(fault)
    return fault


def clear(state) -> None:
    with _lock:
        _armed.pop(state.hub, None)


def stream_fault(state, path: str) -> StreamFault | None:
    """Take the fault (if any) that applies to a connection opening on `path`."""
    with _lock:
        for fault in _armed.get(state.hub, []):
            if fault.times > 0 and fault.path in (None, path):
                fault.times -= 1
                return StreamFault(fault.kind, fault.after, fault.seconds, 1, path)
    return _from_fault_table(state, path)


def _from_fault_table(state, path: str) -> StreamFault | None:
    """The instance-wide fault table (demo/faults.py), when the state carries one that knows stream faults."""
    table = getattr(state, "faults", None)
    take = getattr(table, "take_stream", None)
    if take is None:
        return None
    spec = take(path)
    if spec is None:
        return None
    kind = _field(spec, "kind")
    if kind not in ("drop", "stall"):
        return None
    after = _field(spec, "after") or 0
    seconds = _field(spec, "seconds") or float(state.settings.hang_max)
    return StreamFault(kind, int(after), float(seconds), 1, path)


def _field(spec, name: str):
    return spec.get(name) if isinstance(spec, dict) else getattr(spec, name, None)
