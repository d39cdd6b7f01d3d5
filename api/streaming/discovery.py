"""Where to stream from. Mastodon advertises its streaming host in `/api/v2/instance` (`configuration.urls.
streaming`, v1: `urls.streaming_api`); it may differ from the API host. Servers also advertise `wss://` while
serving plain HTTP on loopback, and some advertise nothing, so the API host (with its own scheme) is always the
fallback candidate."""
from __future__ import annotations

import asyncio
from urllib.parse import urlsplit

_WS = {"http": "ws", "https": "wss", "ws": "ws", "wss": "wss"}
_HTTP = {"ws": "http", "wss": "https", "http": "http", "https": "https"}


def to_ws(url: str) -> str | None:
    """A streaming base (scheme://host[:port]) in WebSocket form, or None when `url` is not usable."""
    if not isinstance(url, str) or not url.strip():
        return None
    parts = urlsplit(url.strip() if "://" in url else "https://" + url.strip())
    scheme = _WS.get(parts.scheme.lower())
    if scheme is None or not parts.netloc or "@" in parts.netloc:
        return None
    return f"{scheme}://{parts.netloc}"


def to_http(base: str) -> str:
    parts = urlsplit(base)
    return f"{_HTTP.get(parts.scheme, parts.scheme)}://{parts.netloc}"


def advertised(instance) -> str | None:
    if not isinstance(instance, dict):
        return None
    conf = instance.get("configuration")
    urls = conf.get("urls") if isinstance(conf, dict) else None
    if isinstance(urls, dict) and urls.get("streaming"):
        return urls["streaming"]
    urls = instance.get("urls")
    if isinstance(urls, dict) and urls.get("streaming_api"):
        return urls["streaming_api"]
    return None


async def candidate_bases(api_base_url: str, streaming_url, discover, http_factory, timeout: float) -> list:
    """Streaming bases to try, best first: an explicit one, the advertised one, then the API host itself."""
    found = []
    if streaming_url:
        found.append(to_ws(streaming_url))
    else:
        try:
            instance = await asyncio.wait_for(_instance(api_base_url, discover, http_factory, timeout), timeout)
            found.append(to_ws(advertised(instance)))
        except Exception:  # noqa: BLE001 - discovery is a hint; the API host remains
            pass
    found.append(to_ws(api_base_url))
    out = []
    for base in found:
        if base and base not in out:
            out.append(base)
    return out


async def _instance(api_base_url, discover, http_factory, timeout):
    if discover is not None:
        return await discover()
    response = await http_factory().get(api_base_url.rstrip("/") + "/api/v2/instance", timeout=timeout)
    if response.status_code != 200:
        return None
    return response.json()
