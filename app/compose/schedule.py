"""When to publish a scheduled status. Accepts what people type: "in 2h", "+90m", "1d", "tomorrow 09:00",
"2026-12-01 18:30" (local time) or a full ISO 8601 time. Mastodon wants it at least 5 minutes ahead."""
from __future__ import annotations

import re
from datetime import datetime, time, timedelta, timezone, tzinfo

MIN_AHEAD = timedelta(minutes=5)
_UNITS = {"m": 60, "min": 60, "h": 3600, "d": 86400, "w": 604800}
_RELATIVE = re.compile(r"^(?:in\s+|\+)?\s*(\d+)\s*(m|min|mins|minutes?|h|hours?|d|days?|w|weeks?)$", re.I)


class ScheduleError(ValueError):
    pass


def _unit(word: str) -> int:
    word = word.lower()
    if word.startswith("min") or word == "m":
        return 60
    return _UNITS[word[0]]


def parse_schedule(text: str, now: datetime | None = None, local: tzinfo | None = None) -> datetime | None:
    """None for an empty field (post now); an aware UTC datetime otherwise. Raises ScheduleError with a
    message for the form."""
    text = text.strip()
    if not text:
        return None
    now = now or datetime.now(timezone.utc)
    local = local or datetime.now().astimezone().tzinfo
    match = _RELATIVE.match(text)
    if match:
        when = now + timedelta(seconds=int(match.group(1)) * _unit(match.group(2)))
    else:
        when = _absolute(text, now, local)
    if when - now < MIN_AHEAD:
        raise ScheduleError("A scheduled post must be at least 5 minutes in the future.")
    return when.astimezone(timezone.utc)


def _absolute(text: str, now: datetime, local: tzinfo) -> datetime:
    lowered = text.lower()
    day = None
    for word, offset in (("today", 0), ("tomorrow", 1)):
        if lowered.startswith(word):
            day = now.astimezone(local).date() + timedelta(days=offset)
            lowered = lowered[len(word):].strip()
    if day is not None:
        try:
            clock = time.fromisoformat(lowered) if lowered else time(9, 0)
        except ValueError:
            raise ScheduleError(f"Not a time of day: {lowered!r} (try 'tomorrow 09:00').") from None
        return datetime.combine(day, clock, tzinfo=local)
    try:
        when = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise ScheduleError(f"Not a time: {text!r}. Try 'in 2h', 'tomorrow 09:00' or '2026-12-01 18:30'.") \
            from None
    return when if when.tzinfo else when.replace(tzinfo=local)


def format_schedule(iso: str | None, local: tzinfo | None = None) -> str:
    """A stored scheduled_at, shown in local time for the form."""
    if not iso:
        return ""
    try:
        when = datetime.fromisoformat(iso.replace("Z", "+00:00"))
        # astimezone can leave datetime's range (year 1 at +14:00 is year 0 in UTC): show it as it came.
        return when.astimezone(local).strftime("%Y-%m-%d %H:%M") if when.tzinfo else iso
    except (ValueError, OverflowError):
        return iso
