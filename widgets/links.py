"""Links in server content: what they point to, and whether their visible text lies about it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from widgets.sanitize import sanitize_plain

__all__ = ["Link", "link_mismatch", "shown_host"]


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



_SCHEME = re.compile(r"[a-z][a-z0-9+.\-]*://", re.IGNORECASE)
_WEB_SCHEMES = {"http", "https"}


def _normal_host(host: str) -> str:
    host = host.strip().rstrip(".").lower()
    try:
        host = host.encode("idna").decode("ascii")
    except (UnicodeError, ValueError):
        host = host.encode("ascii", "backslashreplace").decode("ascii")
    return host[4:] if host.startswith("www.") else host


def shown_host(visible: str) -> tuple[str, bool] | None:
    """The host that a link's visible text names, when the text looks like a URL or a domain
    ("https://bank.example/login", "bank.example", "bank.exa…"), with whether it was cut short; else None.
    Plain string operations, linear in the text (a backtracking regex here was quadratic on long texts)."""
    text = visible.strip()
    if not text or any(ch.isspace() for ch in text):
        return None
    scheme = _SCHEME.match(text)
    if scheme:
        text = text[scheme.end() :]
    cuts = [i for i in (text.find("/"), text.find("?"), text.find("#")) if i >= 0]
    host = text[: min(cuts)] if cuts else text
    if "@" in host:
        host = host.rsplit("@", 1)[1]
    host, colon, port = host.partition(":")
    if colon and not port.rstrip("…").isdigit():
        return None
    truncated = host.endswith("…") or port.endswith("…")
    host = host.rstrip("…")
    labels = host.split(".")
    if len(labels) < 2 or not all(labels[:-1]):
        return None
    if not truncated and len(labels[-1]) < 2:
        return None
    return host, truncated


def link_mismatch(href: str, visible: str) -> tuple[bool, str]:
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
    named = shown_host(visible)
    if named is None:
        return False, ""
    shown, truncated = named
    shown = _normal_host(shown)
    actual = _normal_host(href_host)
    if not shown:
        return False, ""
    if shown == actual or (truncated and actual.startswith(shown)):
        return False, ""
    return True, f"text shows {sanitize_plain(shown, 80)} but the link goes to {sanitize_plain(actual, 80) or '?'}"


# --- public API -----------------------------------------------------------------------------------------------
