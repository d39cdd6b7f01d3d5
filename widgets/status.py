"""One status (or a boost of one) as lines for a given width.

    ♺ Bob boosted
    Alice @alice@example.social                          🔒 ✎ 5m
    ↩ to @carol
    ▸ CW: spoilers for the finale  (content hidden)
    <content>
    ▣ image: a cat on a keyboard
    ██████░░░░  62% Option A ✓
    ↩ 3   ♺ 5   ★ 10   ⚑

`render_status` is pure: a dict in, a `RenderedItem` out. Server filters are applied: "hide" gives an item with
`hidden=True` and no lines; "warn" (and any action this client does not know) collapses it behind
"Filtered: <title>" unless `expanded`; "blur" marks its media sensitive.
"""

from __future__ import annotations

from datetime import datetime, timezone

from rich.text import Text

from widgets import theme
from widgets.content import render_status_content
from widgets.parts import (
    RenderedItem,
    as_dict,
    as_int,
    as_list,
    display_name,
    fit,
    duration,
    header_line,
    name_text,
    parse_datetime,
    time_label,
    wrapped,
)
from widgets.sanitize import sanitize_plain, sanitize_text

__all__ = ["render_status", "filter_action", "VISIBILITY_ICONS", "MEDIA_LABELS", "MAX_CONTENT_LINES"]

MAX_LISTED = 20
"""Attachments and poll options listed (Mastodon allows 4 and 4-10; a server sending thousands is cut)."""
MAX_CONTENT_LINES = 200
"""Content lines shown for a status in a list; a longer post ends with a "cut here" line."""

VISIBILITY_ICONS = {"public": "🌐", "unlisted": "🔓", "private": "🔒", "direct": "✉"}
MEDIA_LABELS = {"image": "▣ image", "gifv": "▶ gif", "video": "▶ video", "audio": "♪ audio"}


def filter_action(status: dict) -> tuple[str | None, list[str]]:
    """The strongest server filter action on `status` ("hide" > "warn" > "blur") and the matching titles.
    Unknown actions count as "warn", as Mastodon's documentation asks of clients."""
    action: str | None = None
    titles: list[str] = []
    rank = {None: 0, "blur": 1, "warn": 2, "hide": 3}
    for result in as_list(status.get("filtered")):
        flt = as_dict(as_dict(result).get("filter"))
        this = flt.get("filter_action")
        if this not in ("hide", "warn", "blur"):
            this = "warn"
        title = sanitize_plain(flt.get("title"), max_len=80)
        if title and title not in titles:
            titles.append(title)
        if rank[this] > rank[action]:
            action = this
    return action, titles


def _reply_target(status: dict) -> str | None:
    if not status.get("in_reply_to_id") and not status.get("in_reply_to_account_id"):
        return None
    target_id = status.get("in_reply_to_account_id")
    if target_id is not None and str(target_id) == str(as_dict(status.get("account")).get("id")):
        return "↩ thread"
    for mention in as_list(status.get("mentions")):
        mention = as_dict(mention)
        if target_id is not None and str(mention.get("id")) == str(target_id):
            return "↩ to @" + sanitize_plain(mention.get("acct"), max_len=120)
    return "↩ reply"


def _header(status: dict, width: int, now: datetime | None) -> Text:
    account = as_dict(status.get("account"))
    right = Text(end="")
    icon = VISIBILITY_ICONS.get(status.get("visibility")) if isinstance(status.get("visibility"), str) else None
    if icon:
        right.append(icon + " ", theme.TIME)
    if status.get("edited_at"):
        right.append("✎ ", theme.TIME)
    right.append(time_label(status.get("created_at"), now) or "?", theme.TIME)
    return header_line(name_text(account), right, width)


def _attachments(status: dict, width: int, sensitive: bool, expanded: bool) -> list[Text]:
    lines: list[Text] = []
    media_list = as_list(status.get("media_attachments"))
    for media in media_list[:MAX_LISTED]:
        media = as_dict(media)
        kind = media.get("type") if isinstance(media.get("type"), str) else "unknown"
        label = MEDIA_LABELS.get(kind, "▢ " + (sanitize_plain(kind, 20) or "file"))
        text = Text(label, style=theme.ATTACHMENT, end="")
        if sensitive:
            text.append(" ⚠ sensitive", theme.SENSITIVE)
        description = media.get("description")
        if sensitive and not expanded:
            text.append(" (description hidden)", theme.DIM)
        elif isinstance(description, str) and description.strip():
            text.append(": ")
            text.append_text(sanitize_text(description, theme.ALT_TEXT, newlines=False, max_len=1500))
        else:
            text.append(" (no description)", theme.DIM)
        lines.extend(wrapped(text, width))
    if len(media_list) > MAX_LISTED:
        lines.append(Text(f"… {len(media_list) - MAX_LISTED} more attachments", style=theme.DIM, end=""))
    return lines


def _poll(poll: dict, width: int, now: datetime | None) -> list[Text]:
    all_options = as_list(poll.get("options"))
    options = [as_dict(o) for o in all_options[:MAX_LISTED]]
    if not options:
        return []
    multiple = poll.get("multiple") is True
    votes = as_int(poll.get("votes_count"))
    voters = as_int(poll.get("voters_count"))
    total = (voters if multiple and voters else votes) or 0
    own = {as_int(v) for v in as_list(poll.get("own_votes"))}
    lines: list[Text] = []
    bar_w = 10 if width >= 30 else 4
    for index, option in enumerate(options):
        count = option.get("votes_count")
        count = as_int(count) if count is not None else None  # null until the poll closes on some servers
        share = (count / total) if (count is not None and total) else 0.0
        share = min(max(share, 0.0), 1.0)
        filled = round(share * bar_w)
        line = Text(end="")
        line.append("█" * filled, theme.POLL_BAR)
        line.append("░" * (bar_w - filled), theme.POLL_BAR_EMPTY)
        line.append(f" {round(share * 100):>3}% " if count is not None else "   ?% ")
        title = sanitize_text(option.get("title"), newlines=False, max_len=200)
        if index in own:
            title.stylize(theme.POLL_OWN)
        line.append_text(title)
        if index in own:
            line.append(" ✓ your vote", theme.VERIFIED)
        lines.extend(wrapped(line, width, 0))
    if len(all_options) > MAX_LISTED:
        lines.append(Text(f"… {len(all_options) - MAX_LISTED} more options", style=theme.DIM, end=""))
    footer = Text(end="", style=theme.DIM)
    footer.append(f"{votes} vote{'s' if votes != 1 else ''}")
    if multiple:
        footer.append(f" · {voters} {'person' if voters == 1 else 'people'} · multiple choice")
    expires = parse_datetime(poll.get("expires_at"))
    if poll.get("expired") is True:
        footer.append(" · closed")
    elif expires is not None:
        seconds = (expires - (now or datetime.now(timezone.utc))).total_seconds()
        footer.append(f" · closes in {duration(seconds)}" if seconds > 0 else " · closing")
    if poll.get("voted") is True:
        footer.append(" · you voted")
    lines.extend(wrapped(footer, width))
    return lines


def _counts(status: dict) -> Text:
    text = Text(end="")
    text.append(f"↩ {as_int(status.get('replies_count'))}", theme.COUNT)
    text.append("   ")
    text.append(f"♺ {as_int(status.get('reblogs_count'))}", theme.REBLOGGED if status.get("reblogged") else theme.COUNT)
    text.append("   ")
    favourited = status.get("favourited") is True
    text.append(f"{'★' if favourited else '☆'} {as_int(status.get('favourites_count'))}",
                theme.FAVOURITED if favourited else theme.COUNT)
    if status.get("bookmarked") is True:
        text.append("   ⚑ saved", theme.BOOKMARKED)
    if status.get("pinned") is True:
        text.append("   📌 pinned", theme.COUNT)
    if status.get("muted") is True:
        text.append("   muted", theme.COUNT)
    return text


def render_status(
    status: object,
    width: int,
    *,
    expanded: bool = False,
    now: datetime | None = None,
    counts: bool = True,
    nested: int = 0,
    max_lines: int | None = MAX_CONTENT_LINES,
) -> RenderedItem:
    """Render `status` (a Mastodon status dict; a boost renders the boosted status under "♺ X boosted") for
    `width` cells. `expanded` opens the content warning, a "warn" filter and sensitive media descriptions.
    `counts=False` leaves out the reply/boost/favourite line (for notifications). `max_lines` cuts very long
    content (with a marker line); None shows it all (the focused post of a thread). Never raises on bad data."""
    width = max(8, int(width))
    outer = as_dict(status)
    lines: list[Text] = []
    inner = as_dict(outer.get("reblog"))
    if inner:
        booster = Text("♺ ", style=theme.BOOSTED_BY, end="")
        booster.append(display_name(outer.get("account")), theme.BOOSTED_BY)
        booster.append(" boosted", theme.BOOSTED_BY)
        lines.append(header_line(booster, Text(time_label(outer.get("created_at"), now), theme.TIME), width))
        target = inner
    else:
        target = outer

    action, titles = filter_action(target)
    outer_action, outer_titles = filter_action(outer) if inner else (None, [])
    if outer_action == "hide" or action == "hide":
        return RenderedItem(hidden=True)
    if outer_action == "warn" and action != "warn":
        action, titles = "warn", outer_titles
    item = RenderedItem(lines=lines)
    lines.append(_header(target, width, now))
    reply = _reply_target(target)
    if reply:
        lines.extend(wrapped(Text(reply, style=theme.REPLY_TO, end=""), width))

    if action == "warn":
        item.collapsible = True
        label = Text("⊘ Filtered: " + (", ".join(titles) or "a filter"), style=theme.FILTERED, end="")
        if not expanded:
            lines.extend(wrapped(label, width))
            fit(lines, width)
            return item
        label.append(" (shown)")
        lines.extend(wrapped(label, width))

    spoiler = target.get("spoiler_text")
    media = as_list(target.get("media_attachments"))
    sensitive = target.get("sensitive") is True or action == "blur"
    if media and sensitive:
        item.collapsible = True
    if isinstance(spoiler, str) and spoiler.strip():
        item.collapsible = True
        cw = Text("▾ CW: " if expanded else "▸ CW: ", style=theme.SPOILER, end="")
        cw.append_text(sanitize_text(spoiler, theme.SPOILER, newlines=False, max_len=500))
        if not expanded:
            hidden = ["content"]
            if media:
                hidden.append(f"{len(media)} attachment{'s' if len(media) != 1 else ''}")
            if as_dict(target.get("poll")):
                hidden.append("a poll")
            cw.append("  (" + ", ".join(hidden) + " hidden)", theme.DIM)
        lines.extend(wrapped(cw, width))
        if not expanded:
            if counts:
                lines.extend(wrapped(_counts(target), width))
            fit(lines, width)
            return item

    content = render_status_content(target)
    item.links = list(content.links)
    lines.extend(content.lines(width, max_lines))
    if media:
        lines.extend(_attachments(target, width, sensitive, expanded))
    poll = as_dict(target.get("poll"))
    if poll:
        lines.extend(_poll(poll, width, now))
    quote = as_dict(target.get("quote"))
    quoted = as_dict(quote.get("quoted_status")) if quote else {}
    if quoted and nested < 1:
        # Quote posts (Mastodon 4.5): the quoted status inside a bar; its links are not clickable here.
        for line in render_status(quoted, width - 2, expanded=False, now=now, counts=False, nested=nested + 1).lines:
            lines.append(Text.assemble(("▌ ", theme.QUOTE_BAR), line, end=""))
    elif quote and not quoted:
        lines.append(Text("▌ quoted post unavailable", style=theme.DIM, end=""))
    if counts:
        lines.extend(wrapped(_counts(target), width))
    fit(lines, width)
    return item
