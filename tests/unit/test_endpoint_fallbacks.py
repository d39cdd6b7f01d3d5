"""Endpoints the local instance does not serve, and the fallbacks to older or newer routes, against a scripted
server that answers like the Mastodon version in question: what is requested, and what comes back."""
from __future__ import annotations

import json

import httpx

import pytest

import api

from .fakes import Script, async_client, reply, sync_client

ACCOUNT = {"id": "7", "acct": "bob", "username": "bob"}


def routes(table):
    """A server from {(method, path): response}; anything else is a 404 like Mastodon's."""
    def handler(request):
        answer = table.get((request.method, request.url.path))
        if answer is None:
            return reply(404, {"error": "Record not found"})
        answer = answer() if callable(answer) else answer
        # A fresh copy each time: httpx binds a response's stream to the client that read it.
        return httpx.Response(answer.status_code, headers=answer.headers, content=answer.content)
    return Script(handler=handler)


def fresh(answer):
    return lambda: reply(answer.status_code, json.loads(answer.content or b"null"), dict(answer.headers))


def test_search_falls_back_to_v1_on_old_servers():
    script = routes({("GET", "/api/v1/search"): reply(200, {"accounts": [ACCOUNT], "statuses": [],
                                                            "hashtags": ["python"]})})
    found = sync_client(script).search("bob", resolve=True)
    assert found.accounts[0].acct == "bob" and found.hashtags == ["python"]
    assert [r.url.path for r in script.requests] == ["/api/v2/search", "/api/v1/search"]
    assert script.requests[1].url.params["resolve"] == "true"


def test_search_fills_missing_categories():
    script = routes({("GET", "/api/v2/search"): reply(200, {"accounts": [ACCOUNT]})})
    found = sync_client(script).search_v2("bob", result_type="accounts", limit=5, offset=10)
    assert found.statuses == [] and found.hashtags == []
    params = script.requests[0].url.params
    assert (params["type"], params["limit"], params["offset"], params["resolve"]) == ("accounts", "5", "10", "true")


def test_instance_falls_back_to_v2_where_v1_is_gone():
    script = routes({("GET", "/api/v2/instance"): reply(200, {"domain": "example.social"})})
    assert sync_client(script).instance().domain == "example.social"
    assert "authorization" not in script.requests[0].headers


def test_api_versions_on_an_old_server_is_empty():
    assert sync_client(routes({})).api_versions() == {}


def test_filters_v1_answered_from_v2():
    v2 = [{"id": "1", "title": "t", "context": ["home"], "filter_action": "hide", "expires_at": None,
           "keywords": [{"id": "11", "keyword": "spoiler", "whole_word": True},
                        {"id": "12", "keyword": "leak", "whole_word": False}]}]
    script = routes({("GET", "/api/v2/filters"): reply(200, v2)})
    v1 = sync_client(script).filters()
    assert [(f.id, f.phrase, f.whole_word, f.irreversible) for f in v1] == \
        [("11", "spoiler", True, True), ("12", "leak", False, True)]


def test_create_filter_v2_sends_json_with_keywords():
    script = routes({("POST", "/api/v2/filters"): reply(200, {"id": "1"})})
    sync_client(script).create_filter_v2("t", "home", "blur", expires_in=0,
                                         keywords_attributes=[{"keyword": "x", "whole_word": False}])
    body = json.loads(script.requests[0].content)
    assert body == {"title": "t", "context": ["home"], "filter_action": "blur", "expires_in": "",
                    "keywords_attributes": [{"keyword": "x", "whole_word": False}]}
    with pytest.raises(api.MastodonIllegalArgumentError):
        sync_client(script).create_filter_v2("t", ["home"], "explode")


def test_reports_list_is_gone_with_a_clear_reason():
    with pytest.raises(api.MastodonEndpointRemovedError) as caught:
        sync_client(routes({})).reports()
    assert "GET /api/v1/reports" in str(caught.value) and caught.value.status == 404


def test_reports_list_where_a_server_still_has_it():
    assert sync_client(routes({("GET", "/api/v1/reports"): reply(200, [{"id": "1"}])})).reports()[0].id == "1"


def test_report_sends_seed_and_modern_parameters():
    script = routes({("POST", "/api/v1/reports"): reply(200, {"id": "9"})})
    sync_client(script).report(7, [1, "2"], "why", forward=True, category="violation", rule_ids=[3])
    form = script.requests[0].content.decode()
    for part in ("account_id=7", "status_ids%5B%5D=1", "status_ids%5B%5D=2", "comment=why", "forward=true",
                 "category=violation", "rule_ids%5B%5D=3"):
        assert part in form


def test_status_card_falls_back_to_the_status_field():
    script = routes({("GET", "/api/v1/statuses/5"): reply(200, {"id": "5", "card": {"url": "https://x"}})})
    assert sync_client(script).status_card(5).url == "https://x"
    script = routes({("GET", "/api/v1/statuses/5"): reply(200, {"id": "5"})})
    assert sync_client(script).status_card(5) is None


def test_account_pin_uses_endorse_and_falls_back_to_pin():
    new = routes({("POST", "/api/v1/accounts/7/endorse"): reply(200, {"id": "7", "endorsed": True})})
    assert sync_client(new).account_pin(7).endorsed is True
    old = routes({("POST", "/api/v1/accounts/7/pin"): reply(200, {"id": "7", "endorsed": True}),
                  ("POST", "/api/v1/accounts/7/unpin"): reply(200, {"id": "7", "endorsed": False})})
    client = sync_client(old)
    assert client.account_pin(7).endorsed is True and client.account_unpin(7).endorsed is False
    assert [r.url.path for r in old.requests] == ["/api/v1/accounts/7/endorse", "/api/v1/accounts/7/pin",
                                                  "/api/v1/accounts/7/unendorse", "/api/v1/accounts/7/unpin"]


def test_suggestions_unwraps_v2_and_falls_back_to_v1():
    v2 = routes({("GET", "/api/v2/suggestions"): reply(200, [{"source": "global", "account": ACCOUNT}])})
    assert sync_client(v2).suggestions()[0].acct == "bob"
    v1 = routes({("GET", "/api/v1/suggestions"): reply(200, [ACCOUNT])})
    assert sync_client(v1).suggestions()[0].acct == "bob"
    gone = routes({("DELETE", "/api/v1/suggestions/7"): reply(200, {})})
    assert sync_client(gone).suggestion_delete(7) is None


def test_domain_blocks_featured_tags_announcements_translate():
    script = routes({
        ("POST", "/api/v1/domain_blocks"): reply(200, {}), ("DELETE", "/api/v1/domain_blocks"): reply(200, {}),
        ("GET", "/api/v1/featured_tags"): reply(200, [{"id": "1", "name": "python"}]),
        ("POST", "/api/v1/featured_tags"): reply(200, {"id": "2", "name": "rust"}),
        ("DELETE", "/api/v1/featured_tags/2"): reply(200, {}),
        ("GET", "/api/v1/featured_tags/suggestions"): reply(200, [{"name": "go"}]),
        ("GET", "/api/v1/announcements"): reply(200, [{"id": "3", "published_at": "2024-01-01T00:00:00Z"}]),
        ("POST", "/api/v1/announcements/3/dismiss"): reply(200, {}),
        ("PUT", "/api/v1/announcements/3/reactions/👍"): reply(200, {}),
        ("DELETE", "/api/v1/announcements/3/reactions/blobcat"): reply(200, {}),
        ("POST", "/api/v1/statuses/5/translate"): reply(200, {"content": "<p>hallo</p>", "language": "de"}),
    })
    c = sync_client(script)
    assert c.domain_block("Evil.Example") is None and c.domain_unblock("evil.example") is None
    assert script.requests[0].content == b"domain=evil.example"
    assert script.requests[1].url.params["domain"] == "evil.example"
    with pytest.raises(api.MastodonIllegalArgumentError):
        c.domain_block("https://evil.example/")
    assert c.featured_tags()[0].name == "python"
    assert c.featured_tag_create("#rust").name == "rust"
    assert c.featured_tag_delete(2) is None and c.featured_tag_suggestions()[0].name == "go"
    announcement = c.announcements()[0]
    assert announcement.published_at.year == 2024
    assert c.announcement_dismiss(announcement) is None
    assert c.announcement_reaction_create(3, "👍") is None
    assert c.announcement_reaction_delete(3, ":blobcat:") is None
    assert c.status_translate(5, lang="de").language == "de"
    assert all(r.url.path != "/404" for r in script.requests)


def test_media_post_falls_back_to_v1():
    script = routes({("POST", "/api/v1/media"): reply(200, {"id": "4", "url": "https://x/m.png"})})
    media = sync_client(script).media_post(b"\x89PNG", "image/png", description="alt")
    assert media.url == "https://x/m.png"
    assert [r.url.path for r in script.requests] == ["/api/v2/media", "/api/v1/media"]


async def test_media_processing_polls_until_ready_async():
    polls = iter([reply(206, {"id": "4", "url": None}), reply(200, {"id": "4", "url": "https://x/m.png"})])
    script = routes({("POST", "/api/v2/media"): reply(202, {"id": "4", "url": None}),
                     ("GET", "/api/v1/media/4"): lambda: next(polls)})
    slept = []

    async def sleep(s):
        slept.append(s)
    async with async_client(script, sleep=sleep) as c:
        media = await c.media_post(b"\x89PNG", "image/png")
    assert media.url == "https://x/m.png" and slept == [0.5, 0.5]


def test_account_update_credentials_rejects_a_bad_data_uri():
    with pytest.raises(api.MastodonIllegalArgumentError):
        sync_client(routes({})).account_update_credentials(avatar="data:image/png,notbase64")


def test_notifications_clear_is_a_post_and_grouped_missing_is_a_version_error():
    script = routes({("POST", "/api/v1/notifications/clear"): reply(200, {})})
    c = sync_client(script)
    assert c.notifications_clear() is None
    with pytest.raises(api.MastodonVersionError):
        c.grouped_notifications()


def test_follows_never_follows_a_same_named_account_elsewhere():
    hits = {"accounts": [{"id": "1", "acct": "alice", "url": "https://here.example/@alice"},
                         {"id": "2", "acct": "alice@there.example", "url": "https://there.example/@alice"}]}
    script = routes({("GET", "/api/v2/search"): fresh(reply(200, hits)),
                     ("POST", "/api/v1/accounts/2/follow"): reply(200, {"id": "2", "following": True}),
                     ("POST", "/api/v1/accounts/1/follow"): reply(200, {"id": "1", "following": True})})
    client = sync_client(script)
    assert client.follows("@alice@there.example").id == "2"
    assert client.follows("alice@here.example").id == "1"        # local, recognised by its profile URL
    assert client.follows("alice").id == "1"
    with pytest.raises(api.MastodonNotFoundError):
        client.follows("alice@elsewhere.example")
    follows = [r.url.path for r in script.requests if r.method == "POST"]
    assert follows == ["/api/v1/accounts/2/follow", "/api/v1/accounts/1/follow", "/api/v1/accounts/1/follow"]
