"""Who is streaming and what: token lookup and stream-name resolution, shared by the WebSocket and SSE sides."""
from __future__ import annotations

from datetime import datetime

# Streams anyone may follow without a token; the rest belong to an account.
PUBLIC_STREAMS = {"public", "public:local", "public:remote", "public:media", "public:local:media",
                  "public:remote:media", "hashtag", "hashtag:local"}
ACCOUNT_STREAMS = {"user", "user:notification", "direct", "list"}
ALL_STREAMS = PUBLIC_STREAMS | ACCOUNT_STREAMS


class StreamRefused(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def knob(state, name: str, default: float) -> float:
    """A timing knob from the settings (a field or an `extra` entry), so tests can shorten it."""
    settings = state.settings
    value = getattr(settings, name, None)
    if value is None:
        value = (getattr(settings, "extra", None) or {}).get(name, default)
    return float(value)


def token_from(headers, query, subprotocols) -> str | None:
    """Authorization header first (what Mastodon prefers), then Sec-WebSocket-Protocol, then ?access_token."""
    auth = headers.get("authorization", "")
    if auth[:7].lower() == "bearer ":
        return auth[7:].strip() or None
    if subprotocols:
        return subprotocols[0]
    return query.get("access_token") or None


def authenticate(state, token: str | None) -> tuple[str | None, str | None]:
    """(account_id, token) for a valid token, (None, None) without one; StreamRefused(401) for a bad token."""
    if token is None:
        return None, None
    lookup = getattr(state, "token_info", None)  # the state's own check: revoked, expired, suspended
    if lookup is not None:
        record = lookup(token)
    else:
        record = state.tokens.get(token)
        expires = getattr(record, "expires_at", None)
        if record is not None and (record.revoked or isinstance(expires, datetime) and expires <= state.now()):
            record = None
    if record is None:
        raise StreamRefused(401, "Invalid access token")
    if record.account_id is None:
        return None, token  # an app token: public streams only
    return record.account_id, token


def resolve_stream(state, account_id: str | None, name: str, tag: str | None = None, list_id=None,
                   only_media: bool = False) -> tuple[tuple, list]:
    """(hub key, stream array as sent on the wire) for one stream, or StreamRefused."""
    if name in ("public", "public:local", "public:remote") and only_media:
        name += ":media"
    if name not in ALL_STREAMS:
        raise StreamRefused(400, "Unknown stream type")
    if name in ACCOUNT_STREAMS and account_id is None:
        raise StreamRefused(401, "Missing access token")
    if name in ("hashtag", "hashtag:local"):
        tag = (tag or "").strip().lstrip("#")
        if not tag:
            raise StreamRefused(400, "No tag for stream provided")
        return (name, tag.lower()), [name, tag]
    if name == "list":
        list_id = str(list_id or "").strip()
        lst = state.lists.get(list_id) if list_id else None
        if lst is None or lst.account_id != account_id:
            raise StreamRefused(401, "Not authorized to stream this list")
        return ("list", list_id), ["list", list_id]
    if name in ("user", "user:notification", "direct"):
        return (name, account_id), [name]
    return (name,), [name]
