"""Snapshots of the main screens with deterministic data: the instance runs on a fake clock fixed at one instant,
and the app's clocks (relative times, the rate-limit countdown) read the same clock, so nothing ages.

Update after an intended change: pytest tests/tui/test_snapshots.py --snapshot-update (then look at the SVGs)."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest

from api import AsyncMastodon
from app.main import make_app
from demo.clock import FakeClock

T = datetime(2026, 11, 20, 12, 0, 0, tzinfo=timezone.utc)  # aligned to the 300 s rate-limit window
SIZE = (110, 36)


@pytest.fixture
def fixed_app(fresh_instance):
    def build(**options):
        clock = FakeClock(T)
        instance = fresh_instance(clock=clock)

        async def sleep(seconds):
            import asyncio

            await asyncio.sleep(0)

        client = AsyncMastodon(access_token=instance.tokens["demo"], api_base_url=instance.base_url,
                               clock=lambda: clock.now().timestamp(), sleep=sleep)
        app = make_app(client=client, markers=False, clock=clock.now, **options)
        return app, instance
    return build


async def _settle(pilot, done=lambda app: True) -> None:
    app = pilot.app
    for _ in range(300):
        await pilot.pause(0.02)
        if (getattr(app.screen, "loaded", False) and app.connection.state == "live" and app.service.started
                and done(app)):
            break
    # The start-up calls (lists, the stream's discovery and priming) finish: the rate budget shown in the status
    # bar stops changing.
    limiter = app.service.client.ratelimiter
    last, steady = None, 0
    for _ in range(300):
        await pilot.pause(0.05)
        steady = steady + 1 if limiter.remaining == last else 0
        last = limiter.remaining
        if steady >= 10:
            break
    app.refresh_bars()
    await pilot.pause(0.1)


def test_snapshot_home(snap_compare, fixed_app):
    app, _ = fixed_app()
    assert snap_compare(app, terminal_size=SIZE, run_before=_settle)


def test_snapshot_notifications(snap_compare, fixed_app):
    app, _ = fixed_app(start="notifications")
    assert snap_compare(app, terminal_size=SIZE, run_before=_settle)


def test_snapshot_thread(snap_compare, fixed_app):
    app, _ = fixed_app()

    async def open_thread(pilot):
        await _settle(pilot)
        timeline = pilot.app.screen.timeline
        for key in list(timeline.keys()):
            item = timeline.get(key)
            if "reply level" in (item.get("content") or "") and not item.get("reblog"):
                timeline.select(key)
                break
        await pilot.press("t")
        await _settle(pilot, lambda app: type(app.screen).__name__ == "ThreadScreen")
    assert snap_compare(app, terminal_size=SIZE, run_before=open_thread)


def test_snapshot_profile(snap_compare, fixed_app):
    app, instance = fixed_app()

    async def open_profile(pilot):
        await _settle(pilot)
        from api import Mastodon

        alice = Mastodon(access_token=instance.tokens["demo"], api_base_url=instance.base_url).account_lookup("alice")
        pilot.app.open_profile(alice)
        await _settle(pilot, lambda app: type(app.screen).__name__ == "ProfileScreen" and app.screen.relationship)
    assert snap_compare(app, terminal_size=SIZE, run_before=open_profile)
