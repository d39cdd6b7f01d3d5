"""An account's profile header as lines: name, acct, bio, fields (verified ones marked), counts, and how you
relate (follows you, muted, blocked, requested...)."""

from __future__ import annotations

from datetime import datetime

from rich.text import Text

from widgets import theme
from widgets.content import render_html
from widgets.parts import (
    RenderedItem,
    acct,
    as_dict,
    as_int,
    as_list,
    fit,
    name_text,
    parse_datetime,
    wrapped,
)
from widgets.sanitize import sanitize_plain

__all__ = ["render_account", "relationship_badges"]

_BADGES = (
    # (relationship field, label, alert style)
    ("followed_by", "follows you", False),
    ("following", "following", False),
    ("requested", "follow requested", False),
    ("requested_by", "wants to follow you", False),
    ("muting", "muted", True),
    ("muting_notifications", "notifications muted", True),
    ("blocking", "blocked", True),
    ("blocked_by", "blocks you", True),
    ("domain_blocking", "domain blocked", True),
    ("endorsed", "featured", False),
)


def relationship_badges(relationship: object) -> Text:
    """The relationship as badges ("follows you", "muted", ...); empty when there is nothing to say."""
    relationship = as_dict(relationship)
    text = Text(end="")
    for key, label, alert in _BADGES:
        if relationship.get(key) is True:
            if text:
                text.append(" ")
            text.append(f" {label} ", theme.BADGE_ALERT if alert else theme.BADGE)
    return text


def render_account(
    account: object,
    width: int,
    *,
    relationship: object = None,
    now: datetime | None = None,
) -> RenderedItem:
    """Render a profile header for `width` cells. Links in the bio and field values share one `links` list."""
    width = max(8, int(width))
    account = as_dict(account)
    emojis = as_list(account.get("emojis"))
    lines: list[Text] = []
    title = name_text(account, with_acct=False)
    if account.get("locked") is True:
        title.append(" 🔒", theme.ACCT)
    if account.get("group") is True:
        title.append(" [group]", theme.ACCT)
    lines.extend(wrapped(title, width))
    handle = acct(account)
    if handle:
        lines.extend(wrapped(Text("@" + handle, style=theme.ACCT, end=""), width))
    moved = as_dict(account.get("moved"))
    if moved:
        lines.extend(wrapped(Text("➜ moved to @" + acct(moved), style=theme.WARN, end=""), width))
    badges = relationship_badges(relationship)
    if badges:
        lines.extend(wrapped(badges, width))
    note = as_dict(relationship).get("note")
    if isinstance(note, str) and note.strip():
        lines.extend(wrapped(Text("your note: " + sanitize_plain(note, 300), style=theme.DIM, end=""), width))

    links = []
    bio = render_html(account.get("note"), emojis=emojis)
    links.extend(bio.links)
    if bio.blocks:
        lines.append(Text(end=""))
        lines.extend(bio.lines(width))

    fields = [as_dict(f) for f in as_list(account.get("fields"))[:20]]  # Mastodon allows 4; others a few more
    if fields:
        lines.append(Text(end=""))
    for fld in fields:
        name = Text(sanitize_plain(fld.get("name"), 100), style=theme.BOLD, end="")
        value = render_html(fld.get("value"), emojis=emojis, link_offset=len(links))
        links.extend(value.links)
        line = Text.assemble(name, ": ", value.to_text(), end="")
        if fld.get("verified_at"):
            line.append(" ✓", theme.VERIFIED)
        lines.extend(wrapped(line, width, indent=2))

    counts = Text(end="", style=theme.COUNT)
    counts.append(f"{as_int(account.get('statuses_count'))} posts · ")
    counts.append(f"{as_int(account.get('following_count'))} following · ")
    counts.append(f"{as_int(account.get('followers_count'))} followers")
    joined = parse_datetime(account.get("created_at"))
    if joined is not None:
        counts.append(f" · joined {joined:%b %Y}")
    lines.append(Text(end=""))
    lines.extend(wrapped(counts, width))
    fit(lines, width)
    return RenderedItem(lines=lines, links=links)
