"""Filling the gap a reconnect leaves, over REST.

The session keeps, per stream and kind ("status" for timelines, "notification"), the newest id it delivered
(the cursor). After a reconnect it asks for what is newer, page by page with `min_id` (which returns the page
immediately after the cursor, so nothing in between is skipped however long the gap), and delivers it oldest
first. Live events that arrived meanwhile wait in the transport's queue and are delivered afterwards; the
session drops the ones the backfill already delivered.

The REST access is one injected coroutine, so the session does not depend on a particular client:

    async def backfill(spec: StreamSpec, kind: str, min_id: str | None, limit: int) -> list[dict]

`min_id=None` asks for the newest `limit` items (used once per stream to place the first cursor).
`client_backfill(client)` builds it from a Mastodon / AsyncMastodon client.
"""
from __future__ import annotations

import asyncio
import inspect

from . import events as ev
from .streams import backfill_sources


def id_key(value) -> tuple:
    """IDs are opaque strings; Mastodon's sort by length, then lexically (never cast them to int)."""
    value = str(value)
    return (len(value), value)


def client_backfill(client, *, in_thread: bool = False):
    """A backfill coroutine from a client's timeline_* / notifications methods. `in_thread=True` for the
    blocking client (its calls run in a worker thread so the event loop keeps reading the socket)."""
    async def backfill(spec, kind, min_id, limit):
        for source_kind, method, kwargs in backfill_sources(spec):
            if source_kind != kind:
                continue
            fn = getattr(client, method)
            call = dict(kwargs, min_id=min_id, limit=limit)
            if in_thread:
                return list(await asyncio.to_thread(fn, **call))
            result = fn(**call)
            if inspect.isawaitable(result):
                result = await result
            return list(result)
        return []
    return backfill


class GapFiller:
    def __init__(self, backfill, *, max_items: int = 400, page: int = 40) -> None:
        self.backfill = backfill
        self.max_items = max_items
        self.page = page
        self.cursor: dict = {}          # (spec.key, kind) -> newest id delivered

    def kinds(self, spec) -> list[str]:
        return [kind for kind, _method, _kwargs in backfill_sources(spec)]

    def advance(self, spec, kind: str, item_id: str) -> None:
        key = (spec.key, kind)
        current = self.cursor.get(key)
        if current is None or id_key(item_id) > id_key(current):
            self.cursor[key] = item_id

    async def prime(self, spec) -> None:
        """Place the first cursor of a stream at the newest existing item, so that a reconnect before its
        first event still knows where the gap starts."""
        if self.backfill is None:
            return
        for kind in self.kinds(spec):
            if (spec.key, kind) in self.cursor:
                continue
            page = await self.backfill(spec, kind, None, 1)
            newest = max((item["id"] for item in page or () if _has_id(item)), key=id_key, default="0")
            self.advance(spec, kind, newest)

    async def prime_all(self, specs) -> None:
        for spec in specs:
            await self.prime(spec)

    async def fill(self, specs, deliver) -> tuple[int, bool]:
        """Deliver everything newer than each cursor, oldest first. Returns (items fetched, complete)."""
        if self.backfill is None:
            return 0, not any(self.kinds(spec) for spec in specs)
        total, complete = 0, True
        for spec in specs:
            for kind in self.kinds(spec):
                cursor = self.cursor.get((spec.key, kind))
                if cursor is None:  # subscribed but never primed (primed below): nothing known to be missing
                    await self.prime(spec)
                    continue
                fetched = 0
                while True:
                    if fetched >= self.max_items:
                        complete = False
                        break
                    page = [item for item in await self.backfill(spec, kind, cursor, self.page) or ()
                            if _has_id(item)]
                    if not page:
                        break
                    page.sort(key=lambda item: id_key(item["id"]))
                    for item in page:
                        if id_key(item["id"]) <= id_key(cursor):
                            continue  # a server that ignores min_id must not loop us forever
                        await deliver(ev.Update(spec, item, backfilled=True) if kind == "status"
                                      else ev.Notification(spec, item, backfilled=True))
                    newest = page[-1]["id"]
                    if id_key(newest) <= id_key(cursor):
                        break
                    cursor = newest
                    self.advance(spec, kind, cursor)
                    fetched += len(page)
                    if len(page) < self.page:
                        break
                total += fetched
        return total, complete


def _has_id(item) -> bool:
    return isinstance(item, dict) and isinstance(item.get("id"), str) and bool(item["id"])


__all__ = ["GapFiller", "client_backfill", "id_key"]
