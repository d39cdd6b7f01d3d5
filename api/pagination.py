"""Link-header pagination as pure functions. Tolerant of odd headers (unquoted rel, missing rel, extra
parameters, garbage between entries) and never follows a link to another host with our token: a link whose
origin differs from the API's is reduced to its query parameters on the original path."""
from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlsplit

_ENTRY = re.compile(r"<([^>]*)>([^<]*)")
_REL = re.compile(r"""rel\s*=\s*("([^"]*)"|'([^']*)'|([^\s;,]+))""", re.IGNORECASE)


def parse_link_header(value: str | None) -> dict[str, str]:
    """{'next': url, 'prev': url, ...}; empty for None or garbage."""
    links: dict[str, str] = {}
    if not value:
        return links
    for url, rest in _ENTRY.findall(value):
        match = _REL.search(rest)
        if not match:
            continue
        rels = match.group(2) or match.group(3) or match.group(4) or ""
        for rel in rels.split():
            links.setdefault(rel.lower(), url.strip())
    return links


def page_request(link: str, origin: str, fallback_path: str) -> dict:
    """What to request for a link: {'path': ..., 'params': {...}}."""
    parts = urlsplit(link)
    params = {}
    for key, val in parse_qsl(parts.query, keep_blank_values=False):
        if key.endswith("[]"):
            params.setdefault(key, []).append(val)
        else:
            params[key] = val
    link_origin = f"{parts.scheme}://{parts.netloc}".lower() if parts.netloc else origin.lower()
    # Only an absolute path on our own origin is followed: a relative or scheme-only link ("x?max_id=1",
    # "javascript:x") would otherwise be glued onto the base URL as another host name.
    path = parts.path if (parts.path.startswith("/") and link_origin == origin.lower()) else fallback_path
    return {"path": path, "params": params}


def pagination_from_headers(link_header: str | None, origin: str, path: str) -> tuple[dict | None, dict | None]:
    links = parse_link_header(link_header)
    nxt = links.get("next")
    prv = links.get("prev") or links.get("previous")
    return (page_request(nxt, origin, path) if nxt else None,
            page_request(prv, origin, path) if prv else None)
