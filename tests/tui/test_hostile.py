"""Hostile text from the server reaches the screen neutralised: escape sequences (including an OSC 52 clipboard
write) never reach the terminal, markup-looking text is shown literally, and a hostile display name in a
profile title or a toast is just text."""
from __future__ import annotations

from app.screens.profile import ProfileScreen
from tests.tui.support import app_for, ready, server, until

HOSTILE = "[bold red]not markup[/] \x1b]52;c;ZXZpbA==\x07 \x1b[2J\x1b[31mred\u202eevil\u202c *md* `code`"




async def test_hostile_status_and_name_are_shown_safely(fresh_instance):
    instance = fresh_instance()
    eve = server(instance, "eve")
    eve.account_update_credentials(display_name="[b]Eve[/b]\x1b]8;;x\x07\x1b[5m!")
    posted = eve.status_post(HOSTILE)
    app = app_for(instance)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        app.action_show("public")
        assert await until(pilot, lambda: getattr(app.screen, "loaded", False) and posted["id"] in app.screen.timeline)
        app.screen.timeline.select(posted["id"])
        await pilot.pause(0.2)
        svg = app.export_screenshot()
        assert "\x1b" not in svg and "\x07" not in svg and "\u202e" not in svg
        assert "[bold red]not markup[/]" in svg.replace("&#160;", " ")
        await pilot.press("p")
        assert await until(pilot, lambda: isinstance(app.screen, ProfileScreen) and app.screen.loaded)
        title = app.screen.query_one("#title").text_value.plain
        assert "\x1b" not in title and "[b]Eve[/b]" in title
        app.screen.action_block()  # the confirmation names the account: as plain text
        await pilot.pause(0.2)
        svg = app.export_screenshot()
        assert "\x1b" not in svg
