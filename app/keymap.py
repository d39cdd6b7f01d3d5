"""The [keys] table of the config file against the bindings that really exist.

    overrides, warnings = user_keymap(config)     # overrides go to App.set_keymap; warnings are shown at start

A binding id is known only to the class that defines it (app.quit, timeline.next, status.boost, ...), so the
valid ids are collected from every screen, dialog and widget class tootty has. Done only when the user has a
[keys] table: importing every screen costs start-up time otherwise spent for nothing.
"""
from __future__ import annotations

import importlib
import pkgutil

from app.config import key_overrides

# Modules whose classes define bindings; the screens package is walked whole, so a new screen is included.
_MODULES = ("app.main", "widgets.timeline", "widgets.timeline_view")


def binding_ids() -> set[str]:
    """Every binding id defined by a Textual class in tootty's modules."""
    import app.screens
    from textual.dom import DOMNode

    names = list(_MODULES) + [f"app.screens.{m.name}" for m in pkgutil.iter_modules(app.screens.__path__)]
    for name in names:
        try:
            importlib.import_module(name)
        except Exception:  # noqa: BLE001 - a screen that cannot load defines no keys today
            continue
    ids: set[str] = set()
    stack = [DOMNode]
    seen: set[type] = set()
    while stack:
        cls = stack.pop()
        if cls in seen:
            continue
        seen.add(cls)
        stack.extend(cls.__subclasses__())
        if not cls.__module__.startswith(("app.", "widgets.")):
            continue
        for binding in cls.__dict__.get("BINDINGS", ()):
            binding_id = getattr(binding, "id", None)
            if binding_id:
                ids.add(binding_id)
    return ids


def user_keymap(config) -> tuple[dict[str, str], list[str]]:
    """(overrides for ids that exist, a warning for each id that does not) from `config.keys`."""
    keys = getattr(config, "keys", None) or {}
    if not keys:
        return {}, []
    return key_overrides(config, dict.fromkeys(binding_ids()))
