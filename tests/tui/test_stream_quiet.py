"""A live stream that has gone silent says so (QA F-stall-live), against the local instance with an injected
clock: no event, heartbeat or pong for more than 1.5 ping intervals shows "● live … · quiet Ns" in the status
bar; the next thing that arrives (here a status) makes it plain "live" again."""
from __future__ import annotations

from app.statusbar import StatusBar
from tests.tui.support import app_for, ready, server, until


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


async def test_a_silent_stream_is_shown_as_quiet(fresh_instance):
    instance = fresh_instance()
    app = app_for(instance, stream_options={"ping_interval": 20.0})
    async with app.run_test(size=(160, 40)) as pilot:
        await ready(pilot)
        worker = app.stream_worker
        clock = Clock()
        worker.clock = clock
        worker.last_traffic = clock.now
        bar = app.screen.query_one(StatusBar)
        assert worker.quiet_after == 30.0
        clock.now += 29
        assert "quiet" not in bar.text().plain
        clock.now += 3  # 32 s without anything
        text = bar.text().plain
        assert "● live" in text and "quiet 32s" in text, text
        status = server(instance, "demo").status_post("something arrives")
        assert await until(pilot, lambda: status["id"] in app.screen.timeline)
        assert "quiet" not in bar.text().plain
        # only a live stream can be quiet: reconnecting shows its own state
        clock.now += 100
        worker.state = "reconnecting"
        assert worker.quiet_for() == 0.0


async def test_narrow_bar_keeps_what_matters(instance):
    """At 80 columns the unread notifications (with the key that opens them) and the help hint stay; the
    account name and the budget's reset time go first (QA F-notif-hint, F-minor)."""
    app = app_for(instance, streaming=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot, live=False)
        app.unread_notifications = 57
        bar = app.screen.query_one(StatusBar)
        text = bar.text().plain
        assert "57 new notifications · 2 to read" in text and text.endswith("? help"), text
        assert len(text) <= 80
    app = app_for(instance, streaming=False)
    async with app.run_test(size=(200, 24)) as pilot:
        await ready(pilot, live=False)
        app.unread_notifications = 1
        text = app.screen.query_one(StatusBar).text().plain
        assert "@demo" in text and "1 new notification · 2 to read" in text, text
