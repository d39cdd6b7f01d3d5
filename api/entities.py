"""Entities: the API's JSON, as the seed promises (plain dicts and lists), readable as attributes too.

- Times (`created_at`, `edited_at`, ...) become aware datetimes; a value that is not a valid time is kept as it
  came, never an error (other servers send odd dates).
- `id` and `*_id` fields are strings even where a server sends integers.
- Unknown fields are kept; missing optional fields are tolerated: `status.get("card")` or `status.card` is
  simply None when absent.
"""
from __future__ import annotations

import json
from datetime import datetime, timezone
from typing import Any

DATE_FIELDS = frozenset({
    "created_at", "edited_at", "updated_at", "expires_at", "scheduled_at", "last_status_at", "starts_at",
    "ends_at", "published_at", "suspended_at", "last_read_at", "latest_page_notification_at", "period",
})


class AttribAccessDict(dict):
    """A dict whose keys can also be read as attributes. A missing attribute reads as None only for keys that
    are not there at all would hide typos, so it raises AttributeError like any object."""

    __slots__ = ()

    def __getattr__(self, name: str) -> Any:
        try:
            return self[name]
        except KeyError:
            raise AttributeError(f"entity has no attribute {name!r}") from None

    def __setattr__(self, name: str, value: Any) -> None:
        self[name] = value

    def __delattr__(self, name: str) -> None:
        try:
            del self[name]
        except KeyError:
            raise AttributeError(name) from None


class PagedDict(AttribAccessDict):
    """A dict result that pages (grouped notifications, for example): carries `_pagination_next` /
    `_pagination_prev` like a list result does, outside the dict's keys."""

    __slots__ = ("_pagination_next", "_pagination_prev")

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        object.__setattr__(self, "_pagination_next", None)
        object.__setattr__(self, "_pagination_prev", None)


class AttribAccessList(list):
    """A list result. Pages carry `_pagination_next` / `_pagination_prev` (dicts of query parameters and the
    path they apply to) for fetch_next / fetch_previous."""

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self._pagination_next: dict | None = None
        self._pagination_prev: dict | None = None

    def __getattr__(self, name: str) -> Any:
        raise AttributeError(name)


def parse_datetime(value: Any) -> Any:
    """ISO-8601 (with Z or offset, or a bare date) to an aware datetime; anything else is returned unchanged."""
    if isinstance(value, str) and 10 <= len(value) <= 40:
        text = value[:-1] + "+00:00" if value.endswith(("Z", "z")) else value
        try:
            parsed = datetime.fromisoformat(text)
        except ValueError:
            return value
        if parsed.tzinfo is None:
            parsed = parsed.replace(tzinfo=timezone.utc)
        return parsed
    return value


def _object_hook(obj: dict) -> AttribAccessDict:
    for key in DATE_FIELDS.intersection(obj):
        obj[key] = parse_datetime(obj[key])
    for key, value in obj.items():
        if type(value) is int and (key == "id" or key.endswith("_id")):
            obj[key] = str(value)
    return AttribAccessDict(obj)


def _wrap_lists(value: Any) -> Any:
    if type(value) is list:
        return AttribAccessList(value)
    return value


def loads(text: str | bytes) -> Any:
    """Parse a JSON response body into entities. Raises ValueError on invalid JSON."""
    return _wrap_lists(json.loads(text, object_hook=_object_hook))


def to_entity(value: Any) -> Any:
    """Convert already-decoded JSON (e.g. a streaming payload decoded elsewhere) into entities."""
    if isinstance(value, dict):
        return _object_hook({k: to_entity(v) for k, v in value.items()})
    if isinstance(value, list):
        return AttribAccessList(to_entity(v) for v in value)
    return value


def unpack_id(value: Any, field: str = "id") -> str:
    """Accept an id as str or int, or an entity dict holding one; always return the id as a string."""
    if isinstance(value, dict):
        if field in value:
            value = value[field]
        elif "id" in value:
            value = value["id"]
    if isinstance(value, bool) or value is None:
        from .errors import MastodonIllegalArgumentError
        raise MastodonIllegalArgumentError(f"not an id: {value!r}")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str) and value.strip():
        return value.strip()
    from .errors import MastodonIllegalArgumentError
    raise MastodonIllegalArgumentError(f"not an id: {value!r}")
