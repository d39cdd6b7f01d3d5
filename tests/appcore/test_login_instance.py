"""The whole login flow against the real local instance (demo/), over HTTP."""
import json
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from api import Mastodon
from api.errors import MastodonUnauthorizedError
from api.oauth import code_challenge
from app.accounts import AccountStore, AppRegistration
from app.demo_session import approve
from app.login import LoginError, LoginFlow, logout
from demo.server import running_instance


@pytest.fixture(scope="module")
def instance():
    with running_instance() as inst:
        yield inst


@pytest.fixture
def store(tmp_path):
    return AccountStore(tmp_path / "accounts.json")


def query(url):
    return {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}


def whoami(base_url, token):
    return Mastodon(access_token=token, api_base_url=base_url).account_verify_credentials()


def test_code_flow_with_pkce_registers_once(instance, store, tmp_path):
    flow = LoginFlow(store)
    apps_before = len(instance.state.apps)
    pending = flow.start(instance.base_url)
    q = query(pending.url)
    assert q["redirect_uri"] == "urn:ietf:wg:oauth:2.0:oob" and q["code_challenge_method"] == "S256"
    assert q["code_challenge"] == code_challenge(pending.code_verifier) and q["state"] == pending.state
    assert "force_login" not in q  # first account on this instance
    assert pending.code_verifier not in pending.url and pending.code_verifier not in repr(pending)

    account = flow.finish(pending, approve(pending))
    assert account.username == "demo" and store.active == account
    assert whoami(instance.base_url, account.access_token)["username"] == "demo"
    assert len(instance.state.apps) == apps_before + 1
    saved = json.loads((tmp_path / "accounts.json").read_text())
    assert saved["apps"][instance.base_url]["client_id"] == pending.registration.client_id

    # A second account on the same instance: the registration is reused, the server is asked to log in anew.
    again = LoginFlow(AccountStore(tmp_path / "accounts.json"))
    second = again.start(instance.base_url)
    assert second.registration.client_id == pending.registration.client_id
    assert len(instance.state.apps) == apps_before + 1
    assert query(second.url)["force_login"] == "true"
    # the check that the stored registration is still known leaves no app token behind
    app_tokens = [t for t in instance.state.tokens.values()
                  if t.client_id == pending.registration.client_id and t.account_id is None]
    assert app_tokens and all(t.revoked for t in app_tokens)
    bob = again.finish(second, approve(second, "bob", "bob"))
    assert bob.username == "bob"
    assert [a.username for a in AccountStore(tmp_path / "accounts.json").accounts] == ["demo", "bob"]


def test_wrong_code_then_right_code(instance, store):
    flow = LoginFlow(store)
    pending = flow.start(instance.base_url)
    with pytest.raises(LoginError) as e:
        flow.finish(pending, "this-is-not-the-code")
    assert e.value.kind == "wrong_code" and e.value.retry and "not accepted" in str(e.value)
    with pytest.raises(LoginError) as e:
        flow.finish(pending, "")
    assert e.value.kind == "wrong_code"
    assert store.accounts == []
    account = flow.finish(pending, "  " + approve(pending) + "\n")  # pasted with stray whitespace
    assert account.username == "demo"


def test_code_cannot_be_used_twice_or_without_the_verifier(instance, store):
    flow = LoginFlow(store)
    pending = flow.start(instance.base_url)
    code = approve(pending)
    pending.code_verifier = pending.code_verifier[::-1]  # an attacker who saw the code but not the verifier
    with pytest.raises(LoginError) as e:
        flow.finish(pending, code)
    assert e.value.kind == "wrong_code"


def test_pasted_redirect_url_with_wrong_state(instance, store):
    flow = LoginFlow(store)
    pending = flow.start(instance.base_url)
    with pytest.raises(LoginError) as e:
        flow.finish(pending, f"http://localhost/cb?code=abc&state=not-{pending.state}")
    assert e.value.kind == "state_mismatch"
    account = flow.finish(pending, f"http://localhost/cb?code={approve(pending)}&state={pending.state}")
    assert account.username == "demo"


def test_forgotten_registration_is_replaced(instance, store):
    store.save_app(AppRegistration(instance.base_url, "gone-client", "gone-secret", "read write",
                                   "urn:ietf:wg:oauth:2.0:oob"))
    pending = LoginFlow(store).start(instance.base_url)
    assert pending.registration.client_id != "gone-client"
    assert store.app_for(instance.base_url).client_id == pending.registration.client_id


def test_password_login_where_offered(instance, store):
    flow = LoginFlow(store)
    with pytest.raises(LoginError) as e:
        flow.password_login(instance.base_url, "demo", "wrong")
    assert e.value.kind == "wrong_password" and e.value.retry
    account = flow.password_login(instance.base_url, "demo", "demo")
    assert whoami(instance.base_url, account.access_token)["id"] == account.account_id


def test_password_grant_off_points_to_code_flow(store):
    with running_instance(password_grant=False) as inst:
        flow = LoginFlow(store)
        info, _ = flow.probe(inst.base_url)
        assert info.password_grant is False
        with pytest.raises(LoginError) as e:
            flow.password_login(info, "demo", "demo")
    assert e.value.kind == "password_unsupported"
    assert "without --password" in str(e.value) and "paste the code" in str(e.value)


def test_logout_revokes_the_token(instance, store):
    account = LoginFlow(store).password_login(instance.base_url, "demo", "demo")
    other = LoginFlow(store).password_login(instance.base_url, "alice", "alice")
    result = logout(store, account.key)
    assert result.revoked and "revoked" in result.message
    with pytest.raises(MastodonUnauthorizedError):
        whoami(instance.base_url, account.access_token)
    assert whoami(instance.base_url, other.access_token)["username"] == "alice"
    assert [a.key for a in store.accounts] == [other.key] and store.active == other


def test_logout_of_an_already_revoked_token(instance, store):
    account = LoginFlow(store).password_login(instance.base_url, "demo", "demo")
    reg = store.app_for(instance.base_url)
    httpx.post(instance.base_url + "/oauth/revoke", data={
        "client_id": reg.client_id, "client_secret": reg.client_secret, "token": account.access_token})
    result = logout(store, account)
    assert store.accounts == [] and "Logged out" in result.message


def test_add_token_verifies_it(instance, store):
    account = LoginFlow(store).add_token(instance.base_url, instance.tokens["carol"], demo=True)
    assert account.username == "carol" and account.demo
    with pytest.raises(LoginError) as e:
        LoginFlow(store).add_token(instance.base_url, "not-a-token")
    assert e.value.kind == "revoked"


def test_revoked_token_message_names_the_fix(instance, store):
    import re

    from app.accounts import Account
    from app.login import normalise_instance, unauthorized_message

    account = LoginFlow(store).password_login(instance.base_url, "demo", "demo")
    for acc in (account, Account("https://mastodon.example", "demo", "1", "SECRET")):
        message = unauthorized_message(acc)
        assert acc.access_token not in message
        typed = re.search(r"`tootty login (\S+)`", message).group(1)
        assert normalise_instance(typed)[0] == acc.base_url  # what it tells the user to type leads back here
