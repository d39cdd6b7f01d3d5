"""Lists: the user's named groups of followed accounts, each with its own timeline (timeline_list)."""
from __future__ import annotations

import builtins

from ..entities import unpack_id
from ..errors import MastodonIllegalArgumentError
from ._base import Call, endpoint, id_params, params, seg

REPLIES_POLICIES = ("followed", "list", "none")


def _account_ids(account_ids):
    if isinstance(account_ids, (str, int, dict)):
        account_ids = [account_ids]
    ids = [unpack_id(a) for a in account_ids or ()]
    if not ids:
        raise MastodonIllegalArgumentError("give at least one account id")
    return ids


def _list_body(title, replies_policy, exclusive):
    if replies_policy is not None and replies_policy not in REPLIES_POLICIES:
        raise MastodonIllegalArgumentError(f"replies_policy must be one of {', '.join(REPLIES_POLICIES)}")
    return params(title=title, replies_policy=replies_policy, exclusive=exclusive)


class Lists:
    @endpoint
    def lists(self):
        """All lists of the logged-in user."""
        return (yield Call("GET", "/api/v1/lists", shape=builtins.list))

    @endpoint
    def list(self, id):
        return (yield Call("GET", f"/api/v1/lists/{seg(id)}", shape=dict))

    @endpoint
    def list_create(self, title, replies_policy=None, exclusive=None):
        if not title or not str(title).strip():
            raise MastodonIllegalArgumentError("a list needs a title")
        return (yield Call("POST", "/api/v1/lists", data=_list_body(title, replies_policy, exclusive),
                           shape=dict))

    @endpoint
    def list_update(self, id, title=None, replies_policy=None, exclusive=None):
        return (yield Call("PUT", f"/api/v1/lists/{seg(id)}", data=_list_body(title, replies_policy, exclusive),
                           shape=dict))

    @endpoint
    def list_delete(self, id):
        yield Call("DELETE", f"/api/v1/lists/{seg(id)}")
        return None

    @endpoint
    def list_accounts(self, id, max_id=None, min_id=None, since_id=None, limit=None):
        """Accounts in the list (pages by Link header; limit=0 means all on Mastodon)."""
        query = id_params(max_id=max_id, min_id=min_id, since_id=since_id, limit=limit)
        return (yield Call("GET", f"/api/v1/lists/{seg(id)}/accounts", params=query, shape=builtins.list))

    @endpoint
    def list_accounts_add(self, id, account_ids):
        """Add accounts (which the user must follow) to the list."""
        yield Call("POST", f"/api/v1/lists/{seg(id)}/accounts", data={"account_ids[]": _account_ids(account_ids)})
        return None

    @endpoint
    def list_accounts_delete(self, id, account_ids):
        # Mastodon reads the ids of a DELETE from the query string or the body; the query string works with
        # every HTTP stack (some drop DELETE bodies).
        yield Call("DELETE", f"/api/v1/lists/{seg(id)}/accounts",
                   params={"account_ids[]": _account_ids(account_ids)})
        return None
