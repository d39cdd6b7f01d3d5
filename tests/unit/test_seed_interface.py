"""The seed's interface (Mastodon.py 1.0.7 docs), method for method: every name exists on both clients and takes
the seed's parameters in the seed's order (so positional calls written for the seed keep working)."""
from __future__ import annotations

import inspect

import pytest

import api

SEED = {
    "create_app": ["client_name", "scopes", "redirect_uris", "website", "to_file", "api_base_url",
                   "request_timeout"],
    "__init__": ["client_id", "client_secret", "access_token", "api_base_url", "debug_requests",
                 "ratelimit_method", "ratelimit_pacefactor", "request_timeout"],
    "log_in": ["username", "password", "code", "redirect_uri", "refresh_token", "scopes", "to_file"],
    "auth_request_url": ["client_id", "redirect_uris", "scopes"],
    "instance": [],
    "timeline": ["timeline", "max_id", "since_id", "limit"],
    "timeline_home": ["max_id", "since_id", "limit"],
    "timeline_local": ["max_id", "since_id", "limit"],
    "timeline_public": ["max_id", "since_id", "limit"],
    "timeline_hashtag": ["hashtag", "max_id", "since_id", "limit"],
    "status": ["id"], "status_context": ["id"], "status_reblogged_by": ["id"], "status_favourited_by": ["id"],
    "status_card": ["id"],
    "notifications": ["id"],
    "account": ["id"], "account_verify_credentials": [],
    "account_statuses": ["id", "max_id", "since_id", "limit"],
    "account_following": ["id", "max_id", "since_id", "limit"],
    "account_followers": ["id", "max_id", "since_id", "limit"],
    "account_relationships": ["id"], "account_search": ["q", "limit"],
    "follows": ["uri"], "search": ["q", "resolve"], "mutes": [], "blocks": [], "reports": [],
    "report": ["account_id", "status_ids", "comment"], "favourites": [],
    "follow_requests": ["max_id", "since_id", "limit"],
    "status_post": ["status", "in_reply_to_id", "media_ids", "sensitive", "visibility", "spoiler_text"],
    "toot": ["status"], "status_reblog": ["id"], "status_unreblog": ["id"], "status_favourite": ["id"],
    "status_unfavourite": ["id"], "status_delete": ["id"],
    "account_follow": ["id"], "account_unfollow": ["id"], "account_block": ["id"], "account_unblock": ["id"],
    "account_mute": ["id"], "account_unmute": ["id"],
    "account_update_credentials": ["display_name", "note", "avatar", "header"],
    "follow_request_authorize": ["id"], "follow_request_reject": ["id"],
    "media_post": ["media_file", "mime_type"],
}
NOT_COROUTINES = {"create_app", "__init__", "auth_request_url"}


def _params(fn):
    return [p.name for p in inspect.signature(fn).parameters.values()
            if p.name not in ("self", "cls") and p.kind in (p.POSITIONAL_OR_KEYWORD, p.POSITIONAL_ONLY)]


@pytest.mark.parametrize("client", [api.Mastodon, api.AsyncMastodon], ids=["sync", "async"])
@pytest.mark.parametrize("name", sorted(SEED))
def test_seed_method_exists_with_its_parameters_in_order(client, name):
    method = getattr(client, name)
    assert _params(method)[:len(SEED[name])] == SEED[name]
    if client is api.AsyncMastodon and name not in NOT_COROUTINES:
        assert inspect.iscoroutinefunction(method)
    if client is api.Mastodon:
        assert not inspect.iscoroutinefunction(method)


def test_seed_defaults():
    sig = inspect.signature(api.Mastodon.__init__)
    assert sig.parameters["ratelimit_method"].default == "wait"
    assert sig.parameters["ratelimit_pacefactor"].default == 1.1
    assert sig.parameters["request_timeout"].default == 300
    assert inspect.signature(api.Mastodon.log_in).parameters["redirect_uri"].default == "urn:ietf:wg:oauth:2.0:oob"
    assert list(inspect.signature(api.Mastodon.create_app).parameters["scopes"].default) == \
        ["read", "write", "follow"]


def test_streaming_entry_points_exist():
    for name in ("user_stream", "public_stream", "hashtag_stream"):
        assert callable(getattr(api.Mastodon, name, None)), name
    assert hasattr(api, "StreamListener")


def test_one_definition_serves_both_clients():
    """No copy-pasted twins: every endpoint method of both clients wraps the very same generator function."""
    from api.endpoints import ENDPOINT_MIXINS
    names = [name for mixin in ENDPOINT_MIXINS for name, attr in vars(mixin).items()
             if getattr(attr, "_is_endpoint", False)]
    assert len(names) > 120
    for name in names:
        sync, async_ = getattr(api.Mastodon, name), getattr(api.AsyncMastodon, name)
        assert sync.__wrapped__ is async_.__wrapped__, name
        assert inspect.isgeneratorfunction(sync.__wrapped__), name
