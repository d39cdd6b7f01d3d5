"""The command palette (ctrl+p): every screen by name, your lists, "open #tag" and "search for ..." from
whatever is typed, and the actions that have no single key worth remembering."""
from __future__ import annotations

from functools import partial

from rich.text import Text
from widgets.sanitize import sanitize_plain
from textual.command import DiscoveryHit, Hit, Hits, Provider

SCREENS = [
    ("home", "Home timeline"), ("notifications", "Notifications"), ("local", "Local timeline"),
    ("public", "Federated timeline"), ("conversations", "Direct messages"), ("bookmarks", "Bookmarks"),
    ("favourites", "Favourites"), ("follow_requests", "Follow requests"), ("search", "Search"),
]


class TootCommands(Provider):
    def _commands(self) -> list[tuple[str, object, str]]:
        app = self.app
        digits = {v: k for k, v in __import__("app.main", fromlist=["SCREEN_KEYS"]).SCREEN_KEYS.items()}
        out = [(f"Open {label}", partial(app.action_show, key),
                f"key {digits[key]}" if key in digits else "") for key, label in SCREENS]
        for item in getattr(app, "user_lists", []) or []:
            title = sanitize_plain(item.get("title") or item.get("id"), max_len=80)
            out.append((f"Open list: {title}", partial(app.open_timeline, f"list:{item.get('id')}", title), ""))
        out.append(("Open hashtag…", app.action_open_hashtag, "key H"))
        out.append(("My profile", lambda: app.open_profile(app.service.me) if app.service.me else None, ""))
        out.append(("Keys and help", app.action_help, "key ?"))
        out.append(("New post", app.action_compose, "key n"))
        for key in getattr(app, "open_keys", []):
            if key.startswith(("tag:", "list:", "account")):
                out.append((f"Switch to {key}", partial(app.action_show, key), "already open"))
        return out

    async def discover(self) -> Hits:
        for text, command, help_text in self._commands():
            yield DiscoveryHit(Text(text), command, text=text, help=help_text or None)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, command, help_text in self._commands():
            score = matcher.match(text)
            if score > 0:
                yield Hit(score, matcher.highlight(text), command, text=text, help=help_text or None)
        word = query.strip()
        if word:
            tag = word.lstrip("#").split()[0] if word.lstrip("#") else ""
            if tag:
                yield Hit(0.5, Text(f"Open hashtag #{tag}"), partial(self.app.action_show, f"tag:{tag}"),
                          text=f"Open hashtag #{tag}")
            yield Hit(0.4, Text(f"Search for {word!r}"), partial(self.app.search_for, word), text=f"Search for {word}")
