"""Escape followed at once by another key is two keys, not one "alt+key".

A terminal sends Escape as a lone ESC byte; Textual's input parser reads ESC and the next byte together when
the next one follows quickly (fast typing, a script, the app busy starting up: QA F-startup-esc, where `?`
Escape `2` left Help open and the `2` lost): ESC+letter becomes alt+letter, and ESC+digit becomes the character
a Mac keyboard's Option+digit types (ESC 1 is "¡", ESC 2 is "™"). tootty binds no alt+<character> key and
none of those characters, so such a key is split back into Escape and the key, in order. The Option
characters are split only where no text is being typed (in a text field "£" is just "£").
(ESC followed by punctuation such as `?` reaches the app as the punctuation alone; that Escape cannot be told
apart any more.)
"""
from __future__ import annotations

from textual import events
from textual._ansi_sequences import ANSI_SEQUENCES_KEYS

# "¡" -> "1": what the parser makes of ESC + a character, back to the character.
_ESCAPED = {value: seq[1] for seq, value in ANSI_SEQUENCES_KEYS.items()
            if isinstance(value, str) and len(seq) == 2 and seq[0] == "\x1b" and len(value) == 1}


def split_alt(key: str, character: str | None, typing: bool = False) -> tuple[str, str | None] | None:
    """The key that followed Escape for a parsed "alt+<character>" (or, unless `typing`, an Option character
    such as "¡"), or None when `key` is not one."""
    if not typing and character in _ESCAPED:
        after = _ESCAPED[character]
        return after, after
    if not key.startswith("alt+"):
        return None
    rest = key[4:]
    if rest.startswith("shift+") and len(rest) == 7:
        rest = rest[6:].upper()
    if len(rest) != 1:
        return None
    return rest, character or rest


class SplitsEscape:
    """App mixin: input keys "alt+<character>" that no binding wants become Escape then the character."""

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key) and not event.is_forwarded:
            split = split_alt(event.key, event.character, typing=self._typing())
            if split is not None and not self._wants_alt(event.key):
                await super().on_event(events.Key("escape", "\x1b"))
                await super().on_event(events.Key(*split))
                return
        await super().on_event(event)

    def _typing(self) -> bool:
        from textual.widgets import Input, TextArea

        return isinstance(self.focused, (Input, TextArea))

    def _wants_alt(self, key: str) -> bool:
        try:
            return key in self.screen.active_bindings
        except Exception:  # noqa: BLE001 - no screen yet: nothing binds it
            return False
