"""Typed streaming events, and the parsing of one wire event into one of them.

What a consumer of `AsyncMastodon.stream()` receives:

    content      Update(stream, status)          a new status (`backfilled=True` when it came over REST)
                 Delete(stream, id)              a status was deleted
                 Notification(stream, notification)
                 StatusUpdate(stream, status)    a status was edited
                 Conversation(stream, conversation)
                 FiltersChanged(stream)          refetch filters
                 Unknown(stream, event, payload) any other event (announcements, future ones); payload parsed
                                                 when it is JSON, else the raw text
    liveness     Connected(transport, url)       (re)connected and every stream subscribed
                 Heartbeat(transport)            a keep-alive arrived (SSE comment, WebSocket pong)
                 Reconnecting(attempt, delay, error)   the connection was lost; next try in `delay` seconds
                 Backfilled(count, complete)     the gap after a reconnect was filled over REST
                 SubscriptionRefused(stream, status, error)  the server refused one stream (others go on)
                 Aborted(error)                  the stream ended for good (401, 403, no streaming); last event

`stream` is a `StreamSpec` (api/streaming/streams.py): `.name` ("user", "hashtag", ...), `.tag`, `.list_id`.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from ..entities import AttribAccessDict, loads, to_entity
from ..errors import MastodonMalformedEventError
from .streams import StreamSpec


@dataclass(frozen=True)
class Update:
    stream: StreamSpec
    status: AttribAccessDict
    backfilled: bool = False


@dataclass(frozen=True)
class Delete:
    stream: StreamSpec
    id: str


@dataclass(frozen=True)
class Notification:
    stream: StreamSpec
    notification: AttribAccessDict
    backfilled: bool = False


@dataclass(frozen=True)
class StatusUpdate:
    stream: StreamSpec
    status: AttribAccessDict


@dataclass(frozen=True)
class Conversation:
    stream: StreamSpec
    conversation: AttribAccessDict


@dataclass(frozen=True)
class FiltersChanged:
    stream: StreamSpec


@dataclass(frozen=True)
class Unknown:
    stream: StreamSpec | None
    event: str
    payload: Any = None


@dataclass(frozen=True)
class Connected:
    transport: str            # "websocket" or "sse"
    url: str                  # without any credential


@dataclass(frozen=True)
class Heartbeat:
    transport: str


@dataclass(frozen=True)
class Reconnecting:
    attempt: int
    delay: float
    error: BaseException | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Backfilled:
    count: int
    complete: bool = True     # False: more was missed than max_backfill allowed; refresh the timeline


@dataclass(frozen=True)
class SubscriptionRefused:
    stream: StreamSpec | None
    status: int | None
    error: str


@dataclass(frozen=True)
class Aborted:
    error: BaseException


CONTENT_EVENTS = (Update, Delete, Notification, StatusUpdate, Conversation, FiltersChanged, Unknown)

_ENTITY_EVENTS = {"update": Update, "status.update": StatusUpdate, "notification": Notification,
                  "conversation": Conversation}


def _malformed(event: str, why: str, payload: Any) -> MastodonMalformedEventError:
    preview = payload if not isinstance(payload, str) or len(payload) <= 120 else payload[:117] + "..."
    return MastodonMalformedEventError(f"malformed {event!r} event: {why}", event, preview)


def parse_event(stream: StreamSpec | None, event: str, payload: str | None):
    """One wire event (name and payload text) -> a typed event. Raises MastodonMalformedEventError when a known
    event's payload cannot be what it must be; unknown events never raise."""
    if not isinstance(event, str) or not event:
        raise _malformed(str(event), "no event name", payload)
    cls = _ENTITY_EVENTS.get(event)
    if cls is not None:
        if not isinstance(payload, str):
            raise _malformed(event, "no payload", payload)
        try:
            entity = loads(payload)
        except ValueError:
            raise _malformed(event, "payload is not JSON", payload) from None
        if not isinstance(entity, dict) or not isinstance(entity.get("id"), str) or not entity["id"]:
            raise _malformed(event, "payload is not an entity with an id", payload)
        return cls(stream, entity)
    if event == "delete":
        return Delete(stream, _bare_id(event, payload))
    if event == "filters_changed":
        return FiltersChanged(stream)
    return Unknown(stream, event, _maybe_json(payload))


def _bare_id(event: str, payload: Any) -> str:
    # Mastodon sends the id bare ("123"); some servers JSON-encode it ('"123"') or send a number.
    if isinstance(payload, str):
        text = payload.strip()
        if text.startswith('"'):
            try:
                text = json.loads(text)
            except ValueError:
                raise _malformed(event, "bad id", payload) from None
        if isinstance(text, str) and text and not any(c.isspace() for c in text) and len(text) <= 64:
            return text
    raise _malformed(event, "bad id", payload)


def _maybe_json(payload: Any) -> Any:
    if not isinstance(payload, str):
        return payload
    try:
        return to_entity(json.loads(payload))
    except ValueError:
        return payload
