"""The App with its stream live, under stream drops, a 429 storm and a token revoked mid-session: it says what
is happening, answers keys throughout, and loses no status, no notification and no typed word."""
from __future__ import annotations

from datetime import datetime, timezone

from textual.widgets import TextArea

from app.drafts import DraftStore
from demo.clock import FakeClock
from tests.faults.support import answers_keys, bar_text, faulty_app, ready, toasts_saying
from tests.tui.support import server, until


def notification_ids(app) -> list[str]:
    screen = next(s for s in app.live_screens() if getattr(s, "polls_notifications", False))
    return list(screen.timeline.keys())


async def test_repeated_stream_drops_lose_no_status_and_no_notification(fresh_instance):
    instance = fresh_instance()
    app = faulty_app(instance)
    bars: list[str] = []
    async with app.run_test(size=(110, 36)) as pilot:
        await ready(pilot)
        await pilot.press("2")                                   # open notifications, so both screens are live
        assert await until(pilot, lambda: getattr(app.screen, "loaded", False))
        await pilot.press("1")
        home = app.screen.timeline
        # The live connection drops at its next event, and the next two reconnects are cut at once too.
        instance.faults.add("drop", stream="*", times=3)
        alice = server(instance, "alice")
        mention = alice.status_post("@demo are you there? (written as the stream drops)")
        plain = server(instance, "bob").status_post("written while the app reconnects")

        def seen_reconnecting() -> bool:
            bars.append(bar_text(app))
            return "reconnecting" in bars[-1]
        assert await until(pilot, seen_reconnecting, turns=400), bars[-3:]
        await answers_keys(pilot)
        assert await until(pilot, lambda: app.connection.state == "live" and plain["id"] in home
                           and mention["id"] in home, turns=600), (app.connection, bars[-3:])
        keys = list(home.keys())
        assert keys.count(plain["id"]) == 1 and keys.count(mention["id"]) == 1 and len(keys) == len(set(keys))
        wanted = server(instance, "demo").notifications(types=["mention"], limit=1)[0]["id"]
        assert await until(pilot, lambda: wanted in notification_ids(app), turns=400)
        assert notification_ids(app).count(wanted) == 1
        assert "live" in bar_text(app)
        assert not toasts_saying(app, "unexpected"), app.toasts


async def test_a_429_storm_is_waited_out_and_shown_in_the_bar(fresh_instance):
    """A budget of 6 calls per 5 minutes, soon spent by starting the App and refreshing. The client waits each
    429 out (on the instance's clock, so no real time passes), the bar shows the empty budget while it waits,
    and the user's own refresh still goes through."""
    clock = FakeClock(datetime(2026, 3, 1, 12, 0, 5, tzinfo=timezone.utc))
    instance = fresh_instance(clock=clock, rate_limit=6, rate_window=300.0)
    waits: list[tuple[float, str]] = []
    app = None

    async def sleep(seconds: float) -> None:
        shown = ""
        try:
            shown = bar_text(app)
        except Exception:  # noqa: BLE001 - before the first screen is up
            pass
        waits.append((seconds, shown))
        clock.advance(seconds)

    app = faulty_app(instance, clock=lambda: clock.now().timestamp(), sleep=sleep)
    async with app.run_test(size=(110, 36)) as pilot:
        await ready(pilot)
        for _ in range(12):                                      # the user keeps refreshing into the limit
            if waits:
                break
            await pilot.press(".")
            await until(pilot, lambda: not app.screen.workers or waits, turns=100)
        assert waits, "the refreshes should have met the rate limit"
        assert any("budget 0/6" in shown for _, shown in waits), waits
        assert all(0 < seconds <= 300 for seconds, _ in waits)
        new = server(instance, "alice").status_post("seen after the storm")
        await pilot.press(".")
        assert await until(pilot, lambda: new["id"] in app.screen.timeline, turns=400)
        await answers_keys(pilot)
        assert list(app.screen.timeline.keys()).count(new["id"]) == 1
        assert not toasts_saying(app, "unexpected") and not toasts_saying(app, "went wrong"), app.toasts


async def test_a_token_revoked_mid_session_keeps_the_typed_post(fresh_instance, tmp_path, monkeypatch):
    monkeypatch.setenv("TOOTTY_DATA_DIR", str(tmp_path / "data"))
    instance = fresh_instance()
    store = DraftStore(tmp_path / "drafts")
    app = faulty_app(instance, drafts=store)
    async with app.run_test(size=(110, 36)) as pilot:
        await ready(pilot)
        token = instance.tokens["demo"]
        instance.state.tokens[token].revoked = True
        from demo.streaming_conn import drop_all
        drop_all(instance.state)
        await pilot.press(".")
        assert await until(pilot, lambda: toasts_saying(app, "no longer accepts this login"), turns=400), \
            app.toasts
        assert await until(pilot, lambda: app.connection.state == "offline", turns=400)
        assert "offline" in bar_text(app)
        assert any("tootty login" in t for t in app.toasts)         # and what to do about it
        await answers_keys(pilot)
        await pilot.press("n")
        assert await until(pilot, lambda: bool(app.screen.query("#compose-body")))
        words = "every word of this survives a revoked token"
        app.screen.query_one("#compose-body", TextArea).load_text(words)
        await pilot.press("ctrl+s")
        assert await until(pilot, lambda: any(words == d.text for d in store.list()), turns=400)
        assert app.screen.query_one("#compose-body", TextArea).text == words   # still in the form
        assert not [s for s in instance.state.statuses.values() if getattr(s, "text", "") == words]


async def test_posting_through_failures_posts_exactly_once_and_shows_it_once(fresh_instance, tmp_path, monkeypatch):
    """First a 503 (nothing posted: the text stays), then the server commits the post but the answer is lost
    (commit_then_drop): the retry carries the same Idempotency-Key, so the server holds it once, and the stream
    shows it once."""
    monkeypatch.setenv("TOOTTY_DATA_DIR", str(tmp_path / "data"))
    instance = fresh_instance()
    app = faulty_app(instance, drafts=DraftStore(tmp_path / "drafts"))
    words = "posted exactly once through a 503 and a lost answer"
    async with app.run_test(size=(110, 36)) as pilot:
        await ready(pilot)
        home = app.screen.timeline
        await pilot.press("n")
        assert await until(pilot, lambda: bool(app.screen.query("#compose-body")))
        app.screen.query_one("#compose-body", TextArea).load_text(words)
        instance.faults.add("503", "/api/v1/statuses", method="POST", match="exact")
        await pilot.press("ctrl+s")
        assert await until(pilot, lambda: not getattr(app.screen, "posting", False)
                           and bool(app.screen.query("#compose-body")), turns=400)
        assert app.screen.query_one("#compose-body", TextArea).text == words
        instance.faults.add("commit_then_drop", "/api/v1/statuses", method="POST", match="exact")
        await pilot.press("ctrl+s")
        mine = lambda: [s for s in instance.state.statuses.values() if getattr(s, "text", "") == words]  # noqa: E731
        assert await until(pilot, lambda: mine() and mine()[0].id in home, turns=600), app.toasts
        assert len(mine()) == 1
        assert list(home.keys()).count(mine()[0].id) == 1


async def test_a_silently_hung_stream_is_noticed_and_what_it_swallowed_arrives_once(fresh_instance):
    """The stream goes quiet without closing (no events, no pings: a black hole). The watchdog notices, the App
    says it is reconnecting, and the status posted into the silence arrives once after the reconnect."""
    from demo.streaming_conn import close_all, stall_all

    instance = fresh_instance()
    app = faulty_app(instance, stream_options={"watchdog": 1.0, "ping_interval": 0.2, "backoff_initial": 0.1,
                                               "backoff_max": 0.2, "backoff_jitter": 0.0})
    try:
        async with app.run_test(size=(110, 36)) as pilot:
            await ready(pilot)
            home = app.screen.timeline
            assert stall_all(instance.state, 60.0) >= 1
            swallowed = server(instance, "alice").status_post("posted into the silence")
            assert await until(pilot, lambda: "reconnecting" in bar_text(app) or app.connection.state
                               == "reconnecting", turns=600), app.connection
            await answers_keys(pilot)
            assert await until(pilot, lambda: app.connection.state == "live" and swallowed["id"] in home,
                               turns=800), app.connection
            assert list(home.keys()).count(swallowed["id"]) == 1
    finally:
        close_all(instance.state)  # the stalled connection ends before the instance stops


async def test_malformed_stream_events_are_skipped_and_the_stream_goes_on(fresh_instance):
    """The server's stream sends garbage (broken JSON, a status without an id, a notification that is a list):
    the App skips each, shows no error, stays live, and the next real status arrives."""
    instance = fresh_instance()
    app = faulty_app(instance)
    async with app.run_test(size=(110, 36)) as pilot:
        await ready(pilot)
        home = app.screen.timeline
        demo = instance.state.account_by_username("demo").id
        for event, payload in (("update", "{not json"), ("update", '{"content": "no id"}'),
                               ("notification", "[1, 2]"), ("delete", '{"id": {"nested": true}}'),
                               ("status.update", "null"), ("update", '"just a string"')):
            instance.state.hub.publish(("user", demo), event, payload)
        after = server(instance, "alice").status_post("the real one after the garbage")
        assert await until(pilot, lambda: after["id"] in home, turns=600), (app.toasts, app.connection)
        await answers_keys(pilot)
        assert app.connection.state == "live"
        assert not toasts_saying(app, "unexpected") and not toasts_saying(app, "went wrong"), app.toasts
        assert all(isinstance(key, str) and key for key in home.keys())
