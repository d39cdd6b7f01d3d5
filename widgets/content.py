"""Mastodon status HTML -> Rich `Text`, safely.

The HTML is parsed by Lexbor (selectolax), a real HTML5 parser, so hostile or broken markup is understood the way
a browser would understand it. The tree is then walked into *blocks*: each block is one paragraph (or list item,
quote line, code block) with a prefix for its first line and one for its continuation lines, so quotes keep their
bar and list items their hanging indent when wrapped to any width.

Every text node goes through `sanitize.clean` on the way; nothing else from the server reaches the output, and
the output is built with `Text.append`, never markup. Links are collected into `RenderedContent.links`; their
characters carry `Style(meta={LINK_META: index})` so a click can be mapped back to the `Link`.
"""

from __future__ import annotations

import html as html_lib
import re
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from rich.cells import cell_len, chop_cells
from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.style import Style
from rich.text import Text
from selectolax.lexbor import LexborHTMLParser, LexborNode

from widgets import theme
from widgets.sanitize import MAX_TEXT, clean, safe_url, sanitize_plain

__all__ = ["Link", "Block", "RenderedContent", "render_html", "render_status_content", "style_emoji", "wrap_text"]


@dataclass(frozen=True, slots=True)
class Link:
    """A link in rendered content. `target` is what the app should open:
    mention -> the account's acct ("user@host"), hashtag -> the tag name (no '#'), url -> the (safe) URL."""

    kind: str  # "mention" | "hashtag" | "url"
    text: str  # the visible text, sanitized
    target: str
    url: str  # the href, made safe (controls, spaces, bidi percent-encoded)
    account_id: str | None = None  # mentions matched against the status's `mentions`
    suspicious: bool = False  # visible text names a different place than the href, or an odd scheme
    reason: str = ""


@dataclass(slots=True)
class Block:
    """One paragraph-like unit: `body` may hold "\\n" (from <br> or <pre>); every line after the first (whether
    from a newline or from wrapping) gets the `rest` prefix."""

    first: Text
    rest: Text
    body: Text


_WORD = re.compile(r"\s*\S+\s*")


def _break_offsets(plain: str, width: int) -> list[int]:
    """Greedy word wrap: where to cut `plain` (no newlines) so no piece is wider than `width` cells. Words wider
    than the width are folded at grapheme boundaries. (Rich's Text.wrap does the same, three times slower:
    it also justifies and copies, which we do not need.)"""
    offsets: list[int] = []
    line_cells = 0
    for match in _WORD.finditer(plain):
        start = match.start()
        word = match.group()
        stripped = word.rstrip()
        word_cells = cell_len(stripped)
        if line_cells and line_cells + word_cells > width:
            offsets.append(start)
            line_cells = 0
        if word_cells > width:
            position = start
            chunks = chop_cells(stripped, width)
            for chunk in chunks[:-1]:
                position += len(chunk)
                offsets.append(position)
            line_cells = cell_len(chunks[-1]) + (len(word) - len(stripped))
        else:
            line_cells += word_cells + (len(word) - len(stripped))
    return offsets


def wrap_text(text: Text, width: int) -> list[Text]:
    """Wrap `text` to `width` cells; words longer than the width are folded (so no line exceeds it)."""
    width = max(1, width)
    plain = text.plain
    pieces = text.split("\n", allow_blank=True) if "\n" in plain else [text]
    lines: list[Text] = []
    for piece in pieces:
        piece_plain = piece.plain
        if cell_len(piece_plain) <= width:
            line = piece.copy() if piece is text else piece
            line.rstrip()
            lines.append(line)
            continue
        for line in piece.divide(_break_offsets(piece_plain, width)):
            line.rstrip()  # the space where the line was broken
            lines.append(line)
    return lines


@dataclass
class RenderedContent:
    """Content, width-independent: call `lines(width)` for wrapped lines, or use it as a Rich renderable."""

    blocks: list[Block] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    failed: bool = False  # the HTML could not be rendered; this is the plain-text fallback

    def lines(self, width: int) -> list[Text]:
        out: list[Text] = []
        for block in self.blocks:
            first_w = block.first.cell_len
            rest_w = block.rest.cell_len
            prefix_w = max(first_w, rest_w)
            if prefix_w > width // 2:  # absurd nesting at a narrow width: drop the prefixes, keep the text
                first, rest = Text(), Text()
            else:
                first, rest = block.first, block.rest
            body_width = max(1, width - max(first.cell_len, rest.cell_len))
            if not block.body:
                out.append(rest.copy() if rest else Text())
                continue
            for n, line in enumerate(wrap_text(block.body, body_width)):
                prefix = first if n == 0 else rest
                out.append(Text.assemble(prefix, line) if prefix else line)
        return out

    def to_text(self) -> Text:
        """All blocks as one `Text` (prefixes on logical lines), for places that wrap by themselves."""
        out = Text(end="")
        for n, block in enumerate(self.blocks):
            if n:
                out.append("\n")
            out.append_text(block.first)
            body = block.body
            if "\n" in body.plain and block.rest:
                parts = body.split("\n", allow_blank=True)
                for i, part in enumerate(parts):
                    if i:
                        out.append("\n")
                        out.append_text(block.rest)
                    out.append_text(part)
            else:
                out.append_text(body)
        return out

    @property
    def plain(self) -> str:
        return self.to_text().plain

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for line in self.lines(options.max_width):
            line.end = "\n"
            yield line

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement(1, options.max_width)


# --- the walker -----------------------------------------------------------------------------------------------

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
_WS = re.compile(r"[ \t\n\r\f]+")


class _Prefix:
    __slots__ = ("first", "rest", "used")

    def __init__(self, first: Text, rest: Text) -> None:
        self.first = first
        self.rest = rest
        self.used = False


class _Walker:
    def __init__(self, mentions: Sequence[dict], tags: Sequence[dict], link_offset: int) -> None:
        self.mentions = [m for m in mentions or () if isinstance(m, dict)]
        self.tags = [t for t in tags or () if isinstance(t, dict)]
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
            self.list(node, depth, ordered=(tag == "ol"))
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

    def list(self, node: LexborNode, depth: int, ordered: bool) -> None:
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
        suspicious, reason = _link_mismatch(href, visible)
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


_DOMAINISH = re.compile(
    r"^(?:[a-z][a-z0-9+.\-]*://)?(?:[^\s/@]+@)?([^\s/:?#@]+\.[^\s/:?#@.]{2,}|[^\s/:?#@]+\.[^\s/:?#@]*…)"
    r"(?::\d+)?(?:[/?#]\S*)?$",
    re.IGNORECASE,
)
_WEB_SCHEMES = {"http", "https"}


def _normal_host(host: str) -> str:
    host = host.strip().rstrip(".").lower()
    try:
        host = host.encode("idna").decode("ascii")
    except (UnicodeError, ValueError):
        host = host.encode("ascii", "backslashreplace").decode("ascii")
    return host[4:] if host.startswith("www.") else host


def _link_mismatch(href: str, visible: str) -> tuple[bool, str]:
    """Is the link lying? True when its visible text names another host than its target, or the target is
    not a web link at all."""
    try:
        parts = urlsplit(href.strip())
        scheme = parts.scheme.lower()
        href_host = parts.hostname or ""
    except ValueError:
        return True, "malformed link"
    if scheme not in _WEB_SCHEMES and scheme != "mailto":
        return True, f"not a web link ({sanitize_plain(scheme, 20) or 'no scheme'})"
    match = _DOMAINISH.match(visible.strip())
    if not match:
        return False, ""
    shown = match.group(1)
    truncated = shown.endswith("…")
    shown = _normal_host(shown.rstrip("…"))
    actual = _normal_host(href_host)
    if not shown:
        return False, ""
    if shown == actual or (truncated and actual.startswith(shown)):
        return False, ""
    return True, f"text shows {sanitize_plain(shown, 80)} but the link goes to {sanitize_plain(actual, 80) or '?'}"


# --- public API -----------------------------------------------------------------------------------------------


def style_emoji(text: Text, shortcodes: Iterable[str]) -> Text:
    """Style known custom emoji `:shortcode:` in `text` (in place; returned for chaining)."""
    codes = [re.escape(c) for c in shortcodes if isinstance(c, str) and c]
    if codes and ":" in text.plain:
        text.highlight_regex(re.compile(":(?:" + "|".join(codes) + "):"), theme.EMOJI)
    return text


def _shortcodes(emojis: object) -> list[str]:
    if not isinstance(emojis, list):
        return []
    return [e.get("shortcode") for e in emojis if isinstance(e, dict) and isinstance(e.get("shortcode"), str)]


def render_html(
    content: object,
    *,
    mentions: Sequence[dict] | None = None,
    tags: Sequence[dict] | None = None,
    emojis: Sequence[dict] | None = None,
    link_offset: int = 0,
) -> RenderedContent:
    """Render Mastodon HTML. Never raises: unrenderable input comes back as sanitized plain text with a marker
    (and `failed=True`). `link_offset` numbers the links from there (when several pieces share one list)."""
    if content is None:
        return RenderedContent()
    if not isinstance(content, str):
        content = str(content)
    try:
        walker = _Walker(mentions or [], tags or [], link_offset)
        body = LexborHTMLParser(content[: MAX_TEXT * 10]).body
        if body is not None:
            walker.children(body, 0)
        walker.flush()
        rendered = RenderedContent(walker.blocks, walker.links)
    except Exception:  # noqa: BLE001 - any parser or walker failure falls back to plain text, never a crash
        return _fallback(content)
    codes = _shortcodes(emojis)
    if codes:
        for block in rendered.blocks:
            style_emoji(block.body, codes)
    return rendered


def _fallback(content: str) -> RenderedContent:
    try:
        plain = html_lib.unescape(re.sub(r"<[^>]*>?", " ", content))
    except Exception:  # noqa: BLE001
        plain = content
    marker = Text("⚠ could not render this post's formatting; shown as plain text", style=theme.WARN, end="")
    body = Text(clean(plain), end="")
    return RenderedContent([Block(Text(), Text(), marker), Block(Text(), Text(), body)], [], failed=True)


_CACHE: OrderedDict[tuple, RenderedContent] = OrderedDict()
_CACHE_SIZE = 512


def render_status_content(status: dict) -> RenderedContent:
    """The status's `content`, rendered with its mentions, tags and emoji; cached per (id, edited_at, content)
    so re-rendering a status whose counts changed does not parse its HTML again."""
    content = status.get("content")
    key = (str(status.get("id")), str(status.get("edited_at")), content if isinstance(content, str) else repr(content))
    cached = _CACHE.get(key)
    if cached is not None:
        _CACHE.move_to_end(key)
        return cached
    rendered = render_html(
        content,
        mentions=status.get("mentions") if isinstance(status.get("mentions"), list) else None,
        tags=status.get("tags") if isinstance(status.get("tags"), list) else None,
        emojis=status.get("emojis") if isinstance(status.get("emojis"), list) else None,
    )
    _CACHE[key] = rendered
    if len(_CACHE) > _CACHE_SIZE:
        _CACHE.popitem(last=False)
    return rendered


def iter_link_indexes(text: Text) -> Iterator[int]:
    """Link indexes present in a rendered line (from span metadata)."""
    for span in text.spans:
        style = span.style
        if isinstance(style, Style) and style.meta and theme.LINK_META in style.meta:
            yield style.meta[theme.LINK_META]
