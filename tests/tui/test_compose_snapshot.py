"""What the compose screen looks like inside the real app: a reply (the status replied to, the mentions, the
inherited content warning) with a poll being written. Deterministic: a fixed clock for the instance and the app.

Update after an intended change: pytest tests/tui/test_compose_snapshot.py --snapshot-update (look at the SVG)."""
from __future__ import annotations

from datetime import datetime, timezone

from api import AsyncMastodon
from app.main import make_app
from demo.clock import FakeClock

T = datetime(2026, 11, 20, 12, 0, 0, tzinfo=timezone.utc)
SIZE = (110, 36)


def test_snapshot_reply_with_poll(snap_compare, fresh_instance, tmp_path, monkeypatch):
    monkeypatch.setenv("TOOTTY_DATA_DIR", str(tmp_path))
    clock = FakeClock(T)
    instance = fresh_instance(clock=clock)
    alice = instance.state.account_by_username("alice")
    status = instance.state.post_status(alice.id, "@demo lunch at noon or one?", spoiler_text="food",
                                        visibility="unlisted")

    async def sleep(seconds):
        import asyncio

        await asyncio.sleep(0)

    client = AsyncMastodon(access_token=instance.tokens["demo"], api_base_url=instance.base_url,
                           clock=lambda: clock.now().timestamp(), sleep=sleep)
    app = make_app(client=client, markers=False, streaming=False, clock=clock.now)

    async def write(pilot):
        for _ in range(300):
            await pilot.pause(0.02)
            if app.service.started:
                break
        app.open_compose(reply_to=await app.service.client.status(status.id))
        await pilot.pause(0.2)
        await pilot.press(*"let's vote", "ctrl+l", *"noon", "tab", *"one")
        await pilot.pause(0.2)

    assert snap_compare(app, terminal_size=SIZE, run_before=write)
