"""The instance's event hub: every change a client could see live is published here once, and each open
streaming connection (WebSocket or SSE, demo/streaming.py) holds a subscription that receives the events of the
streams it follows.

A stream key is a tuple naming one stream for one audience:
    ("user", account_id)            home timeline updates, notifications, filters_changed, ... for that account
    ("user:notification", account_id)
    ("public",) ("public:local",) ("public:remote",) ("public:media",) ("public:local:media",)
    ("hashtag", tag_lowercase) ("hashtag:local", tag_lowercase)
    ("list", list_id)
    ("direct", account_id)
An event is (stream_key, event_name, payload) with payload already a JSON-encoded *string* (or None for
`filters_changed`), exactly as Mastodon puts it on the wire.

`publish` may be called from any thread (tests mutate the state from their own thread); delivery happens on the
instance's event loop. Subscribers' queues are bounded: a subscriber that stops reading is dropped rather than
letting memory grow (Mastodon's server does the same to slow clients).
"""
from __future__ import annotations

import asyncio
import threading
from dataclasses import dataclass, field

StreamKey = tuple


@dataclass(frozen=True)
class Event:
    stream: StreamKey
    event: str
    payload: str | None


@dataclass(eq=False)
class Subscription:
    hub: "Hub"
    keys: set = field(default_factory=set)
    queue: asyncio.Queue = field(default_factory=lambda: asyncio.Queue(maxsize=10_000))
    overflowed: bool = False

    def add(self, key: StreamKey) -> None:
        self.keys.add(key)

    def remove(self, key: StreamKey) -> None:
        self.keys.discard(key)

    def close(self) -> None:
        self.hub._remove(self)

    async def get(self) -> Event:
        return await self.queue.get()


class Hub:
    def __init__(self) -> None:
        self._subs: set[Subscription] = set()
        self._lock = threading.Lock()
        self.loop: asyncio.AbstractEventLoop | None = None
        self.published = 0

    def subscribe(self, *keys: StreamKey) -> Subscription:
        """Called on the event loop by a streaming endpoint."""
        self.loop = asyncio.get_running_loop()
        sub = Subscription(self, set(keys))
        with self._lock:
            self._subs.add(sub)
        return sub

    def _remove(self, sub: Subscription) -> None:
        with self._lock:
            self._subs.discard(sub)

    def publish(self, stream: StreamKey, event: str, payload: str | None) -> None:
        ev = Event(tuple(stream), event, payload)
        self.published += 1
        loop = self.loop
        if loop is None or loop.is_closed():
            return  # nobody has ever subscribed: nothing to deliver
        try:
            running = asyncio.get_running_loop()
        except RuntimeError:
            running = None
        if running is loop:
            self._deliver(ev)
        else:
            loop.call_soon_threadsafe(self._deliver, ev)

    def _deliver(self, ev: Event) -> None:
        with self._lock:
            subs = [s for s in self._subs if ev.stream in s.keys]
        for sub in subs:
            try:
                sub.queue.put_nowait(ev)
            except asyncio.QueueFull:
                sub.overflowed = True
                self._remove(sub)

    @property
    def subscriber_count(self) -> int:
        with self._lock:
            return len(self._subs)
