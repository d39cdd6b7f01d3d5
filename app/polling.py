"""Polling, for servers without streaming (or while streaming is down for good).

One loop per polled source (a timeline key, or "notifications"). Each loop:
- waits until its screen is visible (`is_visible(key)`), so hidden screens cost nothing;
- asks the service for items newer than the newest it has seen, through `service.background`, which waits for
  the pace budget (background work never takes the calls the user's own actions need);
- posts what it found as a `TimelineEvents` message;
- then sleeps `interval` and goes again. The next poll is scheduled only after the previous one finished, so
  polls never overlap, however slow the server is.

`sleep` is injected: tests drive the loops without waiting in real time.
"""
from __future__ import annotations

import asyncio
from typing import Callable

from api import errors as api_errors
from app.messages import BackgroundError, TimelineEvents
from app.service import describe


class Poller:
    def __init__(self, service, post: Callable, is_visible: Callable[[str], bool], *,
                 interval: float | None = None, sleep: Callable | None = None):
        self.service = service
        self.post = post
        self.is_visible = is_visible
        self.interval = interval if interval is not None else max(service.min_poll_seconds, 1.0)
        self._sleep = sleep or asyncio.sleep
        self.newest: dict[str, str | None] = {}  # key -> newest id seen
        self.sources: dict[str, object] = {}     # key -> Source (or None for notifications)
        self._tasks: dict[str, asyncio.Task] = {}
        self._wake: dict[str, asyncio.Event] = {}
        self.polls = 0
        self.counts: dict[str, int] = {}        # polls per key (the tests check hidden screens are not polled)
        self.in_flight = 0
        self.max_in_flight = 0  # the tests check that polls never overlap
        self.errors = 0
        self._failing: set[str] = set()  # keys whose last poll failed: the user is told when the first one does

    def watch(self, key: str, source=None, newest: str | None = None) -> None:
        """Start polling `key` (a Source for timelines; None for notifications) from `newest` on."""
        if key in self._tasks:
            if newest and not self.newest.get(key):
                self.newest[key] = newest
            return
        self.sources[key] = source
        self.newest[key] = newest
        self._wake[key] = asyncio.Event()
        self._tasks[key] = asyncio.ensure_future(self._loop(key))

    def seen(self, key: str, newest: str | None) -> None:
        """The screen loaded or received items up to `newest` (so the next poll starts there)."""
        if newest and (not self.newest.get(key) or _id_gt(newest, self.newest[key])):
            self.newest[key] = newest

    def wake(self, key: str) -> None:
        """Visibility changed: re-check now instead of at the end of the interval."""
        event = self._wake.get(key)
        if event is not None:
            event.set()

    def unwatch(self, key: str) -> None:
        task = self._tasks.pop(key, None)
        if task is not None:
            task.cancel()
        self._wake.pop(key, None)

    async def stop(self) -> None:
        tasks = list(self._tasks.values())
        self._tasks.clear()
        for task in tasks:
            task.cancel()
        for task in tasks:
            try:
                await task
            except BaseException:  # noqa: BLE001
                pass

    @property
    def keys(self) -> list[str]:
        return list(self._tasks)

    async def _loop(self, key: str) -> None:
        while True:
            try:
                if not self.is_visible(key):
                    await self._wait_visible(key)
                    continue
                await self.poll_once(key)
            except asyncio.CancelledError:
                raise
            except Exception as error:  # noqa: BLE001 - a loop that dies would stop this timeline silently
                self._failed(key, error)
            await self._pause(key)

    async def _wait_visible(self, key: str) -> None:
        event = self._wake[key]
        event.clear()
        await event.wait()

    async def _pause(self, key: str) -> None:
        # Sleep the interval, but wake early when the screen becomes visible again after being hidden.
        event = self._wake.get(key)
        if event is None:
            await self._sleep(self.interval)
            return
        event.clear()
        sleeper = asyncio.ensure_future(self._sleep(self.interval))
        waker = asyncio.ensure_future(event.wait())
        try:
            await asyncio.wait({sleeper, waker}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            sleeper.cancel()
            waker.cancel()

    async def poll_once(self, key: str) -> int:
        """One poll of `key`; returns how many new items it found. Errors are counted, and the first one
        of an outage is reported (a BackgroundError message, which the App shows as a toast)."""
        self.in_flight += 1
        self.max_in_flight = max(self.max_in_flight, self.in_flight)
        try:
            items = await self._fetch(key)
        except (api_errors.MastodonError, OSError, asyncio.TimeoutError) as error:
            self._failed(key, error)
            return 0
        finally:
            self.in_flight -= 1
            self.polls += 1
            self.counts[key] = self.counts.get(key, 0) + 1
        self._failing.discard(key)
        if not items:
            return 0
        items = list(reversed(items))  # oldest first, as the stream would have delivered them
        self.seen(key, str(items[-1].get("id")))
        if key == "notifications":
            self.post(TimelineEvents(notifications=items))
        elif key == "conversations":
            self.post(TimelineEvents(conversations=items))
        else:
            self.post(TimelineEvents(statuses={key: items}))
        return len(items)

    def _failed(self, key: str, error: BaseException) -> None:
        self.errors += 1
        if not self._failing:
            # Once per outage, not once per failed poll: the next toast comes only after a recovery.
            self.post(BackgroundError("Could not check for new posts", describe(error)))
        self._failing.add(key)

    async def _fetch(self, key: str) -> list:
        newest = self.newest.get(key)
        if key == "notifications":
            if newest is None:
                return []  # the notifications screen loads the first page itself
            return list(await self.service.background("notifications", min_id=newest, limit=40))
        source = self.sources.get(key)
        if source is None or newest is None:
            return []
        if key == "conversations":
            # conversations page by their own ids: poll the first page and let the screen merge it
            return list(await self.service.background(source.method, limit=20))
        return list(await self.service.background(source.method, *source.args,
                                                  **source.call_kwargs(min_id=newest, limit=40)))


def _id_gt(a: str, b: str | None) -> bool:
    """Mastodon ids are numeric strings that sort by length then value; other servers' ids sort as strings."""
    if b is None:
        return True
    if a.isdigit() and b.isdigit():
        return (len(a), a) > (len(b), b)
    return a > b
