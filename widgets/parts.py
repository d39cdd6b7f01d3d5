"""Small pieces shared by the status, notification and account renderers.

Entities are plain dicts shaped like Mastodon's JSON (or the api's AttribAccessDicts). Any field may be missing,
null or of the wrong type: every accessor here degrades to "nothing to show" instead of raising.
"""

from __future__ import annotations

from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import datetime, timezone

from rich.style import Style
from rich.text import Text

from widgets import theme
from widgets.content import Link, style_emoji, wrap_text
from widgets.sanitize import sanitize_plain

__all__ = [
    "RenderedItem",
    "as_dict",
    "as_list",
    "as_int",
    "parse_datetime",
    "relative_time",
    "absolute_time",
    "time_label",
    "TIME_STYLE",
    "duration",
    "display_name",
    "acct",
    "name_text",
    "header_line",
    "wrapped",
    "fit",
]


@dataclass
class RenderedItem:
    """What a renderer produces for one width: `lines` (each at most `width` cells, no trailing newline) and
    the `links` their characters point to (style meta `theme.LINK_META` = index into `links`).

    `hidden`: a server filter with action "hide" matched; show nothing at all.
    `collapsible`: there is something the expand toggle would reveal (CW, filter warning, sensitive media)."""

    lines: list[Text] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    hidden: bool = False
    collapsible: bool = False

    @property
    def plain(self) -> str:
        return "\n".join(line.plain for line in self.lines)


def as_dict(value: object) -> dict:
    return value if isinstance(value, dict) else {}


def as_list(value: object) -> list:
    return value if isinstance(value, list) else []


def as_int(value: object) -> int:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int):
        return value
    try:
        return int(str(value))
    except (TypeError, ValueError):
        return 0


def parse_datetime(value: object) -> datetime | None:
    """A Mastodon timestamp (aware datetime or ISO 8601 string) as an aware datetime, or None."""
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=timezone.utc)
    if isinstance(value, str) and value:
        try:
            parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        except ValueError:
            return None
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)
    return None


def relative_time(value: object, now: datetime | None = None) -> str:
    """"now", "42s", "5m", "3h", "2d", then a date. Times in the future (clock skew) read "now"."""
    when = parse_datetime(value)
    if when is None:
        return ""
    now = now or datetime.now(timezone.utc)
    if now.tzinfo is None:
        now = now.replace(tzinfo=timezone.utc)
    try:
        seconds = (now - when).total_seconds()
    except OverflowError:
        return ""
    if seconds < 10:
        return "now"
    if seconds < 60:
        return f"{int(seconds)}s"
    if seconds < 3600:
        return f"{int(seconds // 60)}m"
    if seconds < 86400:
        return f"{int(seconds // 3600)}h"
    if seconds < 7 * 86400:
        return f"{int(seconds // 86400)}d"
    if when.year == now.year:
        return f"{when:%b} {when.day}"
    return f"{when:%Y-%m-%d}"


# How times of posts and notifications read: "relative" (5m) or "absolute" (14:05), the user's choice (config
# `time`). A context variable, not a renderer argument: the App sets it once before its loop starts and every task
# of that App inherits it, while renderers (and tests) outside any App keep the default.
TIME_STYLE: ContextVar[str] = ContextVar("tootty_time_style", default="relative")


def absolute_time(value: object, now: datetime | None = None) -> str:
    """Local wall-clock time: "14:05" today, "Jan 31 14:05" this year, else "2025-01-31 14:05"."""
    when = parse_datetime(value)
    if when is None:
        return ""
    try:
        local = when.astimezone()
        today = (now or datetime.now(timezone.utc)).astimezone()
    except (OverflowError, ValueError, OSError):
        return ""
    if local.date() == today.date():
        return f"{local:%H:%M}"
    if local.year == today.year:
        return f"{local:%b} {local.day} {local:%H:%M}"
    return f"{local:%Y-%m-%d %H:%M}"


def time_label(value: object, now: datetime | None = None) -> str:
    """A post's or notification's time in the style the user chose (TIME_STYLE)."""
    if TIME_STYLE.get() == "absolute":
        return absolute_time(value, now)
    return relative_time(value, now)


def duration(seconds: float) -> str:
    """A span of time, coarse: "40s", "5m", "3h", "2d"."""
    seconds = max(0, int(seconds))
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if seconds >= size:
            return f"{seconds // size}{unit}"
    return f"{seconds}s"


def display_name(account: object) -> str:
    account = as_dict(account)
    for key in ("display_name", "username", "acct"):
        name = sanitize_plain(account.get(key), max_len=80)
        if name:
            return name
    return "?"


def acct(account: object) -> str:
    return sanitize_plain(as_dict(account).get("acct") or as_dict(account).get("username"), max_len=120)


def name_text(account: object, with_acct: bool = True) -> Text:
    """Display name (bold, custom emoji styled) and, optionally, the dim @acct."""
    account = as_dict(account)
    text = Text(display_name(account), style=theme.DISPLAY_NAME, end="")
    style_emoji(text, [e.get("shortcode") for e in as_list(account.get("emojis")) if isinstance(e, dict)])
    if account.get("bot") is True:
        text.append(" [bot]", theme.ACCT)
    handle = acct(account)
    if with_acct and handle:
        text.append(" @" + handle, theme.ACCT)
    return text


def header_line(left: Text, right: Text, width: int) -> Text:
    """`left` and `right` on one line of `width` cells; `left` is shortened (with …) when they do not fit."""
    right_w = right.cell_len
    if right_w >= width:
        out = right.copy()
        out.truncate(width, overflow="ellipsis")
        return out
    room = width - right_w - 1
    left = left.copy()
    if left.cell_len > room:
        left.truncate(room, overflow="ellipsis")
    gap = width - left.cell_len - right_w
    return Text.assemble(left, " " * gap, right, end="")


def wrapped(text: Text, width: int, indent: int = 0, style: Style | None = None) -> list[Text]:
    """`text` wrapped to `width`, each line indented by `indent` spaces."""
    lines = wrap_text(text, max(1, width - indent))
    if indent or style:
        out = []
        for line in lines:
            line = Text.assemble(" " * indent, line, end="") if indent else line
            if style:
                line.stylize(style)
            out.append(line)
        return out
    return lines


def fit(lines: list[Text], width: int) -> list[Text]:
    """Safety net: no line may be wider than `width` (a too-wide line would wrap in the terminal and shift
    everything below it)."""
    for line in lines:
        if line.cell_len > width:
            line.truncate(width, overflow="ellipsis")
    return lines
