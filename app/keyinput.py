"""Escape followed at once by another key is two keys, not one "alt+key".

A terminal sends Escape as a lone ESC byte; Textual's input parser reads ESC and the next byte together as
alt+<key> when both are already waiting (fast typing, a script, or the app busy starting up: QA F-startup-esc,
where `?` Escape `2` left Help open and the `2` lost). tootty binds no alt+<character> key, so such a key
from the terminal is split back into Escape and the key, in order.
"""
from __future__ import annotations

from textual import events


def split_alt(key: str, character: str | None) -> tuple[str, str | None] | None:
    """The key that followed Escape for a parsed "alt+<character>", or None when `key` is not one."""
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
            split = split_alt(event.key, event.character)
            if split is not None and not self._wants_alt(event.key):
                await super().on_event(events.Key("escape", "\x1b"))
                await super().on_event(events.Key(*split))
                return
        await super().on_event(event)

    def _wants_alt(self, key: str) -> bool:
        try:
            return key in self.screen.active_bindings
        except Exception:  # noqa: BLE001 - no screen yet: nothing binds it
            return False
