"""Search v2: accounts, hashtags and statuses; `user@domain`, profile URLs and status URLs of this instance resolve
to the local objects (there are no remote servers to fetch from)."""
from __future__ import annotations

import re
from urllib.parse import urlsplit

from ..entities import account_json, status_json, tag_json
from ..http import ApiError, Routes

routes = Routes()
STATUS_URL = re.compile(r"^/(?:@([A-Za-z0-9_]+)|users/([A-Za-z0-9_]+)/statuses)/(\d+)/?$")
ACCOUNT_URL = re.compile(r"^/(?:@|users/)([A-Za-z0-9_]+)/?$")


def _resolve_url(ctx, q):
    parts = urlsplit(q)
    if parts.scheme not in ("http", "https") or (parts.hostname or "").lower() not in ctx.state.local_domains() \
            and parts.netloc.lower() not in ctx.state.local_domains():
        return None, None
    m = STATUS_URL.match(parts.path)
    if m:
        try:
            return None, ctx.state.status(m.group(3), ctx.viewer)
        except LookupError:
            return None, None
    m = ACCOUNT_URL.match(parts.path)
    if m:
        return ctx.state.account_by_username(m.group(1)), None
    return None, None


@routes.api("GET", "/api/v2/search", scope="read:search", auth="optional")
def search(ctx):
    p, state = ctx.params, ctx.state
    q = (p.str("q") or "").strip()
    kind = p.str("type")
    if kind not in (None, "", "accounts", "hashtags", "statuses"):
        raise ApiError(422, "Validation failed: type is invalid")
    limit = ctx.limit(20, 40)
    offset = max(0, p.int("offset", 0))
    if offset and ctx.viewer is None:
        raise ApiError(401, "Search queries with offset or resolve require authentication")
    result = {"accounts": [], "statuses": [], "hashtags": []}
    if not q:
        return result
    if q.startswith(("http://", "https://")):
        acc, st = _resolve_url(ctx, q)
        if acc and kind in (None, "", "accounts"):
            result["accounts"].append(account_json(state, acc))
        if st and kind in (None, "", "statuses"):
            result["statuses"].append(status_json(state, st, ctx.viewer))
        return result
    if kind in (None, "", "accounts"):
        found = state.search_accounts(ctx.viewer, q, limit, offset, following=p.bool("following", False))
        result["accounts"] = [account_json(state, a) for a in found]
    if kind in (None, "", "hashtags") and not q.startswith("@"):
        result["hashtags"] = [tag_json(state, t, ctx.viewer) for t in state.search_tags(q, limit, offset)]
    if kind in (None, "", "statuses") and ctx.viewer and not q.startswith(("@", "#")):
        found = state.search_statuses(ctx.viewer, q, limit, offset, p.str("account_id"))
        result["statuses"] = [status_json(state, s, ctx.viewer) for s in found]
    return result
