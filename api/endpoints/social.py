"""The user's wider social settings: domain blocks, endorsed (featured) accounts, private notes on accounts,
follow suggestions, familiar followers."""
from __future__ import annotations

from ..entities import unpack_id
from ..errors import MastodonIllegalArgumentError, MastodonNotFoundError
from ._base import Call, endpoint, id_params, params, seg


def _domain(domain) -> str:
    text = str(domain or "").strip().lower()
    if not text or "/" in text or " " in text:
        raise MastodonIllegalArgumentError("give a bare domain name, like example.social")
    return text


class Social:
    @endpoint
    def domain_blocks(self, max_id=None, min_id=None, since_id=None, limit=None):
        """Blocked domains: a list of strings."""
        query = id_params(max_id=max_id, min_id=min_id, since_id=since_id, limit=limit)
        return (yield Call("GET", "/api/v1/domain_blocks", params=query, shape=list))

    @endpoint
    def domain_block(self, domain):
        """Hide everything from a domain and remove followers from it."""
        yield Call("POST", "/api/v1/domain_blocks", data={"domain": _domain(domain)})
        return None

    @endpoint
    def domain_unblock(self, domain):
        yield Call("DELETE", "/api/v1/domain_blocks", params={"domain": _domain(domain)})
        return None

    @endpoint
    def endorsements(self, max_id=None, min_id=None, since_id=None, limit=None):
        """Accounts the user features on their profile."""
        query = id_params(max_id=max_id, min_id=min_id, since_id=since_id, limit=limit)
        return (yield Call("GET", "/api/v1/endorsements", params=query, shape=list))

    @endpoint
    def account_pin(self, id):
        """Feature (endorse) an account on the profile; returns the relationship. Mastodon 4.4 renamed the
        route to /endorse; older servers only know /pin."""
        try:
            return (yield Call("POST", f"/api/v1/accounts/{seg(id)}/endorse", shape=dict))
        except MastodonNotFoundError:
            return (yield Call("POST", f"/api/v1/accounts/{seg(id)}/pin", shape=dict))

    @endpoint
    def account_unpin(self, id):
        try:
            return (yield Call("POST", f"/api/v1/accounts/{seg(id)}/unendorse", shape=dict))
        except MastodonNotFoundError:
            return (yield Call("POST", f"/api/v1/accounts/{seg(id)}/unpin", shape=dict))

    @endpoint
    def account_note_set(self, id, comment):
        """Set the user's private note on an account ('' clears it); returns the relationship."""
        return (yield Call("POST", f"/api/v1/accounts/{seg(id)}/note", data={"comment": comment or ""},
                           shape=dict))

    @endpoint
    def account_familiar_followers(self, id):
        """Followers of these accounts that the user also follows: [{id, accounts}, ...]."""
        ids = id if isinstance(id, (list, tuple)) else [id]
        return (yield Call("GET", "/api/v1/accounts/familiar_followers",
                           params={"id[]": [unpack_id(i) for i in ids]}, shape=list))

    @endpoint
    def account_remove_from_followers(self, id):
        return (yield Call("POST", f"/api/v1/accounts/{seg(id)}/remove_from_followers", shape=dict))

    @endpoint
    def suggestions(self, limit=None):
        """Accounts to follow. Answered from v2 ([{source, account}] unwrapped to accounts, as v1 returned),
        falling back to v1 on older servers."""
        try:
            found = yield Call("GET", "/api/v2/suggestions", params=params(limit=limit), shape=list)
        except MastodonNotFoundError:
            return (yield Call("GET", "/api/v1/suggestions", params=params(limit=limit), shape=list))
        accounts = type(found)(s["account"] for s in found if isinstance(s, dict) and s.get("account"))
        accounts._pagination_next, accounts._pagination_prev = found._pagination_next, found._pagination_prev
        return accounts

    @endpoint
    def suggestions_v2(self, limit=None):
        """[{source(s), account}, ...] as the server sends them."""
        return (yield Call("GET", "/api/v2/suggestions", params=params(limit=limit), shape=list))

    @endpoint
    def suggestion_delete(self, account_id):
        yield Call("DELETE", f"/api/v1/suggestions/{seg(account_id)}")
        return None
