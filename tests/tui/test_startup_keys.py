"""Keys typed while the app starts are applied in order (QA F-startup-esc): `?` then Escape before the first
screen has finished loading leaves no Help open, on any screen it was opened on; and Help pages with space."""
from __future__ import annotations

from textual import events

from app.screens.help import HelpScreen
from tests.tui.support import app_for, ready, until


def _type(app, *keys) -> None:
    """What the terminal driver does: every key posted to the App at once, none waiting for the screens (the
    pilot's press() waits for each key to be processed, which hides the race)."""
    chars = {"question_mark": "?", "escape": "\x1b"}
    for key in keys:
        app.post_message(events.Key(key, chars.get(key, key)))


def _helps(app) -> dict:
    return {mode: sum(isinstance(s, HelpScreen) for s in stack) for mode, stack in app._screen_stacks.items()}


async def test_help_then_escape_during_startup(instance):
    app = app_for(instance, streaming=False)
    async with app.run_test(size=(100, 30)) as pilot:
        _type(app, "question_mark", "escape", "2", "3", "question_mark", "escape", "1")
        await ready(pilot, live=False)
        await pilot.pause(0.2)
        assert not isinstance(app.screen, HelpScreen)
        assert app.current_mode == "home"
        assert sum(_helps(app).values()) == 0, _helps(app)


async def test_help_then_escape_immediately_after_mount(instance):
    """The narrowest window: both keys queued before the Help screen has processed a single message."""
    app = app_for(instance, streaming=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot, live=False)
        _type(app, "question_mark", "escape")
        await pilot.pause(0.1)
        assert sum(_helps(app).values()) == 0, _helps(app)


async def test_escape_read_together_with_the_next_key(instance):
    """ESC and the next byte read at once reach the app as "alt+2": Escape then 2, in order."""
    app = app_for(instance, streaming=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot, live=False)
        _type(app, "question_mark")
        app.post_message(events.Key("trade_mark_sign", "™"))  # what Textual makes of ESC 2
        assert await until(pilot, lambda: app.current_mode == "notifications")
        await pilot.pause(0.1)
        assert sum(_helps(app).values()) == 0, _helps(app)
        await pilot.press("1")
        assert await until(pilot, lambda: app.current_mode == "home")
        _type(app, "question_mark")
        app.post_message(events.Key("alt+2", "2"))
        assert await until(pilot, lambda: app.current_mode == "notifications")
        await pilot.pause(0.1)
        assert sum(_helps(app).values()) == 0, _helps(app)
        _type(app, "question_mark")
        app.post_message(events.Key("alt+shift+w", "W"))  # Escape, then W (drafts)
        assert await until(pilot, lambda: type(app.screen).__name__ == "DraftsScreen")
        assert sum(_helps(app).values()) == 0, _helps(app)


async def test_space_pages_help(instance):
    app = app_for(instance, streaming=False)
    async with app.run_test(size=(100, 20)) as pilot:
        await ready(pilot, live=False)
        await pilot.press("question_mark")
        assert await until(pilot, lambda: isinstance(app.screen, HelpScreen))
        scroller = app.screen.query_one("#help")
        await pilot.pause()
        assert scroller.scroll_y == 0
        await pilot.press("space")
        assert await until(pilot, lambda: scroller.scroll_y > 0)
