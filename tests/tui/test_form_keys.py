"""Typing in a form never runs an app-wide command (QA F-compose-q, F-compose-esc-focus), against the local
instance: with focus on a checkbox, a select or nothing, `q` does not quit, `n` does not open a second compose,
a digit does not switch screen, and the footer does not offer them; after "Close this post?" -> back to
writing, the text area has the focus again."""
from __future__ import annotations

from textual.widgets import Checkbox, Select, TextArea

from app.screens.compose import ComposeScreen
from app.screens.compose_parts import CloseDraftDialog
from tests.tui.support import app_for, ready, until


def _composes(app) -> int:
    return sum(isinstance(s, ComposeScreen) for s in app.screen_stack)


async def _open_compose(pilot):
    app = pilot.app
    await ready(pilot, live=False)
    await pilot.press("n")
    assert await until(pilot, lambda: isinstance(app.screen, ComposeScreen))
    await pilot.press(*"second test")
    assert app.screen.query_one("#compose-body", TextArea).text == "second test"
    return app.screen


async def test_printable_keys_on_form_controls_do_nothing_app_wide(instance):
    app = app_for(instance, streaming=False)
    async with app.run_test(size=(160, 40)) as pilot:
        compose = await _open_compose(pilot)
        for control in (compose.query_one("#compose-sensitive", Checkbox),
                        compose.query_one("#compose-visibility", Select), None):
            if control is None:
                compose.set_focus(None)
            else:
                control.focus()
            await pilot.pause()
            shown = {b.binding.action for b in compose.active_bindings.values() if b.binding.show}
            assert not shown & {"quit", "compose", "help"}, shown
            await pilot.press("q", "n", "2", "question_mark", "W", "slash")
            await pilot.pause()
            assert app.is_running and app.screen is compose and _composes(app) == 1
        # control keys still work: the form's own ctrl+t, and escape asks before closing
        await pilot.press("escape")
        assert await until(pilot, lambda: isinstance(app.screen, CloseDraftDialog))


async def test_back_to_writing_focuses_the_text_again(instance):
    app = app_for(instance, streaming=False)
    async with app.run_test(size=(120, 36)) as pilot:
        compose = await _open_compose(pilot)
        compose.query_one("#compose-sensitive", Checkbox).focus()
        await pilot.press("escape")
        assert await until(pilot, lambda: isinstance(app.screen, CloseDraftDialog))
        await pilot.press("escape")
        assert await until(pilot, lambda: app.screen is compose)
        await pilot.pause()
        assert compose.focused is not None
        compose.set_focus(None)
        await pilot.press("escape")
        assert await until(pilot, lambda: isinstance(app.screen, CloseDraftDialog))
        await pilot.press("escape")
        assert await until(pilot, lambda: app.screen is compose)
        await pilot.pause()
        assert compose.focused is compose.query_one("#compose-body", TextArea)
        await pilot.press(*" more")
        assert compose.query_one("#compose-body", TextArea).text.endswith("more")


async def test_quitting_over_unsent_words_asks_and_keeps_them(instance, tmp_path):
    from app.drafts import DraftStore
    from app.screens.dialogs import ConfirmScreen

    store = DraftStore(tmp_path / "drafts")
    app = app_for(instance, streaming=False, drafts=store)
    async with app.run_test(size=(120, 36)) as pilot:
        compose = await _open_compose(pilot)
        await pilot.press("ctrl+q")
        assert await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("n")
        assert await until(pilot, lambda: app.screen is compose) and app.is_running
        await pilot.press("ctrl+q")
        assert await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("y")
        assert await until(pilot, lambda: not app.is_running)
    assert [d.text for d in store.list()] == ["second test"]
