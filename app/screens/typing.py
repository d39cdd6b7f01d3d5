"""Screens where the user types (compose, login): printable keys are never app-wide commands there.

The App binds single printable keys (`q` quit, `n` new post, digits switch screens, `?`, `/`, `W`, `H`). On a
form, focus often sits on a control that does not take text (a checkbox, a select, a button); Textual then
offers the key to the App's bindings, and a `q` meant for the schedule field quit the app, `2` switched screen,
`n` opened a second compose over the first. A screen claims every printable key here (Textual's
`check_consume_key` drops the App's bindings for keys a namespace consumes), so such a key does nothing but
what the focused control does with it, and those bindings leave the footer. Control keys (ctrl+s, ctrl+q,
escape) still work.
"""
from __future__ import annotations

import string

from textual.keys import _character_to_key

# Textual cannot name the character of some keys ("slash" gives None), so an Input lets `/` reach the App;
# the printable ASCII characters by key name fill that gap.
_PRINTABLE = {_character_to_key(c): c for c in string.printable if c.isprintable()}


class ClaimsTyping:
    """Mixin for a Screen: the App's printable-key bindings are inactive while this screen is shown."""

    def check_consume_key(self, key: str, character: str | None) -> bool:
        character = character or _PRINTABLE.get(key)
        return character is not None and len(character) == 1 and character.isprintable()


def asked_before_quitting(app, quit) -> bool:
    """Quitting (ctrl+q) over a compose with unsent words asks first, as closing it does; on yes the words are
    saved as a draft and `quit()` (a coroutine function) runs. True when the question was put."""
    from app.screens.compose import ComposeScreen
    from app.screens.dialogs import ConfirmScreen

    screen = app.screen
    if not isinstance(screen, ComposeScreen):
        return False
    try:
        unsent = screen.worth_keeping(screen.collect())
    except Exception:  # noqa: BLE001 - a form that cannot be read must not keep anyone from quitting
        return False
    if not unsent:
        return False

    def answered(yes: bool | None) -> None:
        if yes:
            screen.save_now()
            app.call_later(quit)

    app.push_screen(ConfirmScreen("Quit tootty? The unsent post is kept as a draft.", "Quit"),
                    answered)
    return True
