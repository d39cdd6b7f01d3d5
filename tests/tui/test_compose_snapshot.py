"""What the compose screen looks like: a reply (the status replied to, the mentions, the inherited content
warning and visibility) with a poll being written. Deterministic: the instance and the host app read one fixed
clock. The host is the minimal one, so the app frame's own bindings do not move this picture.

Update after an intended change: pytest tests/tui/test_compose_snapshot.py --snapshot-update (look at the SVG)."""
from __future__ import annotations

from datetime import datetime, timezone

from app.screens.compose import ComposeScreen
from demo.clock import FakeClock
from tests.tui.compose_support import Host, make_service

T = datetime(2026, 11, 20, 12, 0, 0, tzinfo=timezone.utc)
SIZE = (110, 36)


class FixedHost(Host):
    def wall_clock(self) -> datetime:
        return T


def test_snapshot_reply_with_poll(snap_compare, fresh_instance, tmp_path, monkeypatch):
    monkeypatch.setenv("TOOTTY_DATA_DIR", str(tmp_path))
    instance = fresh_instance(clock=FakeClock(T))
    alice = instance.state.account_by_username("alice")
    posted = instance.state.post_status(alice.id, "@demo lunch at noon or one?", spoiler_text="food",
                                        visibility="unlisted")
    app = FixedHost(None)

    async def write(pilot):
        service = await make_service(instance)
        status = await service.client.status(posted.id)
        await app.push_screen(ComposeScreen(service, reply_to=status))
        await pilot.press(*"let's vote", "ctrl+l", *"noon", "tab", *"one")
        await pilot.pause(0.1)

    assert snap_compare(app, terminal_size=SIZE, run_before=write)
