import json
import os
import stat
import subprocess
import sys

import pytest

from app.accounts import Account, AccountError, AccountStore, AppRegistration, canonical_base_url

TOKEN = "tok-SECRET-0123456789"


def account(user="alice", url="https://example.social", token=TOKEN, id="1"):
    return Account(base_url=url, username=user, account_id=id, access_token=token, scopes="read write")


def mode(path):
    return stat.S_IMODE(os.stat(path).st_mode)


def test_roundtrip_modes_and_active(dirs):
    store = AccountStore()
    assert store.accounts == [] and store.active is None
    store.save_app(AppRegistration("https://Example.social/", "cid", "csecret", "read write",
                                   "urn:ietf:wg:oauth:2.0:oob"))
    store.add(account())
    store.add(account("bob", "http://127.0.0.1:3000", "tok2", "2"), activate=False)
    path = dirs["config"] / "accounts.json"
    assert mode(path) == 0o600 and mode(dirs["config"]) == 0o700

    again = AccountStore()
    assert [a.key for a in again.accounts] == ["alice@example.social", "bob@127.0.0.1:3000"]
    assert again.active.key == "alice@example.social" and again.active.access_token == TOKEN
    assert again.app_for("https://example.social").client_secret == "csecret"
    assert again.app_for("https://other.social") is None
    assert again.set_active("bob").key == "bob@127.0.0.1:3000"
    assert AccountStore().active.username == "bob"


def test_names_and_removal(dirs):
    store = AccountStore()
    store.add(account("alice", "https://a.example"))
    store.add(account("alice", "https://b.example"))
    store.add(account("carol", "https://a.example"))
    assert store.get("@carol@a.example").username == "carol"
    assert store.get("carol").key == "carol@a.example"
    with pytest.raises(AccountError, match="several"):
        store.get("alice")
    with pytest.raises(AccountError, match="no account"):
        store.get("dave")
    store.set_active("alice@b.example")
    removed = store.remove("alice@b.example")
    assert removed.key == "alice@b.example"
    assert store.active is not None and store.active.key != "alice@b.example"
    assert len(AccountStore().accounts) == 2


def test_relogin_replaces_token(dirs):
    store = AccountStore()
    store.add(account(token="old"))
    store.add(account(token="new"))
    assert [a.access_token for a in AccountStore().accounts] == ["new"]


def test_tokens_never_in_repr(dirs):
    acc = account()
    reg = AppRegistration("https://x", "client-id-value", "client-SECRET", "read", "oob")
    for text in (repr(acc), str(acc), repr(reg), str(reg), repr([acc, reg])):
        assert TOKEN not in text and "client-SECRET" not in text and "client-id-value" not in text


def test_corrupt_file_is_kept_aside(dirs):
    store = AccountStore()
    store.add(account())
    path = dirs["config"] / "accounts.json"
    original = path.read_bytes()
    path.write_bytes(original[: len(original) // 2])  # a torn write from some other tool
    store = AccountStore()
    assert store.accounts == []
    assert store.problem and "kept as" in store.problem and TOKEN not in store.problem
    kept = list(dirs["config"].glob("accounts.json.corrupt-*"))
    assert len(kept) == 1 and kept[0].read_bytes() == original[: len(original) // 2]
    store.add(account("bob"))
    assert [a.username for a in AccountStore().accounts] == ["bob"]


def test_unreadable_entries_survive_rewrites(dirs):
    path = dirs["config"] / "accounts.json"
    dirs["config"].mkdir(mode=0o700)
    path.write_text(json.dumps({"version": 1, "active": None, "apps": {},
                                "accounts": [{"username": "half"}, {**account().__dict__}]}))
    store = AccountStore()
    assert [a.username for a in store.accounts] == ["alice"] and "unreadable" in store.problem
    store.add(account("bob"))
    data = json.loads(path.read_text())
    assert {"account": {"username": "half"}} in data["unreadable"]


def test_newer_format_is_not_touched(dirs):
    path = dirs["config"] / "accounts.json"
    dirs["config"].mkdir(mode=0o700)
    path.write_text('{"version": 99}')
    with pytest.raises(AccountError, match="newer"):
        AccountStore()
    assert path.read_text() == '{"version": 99}'


def test_loose_mode_is_tightened(dirs):
    store = AccountStore()
    store.add(account())
    path = dirs["config"] / "accounts.json"
    os.chmod(path, 0o644)
    AccountStore()
    assert mode(path) == 0o600


def test_concurrent_writers_lose_nothing(dirs, tmp_path):
    # Two processes adding accounts at the same time: the lock plus re-read means every account is kept.
    script = (
        "import sys\n"
        "from app.accounts import Account, AccountStore\n"
        "s = AccountStore()\n"
        "for i in range(15):\n"
        "    s.add(Account('https://x.example', f'{sys.argv[1]}{i}', str(i), 't'))\n"
    )
    env = {**os.environ, "PYTHONPATH": os.getcwd()}
    procs = [subprocess.Popen([sys.executable, "-c", script, name], env=env) for name in ("p", "q")]
    assert [p.wait(timeout=60) for p in procs] == [0, 0]
    assert len(AccountStore().accounts) == 30
    assert not list(dirs["config"].glob("*.tmp"))


def test_atomic_write_never_exposes_partial_file(dirs, monkeypatch):
    store = AccountStore()
    store.add(account())
    path = dirs["config"] / "accounts.json"
    before = path.read_bytes()

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(AccountError, match="No space left"):
        store.add(account("bob"))
    assert path.read_bytes() == before
    assert not list(dirs["config"].glob("*.tmp"))


@pytest.mark.parametrize("url, expected", [
    ("https://Mastodon.Social/", "https://mastodon.social"),
    ("https://mastodon.social:443", "https://mastodon.social"),
    ("http://127.0.0.1:8080/", "http://127.0.0.1:8080"),
])
def test_canonical_base_url(url, expected):
    assert canonical_base_url(url) == expected
