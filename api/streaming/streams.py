"""Naming one stream: its subscribe message, its SSE path, how the server labels its events, and which REST
timeline fills a gap in it."""
from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from ..errors import MastodonIllegalArgumentError

# stream name -> SSE path under /api/v1/streaming/
SSE_PATHS = {
    "user": "user",
    "user:notification": "user/notification",
    "public": "public",
    "public:local": "public/local",
    "public:remote": "public/remote",
    "public:media": "public?only_media=true",
    "public:local:media": "public/local?only_media=true",
    "public:remote:media": "public/remote?only_media=true",
    "hashtag": "hashtag",
    "hashtag:local": "hashtag/local",
    "list": "list",
    "direct": "direct",
}


@dataclass(frozen=True)
class StreamSpec:
    name: str
    tag: str | None = None        # hashtag streams, without '#', as the user typed it
    list_id: str | None = None    # list streams

    def __post_init__(self) -> None:
        if self.name not in SSE_PATHS:
            raise MastodonIllegalArgumentError(f"unknown stream {self.name!r}; one of {', '.join(SSE_PATHS)}")
        if self.name.startswith("hashtag"):
            tag = str(self.tag or "").strip().lstrip("#")
            if not tag:
                raise MastodonIllegalArgumentError("a hashtag stream needs a tag")
            object.__setattr__(self, "tag", tag)
        elif self.tag is not None:
            raise MastodonIllegalArgumentError(f"stream {self.name!r} takes no tag")
        if self.name == "list":
            if self.list_id is None or not str(self.list_id).strip():
                raise MastodonIllegalArgumentError("a list stream needs a list id")
            object.__setattr__(self, "list_id", str(self.list_id).strip())
        elif self.list_id is not None:
            raise MastodonIllegalArgumentError(f"stream {self.name!r} takes no list id")

    def __str__(self) -> str:
        extra = self.tag if self.tag is not None else self.list_id
        return f"{self.name}:{extra}" if extra is not None else self.name

    @property
    def key(self) -> tuple:
        """Identity for matching the server's labels: tags compare case-insensitively, as Mastodon's do."""
        return (self.name, (self.tag or "").lower() or self.list_id)

    def subscribe_message(self, kind: str = "subscribe") -> dict:
        message = {"type": kind, "stream": self.name}
        if self.tag is not None:
            message["tag"] = self.tag
        if self.list_id is not None:
            message["list"] = self.list_id
        return message

    def sse_path(self) -> str:
        path = "/api/v1/streaming/" + SSE_PATHS[self.name]
        sep = "&" if "?" in path else "?"
        if self.tag is not None:
            path += f"{sep}tag={quote(self.tag, safe='')}"
        elif self.list_id is not None:
            path += f"{sep}list={quote(self.list_id, safe='')}"
        return path


def as_spec(value, tag: str | None = None, list_id=None) -> StreamSpec:
    """Accept a StreamSpec, a name ("public:local"), "hashtag:NAME"-style shorthands, or a (name, arg) pair."""
    if isinstance(value, StreamSpec):
        return value
    if isinstance(value, tuple) and len(value) == 2:
        value, arg = value
        if str(value).startswith("hashtag"):
            tag = arg
        else:
            list_id = arg
    name = str(value)
    if name not in SSE_PATHS and tag is None and list_id is None:
        for prefix in ("hashtag:local:", "hashtag:", "list:"):  # shorthands: "hashtag:python", "list:12"
            if name.startswith(prefix) and len(name) > len(prefix):
                name, arg = prefix[:-1], name[len(prefix):]
                if name == "list":
                    list_id = arg
                else:
                    tag = arg
                break
    return StreamSpec(name, tag, str(list_id) if list_id is not None else None)


def spec_from_wire(labels, specs) -> StreamSpec | None:
    """The subscribed spec an event's `stream` array ("hashtag", "Foo") belongs to, or None."""
    if not isinstance(labels, list) or not labels or not all(isinstance(x, str) for x in labels):
        return None
    name = labels[0]
    arg = labels[1] if len(labels) > 1 else None
    for spec in specs:
        if spec.name != name:
            continue
        if spec.tag is not None and (arg or "").lower() != spec.tag.lower():
            continue
        if spec.list_id is not None and arg != spec.list_id:
            continue
        return spec
    return None


# name -> [(kind, REST method name, keyword arguments)] that page newer items with min_id
def backfill_sources(spec: StreamSpec) -> list[tuple[str, str, dict]]:
    name = spec.name
    if name == "user":
        return [("status", "timeline_home", {}), ("notification", "notifications", {})]
    if name == "user:notification":
        return [("notification", "notifications", {})]
    if name.startswith("public"):
        kwargs = {"local": "local" in name, "remote": "remote" in name, "only_media": name.endswith(":media")}
        return [("status", "timeline_public", {k: v for k, v in kwargs.items() if v})]
    if name.startswith("hashtag"):
        return [("status", "timeline_hashtag", {"hashtag": spec.tag, "local": name == "hashtag:local"})]
    if name == "list":
        return [("status", "timeline_list", {"id": spec.list_id})]
    return []  # direct: conversations page by ids that are not status ids; nothing to backfill by min_id
