"""One notification as lines: who did what, then the status it is about (if any), indented.

Every type Mastodon documents is worded; a type this client does not know is shown generically ("Alice: some
new type") with its status if it has one, never an error. Grouped notifications (API v2) work when the caller
passes the group with `accounts` (the sample accounts, resolved) and `notifications_count`.
"""

from __future__ import annotations

from datetime import datetime

from rich.text import Text

from widgets import theme
from widgets.parts import (
    RenderedItem,
    acct,
    as_dict,
    as_int,
    as_list,
    display_name,
    fit,
    header_line,
    name_text,
    time_label,
    wrapped,
)
from widgets.sanitize import sanitize_plain, sanitize_text
from widgets.status import render_status

__all__ = ["render_notification", "NOTIFICATION_WORDING"]

# type -> (icon, verb phrase after the actor's name, show the status in full (True) or compact (False))
NOTIFICATION_WORDING: dict[str, tuple[str, str, bool]] = {
    "mention": ("@", "mentioned you", True),
    "status": ("🔔", "posted", True),
    "reblog": ("♺", "boosted your post", False),
    "follow": ("👤", "followed you", False),
    "follow_request": ("👤", "asked to follow you", False),
    "favourite": ("★", "favourited your post", False),
    "poll": ("▤", "ran a poll that has ended", False),
    "update": ("✎", "edited a post you interacted with", False),
    "admin.sign_up": ("🆕", "signed up", False),
    "admin.report": ("⚑", "filed a report", False),
    "severed_relationships": ("✂", "", False),
    "moderation_warning": ("⚠", "", False),
    "quote": ("❝", "quoted your post", True),
    "quoted_update": ("✎", "edited a post you quoted", False),
}

_SEVERED = {
    "domain_block": "an admin blocked {target}",
    "user_domain_block": "you blocked {target}",
    "account_suspension": "an admin suspended {target}",
}


def _actors(notification: dict) -> Text:
    accounts = [as_dict(a) for a in as_list(notification.get("accounts")) if isinstance(a, dict)]
    if not accounts:
        return name_text(notification.get("account"), with_acct=False)
    total = max(as_int(notification.get("notifications_count")), len(accounts))
    text = name_text(accounts[0], with_acct=False)
    if len(accounts) > 1 and total == 2:
        text.append(" and ")
        text.append_text(name_text(accounts[1], with_acct=False))
    elif total > 1:
        text.append(f" and {total - 1} other{'s' if total > 2 else ''}")
    return text


def _detail(kind: str, notification: dict) -> list[Text]:
    """Extra lines for the types whose subject is not a status."""
    if kind in ("follow", "follow_request", "admin.sign_up"):
        account = as_dict(notification.get("account"))
        handle = acct(account)
        return [Text("@" + handle, style=theme.ACCT, end="")] if handle else []
    if kind == "admin.report":
        report = as_dict(notification.get("report"))
        text = Text("reported ", end="")
        text.append_text(name_text(report.get("target_account")))
        category = sanitize_plain(report.get("category"), 40)
        if category:
            text.append(f" ({category})", theme.DIM)
        lines = [text]
        comment = report.get("comment")
        if isinstance(comment, str) and comment.strip():
            lines.append(Text.assemble("“", sanitize_text(comment, theme.ITALIC, newlines=False, max_len=500), "”"))
        return lines
    if kind == "severed_relationships":
        event = as_dict(notification.get("event") or notification.get("relationship_severance_event"))
        target = sanitize_plain(event.get("target_name"), 120) or "another server"
        what = _SEVERED.get(event.get("type"), "relationships with {target} were severed")
        text = Text("Some of your follow relationships were severed: " + what.format(target=target), end="")
        followers, following = as_int(event.get("followers_count")), as_int(event.get("following_count"))
        if followers or following:
            text.append(f" ({followers} followers, {following} followed accounts lost)", theme.DIM)
        return [text]
    if kind == "moderation_warning":
        warning = as_dict(notification.get("moderation_warning"))
        action = sanitize_plain(warning.get("action"), 40) or "a warning"
        text = Text(f"The moderators took action on your account: {action.replace('_', ' ')}", end="")
        lines = [text]
        body = warning.get("text")
        if isinstance(body, str) and body.strip():
            lines.append(sanitize_text(body, newlines=False, max_len=1000))
        return lines
    return []


def render_notification(
    notification: object,
    width: int,
    *,
    expanded: bool = False,
    now: datetime | None = None,
) -> RenderedItem:
    """Render a notification dict (or a grouped notification with `accounts`) for `width` cells."""
    width = max(8, int(width))
    notification = as_dict(notification)
    raw_kind = notification.get("type")
    kind = raw_kind if isinstance(raw_kind, str) else ""
    icon, verb, full = NOTIFICATION_WORDING.get(kind, ("•", "", True))
    if kind not in NOTIFICATION_WORDING:
        verb = "· " + (sanitize_plain(kind, 40) or "notification")
    head = Text(icon + " ", style=theme.NOTIFICATION, end="")
    if kind in ("severed_relationships", "moderation_warning"):  # the actor is the server, not a person
        head.append("From your server", theme.NOTIFICATION)
    else:
        head.append_text(_actors(notification))
    if verb:
        head.append(" " + verb, theme.NOTIFICATION)
    time = Text(time_label(notification.get("latest_page_notification_at") or notification.get("created_at"),
                              now), style=theme.TIME, end="")
    lines = [header_line(head, time, width)] if head.cell_len + time.cell_len < width else wrapped(head, width)
    for line in _detail(kind, notification):
        lines.extend(wrapped(line, width, indent=2))
    item = RenderedItem(lines=lines)
    status = as_dict(notification.get("status"))
    if status:
        inner = render_status(status, width - 2, expanded=expanded, now=now, counts=full)
        if inner.hidden:  # a filter hides the status: say so instead of dropping the whole notification
            lines.append(Text("  (post hidden by a filter)", style=theme.FILTERED, end=""))
        else:
            item.collapsible = inner.collapsible
            item.links = inner.links
            for line in inner.lines:
                if not full:
                    line.stylize(theme.DIM)
                lines.append(Text.assemble("  ", line, end=""))
    fit(lines, width)
    return item


def notification_account_name(notification: object) -> str:
    """The actor's display name, sanitized (for toasts and the status bar)."""
    return display_name(as_dict(notification).get("account"))
