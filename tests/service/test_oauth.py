"""Registration and login against the local instance, with both clients: create_app (to_file), the code flow
with PKCE through the instance's approval page, password login where enabled and the clear error where not,
refresh, revoke, credential files in the constructor."""
from __future__ import annotations

import os
import stat
from urllib.parse import parse_qs, urlsplit

import pytest

import api
from api.oauth import code_challenge, make_code_verifier, make_state

from .conftest import Both, approve, settle


async def test_create_app_writes_four_line_private_file(instance, cls, tmp_path):
    path = tmp_path / "app.secret"
    client_id, client_secret = await settle(cls.create_app("tootty test", api_base_url=instance.base_url,
                                                           to_file=str(path)))
    assert client_id and client_secret and client_id != client_secret
    assert path.read_text().splitlines() == [client_id, client_secret, instance.base_url, "tootty test"]
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert instance.state.apps[client_id].name == "tootty test"


async def test_create_app_refuses_an_empty_name(instance, cls):
    with pytest.raises(api.MastodonIllegalArgumentError):
        await settle(cls.create_app("  ", api_base_url=instance.base_url))


async def _registered(instance, cls, tmp_path):
    await settle(cls.create_app("tootty login", api_base_url=instance.base_url, to_file=str(tmp_path / "app")))
    return Both(cls(client_id=str(tmp_path / "app")))


async def test_code_login_with_pkce_writes_user_file_and_works(instance, cls, tmp_path):
    c = await _registered(instance, cls, tmp_path)
    assert c.api_base_url == instance.base_url   # taken from the client file
    verifier, state = make_code_verifier(), make_state()
    url = c.raw.auth_request_url(scopes=["read", "write"], state=state, code_challenge=code_challenge(verifier))
    query = parse_qs(urlsplit(url).query)
    assert query["code_challenge_method"] == ["S256"] and query["redirect_uri"] == ["urn:ietf:wg:oauth:2.0:oob"]
    code = approve(instance, url)
    token = await c.log_in(code=code, code_verifier=verifier, scopes=["read", "write"],
                           to_file=str(tmp_path / "user"))
    assert token == c.raw.access_token
    assert (tmp_path / "user").read_text().splitlines()[:2] == [token, instance.base_url]
    me = await c.account_verify_credentials()
    assert me.username == "demo"
    # A fresh client built from the two files is logged in too.
    again = Both(cls(client_id=str(tmp_path / "app"), access_token=str(tmp_path / "user")))
    assert (await again.me()).username == "demo"
    await settle(again.raw.close())
    await settle(c.raw.close())


async def test_code_login_with_a_wrong_verifier_is_refused(instance, cls, tmp_path):
    c = await _registered(instance, cls, tmp_path)
    verifier = make_code_verifier()
    code = approve(instance, c.raw.auth_request_url(code_challenge=code_challenge(verifier)))
    with pytest.raises(api.MastodonIllegalArgumentError) as caught:
        await c.log_in(code=code, code_verifier=make_code_verifier())
    assert "authorization code" in str(caught.value)
    assert code not in str(caught.value)
    await settle(c.raw.close())


async def test_a_code_works_only_once(instance, cls, tmp_path):
    c = await _registered(instance, cls, tmp_path)
    code = approve(instance, c.raw.auth_request_url())
    await c.log_in(code=code)
    with pytest.raises(api.MastodonIllegalArgumentError):
        await c.log_in(code=code)
    await settle(c.raw.close())


async def test_password_login_where_enabled(instance, cls, tmp_path):
    c = await _registered(instance, cls, tmp_path)
    token = await c.log_in("alice", "alice", to_file=str(tmp_path / "user"))
    assert (await c.me()).username == "alice" and token
    with pytest.raises(api.MastodonIllegalArgumentError) as caught:
        await c.log_in("alice", "wrong-password")
    assert "wrong-password" not in str(caught.value)
    await settle(c.raw.close())


async def test_password_login_where_disabled_points_to_the_code_flow(fresh_instance, cls, tmp_path):
    inst = fresh_instance(password_grant=False)
    c = await _registered(inst, cls, tmp_path)
    with pytest.raises(api.MastodonIllegalArgumentError) as caught:
        await c.log_in("demo", "demo")
    assert "password login" in str(caught.value) and "auth_request_url" in str(caught.value)
    await settle(c.raw.close())


async def test_refresh_token_and_revoke(instance, cls, tmp_path):
    c = await _registered(instance, cls, tmp_path)
    await c.log_in(code=approve(instance, c.raw.auth_request_url()))
    refresh = c.raw.refresh_token
    assert refresh
    old = c.raw.access_token
    new = await c.log_in(refresh_token=refresh)
    assert new != old and (await c.me()).username == "demo"
    assert await c.revoke_access_token() is True
    assert c.raw.access_token is None
    stale = Both(cls(access_token=new, api_base_url=instance.base_url))
    with pytest.raises(api.MastodonUnauthorizedError):
        await stale.me()
    await settle(stale.raw.close())
    await settle(c.raw.close())


async def test_log_in_without_registration_is_a_clear_error(instance, cls):
    c = Both(cls(api_base_url=instance.base_url))
    with pytest.raises(api.MastodonIllegalArgumentError, match="create_app"):
        await c.log_in("demo", "demo")
    with pytest.raises(api.MastodonIllegalArgumentError):
        c.raw.auth_request_url()
    await settle(c.raw.close())


async def test_app_verify_credentials_and_discovery(make_client, instance):
    c = make_client(instance)
    assert (await c.app_verify_credentials()).name == "tootty tests"
    info = await c.oauth_authorization_server_info()
    assert "S256" in info.code_challenge_methods_supported
