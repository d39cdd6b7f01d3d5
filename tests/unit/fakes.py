"""Test doubles for the unit tests: a settable clock, sleeps that record instead of waiting, and a scripted HTTP
server built on httpx.MockTransport (httpx's own fake transport; none of our code is replaced)."""
from __future__ import annotations

import asyncio
import json
import threading
from email.utils import format_datetime
from datetime import datetime, timezone

import httpx

import api

BASE = "https://example.social"


class FakeClock:
    def __init__(self, now: float = 1_700_000_000.0):
        self.now = now
        self._lock = threading.Lock()

    def __call__(self) -> float:
        with self._lock:
            return self.now

    def advance(self, seconds: float) -> None:
        with self._lock:
            self.now += seconds


class RecordingSleep:
    """Records each sleep; advances the fake clock by it when `advance` (a single caller's view of time)."""

    def __init__(self, clock: FakeClock | None = None, advance: bool = True):
        self.clock = clock
        self.advance = advance
        self.calls: list[float] = []
        self._lock = threading.Lock()

    def __call__(self, seconds: float) -> None:
        with self._lock:
            self.calls.append(seconds)
        if self.clock is not None and self.advance:
            self.clock.advance(seconds)


class AsyncRecordingSleep(RecordingSleep):
    async def __call__(self, seconds: float) -> None:  # type: ignore[override]
        RecordingSleep.__call__(self, seconds)
        await asyncio.sleep(0)


def http_date(ts: float) -> str:
    return format_datetime(datetime.fromtimestamp(ts, timezone.utc), usegmt=True)


def iso(ts: float) -> str:
    return datetime.fromtimestamp(ts, timezone.utc).isoformat().replace("+00:00", "Z")


def reply(status=200, body=None, headers=None, raw: bytes | None = None) -> httpx.Response:
    content = raw if raw is not None else (b"" if body is None else json.dumps(body).encode())
    return httpx.Response(status, content=content, headers=headers or {})


class Script:
    """A scripted server: answers come from a list (or a function of the request); every request is kept."""

    def __init__(self, *answers, handler=None):
        self.answers = list(answers)
        self.handler = handler
        self.requests: list[httpx.Request] = []
        self._lock = threading.Lock()

    def __call__(self, request: httpx.Request) -> httpx.Response:
        with self._lock:
            self.requests.append(request)
            if self.handler is not None:
                return self.handler(request)
            answer = self.answers.pop(0) if len(self.answers) > 1 else self.answers[0]
        if isinstance(answer, Exception):
            raise answer
        # A fresh copy each time: httpx binds a response's stream to the client that read it.
        return httpx.Response(answer.status_code, headers=answer.headers, content=answer.content)


def sync_client(script: Script, **kwargs) -> api.Mastodon:
    kwargs.setdefault("access_token", "tok-SECRET-123")
    kwargs.setdefault("api_base_url", BASE)
    return api.Mastodon(session=httpx.Client(transport=httpx.MockTransport(script)), **kwargs)


def async_client(script: Script, **kwargs) -> api.AsyncMastodon:
    kwargs.setdefault("access_token", "tok-SECRET-123")
    kwargs.setdefault("api_base_url", BASE)
    return api.AsyncMastodon(session=httpx.AsyncClient(transport=httpx.MockTransport(script)), **kwargs)
