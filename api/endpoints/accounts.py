"""Accounts: profiles, their statuses and relations, and what the logged-in user does to them."""
from __future__ import annotations

from urllib.parse import urlsplit

from ..entities import unpack_id
from ..errors import MastodonNotFoundError
from ._base import Call, endpoint, id_params, params, seg


def _same_account(account, acct: str) -> bool:
    """Is this search hit the account 'user' or 'user@domain'? A local account's acct has no domain, so its
    domain comes from its profile URL; a same-named user elsewhere never matches."""
    wanted_user, _, wanted_domain = acct.lower().partition("@")
    user, _, domain = str(account.get("acct", "")).lower().partition("@")
    if user != wanted_user:
        return False
    if not wanted_domain or domain == wanted_domain:
        return True
    return not domain and (urlsplit(str(account.get("url") or "")).hostname or "") == wanted_domain


class Accounts:
    @endpoint
    def account(self, id):
        return (yield Call("GET", f"/api/v1/accounts/{seg(id)}", shape=dict))

    @endpoint
    def account_verify_credentials(self):
        """The logged-in user's own account (with `source`)."""
        return (yield Call("GET", "/api/v1/accounts/verify_credentials", shape=dict))

    me = account_verify_credentials

    @endpoint
    def account_lookup(self, acct):
        """An account by `user` or `user@domain`, without a search (Mastodon 3.4+)."""
        return (yield Call("GET", "/api/v1/accounts/lookup", params={"acct": str(acct).lstrip("@")}, shape=dict))

    @endpoint
    def account_statuses(self, id, max_id=None, since_id=None, limit=None, min_id=None, only_media=False,
                         pinned=False, exclude_replies=False, exclude_reblogs=False, tagged=None):
        """Statuses by one account; positional parameters in the seed's order (id, max_id, since_id, limit)."""
        query = id_params(only_media=only_media or None, pinned=pinned or None,
                          exclude_replies=exclude_replies or None, exclude_reblogs=exclude_reblogs or None,
                          tagged=tagged, max_id=max_id, min_id=min_id, since_id=since_id, limit=limit)
        return (yield Call("GET", f"/api/v1/accounts/{seg(id)}/statuses", params=query, shape=list))

    @endpoint
    def account_following(self, id, max_id=None, since_id=None, limit=None, min_id=None):
        query = id_params(max_id=max_id, min_id=min_id, since_id=since_id, limit=limit)
        return (yield Call("GET", f"/api/v1/accounts/{seg(id)}/following", params=query, shape=list))

    @endpoint
    def account_followers(self, id, max_id=None, since_id=None, limit=None, min_id=None):
        query = id_params(max_id=max_id, min_id=min_id, since_id=since_id, limit=limit)
        return (yield Call("GET", f"/api/v1/accounts/{seg(id)}/followers", params=query, shape=list))

    @endpoint
    def account_relationships(self, id):
        """Relationships to one account or a list of accounts; always a list."""
        ids = id if isinstance(id, (list, tuple)) else [id]
        return (yield Call("GET", "/api/v1/accounts/relationships",
                           params={"id[]": [unpack_id(i) for i in ids]}, shape=list))

    @endpoint
    def account_search(self, q, limit=None, following=False, resolve=False):
        """Accounts matching q; `user@domain` is looked up remotely when resolve is true."""
        query = params(q=q, limit=limit, following=following or None, resolve=resolve or None)
        return (yield Call("GET", "/api/v1/accounts/search", params=query, shape=list))

    @endpoint
    def account_lists(self, id):
        return (yield Call("GET", f"/api/v1/accounts/{seg(id)}/lists", shape=list))

    def _relation(self, id, action, body=None):
        return Call("POST", f"/api/v1/accounts/{seg(id)}/{action}", data=body, shape=dict)

    @endpoint
    def account_follow(self, id, reblogs=True, notify=False):
        """Follow; returns the relationship (`requested` is true for locked accounts)."""
        return (yield Accounts._relation(self, id, "follow", params(reblogs=reblogs, notify=notify)))

    @endpoint
    def account_unfollow(self, id):
        return (yield Accounts._relation(self, id, "unfollow"))

    @endpoint
    def account_block(self, id):
        return (yield Accounts._relation(self, id, "block"))

    @endpoint
    def account_unblock(self, id):
        return (yield Accounts._relation(self, id, "unblock"))

    @endpoint
    def account_mute(self, id, notifications=True, duration=None):
        return (yield Accounts._relation(self, id, "mute", params(notifications=notifications,
                                                                  duration=duration)))

    @endpoint
    def account_unmute(self, id):
        return (yield Accounts._relation(self, id, "unmute"))

    @endpoint
    def follows(self, uri):
        """Follow a remote user by `user@domain`. The seed's POST /api/v1/follows is gone from Mastodon; this
        resolves the account with search v2 and follows it by id. Returns the account dict, as the seed did."""
        acct = str(uri).strip().lstrip("@")
        found = yield Call("GET", "/api/v2/search", params={"q": acct, "type": "accounts", "resolve": "true",
                                                            "limit": "5"}, shape=dict)
        for account in found.get("accounts") or []:
            if _same_account(account, acct):
                yield Accounts._relation(self, account, "follow")
                return account
        raise MastodonNotFoundError("Mastodon API returned error", 404, "Not Found",
                                    f"no account {acct} could be found to follow")

    @endpoint
    def account_update_credentials(self, display_name=None, note=None, avatar=None, header=None,
                                   avatar_mime_type=None, header_mime_type=None, locked=None, bot=None,
                                   discoverable=None, fields=None):
        """Update the profile. avatar/header: a file name, bytes (give the mime type), a file object, or the
        seed's base64 data: URI. fields: list of (name, value) tuples."""
        from .media import _read_media
        body = params(display_name=display_name, note=note, locked=locked, bot=bot, discoverable=discoverable)
        for index, (name, value) in enumerate(fields or []):
            body[f"fields_attributes[{index}][name]"] = name
            body[f"fields_attributes[{index}][value]"] = value
        files = {}
        for key, media, mime in (("avatar", avatar, avatar_mime_type), ("header", header, header_mime_type)):
            if media is not None:
                data, mime, name = _read_media(media, mime, None)
                files[key] = (name, data, mime)
        return (yield Call("PATCH", "/api/v1/accounts/update_credentials", data=body, files=files or None,
                           shape=dict))

    @endpoint
    def mutes(self, max_id=None, min_id=None, since_id=None, limit=None):
        query = id_params(max_id=max_id, min_id=min_id, since_id=since_id, limit=limit)
        return (yield Call("GET", "/api/v1/mutes", params=query, shape=list))

    @endpoint
    def blocks(self, max_id=None, min_id=None, since_id=None, limit=None):
        query = id_params(max_id=max_id, min_id=min_id, since_id=since_id, limit=limit)
        return (yield Call("GET", "/api/v1/blocks", params=query, shape=list))

    @endpoint
    def follow_requests(self, max_id=None, since_id=None, limit=None, min_id=None):
        query = id_params(max_id=max_id, min_id=min_id, since_id=since_id, limit=limit)
        return (yield Call("GET", "/api/v1/follow_requests", params=query, shape=list))

    @endpoint
    def follow_request_authorize(self, id):
        """Accept a follow request; returns the relationship."""
        return (yield Call("POST", f"/api/v1/follow_requests/{seg(id)}/authorize", shape=dict))

    @endpoint
    def follow_request_reject(self, id):
        return (yield Call("POST", f"/api/v1/follow_requests/{seg(id)}/reject", shape=dict))
