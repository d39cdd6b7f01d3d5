"""The one gate between server text and the terminal.

Every string that came from a server (status content, names, alt text, poll options, filter titles...) passes
through `clean()` before it is put on screen. What leaves is safe to hand to a terminal:

- no C0/C1 control character: nothing that moves the cursor, rings a bell or switches character sets. Tabs become
  spaces; newlines survive only where the caller allows them (CR, VT, FF, U+2028/2029 count as newlines).
- no escape sequence: CSI, OSC (titles, OSC 8 links, OSC 52 clipboard writes), DCS, SOS, PM, APC are removed
  whole, payload included, whether introduced by ESC or by their 8-bit C1 form. An unterminated string sequence
  is removed to the end of the string, because a terminal would have swallowed it too.
- no bidi control (overrides, embeddings, isolates, marks): they let a stranger visually reorder text
  ("Trojan Source"), e.g. make a link look like it points elsewhere.
- no invisible format character (zero-width space, word joiner, BOM, soft hyphen, tag characters, Hangul
  fillers...): they hide text, defeat filters and make Rich's idea of a line's width differ from the terminal's.
  The zero-width joiner survives only between two emoji, where it builds one glyph (family, flags...).
- no lone surrogate (cannot be encoded; replaced by U+FFFD), and at most a few combining marks per character
  ("Zalgo" text would otherwise paint over neighbouring lines in some terminals).
- a length cap.

The result is plain text. `sanitize_text()` wraps it in a Rich `Text`, never in markup, so `[bold]`,
`[@click=app.quit]` or `**Markdown**` written by a stranger is shown literally.
"""

from __future__ import annotations

import re
import unicodedata

from rich.style import Style
from rich.text import Text

__all__ = [
    "clean",
    "sanitize_text",
    "sanitize_plain",
    "safe_url",
    "is_safe",
    "MAX_TEXT",
    "MAX_LABEL",
]

MAX_TEXT = 20_000
"""Default cap for multi-line text (Mastodon's own limit is 500 characters; other servers allow far more)."""
MAX_LABEL = 200
"""Default cap for single-line labels."""
MAX_COMBINING = 4
"""Combining marks kept after one base character; real scripts (Vietnamese, Indic) need at most three or four."""
ELLIPSIS = "…"

# ESC- and C1-introduced sequences, removed whole. Order matters: string-type sequences first.
_ESC_SEQUENCE = re.compile(
    r"""
    (?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])       # OSC, DCS, SOS, PM, APC (7-bit or 8-bit introducer)
        .*?(?:\x07|\x1b\\|\x9c|\Z)                 #   ... up to BEL, ST, or the end of the string
  | (?:\x1b\[|\x9b)[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]?   # CSI params intermediates final
  | \x1b[\x20-\x2f]*[\x30-\x7e]?                   # any other ESC sequence (charset, keypad, reset...)
    """,
    re.VERBOSE | re.DOTALL,
)

# Quick test: text made only of printable ASCII and newlines needs none of the slow work below.
_NEEDS_WORK = re.compile(r"[^\x20-\x7e\n]")

_NEWLINES = {"\r", "\x0b", "\x0c", "\x85", "\u2028", "\u2029"}  # \x85 is NEL, a C1 "next line"
_ZWJ = "\u200d"
_REPLACEMENT = "\ufffd"

# Characters outside category Cf that are still invisible or blank-looking and get abused to hide text.
_INVISIBLE_EXTRA = {
    "\u115f", "\u1160", "\u3164", "\uffa0",  # Hangul fillers ("invisible names")
    "\u034f",  # combining grapheme joiner
}


def _is_emoji(ch: str) -> bool:
    """Rough emoji test used to decide whether a zero-width joiner is building an emoji sequence."""
    o = ord(ch)
    return (
        0x1F000 <= o <= 0x1FAFF  # pictographs, emoticons, transport, supplemental symbols
        or 0x2600 <= o <= 0x27BF  # misc symbols, dingbats
        or o in (0xFE0F, 0x2640, 0x2642, 0x2695, 0x2696, 0x2708, 0x2764)
        or 0x1F3FB <= o <= 0x1F3FF  # skin tones
    )


def _slow_clean(text: str, newlines: bool, tab: str) -> str:
    out: list[str] = []
    append = out.append
    marks = 0
    n = len(text)
    i = 0
    while i < n:
        ch = text[i]
        i += 1
        o = ord(ch)
        if 0x20 <= o < 0x7F:
            append(ch)
            marks = 0
            continue
        if ch == "\n":
            append("\n" if newlines else " ")
            marks = 0
            continue
        if ch == "\t":
            append(tab)
            marks = 0
            continue
        if ch in _NEWLINES:
            if ch == "\r" and i < n and text[i] == "\n":
                continue  # CRLF: the LF does the work
            append("\n" if newlines else " ")
            marks = 0
            continue
        if o < 0x20 or 0x7F <= o <= 0x9F:
            continue  # remaining C0/C1 controls (ESC sequences were removed before)
        if 0xD800 <= o <= 0xDFFF:
            append(_REPLACEMENT)
            marks = 0
            continue
        if ch in _INVISIBLE_EXTRA or 0xE0000 <= o <= 0xE007F:
            continue  # the whole Tags block, its unassigned code points too: invisible, used to smuggle text
        category = unicodedata.category(ch)
        if category == "Cf":
            if ch == _ZWJ and out and _is_emoji(out[-1]) and i < n and _is_emoji(text[i]):
                append(ch)
            continue  # bidi controls, zero-width characters, BOM, soft hyphen, tags, ...
        if category in ("Mn", "Me"):
            if 0xE0100 <= o <= 0xE01EF:
                continue  # supplementary variation selectors: invisible, used to smuggle data
            marks += 1
            if marks > MAX_COMBINING or not out:
                continue
            append(ch)
            continue
        if category == "Zs" and ch != "\u3000":
            append(" ")  # odd-width spaces (en quad, hair space...) render unpredictably
            marks = 0
            continue
        append(ch)
        marks = 0
    return "".join(out)


def clean(text: object, *, newlines: bool = True, max_len: int = MAX_TEXT, tab: str = "    ") -> str:
    """Return `text` made safe for a terminal (see the module docstring). Never raises.

    `newlines`: keep line breaks (as "\\n"); otherwise every line break becomes a space.
    `max_len`: longer results are cut and end with "…".
    """
    if text is None:
        return ""
    if not isinstance(text, str):
        text = str(text)
    # Cap before the slow work as well, so a multi-megabyte string costs no more than the cap.
    if len(text) > max_len * 4:
        text = text[: max_len * 4]
    if _NEEDS_WORK.search(text):
        if "\x1b" in text or _has_c1_introducer(text):
            text = _ESC_SEQUENCE.sub("", text)
        text = _slow_clean(text, newlines, tab)
    if len(text) > max_len:
        text = text[: max(0, max_len - 1)] + ELLIPSIS
    return text


def _has_c1_introducer(text: str) -> bool:
    return any(c in text for c in "\x90\x98\x9b\x9d\x9e\x9f")


def sanitize_text(
    text: object,
    style: str | Style = "",
    *,
    newlines: bool = True,
    max_len: int = MAX_TEXT,
) -> Text:
    """Server text as a Rich `Text` (shown literally: never parsed as markup)."""
    return Text(clean(text, newlines=newlines, max_len=max_len), style=style, end="")


_SPACES = re.compile(r"\s+")


def sanitize_plain(text: object, max_len: int = MAX_LABEL, max_word: int = 60) -> str:
    """One safe line for a label (display name, acct, tag, title, notification): no line breaks, whitespace
    collapsed, words longer than `max_word` broken with a space so the label can wrap, at most `max_len`."""
    line = clean(text, newlines=False, max_len=max_len * 2, tab=" ")
    line = _SPACES.sub(" ", line).strip()
    if max_word and len(line) > max_word:
        line = " ".join(_break_word(word, max_word) for word in line.split(" "))
    if len(line) > max_len:
        line = line[: max(0, max_len - 1)] + ELLIPSIS
    return line


def _break_word(word: str, limit: int) -> str:
    if len(word) <= limit:
        return word
    return " ".join(word[i : i + limit] for i in range(0, len(word), limit))


_URL_UNSAFE = re.compile(r"[\x00-\x20\x7f-\x9f\u00a0\u061c\u180e\u2000-\u200f\u2028-\u202f\u205f-\u206f\ufeff\ud800-\udfff]")


def safe_url(url: object, max_len: int = 2048) -> str:
    """A URL safe to print or hand to a browser: every control, space, bidi or invisible character is
    percent-encoded (so it stays visible and cannot reorder or hide the rest of the URL)."""
    if not isinstance(url, str):
        return ""
    url = url.strip()[: max_len * 2]

    def encode(match: re.Match[str]) -> str:
        ch = match.group(0)
        if 0xD800 <= ord(ch) <= 0xDFFF:
            return "%EF%BF%BD"
        return "".join(f"%{b:02X}" for b in ch.encode("utf-8"))

    url = _URL_UNSAFE.sub(encode, url)
    # Tag characters and other Cf outside the ranges above.
    if not url.isascii():
        url = "".join(
            "".join(f"%{b:02X}" for b in c.encode("utf-8")) if unicodedata.category(c) == "Cf" else c for c in url
        )
    if len(url) > max_len:
        url = url[: max_len - 1] + ELLIPSIS
    return url


_BIDI_AND_INVISIBLE = re.compile(
    "[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\u00ad\U000e0000-\U000e007f\ud800-\udfff]"
)
_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")


def is_safe(text: str, *, newlines: bool = True) -> bool:
    """True when `text` holds nothing `clean` would have removed as dangerous: no control character, no ESC,
    no bidi control, no zero-width character. Used by tests and assertions; ZWJ between emoji is allowed."""
    if _CONTROL.search(text):
        return False
    if not newlines and "\n" in text:
        return False
    for match in _BIDI_AND_INVISIBLE.finditer(text):
        ch = match.group(0)
        i = match.start()
        if ch == _ZWJ and 0 < i < len(text) - 1 and _is_emoji(text[i - 1]) and _is_emoji(text[i + 1]):
            continue
        return False
    return True
