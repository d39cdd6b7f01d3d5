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

from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.style import Style
from rich.text import Text
from selectolax.lexbor import LexborHTMLParser

from widgets import theme
from widgets.html_walker import Block, Walker
from widgets.links import Link
from widgets.sanitize import clean
from widgets.wrap import wrap_text

__all__ = ["Link", "Block", "RenderedContent", "render_html", "render_status_content", "style_emoji", "wrap_text"]


@dataclass
class RenderedContent:
    """Content, width-independent: call `lines(width)` for wrapped lines, or use it as a Rich renderable."""

    blocks: list[Block] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    failed: bool = False  # the HTML could not be rendered; this is the plain-text fallback
    _wrapped: tuple[tuple[int, int | None], list[Text]] | None = field(default=None, repr=False, compare=False)

    def lines(self, width: int, max_lines: int | None = None) -> list[Text]:
        """The content wrapped to `width` cells; with `max_lines`, at most that many, the last one saying that
        the rest was cut. The last width's lines are kept (a status re-rendered because its counts changed wraps
        nothing again); callers get copies they may restyle."""
        limit = max_lines if max_lines is not None and max_lines > 0 else None
        if self._wrapped is None or self._wrapped[0] != (width, limit):
            self._wrapped = ((width, limit), self._wrap(width, limit))
        return [line.copy() for line in self._wrapped[1]]

    def _wrap(self, width: int, limit: int | None) -> list[Text]:
        out: list[Text] = []
        for block in self.blocks:
            if limit is not None and len(out) > limit:
                break
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
        if limit is not None and len(out) > limit:
            del out[limit - 1 :]
            out.append(Text("⋯ (long post cut here: open it to read the rest)", style=theme.DIM, end=""))
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


def style_emoji(text: Text, shortcodes: Iterable[str]) -> Text:
    """Style known custom emoji `:shortcode:` in `text` (in place; returned for chaining)."""
    if ":" not in text.plain:
        return text
    # A status carries a handful of emoji; a hostile list of thousands would make a huge pattern per render.
    codes = [re.escape(c) for c in list(shortcodes)[:MAX_ENTITIES] if isinstance(c, str) and 0 < len(c) <= 100]
    if codes:
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
    content = content[:MAX_HTML]
    if content.count("<") > MAX_TAGS:
        # HTML5 tree building is quadratic in nesting depth: 20,000 nested <div>s take Lexbor about a second.
        # Nothing a person posts needs thousands of tags; show such a post's text without its formatting.
        return _fallback(content, "⚠ formatting dropped: this post has too many HTML tags")
    try:
        walker = Walker(mentions or [], tags or [], link_offset)
        body = LexborHTMLParser(content).body
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


def _fallback(content: str, why: str = "⚠ could not render this post's formatting; shown as plain text") -> RenderedContent:
    try:
        plain = html_lib.unescape(re.sub(r"<[^>]*>?", " ", content))
    except Exception:  # noqa: BLE001
        plain = content
    marker = Text(why, style=theme.WARN, end="")
    body = Text(clean(plain), end="")
    return RenderedContent([Block(Text(), Text(), marker), Block(Text(), Text(), body)], [], failed=True)


MAX_ENTITIES = 200
"""Emoji, mentions and tags considered per status (Mastodon sends a few; more is an attack on our CPU)."""
MAX_HTML = 100_000
"""Characters of HTML considered (Mastodon allows 500 characters of text; other servers up to ~100,000)."""
MAX_TAGS = 4_000
"""More tags than this and the post is shown as plain text (see `render_html`)."""

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
