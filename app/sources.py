"""What a timeline screen shows and where it comes from: a `Source` names the REST call that pages it, the
stream that keeps it live, and the key the App uses to route live events and to save read positions.

    Source.parse("home"), Source.parse("tag:python"), Source.parse("list:12"), Source.parse("account:109")
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Source:
    key: str                      # "home", "local", "public", "tag:NAME", "list:ID", "bookmarks", ...
    title: str
    method: str                   # the AsyncMastodon method that pages it (newest first)
    args: tuple = ()
    kwargs: tuple = ()            # (name, value) pairs, frozen so a Source can key a dict
    stream: str | None = None     # the stream that feeds it live ("user", "public:local", "hashtag:NAME", ...)
    marker: str | None = None     # the markers API timeline ("home", "notifications") that saves the read position
    kind: str = "status"          # "status" | "conversation"
    pollable: bool = True         # may be polled for new items when there is no stream
    extra: dict = field(default_factory=dict, compare=False, hash=False)

    def call_kwargs(self, **more) -> dict:
        return {**dict(self.kwargs), **more}

    @staticmethod
    def parse(key: str, title: str | None = None) -> "Source":
        key = key.strip()
        if key in FIXED:
            return FIXED[key]
        kind, _, arg = key.partition(":")
        if not arg:
            raise ValueError(f"unknown timeline {key!r}")
        if kind == "tag":
            tag = arg.lstrip("#")
            return Source(f"tag:{tag.lower()}", title or f"#{tag}", "timeline_hashtag", (tag,),
                          stream=f"hashtag:{tag}")
        if kind == "list":
            return Source(f"list:{arg}", title or f"List {arg}", "timeline_list", (arg,), stream=f"list:{arg}")
        if kind in ("account", "account-replies", "account-media"):
            kwargs = {"account": (("exclude_replies", True),), "account-replies": (),
                      "account-media": (("only_media", True),)}[kind]
            return Source(key, title or "Statuses", "account_statuses", (arg,), kwargs, pollable=False)
        raise ValueError(f"unknown timeline {key!r}")


FIXED = {
    "home": Source("home", "Home", "timeline_home", stream="user", marker="home"),
    "local": Source("local", "Local", "timeline_local", stream="public:local"),
    "public": Source("public", "Federated", "timeline_public", stream="public"),
    "bookmarks": Source("bookmarks", "Bookmarks", "bookmarks", pollable=False),
    "favourites": Source("favourites", "Favourites", "favourites", pollable=False),
    "conversations": Source("conversations", "Direct messages", "conversations", stream="direct",
                            kind="conversation"),
}
