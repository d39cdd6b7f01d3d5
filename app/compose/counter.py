"""Characters as Mastodon counts them (app/validators/status_length_validator.rb):

- every http(s) URL counts as `characters_reserved_per_url` (23 on Mastodon), however long it is;
- a remote mention `@user@domain` counts as its local part `@user`;
- the content warning counts too, and the total is in grapheme clusters, not code points, so an emoji made of
  several code points (a family, a flag, a skin tone) counts once.

The instance's limits come from /api/v2/instance (`ComposeLimits.from_instance`); servers that do not publish
them get Mastodon's defaults.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# A URL as the server sees one: a scheme, then anything up to white space; closing punctuation that ends a
# sentence is not part of the link ("see https://x.org." counts the dot separately).
URL_RE = re.compile(r"(?<![\w/])https?://[^\s<>\"']*[^\s<>\"'.,;:!?)\]}]", re.IGNORECASE)
# Mastodon's Account::MENTION_RE: a username, optionally @domain; not preceded by a word character, "/" or "=".
MENTION_RE = re.compile(r"(?<![=/\w])@([a-z0-9_]+(?:[.-]+[a-z0-9_]+)*)(?:@[\w.-]+\w+)?", re.IGNORECASE)

_ZWJ = "\u200d"


def _extends(ch: str) -> bool:
    """Code points that attach to the previous one inside a grapheme cluster (combining marks, variation
    selectors, emoji skin-tone modifiers, tag characters of subdivision flags)."""
    code = ord(ch)
    return (unicodedata.combining(ch) != 0 or unicodedata.category(ch) in ("Mn", "Me", "Mc")
            or 0xFE00 <= code <= 0xFE0F or 0x1F3FB <= code <= 0x1F3FF or 0xE0020 <= code <= 0xE007F
            or 0xE0100 <= code <= 0xE01EF)


def _regional(ch: str) -> bool:
    return 0x1F1E6 <= ord(ch) <= 0x1F1FF


def grapheme_count(text: str) -> int:
    """Grapheme clusters, close to Unicode's extended rules for what people type: combining sequences,
    ZWJ emoji sequences, modifiers, flags (pairs of regional indicators) and CR LF each count as one."""
    count = 0
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        count += 1
        i += 1
        if ch == "\r" and i < n and text[i] == "\n":
            i += 1
            continue
        if _regional(ch) and i < n and _regional(text[i]):
            i += 1
        while i < n:
            nxt = text[i]
            if _extends(nxt):
                i += 1
            elif nxt == _ZWJ:
                i += 2 if i + 1 < n else 1  # the joiner glues the next code point to this cluster
            else:
                break
    return count


def countable_text(text: str, url_length: int = 23) -> str:
    text = URL_RE.sub(lambda m: "x" * url_length, text)
    return MENTION_RE.sub(lambda m: "@" + m.group(1), text)


def count_characters(text: str, spoiler_text: str = "", url_length: int = 23) -> int:
    """What the server will count against max_characters for this text and content warning."""
    return grapheme_count(spoiler_text) + grapheme_count(countable_text(text, url_length))


@dataclass(frozen=True)
class ComposeLimits:
    max_characters: int = 500
    characters_reserved_per_url: int = 23
    max_media_attachments: int = 4
    max_poll_options: int = 4
    max_characters_per_option: int = 50
    min_poll_expiration: int = 300
    max_poll_expiration: int = 2629746
    max_description_characters: int = 1500

    @classmethod
    def from_instance(cls, instance) -> "ComposeLimits":
        """Read v2 (configuration.*) or v1 (configuration.* or Pleroma-style max_toot_chars) instance info;
        every value that is missing or not a positive number keeps its default."""
        default = cls()
        if not isinstance(instance, dict):
            return default
        config = instance.get("configuration") if isinstance(instance.get("configuration"), dict) else {}

        def pick(section: str, key: str, fallback: int) -> int:
            part = config.get(section)
            value = part.get(key) if isinstance(part, dict) else None
            if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
                return fallback
            return value

        max_chars = pick("statuses", "max_characters", default.max_characters)
        toot_chars = instance.get("max_toot_chars")
        if "statuses" not in config and isinstance(toot_chars, int) and toot_chars > 0:
            max_chars = toot_chars
        return cls(
            max_characters=max_chars,
            characters_reserved_per_url=pick("statuses", "characters_reserved_per_url",
                                             default.characters_reserved_per_url),
            max_media_attachments=pick("statuses", "max_media_attachments", default.max_media_attachments),
            max_poll_options=pick("polls", "max_options", default.max_poll_options),
            max_characters_per_option=pick("polls", "max_characters_per_option", default.max_characters_per_option),
            min_poll_expiration=pick("polls", "min_expiration", default.min_poll_expiration),
            max_poll_expiration=pick("polls", "max_expiration", default.max_poll_expiration),
            max_description_characters=pick("media_attachments", "description_limit",
                                            default.max_description_characters),
        )

    def remaining(self, text: str, spoiler_text: str = "") -> int:
        return self.max_characters - count_characters(text, spoiler_text, self.characters_reserved_per_url)
