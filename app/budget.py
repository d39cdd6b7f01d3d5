"""The pace budget: how much of the server's rate limit background work (polling, prefetching older pages) may
spend, so the user's own actions always find room.

Pure policy over the api's rate limiter state and an injected clock, so every number is testable without waiting.
Mastodon allows 300 calls per 5 minutes per account. With `share=0.5` background work spends at most half of what
is left in a window, spread evenly over the time left, and stops entirely when `reserve` calls remain: those are
kept for the user (opening a thread, favouriting, posting).
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Callable


@dataclass
class BudgetView:
    """What the status bar shows."""

    limit: int | None
    remaining: int | None
    reset_in: float | None
    background_spent: int


class PaceBudget:
    def __init__(self, ratelimiter, share: float = 0.5, reserve: int | None = None,
                 clock: Callable[[], float] = time.time):
        """`ratelimiter`: the api client's (limit, remaining, reset on the same clock as `clock`).
        `share`: the part of the remaining budget background work may use (0 < share <= 1).
        `reserve`: calls never spent in the background; default 10% of the limit, at least 5."""
        self.limiter = ratelimiter
        self.share = min(max(float(share), 0.05), 1.0)
        self._reserve = reserve
        self.clock = clock
        self.spent = 0            # background calls in the current window
        self._window: float | None = None
        self._last_background: float | None = None

    def reserve(self) -> int:
        if self._reserve is not None:
            return self._reserve
        limit = self.limiter.limit or 300
        return max(5, limit // 10)

    def _roll_window(self, now: float) -> None:
        reset = self.limiter.reset
        if reset is None or reset <= now:
            self.spent, self._window = 0, None
        elif self._window is None or abs(reset - self._window) >= 1.0:
            self.spent, self._window = 0, reset  # a new window began: the background share is whole again

    def delay(self, spread: bool = True) -> float:
        """Seconds a background call should wait before it may go (0: now). Never reserves anything.
        `spread=False` (older pages the reader is scrolling towards): only the share and the reserve hold it
        back, not the even spacing meant for polls nobody is watching."""
        now = self.clock()
        self._roll_window(now)
        limit, remaining, reset = self.limiter.limit, self.limiter.remaining, self.limiter.reset
        if remaining is None or reset is None or reset <= now:
            return 0.0  # nothing known yet (or the window is over): the first answer will tell us
        spare = remaining - self.reserve()
        allowed = int((limit or remaining) * self.share) - self.spent
        if spare <= 0 or allowed <= 0:
            return max(reset - now, 0.0) + 0.5  # wait for the next window
        # Spread what background work may still spend evenly over the rest of the window.
        calls = min(spare, allowed)
        per_call = (reset - now) / calls
        if self._last_background is None or not spread:
            return 0.0
        return max(per_call - (now - self._last_background), 0.0)

    def spend(self) -> None:
        """Record one background call (after `delay()` said it may go)."""
        self._roll_window(self.clock())
        self.spent += 1
        self._last_background = self.clock()

    def view(self) -> BudgetView:
        reset = self.limiter.reset
        now = self.clock()
        return BudgetView(self.limiter.limit, self.limiter.remaining,
                          (reset - now) if reset is not None and reset > now else None, self.spent)
