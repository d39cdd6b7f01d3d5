"""Home reopens at the saved read position with that status whole on the top line and selected (QA
F-first-paint-scroll: it was scrolled just far enough to show it on the last line, so the first line was the
tail of another status); without a saved position, at the top."""
from __future__ import annotations

from tests.tui.support import app_for, ready, server, until


async def test_home_reopens_with_the_marked_status_on_top(fresh_instance):
    instance = fresh_instance()
    home = server(instance).timeline_home(limit=40)
    server(instance).markers_set(["home"], [home[15]["id"]])
    app = app_for(instance, streaming=False, markers=True)
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(pilot, live=False)
        screen = app.screen
        assert await until(pilot, lambda: screen.restored)
        timeline = screen.timeline
        assert timeline.selected_key == home[15]["id"]
        await pilot.pause()
        entry = timeline._index.get(home[15]["id"])
        assert int(timeline.scroll_y) == timeline._index.top(entry)


async def test_home_without_a_position_opens_at_the_top(fresh_instance):
    instance = fresh_instance()
    app = app_for(instance, streaming=False, markers=True)
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(pilot, live=False)
        await pilot.pause(0.2)
        timeline = app.screen.timeline
        assert timeline.selected_index == 0 and timeline.scroll_y == 0
