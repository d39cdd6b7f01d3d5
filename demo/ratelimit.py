"""Rate limits as Mastodon's rack-attack applies them: fixed windows aligned to the period, counted per access
token (or per client IP without one), on every /api/ and /oauth/ request, errors included.

Every response carries a `Date` header from the instance clock (so a client can correct for clock skew against
the reset time even when tests inject a fake clock), and API responses carry X-RateLimit-Limit/-Remaining/-Reset
(ISO-8601 with milliseconds, or integer epoch seconds with `Settings.rate_reset_epoch`, or nothing at all with
`Settings.rate_headers=False`). Over the limit: 429, `Retry-After` in seconds, body {"error": "Too many requests"}.
"""
from __future__ import annotations

import json
import math
import threading
from datetime import datetime, timezone
from email.utils import format_datetime

from .clock import iso


class RateLimiter:
    def __init__(self, settings, clock) -> None:
        self.settings = settings
        self.clock = clock
        self._lock = threading.Lock()
        self._windows: dict[str, tuple[int, int]] = {}   # key -> (window index, count)

    def hit(self, key: str) -> tuple[int, int, float, bool]:
        """Count one request. Returns (limit, remaining, reset epoch seconds, allowed)."""
        period = max(float(self.settings.rate_window), 0.001)
        limit = int(self.settings.rate_limit)
        now = self.clock.now().timestamp()
        index = int(now // period)
        with self._lock:
            win, count = self._windows.get(key, (index, 0))
            if win != index:
                count = 0
            count += 1
            self._windows[key] = (index, count)
            if len(self._windows) > 50_000:  # forget stale windows rather than grow without bound
                self._windows = {k: v for k, v in self._windows.items() if v[0] == index}
        reset = (index + 1) * period
        return limit, max(0, limit - count), reset, count <= limit

    def reset(self) -> None:
        with self._lock:
            self._windows.clear()


def _key(scope) -> str:
    for name, value in scope.get("headers", ()):
        if name == b"authorization":
            v = value.decode("latin-1")
            if v[:7].lower() == "bearer ":
                return "token:" + v[7:].strip()
    for part in scope.get("query_string", b"").decode("latin-1").split("&"):
        if part.startswith("access_token="):
            return "token:" + part[13:]
    client = scope.get("client") or ("?", 0)
    return f"ip:{client[0]}"


def limited_path(path: str) -> bool:
    if path.startswith("/api/v1/streaming"):
        return False
    return path.startswith("/api/") or path.startswith("/oauth/")


class RateLimitMiddleware:
    def __init__(self, app, limiter: RateLimiter) -> None:
        self.app = app
        self.limiter = limiter

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        settings = self.limiter.settings
        now = self.limiter.clock.now()
        date = format_datetime(now.astimezone(timezone.utc), usegmt=True).encode()
        extra = [(b"date", date)]
        if limited_path(scope["path"]):
            limit, remaining, reset, allowed = self.limiter.hit(_key(scope))
            if settings.rate_headers:
                reset_value = str(int(math.ceil(reset))) if settings.rate_reset_epoch else \
                    iso(datetime.fromtimestamp(reset, timezone.utc))
                extra += [(b"x-ratelimit-limit", str(limit).encode()),
                          (b"x-ratelimit-remaining", str(remaining).encode()),
                          (b"x-ratelimit-reset", reset_value.encode())]
            if not allowed:
                retry = max(1, int(math.ceil(reset - now.timestamp())))
                body = json.dumps({"error": "Too many requests"}).encode()
                await send({"type": "http.response.start", "status": 429,
                            "headers": extra + [(b"retry-after", str(retry).encode()),
                                                (b"content-type", b"application/json; charset=utf-8"),
                                                (b"content-length", str(len(body)).encode())]})
                await send({"type": "http.response.body", "body": body})
                return

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                names = {n.lower() for n, _v in extra}
                headers = [(n, v) for n, v in message.get("headers", []) if n.lower() not in names]
                message = dict(message, headers=headers + extra)
            await send(message)

        await self.app(scope, receive, send_with_headers)
