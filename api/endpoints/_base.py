"""The vocabulary every endpoint is written in (see HACKING.md): an endpoint is a generator that yields `Call`s
and `Sleep`s and returns its result; the sync and async drivers run the same generator."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Callable
from urllib.parse import quote

from ..entities import unpack_id


@dataclass
class Call:
    method: str
    path: str
    params: dict | None = None      # query string
    data: dict | None = None        # form body (or multipart with files)
    json: Any = None                # JSON body
    files: dict | None = None       # multipart files: {"file": (name, bytes_or_fileobj, mime)}
    headers: dict = field(default_factory=dict)
    auth: bool = True               # send the access token
    raw: bool = False               # return the RawResponse instead of parsed entities
    idempotent: bool | None = None  # may be retried after a network failure; default: GET/PUT/DELETE
    shape: type | None = None       # expected top-level JSON type (dict or list); anything else is an error
    ok_statuses: tuple = ()         # extra statuses treated as success (e.g. 206 while media processes)
    timeout: float | None = None    # a shorter limit than the client's request_timeout (quick probes)

    @property
    def retryable(self) -> bool:
        if self.idempotent is not None:
            return self.idempotent
        return self.method in ("GET", "HEAD", "PUT", "DELETE") or "Idempotency-Key" in self.headers


@dataclass
class Sleep:
    seconds: float


def endpoint(fn: Callable) -> Callable:
    """Mark a generator function as an endpoint; the drivers turn it into a method."""
    fn._is_endpoint = True
    return fn


def seg(value: Any) -> str:
    """An id (or entity) as one safe path segment: '../x' can never change the path."""
    return quote(unpack_id(value), safe="")


def tag_seg(name: str) -> str:
    return quote(str(name).lstrip("#"), safe="")


def _fmt(value: Any) -> Any:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=timezone.utc)
        return value.astimezone(timezone.utc).isoformat()
    if isinstance(value, dict) and "id" in value:
        return unpack_id(value)
    return value


def params(**kwargs: Any) -> dict:
    """Request parameters from keyword arguments: None dropped, booleans as true/false, lists as `key[]`,
    entity dicts as their id, nested dicts as `key[sub]`."""
    out: dict = {}
    for key, value in kwargs.items():
        if value is None:
            continue
        if isinstance(value, (list, tuple, set)):
            out[f"{key}[]"] = [_fmt(v) for v in value]
        elif isinstance(value, dict) and "id" not in value:
            for sub, subval in params(**value).items():
                head, _, rest = sub.partition("[")
                out[f"{key}[{head}]" + (f"[{rest}" if rest else "")] = subval
        else:
            out[key] = _fmt(value)
    return out


def id_params(**kwargs: Any) -> dict:
    """Like params, but the paging cursors (max_id, min_id, since_id) accept entities and ints."""
    for key in ("max_id", "min_id", "since_id"):
        if kwargs.get(key) is not None:
            kwargs[key] = unpack_id(kwargs[key])
    return params(**kwargs)
