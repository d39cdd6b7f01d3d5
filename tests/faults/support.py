"""Shared by the fault tests: the real App (app.main.make_app) against a local instance whose fault switches are
thrown while the App runs, plus a record of every toast the App shows (what the user is told)."""
from __future__ import annotations

import asyncio

from api import AsyncMastodon
from app.main import make_app
from app.statusbar import StatusBar


def faulty_app(instance, *, request_timeout: float = 5.0, network_retries: int = 1, clock=None, sleep=None,
               **options):
    """The App for the demo user. Polling (streaming=False) sleeps only a moment between polls."""
    client = AsyncMastodon(access_token=instance.tokens["demo"], api_base_url=instance.base_url,
                           ratelimit_method="wait", request_timeout=request_timeout,
                           network_retries=network_retries, clock=clock, sleep=sleep)
    options.setdefault("markers", False)
    if options.get("streaming") is False:
        options.setdefault("poll_interval", 0.05)
        options.setdefault("poll_sleep", quick_sleep)
    options.setdefault("stream_options", {"backoff_initial": 0.2, "backoff_max": 0.4, "backoff_jitter": 0.0})
    app = make_app(client=client, **options)
    app.toasts = []
    notify = app.notify

    def recording_notify(message, *args, **kwargs):
        app.toasts.append(f"{kwargs.get('title') or ''}: {message}")
        return notify(message, *args, **kwargs)
    app.notify = recording_notify
    return app


async def quick_sleep(seconds: float) -> None:
    """The pollers' pause between polls: a moment, not the real interval."""
    await asyncio.sleep(0.02)


def toasts_saying(app, words: str) -> list[str]:
    return [t for t in app.toasts if words.lower() in t.lower()]


def bar_text(app) -> str:
    return app.screen.query_one(StatusBar).text().plain


async def answers_keys(pilot) -> None:
    """The App handles a key press now: switch to notifications and back to home."""
    app = pilot.app
    await pilot.press("2")
    assert getattr(app.screen, "polls_notifications", False) or "otification" in type(app.screen).__name__, \
        type(app.screen).__name__
    await pilot.press("1")
    assert getattr(getattr(app.screen, "source", None), "key", None) == "home"


async def ready(pilot) -> None:
    """Home loaded, signed in, and live (or polling): like tests.tui.support.ready with more turns (these tests
    share two cores with the rest of the suite)."""
    from tests.tui.support import until

    app = pilot.app
    ok = await until(pilot, lambda: getattr(app.screen, "loaded", False) and app.service.started
                     and app.connection.state in ("live", "polling"), turns=1000)
    assert ok, f"the app did not get ready (connection: {app.connection.state}, toasts: {app.toasts})"


async def settled(pilot, quiet: float = 0.5, limit: float = 30.0) -> None:
    """Wait until the app has sent no request for `quiet` seconds: its start-up reads (the stream's first gap fill
    reads home right after connecting) are over, so a fault armed now meets the request the test makes."""
    import time

    limiter = pilot.app.service.client.ratelimiter
    last, stable_since, started = limiter.last_call, time.monotonic(), time.monotonic()
    while time.monotonic() - stable_since < quiet and time.monotonic() - started < limit:
        await pilot.pause(0.05)
        if limiter.last_call != last:
            last, stable_since = limiter.last_call, time.monotonic()
