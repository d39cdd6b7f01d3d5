"""The status bar follows the stream: live, reconnecting (with a countdown) after the connection drops, live
again, with what was posted during the gap caught up exactly once."""
from __future__ import annotations

from app.messages import ConnectionState
from demo.streaming_conn import drop_all
from app.statusbar import StatusBar
from tests.tui.support import app_for, ready, server, until


async def test_dropped_stream_shows_reconnecting_then_catches_up(fresh_instance):
    instance = fresh_instance()
    states: list = []
    app = app_for(instance, stream_options={"backoff_initial": 0.3, "backoff_max": 0.5, "backoff_jitter": 0.0})
    async with app.run_test(size=(120, 40), message_hook=lambda m: states.append(m.state)
                            if isinstance(m, ConnectionState) else None) as pilot:
        await ready(pilot)
        assert app.connection.state == "live"
        bar = app.screen.query_one(StatusBar)
        assert "live" in bar.text().plain
        home = app.screen.timeline
        assert drop_all(instance.state)                  # the server drops every live connection
        first = server(instance, "alice").status_post("posted as the connection drops")
        assert await until(pilot, lambda: app.connection.state == "reconnecting")
        assert "reconnecting in" in bar.text().plain
        second = server(instance, "bob").status_post("posted while reconnecting")
        assert await until(pilot, lambda: app.connection.state == "live" and second["id"] in home, turns=400)
        assert first["id"] in home
        keys = list(home.keys())
        assert len(keys) == len(set(keys))               # nothing doubled
        assert states[:1] == ["connecting"] and "reconnecting" in states and states[-1] == "live"


async def test_a_revoked_token_goes_offline_without_retrying(fresh_instance):
    instance = fresh_instance()
    app = app_for(instance)
    async with app.run_test(size=(100, 40)) as pilot:
        await ready(pilot)
        token = instance.tokens["demo"]
        instance.state.revoke_token(token) if hasattr(instance.state, "revoke_token") else \
            instance.state.tokens.pop(token)
        drop_all(instance.state)
        assert await until(pilot, lambda: app.connection.state == "offline", turns=400)
        assert "offline" in app.screen.query_one(StatusBar).text().plain


async def test_a_stream_that_keeps_failing_is_covered_by_polling_until_it_is_back(fresh_instance):
    instance = fresh_instance()
    app = app_for(instance, stream_options={"backoff_initial": 0.05, "backoff_max": 0.1, "backoff_jitter": 0.0})
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        assert app.poller is None
        instance.faults.add("drop", stream="*", times=4)      # the next four connections drop at once
        drop_all(instance.state)
        assert await until(pilot, lambda: app.poller is not None, turns=400)
        assert app.polling_temporary and app.connection.state == "reconnecting"
        assert "polling meanwhile" in app.screen.query_one(StatusBar).text().plain
        assert await until(pilot, lambda: app.connection.state == "live" and app.poller is None, turns=400)
        posted = server(instance, "alice").status_post("live again")
        assert await until(pilot, lambda: posted["id"] in app.screen.timeline)


async def test_a_stream_that_ends_without_a_reason_hands_over_to_polling(fresh_instance):
    """Whatever ends the session (here the session is closed under the worker), timelines keep updating."""
    instance = fresh_instance()
    app = app_for(instance)
    async with app.run_test(size=(100, 40)) as pilot:
        await ready(pilot)
        await app.stream_worker.session.aclose()
        assert await until(pilot, lambda: app.connection.state == "polling" and app.poller is not None)
        assert not app.polling_temporary


async def test_statuses_posted_before_the_stream_started_are_not_lost(fresh_instance):
    """The first page is loaded before the stream starts; what is posted in between arrives through the stream's
    first gap fill, which starts at the newest status the screen shows."""
    instance = fresh_instance()
    alice = server(instance, "alice")
    app = app_for(instance, streaming=False)   # stream started by hand below, after the posts
    async with app.run_test(size=(100, 40)) as pilot:
        await ready(pilot)
        await app.poller.stop()
        app.poller = None
        home = app.screen.timeline
        between = [alice.status_post(f"posted before the stream started {n}") for n in range(3)]
        assert all(s["id"] not in home for s in between)
        app.start_streaming()
        assert await until(pilot, lambda: app.connection.state == "live")
        assert await until(pilot, lambda: all(s["id"] in home for s in between))
