"""OAuth flows against the instance: app registration, authorization code with PKCE (S256), the out-of-band
page, password grant on and off, client credentials, refresh and revoke, and the errors for each wrong input."""
from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from .helpers import client, pkce

OOB = "urn:ietf:wg:oauth:2.0:oob"


def register(http, redirect=OOB, scopes="read write follow"):
    r = http.post("/api/v1/apps", data={"client_name": "t", "redirect_uris": redirect, "scopes": scopes,
                                        "website": "https://example.org"})
    assert r.status_code == 200, r.text
    return r.json()


def authorize(http, app, challenge=None, redirect=OOB, state="xyz", user="demo", password="demo", scope="read write"):
    data = {"client_id": app["client_id"], "redirect_uri": redirect, "scope": scope, "state": state,
            "response_type": "code", "username": user, "password": password, "decision": "approve"}
    if challenge:
        data.update(code_challenge=challenge, code_challenge_method="S256")
    return http.post("/oauth/authorize", data=data)


def oob_code(response) -> str:
    m = re.search(r"<pre id='code'>([^<]+)</pre>", response.text)
    assert m, response.text
    return m.group(1)


@pytest.fixture
def http(instance):
    with client(instance, user=None) as c:
        yield c


def test_app_registration_shape(http):
    app = register(http)
    assert set(app) >= {"id", "name", "website", "scopes", "redirect_uri", "redirect_uris", "client_id",
                        "client_secret", "vapid_key"}
    assert app["redirect_uris"] == [OOB] and app["scopes"] == ["read", "write", "follow"]


@pytest.mark.parametrize("data, fragment", [
    ({"client_name": "x", "redirect_uris": "not a uri"}, "Redirect URI"),
    ({"client_name": "x", "redirect_uris": OOB, "scopes": "read nonsense"}, "Scopes"),
    ({"client_name": "", "redirect_uris": OOB}, "name"),
])
def test_app_registration_rejects(http, data, fragment):
    r = http.post("/api/v1/apps", data=data)
    assert r.status_code == 422
    assert fragment in r.json()["error"]


def test_authorize_page_shows_form_and_oob_code(http):
    app = register(http)
    page = http.get("/oauth/authorize", params={"client_id": app["client_id"], "redirect_uri": OOB,
                                                "response_type": "code", "scope": "read"})
    assert page.status_code == 200 and "<form" in page.text and "demo / demo" in page.text
    r = authorize(http, app)
    assert r.status_code == 200
    assert len(oob_code(r)) > 20


def test_code_flow_with_pkce(http, instance):
    app = register(http)
    verifier, challenge = pkce()
    code = oob_code(authorize(http, app, challenge))
    r = http.post("/oauth/token", data={"grant_type": "authorization_code", "code": code, "client_id": app["client_id"],
                                        "client_secret": app["client_secret"], "redirect_uri": OOB,
                                        "code_verifier": verifier})
    assert r.status_code == 200, r.text
    tok = r.json()
    assert tok["token_type"] == "Bearer" and tok["scope"] == "read write" and isinstance(tok["created_at"], int)
    me = http.get("/api/v1/accounts/verify_credentials", headers={"Authorization": f"Bearer {tok['access_token']}"})
    assert me.status_code == 200 and me.json()["username"] == "demo"
    # a code is single-use
    again = http.post("/oauth/token", data={"grant_type": "authorization_code", "code": code,
                                            "client_id": app["client_id"], "client_secret": app["client_secret"],
                                            "redirect_uri": OOB, "code_verifier": verifier})
    assert again.status_code == 400 and again.json()["error"] == "invalid_grant"


def _exchange(http, app, code, verifier, redirect=OOB, secret=None):
    return http.post("/oauth/token", data={"grant_type": "authorization_code", "code": code,
                                           "client_id": app["client_id"],
                                           "client_secret": secret or app["client_secret"],
                                           "redirect_uri": redirect, "code_verifier": verifier})


def test_wrong_verifier_is_refused(http):
    app = register(http)
    _verifier, challenge = pkce()
    code = oob_code(authorize(http, app, challenge))
    r = _exchange(http, app, code, "x" * 50)
    assert r.status_code == 400 and r.json()["error"] == "invalid_grant"
    missing = _exchange(http, app, code, "")
    assert missing.status_code == 400


def test_wrong_secret_is_refused(http):
    app = register(http)
    verifier, challenge = pkce()
    code = oob_code(authorize(http, app, challenge))
    r = _exchange(http, app, code, verifier, secret="wrong")
    assert r.status_code == 401 and r.json()["error"] == "invalid_client"
    # the code was not burnt by the failed attempt
    assert _exchange(http, app, code, verifier).status_code == 200


def test_wrong_redirect_uri(http):
    app = register(http, redirect="http://127.0.0.1:9/cb")
    page = http.get("/oauth/authorize", params={"client_id": app["client_id"], "redirect_uri": "http://evil.example/cb",
                                                "response_type": "code"})
    assert page.status_code == 400 and "invalid_redirect_uri" in page.text
    verifier, challenge = pkce()
    r = authorize(http, app, challenge, redirect="http://127.0.0.1:9/cb", state="s1")
    assert r.status_code == 302
    loc = urlsplit(r.headers["location"])
    q = parse_qs(loc.query)
    assert loc.netloc == "127.0.0.1:9" and q["state"] == ["s1"]
    wrong = _exchange(http, app, q["code"][0], verifier, redirect="http://127.0.0.1:9/other")
    assert wrong.status_code == 400 and wrong.json()["error"] == "invalid_grant"


def test_deny_redirects_with_access_denied(http):
    app = register(http, redirect="http://127.0.0.1:9/cb")
    r = http.post("/oauth/authorize", data={"client_id": app["client_id"], "redirect_uri": "http://127.0.0.1:9/cb",
                                            "decision": "deny", "state": "s"})
    assert r.status_code == 302 and "error=access_denied" in r.headers["location"]


def test_bad_login_on_authorize_page(http):
    app = register(http)
    r = authorize(http, app, password="wrong")
    assert r.status_code == 401 and "Invalid username or password" in r.text


def test_scope_beyond_app_is_refused(http):
    app = register(http, scopes="read")
    r = http.get("/oauth/authorize", params={"client_id": app["client_id"], "redirect_uri": OOB, "scope": "write"})
    assert r.status_code == 400 and "invalid_scope" in r.text


def test_password_grant_on(http):
    app = register(http)
    r = http.post("/oauth/token", data={"grant_type": "password", "username": "alice", "password": "alice",
                                        "client_id": app["client_id"], "client_secret": app["client_secret"],
                                        "scope": "read"})
    assert r.status_code == 200 and r.json()["scope"] == "read"
    bad = http.post("/oauth/token", data={"grant_type": "password", "username": "alice", "password": "nope",
                                          "client_id": app["client_id"], "client_secret": app["client_secret"]})
    assert bad.status_code == 400 and bad.json()["error"] == "invalid_grant"


def test_password_grant_off_like_mastodon_44(fresh_instance):
    inst = fresh_instance(password_grant=False)
    with client(inst, user=None) as http:
        app = register(http)
        r = http.post("/oauth/token", data={"grant_type": "password", "username": "demo", "password": "demo",
                                            "client_id": app["client_id"], "client_secret": app["client_secret"]})
        assert r.status_code == 400 and r.json()["error"] == "unsupported_grant_type"
        meta = http.get("/.well-known/oauth-authorization-server").json()
        assert "password" not in meta["grant_types_supported"]


def test_client_credentials_token(http):
    app = register(http)
    r = http.post("/oauth/token", data={"grant_type": "client_credentials", "client_id": app["client_id"],
                                        "client_secret": app["client_secret"], "scope": "read"})
    assert r.status_code == 200
    headers = {"Authorization": f"Bearer {r.json()['access_token']}"}
    assert http.get("/api/v1/apps/verify_credentials", headers=headers).json()["name"] == "t"
    me = http.get("/api/v1/accounts/verify_credentials", headers=headers)
    assert me.status_code == 422 and "authenticated user" in me.json()["error"]


def test_refresh_and_revoke(http):
    app = register(http)
    tok = http.post("/oauth/token", data={"grant_type": "password", "username": "demo", "password": "demo",
                                          "client_id": app["client_id"], "client_secret": app["client_secret"]}).json()
    r = http.post("/oauth/token", data={"grant_type": "refresh_token", "refresh_token": tok["refresh_token"],
                                        "client_id": app["client_id"], "client_secret": app["client_secret"]})
    assert r.status_code == 200
    new = r.json()
    assert new["access_token"] != tok["access_token"]
    old_headers = {"Authorization": f"Bearer {tok['access_token']}"}
    assert http.get("/api/v1/accounts/verify_credentials", headers=old_headers).status_code == 401
    reuse = http.post("/oauth/token", data={"grant_type": "refresh_token", "refresh_token": tok["refresh_token"],
                                            "client_id": app["client_id"], "client_secret": app["client_secret"]})
    assert reuse.status_code == 400
    headers = {"Authorization": f"Bearer {new['access_token']}"}
    assert http.get("/api/v1/accounts/verify_credentials", headers=headers).status_code == 200
    rv = http.post("/oauth/revoke", data={"token": new["access_token"], "client_id": app["client_id"],
                                          "client_secret": app["client_secret"]})
    assert rv.status_code == 200 and rv.json() == {}
    gone = http.get("/api/v1/accounts/verify_credentials", headers=headers)
    assert gone.status_code == 401 and gone.json() == {"error": "The access token is invalid"}


def test_unknown_grant_and_discovery(http):
    app = register(http)
    r = http.post("/oauth/token", data={"grant_type": "magic", "client_id": app["client_id"],
                                        "client_secret": app["client_secret"]})
    assert r.status_code == 400 and r.json()["error"] == "unsupported_grant_type"
    meta = http.get("/.well-known/oauth-authorization-server").json()
    assert meta["code_challenge_methods_supported"] == ["S256"]
    assert meta["token_endpoint"].endswith("/oauth/token") and "password" in meta["grant_types_supported"]


def test_scopes_are_enforced(instance):
    read_only = instance.make_token("demo", "read")
    with client(instance, token=read_only) as c:
        assert c.get("/api/v1/timelines/home").status_code == 200
        r = c.post("/api/v1/statuses", data={"status": "nope"})
        assert r.status_code == 403 and r.json()["error"] == "This action is outside the authorized scopes"
    granular = instance.make_token("demo", "read:statuses")
    with client(instance, token=granular) as c:
        assert c.get("/api/v1/timelines/home").status_code == 200
        assert c.get("/api/v1/notifications").status_code == 403


def test_missing_token(instance):
    with httpx.Client(base_url=instance.base_url) as c:
        r = c.get("/api/v1/timelines/home")
        assert r.status_code == 401 and r.json() == {"error": "The access token is invalid"}
        assert c.get("/api/v1/timelines/public").status_code == 200
