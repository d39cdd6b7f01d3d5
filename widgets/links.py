"""Links in server content: what they point to, and whether their visible text lies about it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from widgets.sanitize import sanitize_plain

__all__ = ["Link", "link_mismatch"]


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
