"""Secrets at rest: whatever the user's umask (here the loosest, 000), every file tootty writes that holds a
token, a client secret or the user's unsent words is 0600, in a directory that is 0700 (created so, or tightened
if it was left open). Checked after a real login against the local instance, for the app's account store and
drafts and for the library's credential files."""
from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from api import Mastodon
from app.accounts import AccountStore
from app.demo_session import approve
from app.drafts import Draft, DraftStore
from app.login import LoginFlow
from app.paths import accounts_file, drafts_dir


def mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.fixture
def open_umask():
    old = os.umask(0)
    yield
    os.umask(old)


def test_app_files_after_a_login_are_private(instance, tmp_path, monkeypatch, open_umask):
    monkeypatch.setenv("TOOTTY_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("TOOTTY_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("TOOTTY_STATE_DIR", str(tmp_path / "state"))
    (tmp_path / "data").mkdir(mode=0o777)                           # left wide open by someone else
    os.chmod(tmp_path / "data", 0o777)
    store = AccountStore(accounts_file())
    flow = LoginFlow(store)
    pending = flow.start(instance.base_url)
    account = flow.finish(pending, approve(pending))
    path = accounts_file()
    assert account.access_token in path.read_text()                 # the token is in there...
    assert mode(path) == 0o600 and mode(path.parent) == 0o700        # ...so only we may read it
    DraftStore().save(Draft(account="demo@local", text="not for anyone else yet"))
    files = list(drafts_dir().glob("*.json"))
    assert files and all(mode(file) == 0o600 for file in files)
    assert mode(drafts_dir()) == 0o700 and mode(tmp_path / "data") == 0o700


def test_library_credential_files_are_private(instance, tmp_path, open_umask):
    folder = tmp_path / "creds"
    folder.mkdir(mode=0o755)
    client_file, user_file = folder / "client.secret", folder / "user.secret"
    Mastodon.create_app("secret files", api_base_url=instance.base_url, to_file=str(client_file))
    api = Mastodon(client_id=str(client_file), api_base_url=instance.base_url)
    code = _code_for(instance, api)
    api.log_in(code=code, to_file=str(user_file), scopes=["read"])
    for path in (client_file, user_file):
        assert mode(path) == 0o600, path.name
    assert not list(folder.glob(".*.tmp"))                           # no half-written copies left behind


def _code_for(instance, api) -> str:
    """The code the user would paste: authorize as demo on the instance's page."""
    from types import SimpleNamespace

    url = api.auth_request_url(scopes=["read"])
    return approve(SimpleNamespace(url=url))
