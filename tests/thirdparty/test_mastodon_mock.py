"""The core flows against mastodon-mock, both clients: registration, code login (the mock's account picker issues
the code), the password grant refused as on Mastodon 4.4, posting, timelines, paging, errors, 429s."""
from __future__ import annotations

import os
import re
import stat
import uuid

import httpx
import pytest

import api

from .conftest import Both, settle


def pick_account(server, client_id: str, username: str) -> str:
    """The mock's authorization page: a list of accounts to pick; the out-of-band answer shows the code."""
    with httpx.Client() as browser:
        page = browser.get(f"{server.base_url}/oauth/authorize",
                           params={"client_id": client_id, "redirect_uri": "urn:ietf:wg:oauth:2.0:oob",
                                   "response_type": "code", "scope": "read write follow"})
        assert page.status_code == 200 and f'value="{username}"' in page.text
        answer = browser.post(f"{server.base_url}/oauth/authorize",
                              data={"username": username, "client_id": client_id,
                                    "redirect_uri": "urn:ietf:wg:oauth:2.0:oob"})
    return re.search(r"Authorization code: ([\w-]+)", answer.text).group(1)


async def test_register_and_code_login(mock, cls, tmp_path):
    client_id, secret = await settle(cls.create_app("tootty vs mock", api_base_url=mock.base_url,
                                                    to_file=str(tmp_path / "app.secret")))
    assert stat.S_IMODE(os.stat(tmp_path / "app.secret").st_mode) == 0o600
    c = Both(cls(client_id=str(tmp_path / "app.secret")))
    assert c.raw.client_secret == secret
    assert f"client_id={client_id}" in c.raw.auth_request_url()
    token = await c.log_in(code=pick_account(mock, client_id, "bob"), to_file=str(tmp_path / "user.secret"))
    assert token and (await c.account_verify_credentials()).acct == "bob"
    again = Both(cls(access_token=str(tmp_path / "user.secret")))
    assert again.raw.api_base_url == mock.base_url and (await again.me()).acct == "bob"
    await settle(again.raw.close())
    await settle(c.raw.close())


async def test_password_grant_refused_with_a_pointer_to_the_code_flow(mock, cls):
    client_id, secret = await settle(cls.create_app("pw", api_base_url=mock.base_url))
    c = Both(cls(client_id=client_id, client_secret=secret, api_base_url=mock.base_url))
    with pytest.raises(api.MastodonIllegalArgumentError, match="authorization code flow"):
        await c.log_in("alice", "anything")
    await settle(c.raw.close())


async def test_posting_and_reading_back(mock, make_client):
    c = make_client(mock)
    text = f"hello from tootty {uuid.uuid4().hex[:6]} #tootty"
    st = await c.status_post(text, visibility="public", spoiler_text="cw")
    assert st.spoiler_text == "cw" and st.created_at.tzinfo is not None and isinstance(st.id, str)
    assert (await c.status(st.id)).id == st.id
    assert st.id in [s.id for s in await c.timeline_home()]
    assert st.id in [s.id for s in await c.timeline("tag/tootty")]
    assert st.id in [s.id for s in await c.timeline_public()]
    assert (await c.status_favourite(st.id)).favourited is True
    reply = await c.status_reply(st, "and a reply")
    assert reply.in_reply_to_id == st.id
    assert reply.id in [s.id for s in (await c.status_context(st.id)).descendants]
    deleted = await c.status_delete(reply.id)
    assert isinstance(deleted, dict)


async def test_media_and_search(mock, make_client):
    c = make_client(mock)
    media = await c.media_post(b"\x89PNG\r\n\x1a\n" + bytes(64), "image/png", description="alt")
    assert media.url and media.type == "image"
    st = await c.status_post("with media", media_ids=[media])
    assert st.media_attachments[0].id == media.id
    assert "bob" in [a.acct for a in (await c.search("bob")).accounts]


async def test_paging_back_and_forth(fresh_mock, make_client):
    c = make_client(fresh_mock())
    posted = [(await c.toot(f"page {i}")).id for i in range(7)]
    newest_first = list(reversed(posted))
    first = await c.timeline_home(limit=3)
    second = await c.fetch_next(first)
    assert [s.id for s in first + second] == newest_first[:6]
    assert [s.id for s in await c.fetch_previous(second)] == newest_first[:3]
    everything = await c.fetch_remaining(first)
    assert [s.id for s in everything] == newest_first
    assert await c.fetch_next(None) is None


async def test_errors(mock, make_client):
    c = make_client(mock)
    with pytest.raises(api.MastodonNotFoundError):
        await c.status("424242424242")
    with pytest.raises(api.MastodonUnprocessableError) as caught:
        await c.toot("x" * 5001)
    assert caught.value.status == 422 and caught.value.error
    stranger = make_client(mock, token="no-such-token")
    with pytest.raises(api.MastodonUnauthorizedError) as caught:
        await stranger.me()
    assert "no-such-token" not in str(caught.value)


async def test_429_in_throw_mode_carries_retry_after(fresh_mock, make_client):
    server = fresh_mock(ratelimit=mock_ratelimit(limit=2, window=300))
    c = make_client(server, ratelimit_method="throw")
    await c.me()
    await c.me()
    with pytest.raises(api.MastodonRatelimitError) as caught:
        await c.me()
    # From its integer-epoch X-RateLimit-Reset: the epoch is whole seconds and the Date header has 1 s resolution,
    # so the window of 300 s may read up to 2 s longer.
    assert 250 < caught.value.retry_after <= 302


async def test_429_in_wait_mode_waits_for_the_epoch_reset(fresh_mock, make_client, kind):
    # The mock keeps real time, so its window is one second and the client's own sleep runs (< 1 s).
    server = fresh_mock(ratelimit=mock_ratelimit(limit=2, window=1))
    c = make_client(server, ratelimit_method="wait")
    for _ in range(4):
        assert (await c.me()).acct == "alice"


def mock_ratelimit(limit, window):
    from mastodon_mock.config import RateLimitConfig
    return RateLimitConfig(enabled=True, limit=limit, window_seconds=window)
