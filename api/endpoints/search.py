"""Search: v2 (accounts, statuses, hashtags in one answer). The seed's `search(q, resolve)` used v1, which
Mastodon removed in 3.0; it is answered by v2 here, and only falls back to v1 on servers that lack v2."""
from __future__ import annotations

from ..errors import MastodonGoneError, MastodonIllegalArgumentError, MastodonNotFoundError
from ._base import Call, endpoint, id_params

SEARCH_TYPES = ("accounts", "hashtags", "statuses")


def _search_query(q, resolve, result_type, limit, offset, following, account_id, exclude_unreviewed,
                  max_id, min_id):
    if q is None or not str(q).strip():
        raise MastodonIllegalArgumentError("search needs a non-empty query")
    if result_type is not None and result_type not in SEARCH_TYPES:
        raise MastodonIllegalArgumentError(f"search type must be one of {', '.join(SEARCH_TYPES)}")
    return id_params(q=str(q), resolve=bool(resolve), type=result_type, limit=limit, offset=offset,
                     following=following or None, account_id=account_id,
                     exclude_unreviewed=exclude_unreviewed or None, max_id=max_id, min_id=min_id)


def _fill(result):
    # Other servers omit empty categories; callers index all three.
    for key in SEARCH_TYPES:
        if result.get(key) is None:
            result[key] = []
    return result


class Search:
    @endpoint
    def search(self, q, resolve=False, result_type=None, limit=None, offset=None, following=False,
               account_id=None, exclude_unreviewed=False, max_id=None, min_id=None, type=None):
        """Matching accounts, statuses and hashtags: {'accounts': [...], 'statuses': [...], 'hashtags': [...]}.
        Searches other servers too when resolve is true. Hashtags are tag dicts (v2), not the v1 strings."""
        query = _search_query(q, resolve, type or result_type, limit, offset, following, account_id,
                              exclude_unreviewed, max_id, min_id)
        try:
            return _fill((yield Call("GET", "/api/v2/search", params=query, shape=dict)))
        except (MastodonNotFoundError, MastodonGoneError):
            # Pre-2.4 servers only have v1; it takes the same basic parameters.
            return _fill((yield Call("GET", "/api/v1/search", params={"q": str(q), "resolve": query["resolve"]},
                                     shape=dict)))

    @endpoint
    def search_v2(self, q, resolve=True, type=None, limit=None, offset=None, following=False, account_id=None,
                  exclude_unreviewed=False, max_id=None, min_id=None, result_type=None):
        """Search v2 with all its parameters. type: 'accounts', 'hashtags' or 'statuses' (result_type is the
        same, under Mastodon.py's name). offset needs an authenticated client on Mastodon."""
        query = _search_query(q, resolve, type or result_type, limit, offset, following, account_id,
                              exclude_unreviewed, max_id, min_id)
        return _fill((yield Call("GET", "/api/v2/search", params=query, shape=dict)))
