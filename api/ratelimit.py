"""Rate limits as pure policy: header parsing and the throw/wait/pace decisions, with the clock injected so every
number can be tested without waiting. The driver (api/driver.py) asks `delay_before_call()` before each request,
sleeps that long itself (outside any lock), and feeds each response's headers to `record()`.

Fixes each failure of the seed (see shared/reference/seed-library.md): no crash when remaining hits 0; the last
call time is updated on every call whether or not a Date header came; a reset already in the past (after idling)
means "no pacing needed", never an error; ISO, epoch and delta resets all parse, and garbage is ignored rather
than failing a successful response; 429 is recognised by status code and Retry-After honoured; state is guarded
by a lock and each caller reserves its slot, so many threads or tasks pace correctly together.
"""
from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from typing import Callable, Mapping

MAX_SLEEP = 300.0
SKEW_NOISE = 2.0
METHODS = ("throw", "wait", "pace")


@dataclass(frozen=True)
class RateLimitInfo:
    limit: int | None
    remaining: int
    reset: float | None  # local clock, epoch seconds


def _to_int(value: str | None) -> int | None:
    if value is None:
        return None
    try:
        return int(float(value.strip()))
    except (ValueError, OverflowError):
        return None


def _http_date(value: str | None) -> float | None:
    if not value:
        return None
    try:
        parsed = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if parsed is None:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=timezone.utc)
    return parsed.timestamp()


def parse_reset(value: str | None, server_now: float) -> float | None:
    """X-RateLimit-Reset as server-clock epoch seconds. ISO-8601 (Mastodon, GoToSocial), integer epoch (some
    other servers) or a small number of seconds from now (others again). None when unparseable."""
    if value is None:
        return None
    value = value.strip()
    try:
        number = float(value)
    except ValueError:
        number = None
    if number is not None:
        if number != number or number in (float("inf"), float("-inf")):
            return None
        return number if number > 1e9 else server_now + number
    try:
        text = value[:-1] + "+00:00" if value.endswith(("Z", "z")) else value
        parsed = datetime.fromisoformat(text)
    except ValueError:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=timezone.utc)
    return parsed.timestamp()


def parse_ratelimit(headers: Mapping[str, str], local_now: float) -> RateLimitInfo | None:
    """The rate-limit state a response announces, with its reset moved onto the local clock using the Date
    header (servers' clocks drift). None when the response carries no usable rate-limit headers."""
    remaining = _to_int(headers.get("x-ratelimit-remaining"))
    if remaining is None:
        return None
    server_now = _http_date(headers.get("date"))
    skew = 0.0 if server_now is None else local_now - server_now
    if abs(skew) < SKEW_NOISE:
        # Date has whole seconds and arrives after some latency: a skew this small is measurement noise, and
        # correcting for it would push the reset up to a second late.
        skew = 0.0
    reset = parse_reset(headers.get("x-ratelimit-reset"), server_now if server_now is not None else local_now)
    return RateLimitInfo(
        limit=_to_int(headers.get("x-ratelimit-limit")),
        remaining=max(remaining, 0),
        reset=None if reset is None else reset + skew,
    )


def parse_retry_after(value: str | None, local_now: float) -> float | None:
    """Retry-After: delta seconds or an HTTP date."""
    if value is None:
        return None
    seconds = _to_int(value)
    if seconds is not None:
        return float(max(seconds, 0))
    when = _http_date(value)
    return None if when is None else max(when - local_now, 0.0)


class RateLimiter:
    """Shared by every call of one client. Thread safe; never held across a sleep or an await."""

    def __init__(self, method: str = "wait", pacefactor: float = 1.1,
                 clock: Callable[[], float] = time.time, max_sleep: float = MAX_SLEEP):
        if method not in METHODS:
            raise ValueError(f"ratelimit_method must be one of {', '.join(METHODS)}, not {method!r}")
        if not pacefactor or pacefactor <= 0:
            raise ValueError("ratelimit_pacefactor must be a positive number")
        self.method = method
        self.pacefactor = float(pacefactor)
        self.clock = clock
        self.max_sleep = max_sleep
        self.limit: int | None = None
        self.remaining: int | None = None
        self.reset: float | None = None
        self.last_call: float | None = None
        self._lock = threading.Lock()

    def delay_before_call(self) -> float:
        """How long to sleep before sending the next request; reserves the caller's slot."""
        with self._lock:
            now = self.clock()
            delay = 0.0
            if self.reset is not None and self.reset <= now:
                # The window has passed (e.g. after idling): the budget is whole again. Not an error.
                self.remaining = None
                self.reset = None
            if self.method != "throw" and self.remaining is not None and self.reset is not None:
                if self.remaining <= 0:
                    delay = self.reset - now
                elif self.method == "pace" and self.last_call is not None and self.last_call <= now:
                    per_call = (self.reset - now) / self.remaining
                    delay = (per_call - (now - self.last_call)) / self.pacefactor
                elif self.method == "pace" and self.last_call is not None:
                    # Another thread or task holds a slot in the future: this one goes one share of what is
                    # left of the window after it (the seed's formula seen from that slot), so concurrent
                    # callers are spread evenly over the window instead of piling up past its reset.
                    share = max(self.reset - self.last_call, 0.0) / self.remaining / self.pacefactor
                    delay = (self.last_call - now) + share
            delay = min(max(delay, 0.0), self.max_sleep)
            self.last_call = now + delay
            if self.remaining is not None and self.remaining > 0:
                self.remaining -= 1  # our own estimate, so concurrent callers see the budget shrink
            return delay

    def record(self, headers: Mapping[str, str]) -> RateLimitInfo | None:
        now = self.clock()
        info = parse_ratelimit(headers, now)
        if info is None:
            return None
        with self._lock:
            same_window = (self.reset is not None and info.reset is not None
                           and abs(self.reset - info.reset) < 1.0 and self.remaining is not None)
            self.remaining = min(self.remaining, info.remaining) if same_window else info.remaining
            self.limit = info.limit
            self.reset = info.reset
        return info

    def retry_delay(self, headers: Mapping[str, str]) -> float:
        """After a 429: Retry-After if given, else until the reset, else a minute. Capped."""
        now = self.clock()
        delay = parse_retry_after(headers.get("retry-after"), now)
        if delay is None:
            info = parse_ratelimit(headers, now)
            reset = info.reset if info and info.reset is not None else self.reset
            if reset is None:
                delay = 60.0          # nothing to go by: Mastodon's shortest window is five minutes
            else:
                # A reset already past (whole-second epochs round down) means the window is about to roll
                # over: retry shortly rather than waiting a blind minute.
                delay = max(reset - now, 1.0)
        with self._lock:
            self.remaining = 0
            self.reset = now + delay
        return min(max(delay, 0.0), self.max_sleep)

    @property
    def state(self) -> dict:
        with self._lock:
            return {"limit": self.limit, "remaining": self.remaining, "reset": self.reset,
                    "last_call": self.last_call}
