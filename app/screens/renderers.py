"""Renderers the app's lists pass to the Timeline widget for items that are not plain statuses: conversations,
accounts (followers, search, follow requests), hashtags, and thread entries with indentation guides.

They compose the widgets' pure renderers (widgets/status.py, notification.py, parts.py) and add only layout, so
every string still goes through the one sanitizer there.
"""
from __future__ import annotations

from datetime import datetime

from rich.text import Text

from widgets import theme
from widgets.account import relationship_badges
from widgets.content import render_html
from widgets.parts import RenderedItem, as_dict, as_int, as_list, fit, header_line, name_text, wrapped
from widgets.sanitize import sanitize_plain
from widgets.status import render_status
from widgets.timeline import render_item


def render_conversation(item: dict, width: int, expanded: bool, now: datetime) -> RenderedItem:
    """A direct-message conversation: who it is with, unread marker, then its last status."""
    item = as_dict(item)
    names = [sanitize_plain(as_dict(a).get("acct"), 80) for a in as_list(item.get("accounts"))]
    head = Text("✉ with " + (", ".join("@" + n for n in names if n) or "yourself"), style=theme.NOTIFICATION,
                end="")
    if item.get("unread") is True:
        head.append("  ● unread", "bold magenta")
    lines = wrapped(head, width)
    last = as_dict(item.get("last_status"))
    out = RenderedItem(lines=lines)
    if last:
        inner = render_status(last, width - 2, expanded=expanded, now=now)
        out.links, out.collapsible = inner.links, inner.collapsible
        lines.extend(Text.assemble("  ", line, end="") for line in inner.lines)
    fit(lines, width)
    return out


def render_account_row(account: dict, width: int, relationship: dict | None = None) -> RenderedItem:
    """One account in a list: name and acct, counts, a line of bio, relationship badges."""
    account = as_dict(account)
    lines = [header_line(name_text(account), Text(
        _count(as_int(account.get('followers_count')), "follower"), style=theme.TIME, end=""), width)]
    note = render_html(account.get("note") or "") if account.get("note") else None
    if note is not None:
        bio = note.lines(width - 2)[:2]
        lines.extend(Text.assemble("  ", line, end="") for line in bio)
    badges = relationship_badges(relationship) if relationship else Text()
    if account.get("locked") is True:
        badges.append(" 🔒 approves followers", theme.DIM)
    if badges:
        lines.extend(wrapped(badges, width, indent=2))
    fit(lines, width)
    return RenderedItem(lines=lines)


def render_hashtag_row(tag: dict, width: int) -> RenderedItem:
    tag = as_dict(tag)
    text = Text("# " + sanitize_plain(tag.get("name"), 100), style=theme.HASHTAG, end="")
    uses = 0
    for day in as_list(tag.get("history"))[:7]:
        uses += as_int(as_dict(day).get("uses"))
    if uses:
        text.append(f"   {uses} posts this week", theme.DIM)
    if tag.get("following") is True:
        text.append("   following", theme.DIM)
    return RenderedItem(lines=wrapped(text, width))


def render_mixed(item: dict, width: int, expanded: bool, now: datetime) -> RenderedItem:
    """Search results and other mixed lists: items carry `_kind` ("account", "hashtag", "status")."""
    kind = item.get("_kind") if isinstance(item, dict) else None
    if kind == "account":
        return render_account_row(item, width, item.get("_relationship"))
    if kind == "hashtag":
        return render_hashtag_row(item, width)
    if kind == "heading":
        heading = [Text(sanitize_plain(item.get("title"), 80), style="bold underline", end="")]
        fit(heading, width)  # a heading longer than a narrow window is cut like every other line
        return RenderedItem(lines=heading)
    if isinstance(item, dict) and "last_status" in item:
        return render_conversation(item, width, expanded, now)
    return render_item(item, width, expanded, now)


def mixed_key(item: dict) -> str:
    kind = item.get("_kind") or "status"
    ident = item.get("id") or item.get("name") or item.get("title")
    return f"{kind}:{ident}" if kind != "status" else str(ident)


def thread_renderer(guides: dict[str, tuple[list[str], list[str]]], focus_id: str, collapsed: set[str],
                    hidden_counts: dict[str, int]):
    """A renderer for the thread view: each status behind its guide columns (app/screens/thread.py
    `thread_guides`), the focused status marked and highlighted, collapsed branches saying how many replies
    they hide. On a narrow window only the innermost columns are drawn, so the text keeps room."""

    def render(item: dict, width: int, expanded: bool, now: datetime) -> RenderedItem:
        sid = str(as_dict(item).get("id"))
        first, rest = guides.get(sid, ([], []))
        keep = min(len(first), max(0, (width - 20) // 2), 12)
        first, rest = first[len(first) - keep:], rest[len(rest) - keep:]
        lead, cont = "".join(first), "".join(rest)
        inner = render_status(item, max(8, width - len(lead)), expanded=expanded, now=now)
        if inner.hidden:
            inner = RenderedItem(lines=[Text("(hidden by a filter)", style=theme.FILTERED, end="")])
        lines = [Text.assemble(Text(lead if n == 0 else cont, style=theme.DIM, end=""), line, end="")
                 for n, line in enumerate(inner.lines)]
        if sid == focus_id and lines:
            for line in lines:
                line.stylize("on #202838")
            lines.insert(0, Text("▼ this post", style="bold", end=""))
        if sid in collapsed:
            count = hidden_counts.get(sid, 0)
            lines.append(Text.assemble(Text(cont, style=theme.DIM, end=""),
                                       Text(f"▸ {count} repl{'y' if count == 1 else 'ies'} hidden (c)",
                                            style="italic", end=""), end=""))
        out = RenderedItem(lines=lines, links=inner.links, collapsible=inner.collapsible)
        fit(lines, width)
        return out

    return render


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")
