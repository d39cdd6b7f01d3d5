"""A content warning opened with `s` stays open for that status in its thread (QA F-thread-cw), and closing it
there closes it for the next screen too; against the local instance."""
from __future__ import annotations

from app.screens.thread import ThreadScreen
from tests.tui.support import app_for, ready, until


async def test_an_opened_warning_stays_open_in_the_thread(instance):
    app = app_for(instance, streaming=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot, live=False)
        home = app.screen.timeline
        for _ in range(60):
            item = home.selected_item
            status = item.get("reblog") or item
            if status.get("spoiler_text"):
                break
            await pilot.press("j")
        else:
            raise AssertionError("no status with a content warning on Home")
        assert not home.is_expanded(home.selected_key)
        await pilot.press("s")
        assert home.is_expanded(home.selected_key)
        await pilot.press("t")
        assert await until(pilot, lambda: isinstance(app.screen, ThreadScreen) and status["id"] in app.screen.timeline)
        thread = app.screen.timeline
        assert thread.is_expanded(status["id"])
        thread.select(status["id"])
        await pilot.press("s")  # closed here: closed for the next screen that shows it
        assert not thread.is_expanded(status["id"])
        await pilot.press("escape")
        await pilot.press("t")
        assert await until(pilot, lambda: isinstance(app.screen, ThreadScreen) and status["id"] in app.screen.timeline)
        assert not app.screen.timeline.is_expanded(status["id"])
