"""Server addresses: what a user may type for one, which may be spoken to over plain http, and URLs made fit
for logs (secret query parameters masked)."""
from __future__ import annotations

import ipaddress
import warnings
from urllib.parse import urlsplit

from .errors import MastodonIllegalArgumentError

_SECRET_PARAMS = {"access_token", "code", "client_secret", "password", "refresh_token", "code_verifier", "token"}


def is_loopback(host: str | None) -> bool:
    if not host:
        return False
    if host.lower() in ("localhost", "localhost.localdomain") or host.lower().endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def normalize_base_url(url: str | None, allow_http: bool = False) -> str:
    """'mastodon.social', 'https://host/', '@user@host' -> 'https://host'. Plain http only for loopback, or with
    allow_http (which warns: tokens would cross the network in the clear)."""
    if not url or not str(url).strip():
        raise MastodonIllegalArgumentError("api_base_url is empty")
    url = str(url).strip()
    if url.startswith("@") or ("@" in url and "://" not in url):
        url = url.rsplit("@", 1)[1]
    if "://" not in url:
        url = "https://" + url
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise MastodonIllegalArgumentError(f"not an http(s) server address: {url!r}")
    if parts.scheme == "http" and not is_loopback(parts.hostname):
        if not allow_http:
            raise MastodonIllegalArgumentError(
                f"refusing plain http to {parts.hostname}: tokens would travel unencrypted. "
                "Use https, or pass allow_http=True if you really mean it")
        warnings.warn(f"using plain http to {parts.hostname}: credentials are sent unencrypted", stacklevel=3)
    return f"{parts.scheme}://{parts.netloc}{parts.path.rstrip('/')}"


def redact_url(url: str) -> str:
    base, sep, query = url.partition("?")
    if not sep:
        return url
    kept = []
    for pair in query.split("&"):
        key = pair.split("=", 1)[0]
        kept.append(f"{key}=***" if key in _SECRET_PARAMS else pair)
    return base + "?" + "&".join(kept)
