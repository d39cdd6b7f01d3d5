"""Mastodon's cursor paging over any newest-first sequence of (cursor id, item) pairs.

max_id: strictly older than the cursor. since_id: strictly newer, the newest `limit` of them. min_id: strictly
newer, the `limit` immediately after the cursor (for filling gaps). The result is always newest first."""
from __future__ import annotations

from typing import Iterable

from .ids import id_key


def page(pairs: Iterable[tuple[str, object]], max_id=None, since_id=None, min_id=None, limit: int = 20) -> list:
    """pairs must be ordered newest first. Returns [(cursor, item), ...]."""
    hi = id_key(max_id) if max_id else None
    lo_key = min_id if min_id else since_id
    lo = id_key(lo_key) if lo_key else None
    picked = []
    if min_id:
        # Walk from the oldest side so that we get the page right after the cursor.
        candidates = [(c, it) for c, it in pairs if (hi is None or id_key(c) < hi) and id_key(c) > lo]
        return candidates[-limit:] if limit else []
    for c, it in pairs:
        k = id_key(c)
        if hi is not None and k >= hi:
            continue
        if lo is not None and k <= lo:
            break
        picked.append((c, it))
        if len(picked) >= limit:
            break
    return picked
