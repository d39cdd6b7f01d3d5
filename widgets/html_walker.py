"""The HTML tree walker behind `content.render_html`: Lexbor nodes -> blocks of sanitized Rich `Text`.

Block elements (p, lists, quotes, pre, headings) end the current block; each block carries the prefixes of the
lists and quotes it sits in. Inline elements push a style for their text. Every text node passes `clean()`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from rich.style import Style
from rich.text import Text
from selectolax.lexbor import LexborNode

from widgets import theme
from widgets.links import Link, link_mismatch
from widgets.sanitize import MAX_TEXT, clean, safe_url, sanitize_plain

__all__ = ["Block", "Walker"]


@dataclass(slots=True)
class Block:
    """One paragraph-like unit: `body` may hold "\\n" (from <br> or <pre>); every line after the first (whether
    from a newline or from wrapping) gets the `rest` prefix."""

    first: Text
    rest: Text
    body: Text


_DROP = frozenset(
    "script style template head title noscript iframe object embed svg math textarea select button "
    "audio video canvas frameset frame applet base link meta".split()
)
_BLOCKS = frozenset(
    "p div section article header footer aside nav main figure figcaption details summary address dl dt dd "
    "table tbody thead tfoot tr center form fieldset".split()
)
_HEADINGS = frozenset("h1 h2 h3 h4 h5 h6".split())
_INLINE_STYLES = {
    "strong": theme.BOLD,
    "b": theme.BOLD,
    "em": theme.ITALIC,
    "i": theme.ITALIC,
    "cite": theme.ITALIC,
    "del": theme.STRIKE,
    "s": theme.STRIKE,
    "strike": theme.STRIKE,
    "u": theme.UNDERLINE,
    "ins": theme.UNDERLINE,
    "code": theme.CODE,
    "kbd": theme.CODE,
    "samp": theme.CODE,
    "tt": theme.CODE,
}
_BULLETS = ("• ", "◦ ", "▪ ")
_MAX_DEPTH = 40  # deeper trees are flattened to text: no recursion limit, no absurd indentation
_MAX_LIST_NUMBER = 10**6
MAX_BLOCKS = 1_000  # paragraphs/list items/quote lines kept; a post with more is cut (with a marker)
_WS = re.compile(r"[ \t\n\r\f]+")


class _Prefix:
    __slots__ = ("first", "rest", "used")

    def __init__(self, first: Text, rest: Text) -> None:
        self.first = first
        self.rest = rest
        self.used = False


class Walker:
    def __init__(self, mentions: Sequence[dict], tags: Sequence[dict], link_offset: int) -> None:
        # Each link is matched against these lists: keep them to what a real status has.
        self.mentions = [m for m in list(mentions or ())[:200] if isinstance(m, dict)]
        self.tags = [t for t in list(tags or ())[:200] if isinstance(t, dict)]
        self.link_offset = link_offset
        self.blocks: list[Block] = []
        self.links: list[Link] = []
        self.cur = Text(end="")
        self.prefixes: list[_Prefix] = []
        self.styles: list[Style] = []
        self.style: Style | None = None
        self.need_gap = False
        self.pre = 0
        self.at_space = True  # the last character emitted is whitespace (or we are at a line start)
        self.captures: list[list[str]] = []
        self.budget = MAX_TEXT

    # text ---------------------------------------------------------------------------------------------------
    def text(self, raw: str) -> None:
        if not raw or self.budget <= 0:
            return
        if self.pre:
            s = clean(raw, newlines=True)
        else:
            s = _WS.sub(" ", raw)
            if self.at_space and s.startswith(" "):
                s = s[1:]
            s = clean(s, newlines=False)
            if not s:
                return
        if len(s) > self.budget:
            s = s[: self.budget] + "…"
        self.budget -= len(s)
        self.cur.append(s, self.style)
        self.at_space = s.endswith((" ", "\n"))
        for capture in self.captures:
            capture.append(s)

    def newline(self) -> None:
        self.cur.append("\n")
        self.at_space = True
        for capture in self.captures:
            capture.append(" ")

    def push_style(self, style: Style) -> None:
        self.styles.append(style)
        self.style = Style.combine(self.styles)

    def pop_style(self) -> None:
        self.styles.pop()
        self.style = Style.combine(self.styles) if self.styles else None

    # blocks -------------------------------------------------------------------------------------------------
    def _prefix(self, rest: bool) -> Text:
        out = Text(end="")
        for p in self.prefixes:
            out.append_text(p.rest if (rest or p.used) else p.first)
        return out

    def flush(self) -> None:
        body = self.cur
        if not self.pre:
            body.rstrip()
        self.cur = Text(end="")
        self.at_space = True
        if not body.plain.strip("\n "):
            return
        if self.need_gap and self.blocks:
            gap = Text(end="")
            for p in self.prefixes:
                if p.used:
                    gap.append_text(p.rest)
            gap.rstrip()
            self.blocks.append(Block(gap, gap, Text(end="")))
        self.need_gap = False
        if len(self.blocks) >= MAX_BLOCKS:
            if self.budget > 0:
                self.budget = 0  # stop collecting text: nothing more will be shown
                self.blocks.append(Block(Text(end=""), Text(end=""), Text("⋯", style=theme.DIM, end="")))
            return
        block = Block(self._prefix(rest=False), self._prefix(rest=True), body)
        for p in self.prefixes:
            p.used = True
        self.blocks.append(block)

    def paragraph_break(self) -> None:
        self.flush()
        self.need_gap = True

    # tree ---------------------------------------------------------------------------------------------------
    def children(self, node: LexborNode, depth: int) -> None:
        for child in node.iter(include_text=True):
            if child.is_text_node:
                self.text(child.text_content or "")
            elif child.is_element_node:
                self.element(child, depth + 1)

    def element(self, node: LexborNode, depth: int) -> None:
        tag = (node.tag or "").lower()
        if tag in _DROP:
            return
        if depth > _MAX_DEPTH:
            self.text(node.text(deep=True) or "")
            return
        if tag == "br":
            self.newline()
        elif tag == "a":
            self.anchor(node, depth)
        elif tag == "span":
            classes = _classes(node)
            if "invisible" in classes:
                return
            self.children(node, depth)
            if "ellipsis" in classes:
                self.text("…")
        elif tag in _INLINE_STYLES:
            self.push_style(_INLINE_STYLES[tag])
            self.children(node, depth)
            self.pop_style()
        elif tag in ("ul", "ol", "menu"):
            self.list_block(node, depth, ordered=(tag == "ol"))
        elif tag == "li":  # stray <li> outside a list
            self.list_item(node, depth, "• ")
        elif tag == "blockquote":
            self.paragraph_break()
            bar = Text("▌ ", style=theme.QUOTE_BAR, end="")
            self.prefixes.append(_Prefix(bar, bar))
            self.push_style(theme.QUOTE)
            self.children(node, depth)
            self.pop_style()
            self.flush()
            self.prefixes.pop()
            self.need_gap = True
        elif tag == "pre":
            self.paragraph_break()
            self.pre += 1
            self.push_style(theme.CODE)
            self.children(node, depth)
            self.pop_style()
            self.pre -= 1
            _strip_trailing_newlines(self.cur)
            self.paragraph_break()
        elif tag in _HEADINGS:
            self.paragraph_break()
            self.push_style(theme.HEADING)
            self.children(node, depth)
            self.pop_style()
            self.paragraph_break()
        elif tag == "hr":
            self.paragraph_break()
            self.cur.append("─" * 12, theme.QUOTE_BAR)
            self.paragraph_break()
        elif tag == "img":
            alt = node.attributes.get("alt") or ""
            alt = alt if isinstance(alt, str) else ""
            if re.fullmatch(r":[\w+-]+:", alt.strip()):
                self.push_style(theme.EMOJI)
                self.text(alt.strip())
                self.pop_style()
            elif alt.strip():
                self.text(f"[image: {alt.strip()}]")
        elif tag in _BLOCKS:
            self.paragraph_break()
            self.children(node, depth)
            self.paragraph_break()
        elif tag in ("td", "th"):
            self.children(node, depth)
            self.text(" ")
        else:  # unknown or harmless inline tag: its text
            self.children(node, depth)

    def list_block(self, node: LexborNode, depth: int, ordered: bool) -> None:
        nested = any(p.first.plain.strip() not in ("▌", "") for p in self.prefixes)
        if nested:
            self.flush()
        else:
            self.paragraph_break()
        number = 1
        if ordered:
            try:
                number = max(-_MAX_LIST_NUMBER, min(_MAX_LIST_NUMBER, int(node.attributes.get("start") or 1)))
            except (TypeError, ValueError):
                number = 1
        list_depth = sum(1 for p in self.prefixes if p.first.plain.strip() not in ("▌", ""))
        for child in node.iter(include_text=True):
            if child.is_element_node and (child.tag or "").lower() == "li":
                marker = f"{number}. " if ordered else _BULLETS[list_depth % len(_BULLETS)]
                self.list_item(child, depth + 1, marker)
                number += 1
            elif child.is_element_node:
                self.element(child, depth + 1)
            elif child.is_text_node and (child.text_content or "").strip():
                self.text(child.text_content or "")
        self.flush()
        if not nested:
            self.need_gap = True

    def list_item(self, node: LexborNode, depth: int, marker: str) -> None:
        self.flush()
        self.need_gap = False
        self.prefixes.append(_Prefix(Text(marker, style=theme.DIM, end=""), Text(" " * len(marker), end="")))
        self.children(node, depth)
        self.flush()
        self.need_gap = False
        self.prefixes.pop()

    def anchor(self, node: LexborNode, depth: int) -> None:
        attrs = node.attributes
        href = attrs.get("href") if isinstance(attrs.get("href"), str) else ""
        classes = _classes(node)
        rel = (attrs.get("rel") or "") if isinstance(attrs.get("rel"), str) else ""
        start_text = len(self.cur)
        capture: list[str] = []
        self.captures.append(capture)
        index = self.link_offset + len(self.links)
        placeholder = Style(meta={theme.LINK_META: index})
        # The style is decided after the text is known (suspicious links are styled differently), so the
        # children are rendered with the meta only and restyled below.
        self.push_style(placeholder)
        self.children(node, depth)
        self.pop_style()
        self.captures.pop()
        visible = "".join(capture).strip()
        link = self.classify(href or "", visible, classes, rel)
        self.links.append(link)
        style = {
            "mention": theme.MENTION,
            "hashtag": theme.HASHTAG,
        }.get(link.kind, theme.SUSPICIOUS_URL if link.suspicious else theme.URL)
        if self.cur is not None and len(self.cur) > start_text:
            self.cur.stylize(style, start_text, len(self.cur))

    def classify(self, href: str, visible: str, classes: set[str], rel: str) -> Link:
        url = safe_url(href)
        text = sanitize_plain(visible, max_len=500)
        if "mention" in classes and "hashtag" not in classes or (visible.startswith("@") and "hashtag" not in classes):
            for m in self.mentions:
                if m.get("url") == href or (m.get("username") and visible.lstrip("@") == m.get("acct")):
                    return Link("mention", text, sanitize_plain(m.get("acct") or ""), url, _str_or_none(m.get("id")))
            if "mention" in classes:
                host = (urlsplit(url).hostname or "") if url else ""
                user = visible.lstrip("@").split("@")[0]
                target = sanitize_plain(f"{user}@{host}" if host else user)
                return Link("mention", text, target, url)
        if "hashtag" in classes or "tag" in rel.split() or (visible.startswith("#") and len(visible) > 1):
            for t in self.tags:
                if t.get("url") and t.get("url") == href:
                    return Link("hashtag", text, sanitize_plain(t.get("name") or visible.lstrip("#")), url)
            if "hashtag" in classes or "tag" in rel.split():
                return Link("hashtag", text, sanitize_plain(visible.lstrip("#")), url)
        suspicious, reason = link_mismatch(href, visible)
        return Link("url", text, url, url, None, suspicious, reason)


def _strip_trailing_newlines(text: Text) -> None:
    plain = text.plain
    stripped = plain.rstrip("\n")
    if len(stripped) != len(plain):
        text.right_crop(len(plain) - len(stripped))


def _str_or_none(value: object) -> str | None:
    return None if value is None else str(value)


def _classes(node: LexborNode) -> set[str]:
    value = node.attributes.get("class")
    return set(value.split()) if isinstance(value, str) else set()
