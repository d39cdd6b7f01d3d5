"""Helpers for the app's pilot tests: build the App against a running local instance, and wait for conditions
by letting the App's loop run (bounded by a number of turns, never by wall-clock assertions)."""
from __future__ import annotations

import asyncio

from api import AsyncMastodon, Mastodon
from app.main import make_app


def app_for(instance, user: str = "demo", **options):
    client = AsyncMastodon(access_token=instance.tokens[user], api_base_url=instance.base_url,
                           ratelimit_method="wait", request_timeout=20)
    options.setdefault("markers", False)
    return make_app(client=client, **options)


def server(instance, user: str = "demo") -> Mastodon:
    """A blocking client for checking what the server really holds (and acting as other users)."""
    return Mastodon(access_token=instance.tokens[user], api_base_url=instance.base_url)


async def until(pilot, predicate, turns: int = 400, step: float = 0.02) -> bool:
    """Let the App run until `predicate()` is true; False if it never becomes true within `turns` turns."""
    for _ in range(turns):
        try:
            if predicate():
                return True
        except Exception:  # noqa: BLE001 - the screen may not be composed yet
            pass
        await pilot.pause(step)
    return bool(predicate())


async def in_thread(fn, *args, **kwargs):
    """Run a blocking server-side call without freezing the App's loop."""
    return await asyncio.to_thread(fn, *args, **kwargs)


async def ready(pilot, live: bool = True) -> None:
    app = pilot.app
    ok = await until(pilot, lambda: getattr(app.screen, "loaded", False) and app.service.started
                     and (not live or app.connection.state in ("live", "polling")), turns=600)
    assert ok, f"the app did not get ready (connection: {app.connection.state})"


async def select_status(pilot, predicate) -> dict:
    """Move the cursor down to the first status (the boosted one for a boost) matching predicate(status)."""
    timeline = pilot.app.screen.timeline
    for _ in range(60):
        item = timeline.selected_item
        status = item.get("reblog") or item
        if predicate(status):
            return status
        await pilot.press("j")
    raise AssertionError("no such status in the timeline")


def plain_status(status) -> bool:
    """Public, without a poll or a content warning: a status every action applies to simply."""
    return status.get("visibility") == "public" and not status.get("poll") and not status.get("spoiler_text")
