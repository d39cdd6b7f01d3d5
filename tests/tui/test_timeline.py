"""The home timeline against the local instance: what the server holds is what is shown; statuses posted
elsewhere arrive live over the stream; new statuses never move what the reader is looking at."""
from __future__ import annotations

from app.messages import ConnectionState, TimelineEvents
from app.screens.timeline import TimelineScreen
from tests.tui.support import app_for, ready, server, until


async def test_home_shows_the_servers_home_timeline(instance):
    expected = [s["id"] for s in server(instance).timeline_home(limit=40)]
    app = app_for(instance)
    async with app.run_test(size=(100, 40)) as pilot:
        await ready(pilot)
        screen = app.screen
        assert isinstance(screen, TimelineScreen) and screen.source.key == "home"
        assert list(screen.timeline.keys()) == expected
        assert screen.timeline.selected_key == expected[0]
        assert app.service.me["username"] == "demo"


async def test_a_status_posted_elsewhere_arrives_live_without_moving_the_reader(instance):
    seen: list = []
    app = app_for(instance)
    async with app.run_test(size=(100, 40), message_hook=seen.append) as pilot:
        await ready(pilot)
        assert app.connection.state == "live"
        timeline = app.screen.timeline
        await pilot.press("j", "j", "j")
        reading = timeline.selected_key
        top_before = timeline.scroll_y
        posted = server(instance, "alice").status_post("live from alice, for the pilot test")
        assert await until(pilot, lambda: posted["id"] in timeline)
        assert next(iter(timeline.keys())) == posted["id"]      # newest at the top...
        assert timeline.selected_key == reading                 # ...but the cursor stayed
        assert timeline.new_count >= 1 and app.screen.new_count >= 1
        assert timeline.scroll_y >= top_before                  # the viewport was anchored, not pushed
        batches = [m for m in seen if isinstance(m, TimelineEvents)]
        assert any(posted["id"] in [s["id"] for s in m.statuses.get("home", [])] for m in batches)
        assert any(isinstance(m, ConnectionState) and m.state == "live" for m in seen)
        await pilot.press("g")
        assert timeline.selected_key == posted["id"] and timeline.new_count == 0


async def test_deleted_status_disappears_live(instance):
    alice = server(instance, "alice")
    doomed = alice.status_post("this one will be deleted")
    app = app_for(instance)
    async with app.run_test(size=(100, 40)) as pilot:
        await ready(pilot)
        timeline = app.screen.timeline
        assert await until(pilot, lambda: doomed["id"] in timeline)
        alice.status_delete(doomed["id"])
        assert await until(pilot, lambda: doomed["id"] not in timeline)


async def test_older_pages_load_as_the_reader_scrolls(instance):
    app = app_for(instance)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.action_show("local")
        await ready(pilot)
        screen = app.screen
        assert screen.source.key == "local"
        first = len(screen.timeline)
        expected_total = len(server(instance).timeline_local(limit=40))
        assert first == expected_total
        await pilot.press("G")
        await until(pilot, lambda: screen.exhausted or len(screen.timeline) > first)
        if first == 40:  # the small seed may hold fewer: then there is nothing older to load
            assert len(screen.timeline) > first
        else:
            assert screen.exhausted


async def test_digits_switch_screens_and_each_keeps_its_place(instance):
    app = app_for(instance)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        home = app.screen
        await pilot.press("j", "j")
        reading = home.timeline.selected_key
        await pilot.press("3")
        assert await until(pilot, lambda: getattr(app.screen, "source", None) is not None
                           and app.screen.source.key == "local" and app.screen.loaded)
        await pilot.press("2")
        assert await until(pilot, lambda: type(app.screen).__name__ == "NotificationsScreen")
        await pilot.press("1")
        assert await until(pilot, lambda: app.screen is home)
        assert home.timeline.selected_key == reading
        assert app.open_keys[:3] == ["home", "local", "notifications"]
        await pilot.press("tab")
        assert await until(pilot, lambda: app.screen is not home and app.current_mode == "local")


async def test_hashtag_timeline_opens_from_the_palette_action_and_is_live(instance):
    app = app_for(instance)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        app.action_show("tag:python")
        assert await until(pilot, lambda: getattr(app.screen, "loaded", False)
                           and app.screen.source.key == "tag:python")
        screen = app.screen
        expected = [s["id"] for s in server(instance).timeline_hashtag("python", limit=40)]
        assert list(screen.timeline.keys()) == expected
        assert await until(pilot, lambda: "hashtag:python" in app.stream_worker.streams)
        await pilot.pause(0.3)  # let the subscription reach the server
        posted = server(instance, "bob").status_post("more about #python today")
        assert await until(pilot, lambda: posted["id"] in screen.timeline)
