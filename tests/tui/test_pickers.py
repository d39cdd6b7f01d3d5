"""j/k move in the pickers as in the lists (QA F-filter-j), against the local instance: `2` `T` `j` `Enter`
chooses "Mentions", not the first row; `k` moves back."""
from __future__ import annotations

from app.screens.dialogs import ChoiceScreen
from app.screens.notifications import NotificationsScreen
from tests.tui.support import app_for, ready, until


async def test_j_and_k_in_the_notification_type_chooser(instance):
    app = app_for(instance, streaming=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot, live=False)
        await pilot.press("2")
        assert await until(pilot, lambda: isinstance(app.screen, NotificationsScreen) and app.screen.loaded)
        notifications = app.screen
        await pilot.press("T")
        assert await until(pilot, lambda: isinstance(app.screen, ChoiceScreen))
        await pilot.press("j", "j", "k", "enter")
        assert await until(pilot, lambda: app.screen is notifications)
        assert await until(pilot, lambda: "only mentions" in str(notifications.query_one("#title").render()))
