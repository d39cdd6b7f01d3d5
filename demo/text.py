"""Turns what a user typed into the HTML Mastodon would store: paragraphs, <br />, linkified URLs with the
invisible/ellipsis spans, mention h-cards and hashtag links. Also extracts mentions, tags and custom emoji."""
from __future__ import annotations

import html
import re

URL_RE = re.compile(r"https?://[^\s<>\"']+[^\s<>\"'.,;:!?)\]]", re.IGNORECASE)
MENTION_RE = re.compile(r"(?<![\w/@])@([A-Za-z0-9_]+)(?:@([A-Za-z0-9.\-:]+[A-Za-z0-9]))?")
TAG_RE = re.compile(r"(?<![\w/&#])#([^\W\d_][\w]{0,99}|[\w]*[^\W\d][\w]*)", re.UNICODE)
EMOJI_RE = re.compile(r":([A-Za-z0-9_]{2,}):")
TOKEN_RE = re.compile(f"({URL_RE.pattern})|({MENTION_RE.pattern})|({TAG_RE.pattern})", re.IGNORECASE | re.UNICODE)


def link_html(url: str) -> str:
    """Mastodon shortens the visible part of a link to 30 characters and hides the scheme."""
    m = re.match(r"(https?://)(www\.)?(.*)", url, re.IGNORECASE)
    prefix = m.group(1) + (m.group(2) or "")
    rest = m.group(3)
    shown, hidden = rest[:30], rest[30:]
    cls = "ellipsis" if hidden else ""
    return (f'<a href="{html.escape(url, quote=True)}" target="_blank" rel="nofollow noopener" translate="no">'
            f'<span class="invisible">{html.escape(prefix)}</span>'
            f'<span class="{cls}">{html.escape(shown)}</span>'
            f'<span class="invisible">{html.escape(hidden)}</span></a>')


def extract(text: str) -> tuple[list[tuple[str, str | None]], list[str], list[str], list[str]]:
    """(mentions as (username, domain), lowercase tags, urls, emoji shortcodes), each in order of appearance."""
    mentions, tags, urls = [], [], []
    for m in TOKEN_RE.finditer(text):
        if m.group(1):
            urls.append(m.group(1))
        elif m.group(2):
            mentions.append((m.group(3), m.group(4)))
        elif m.group(5):
            tag = m.group(6).lower()
            if tag not in tags:
                tags.append(tag)
    emojis = list(dict.fromkeys(EMOJI_RE.findall(text)))
    return mentions, tags, urls, emojis


def render(text: str, resolve_mention, tag_url) -> str:
    """resolve_mention(username, domain) -> (url, username) or None; tag_url(name) -> url."""
    def token(m: re.Match) -> str:
        if m.group(1):
            return link_html(m.group(1))
        if m.group(2):
            found = resolve_mention(m.group(3), m.group(4))
            if not found:
                return html.escape(m.group(2))
            url, username = found
            return (f'<span class="h-card" translate="no"><a href="{html.escape(url)}" class="u-url mention">'
                    f'@<span>{html.escape(username)}</span></a></span>')
        name = m.group(6)
        return (f'<a href="{html.escape(tag_url(name.lower()))}" class="mention hashtag" rel="tag">'
                f'#<span>{html.escape(name)}</span></a>')

    paragraphs = []
    for para in re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip()):
        if not para:
            continue
        out, pos = [], 0
        for m in TOKEN_RE.finditer(para):
            out.append(html.escape(para[pos:m.start()], quote=False))
            out.append(token(m))
            pos = m.end()
        out.append(html.escape(para[pos:], quote=False))
        paragraphs.append("<p>" + "".join(out).replace("\n", "<br />") + "</p>")
    return "".join(paragraphs)


def plain(note: str) -> str:
    """Profile notes and field values: escaped text with links, as Mastodon renders them."""
    return render(note, lambda u, d: None, lambda t: "#")


def strip_html(content: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", re.sub(r"<br\s*/?>|</p><p>", "\n", content)))
