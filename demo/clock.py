"""The instance's clock. Everything time-dependent (rate-limit windows, media processing, scheduled statuses,
poll expiry, idempotency keys) asks `state.clock.now()`, so tests move time with `FakeClock.advance` instead of
sleeping."""
from __future__ import annotations

import threading
from datetime import datetime, timedelta, timezone


class RealClock:
    def now(self) -> datetime:
        return datetime.now(timezone.utc)


class FakeClock:
    def __init__(self, start: datetime | None = None) -> None:
        self._now = start or datetime.now(timezone.utc)
        self._lock = threading.Lock()

    def now(self) -> datetime:
        with self._lock:
            return self._now

    def advance(self, seconds: float) -> None:
        with self._lock:
            self._now += timedelta(seconds=seconds)

    def set(self, when: datetime) -> None:
        with self._lock:
            self._now = when


def iso(dt: datetime | None) -> str | None:
    """Mastodon's timestamp format: UTC with milliseconds and a Z."""
    if dt is None:
        return None
    dt = dt.astimezone(timezone.utc)
    return dt.strftime("%Y-%m-%dT%H:%M:%S.") + f"{dt.microsecond // 1000:03d}Z"


def iso_day(dt: datetime) -> str:
    """Account.created_at is rounded to midnight by Mastodon (privacy), still in the full format."""
    return dt.astimezone(timezone.utc).strftime("%Y-%m-%dT00:00:00.000Z")
