"""The login flow uses PKCE (S256) and checks `state`, as seen on the wire by a recording instance: a fresh
verifier and state per attempt, the challenge in the authorization URL, the verifier only in the token request's
body, and a pasted redirect whose state is wrong or missing refused before any token request is made."""
from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from api.oauth import code_challenge
from app.accounts import AccountStore
from app.demo_session import approve
from app.login import LoginError, LoginFlow
from demo.server import running_instance
from tests.security.recording import record_requests


@pytest.fixture(scope="module")
def recorded():
    with running_instance(seed="small") as inst:
        yield inst, record_requests(inst)


def query(url: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}


def test_each_attempt_has_its_own_verifier_and_state_and_sends_an_s256_challenge(recorded, tmp_path):
    inst, _ = recorded
    flow = LoginFlow(AccountStore(tmp_path / "accounts.json"))
    first, second = flow.start(inst.base_url), flow.start(inst.base_url)
    assert first.code_verifier != second.code_verifier and first.state != second.state
    for pending in (first, second):
        q = query(pending.url)
        assert q["code_challenge_method"] == "S256" and q["code_challenge"] == code_challenge(pending.code_verifier)
        assert q["state"] == pending.state and len(pending.state) >= 16
        assert 43 <= len(pending.code_verifier) <= 128 and pending.code_verifier not in pending.url


def test_the_verifier_goes_only_in_the_token_request_body(recorded, tmp_path):
    inst, log = recorded
    flow = LoginFlow(AccountStore(tmp_path / "accounts.json"))
    pending = flow.start(inst.base_url)
    before = len(log.of("/oauth/token", "POST"))
    account = flow.finish(pending, approve(pending))
    assert account.username == "demo"
    exchanges = log.of("/oauth/token", "POST")[before:]
    assert [e.form.get("grant_type") for e in exchanges] == ["authorization_code"]
    assert exchanges[0].form["code_verifier"] == pending.code_verifier
    for seen in log.requests:
        assert pending.code_verifier not in seen.path + "?" + seen.query


@pytest.mark.parametrize("pasted", ["http://localhost/cb?code={code}&state=someone-elses-{state}",
                                    "http://localhost/cb?code={code}"])
def test_a_redirect_with_a_wrong_or_missing_state_is_refused_before_any_exchange(recorded, tmp_path, pasted):
    inst, log = recorded
    flow = LoginFlow(AccountStore(tmp_path / "accounts.json"))
    pending = flow.start(inst.base_url)
    code = approve(pending)
    before = len(log.of("/oauth/token", "POST"))
    with pytest.raises(LoginError) as caught:
        flow.finish(pending, pasted.format(code=code, state=pending.state))
    assert caught.value.kind == "state_mismatch"
    assert len(log.of("/oauth/token", "POST")) == before          # the code never left the machine
    account = flow.finish(pending, f"http://localhost/cb?code={code}&state={pending.state}")
    assert account.username == "demo"                               # the right one still works
