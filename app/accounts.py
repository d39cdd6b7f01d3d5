"""The account store: accounts.json in the config directory.

It holds the app registered on each instance (client id and secret: registered once per instance, then reused),
the accounts logged in (instance, username, account id, access token) and which one is active.

Safety: the file is mode 0600 in a 0700 directory and is replaced atomically (app.paths.atomic_write), so a crash
mid-write leaves the previous version. Every change re-reads the file under a lock before writing, so a login in
one terminal and an account switch in a running app do not overwrite each other. A file that cannot be read is
moved aside (accounts.json.corrupt-TIMESTAMP), never overwritten, and the reason is reported through `problem`.
Tokens and client secrets never appear in a repr, a message or a log line.
"""
from __future__ import annotations

import contextlib
import json
import os
import stat
import time
from dataclasses import MISSING, asdict, dataclass, field, fields, replace
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urlsplit

from app.paths import accounts_file, atomic_write, private_dir, remove_stale_temp_files

FORMAT_VERSION = 1


class AccountError(Exception):
    """An account name that matches nothing (or several), or a store that cannot be written."""


def canonical_base_url(url: str) -> str:
    """The one spelling of an instance URL used as a key: lower-case scheme and host, no default port, no slash."""
    parts = urlsplit(url.strip())
    scheme = (parts.scheme or "https").lower()
    host = (parts.hostname or "").lower()
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    port = parts.port
    if port and not ((scheme == "https" and port == 443) or (scheme == "http" and port == 80)):
        host = f"{host}:{port}"
    path = parts.path.rstrip("/")
    return f"{scheme}://{host}{path}"


def instance_host(base_url: str) -> str:
    """The host part of an account's name ("mastodon.social", "127.0.0.1:3000")."""
    return canonical_base_url(base_url).split("://", 1)[1]


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


@dataclass(frozen=True)
class AppRegistration:
    """tootty's OAuth client on one instance."""

    base_url: str
    client_id: str
    client_secret: str
    scopes: str
    redirect_uri: str
    registered_at: str = field(default_factory=_now)

    def __repr__(self) -> str:
        return (f"AppRegistration(base_url={self.base_url!r}, client_id=<{len(self.client_id)} chars>, "
                f"client_secret=<redacted>, scopes={self.scopes!r})")

    __str__ = __repr__

    def covers(self, scopes: str) -> bool:
        return set(scopes.split()) <= set(self.scopes.split())


@dataclass(frozen=True)
class Account:
    """One logged-in account. `key` ("user@host") is how commands and the app name it."""

    base_url: str
    username: str
    account_id: str
    access_token: str
    scopes: str = ""
    display_name: str = ""
    added_at: str = field(default_factory=_now)
    demo: bool = False

    @property
    def host(self) -> str:
        return instance_host(self.base_url)

    @property
    def key(self) -> str:
        return f"{self.username}@{self.host}"

    @property
    def acct(self) -> str:
        return f"@{self.key}"

    def __repr__(self) -> str:
        return f"Account({self.key!r}, id={self.account_id!r}, access_token=<redacted>)"

    __str__ = __repr__


def _from_dict(cls, data: dict):
    names = {f.name for f in fields(cls)}
    required = {f.name for f in fields(cls) if f.default is MISSING and f.default_factory is MISSING}
    if not isinstance(data, dict) or not required <= data.keys():
        raise ValueError("missing fields")
    values = {k: v for k, v in data.items() if k in names}
    if not all(isinstance(v, (str, bool)) for v in values.values()):
        raise ValueError("wrong field types")
    values["base_url"] = canonical_base_url(values["base_url"])
    return cls(**values)


class AccountStore:
    """Use `AccountStore()` for the user's store, `AccountStore(path)` for another (tests, the demo)."""

    def __init__(self, path: Path | str | None = None):
        self.path = Path(path) if path is not None else accounts_file()
        private_dir(self.path.parent)
        self.problem: str | None = None  # set when a corrupt file was moved aside; the CLI and app show it
        self._clear()
        self.reload()

    # -- reading ---------------------------------------------------------------------------------------------

    @property
    def accounts(self) -> list[Account]:
        return list(self._accounts.values())

    @property
    def active(self) -> Account | None:
        return self._accounts.get(self._active) if self._active else None

    def app_for(self, base_url: str) -> AppRegistration | None:
        return self._apps.get(canonical_base_url(base_url))

    def find(self, name: str) -> Account | None:
        """The account named by `name`: "user@host", "@user@host", or just "user" when only one matches."""
        name = name.strip().lstrip("@").lower()
        for account in self._accounts.values():
            if account.key.lower() == name:
                return account
        matches = [a for a in self._accounts.values() if a.username.lower() == name]
        if len(matches) > 1:
            raise AccountError(f"several accounts are called {name!r}: "
                               + ", ".join(a.key for a in matches) + "; give user@host")
        return matches[0] if matches else None

    def get(self, name: str) -> Account:
        account = self.find(name)
        if account is None:
            known = ", ".join(a.key for a in self._accounts.values()) or "none; use `tootty login`"
            raise AccountError(f"no account {name!r} (accounts: {known})")
        return account

    def reload(self) -> None:
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            self._clear()
            return
        except OSError as e:
            raise AccountError(f"cannot read {self.path}: {e.strerror}") from None
        self._tighten_mode()
        try:
            self._parse(raw)
        except (ValueError, TypeError, KeyError, AttributeError) as e:
            self._set_aside(str(e) or type(e).__name__)

    def _parse(self, raw: bytes) -> None:
        data = json.loads(raw.decode("utf-8"))
        if not isinstance(data, dict) or not isinstance(data.get("apps", {}), dict) or not isinstance(
                data.get("accounts", []), list):
            raise ValueError("not an account store")
        if data.get("version", FORMAT_VERSION) > FORMAT_VERSION:
            raise AccountError(f"{self.path} was written by a newer tootty; upgrade tootty to use it")
        apps, accounts, unreadable = {}, {}, []
        for entry in data.get("apps", {}).values():
            try:
                app = _from_dict(AppRegistration, entry)
                apps[app.base_url] = app
            except (ValueError, TypeError):
                unreadable.append({"app": entry})
        for entry in data.get("accounts", []):
            try:
                account = _from_dict(Account, entry)
                accounts[account.key] = account
            except (ValueError, TypeError):
                unreadable.append({"account": entry})
        unreadable += [u for u in data.get("unreadable", []) if u not in unreadable]
        active = data.get("active")
        self._apps, self._accounts, self._unreadable = apps, accounts, unreadable
        self._active = active if active in accounts else None
        if unreadable:
            self.problem = f"{len(unreadable)} unreadable entries in {self.path} were kept but ignored"

    def _clear(self) -> None:
        """No registrations, no accounts: the state of a store whose file is missing (or was set aside)."""
        self._apps: dict[str, AppRegistration] = {}
        self._accounts: dict[str, Account] = {}
        self._active: str | None = None
        self._unreadable: list = []  # entries we could not parse: written back untouched, so nothing is lost

    def _set_aside(self, reason: str) -> None:
        aside = self.path.with_name(f"{self.path.name}.corrupt-{time.strftime('%Y%m%dT%H%M%S')}")
        n = 1
        while aside.exists():
            aside = aside.with_name(f"{aside.name.split('~')[0]}~{n}")
            n += 1
        os.replace(self.path, aside)
        self._clear()
        self.problem = (f"the account file {self.path} could not be read ({reason}); it was kept as {aside} "
                        "and you will need to log in again")

    def _tighten_mode(self) -> None:
        if os.name == "posix" and stat.S_IMODE(self.path.stat().st_mode) & 0o077:
            os.chmod(self.path, 0o600)

    # -- changing --------------------------------------------------------------------------------------------

    @contextlib.contextmanager
    def _changing(self):
        """Lock, re-read what another process may have written, let the caller change it, write it back."""
        lock_path = self.path.with_name(self.path.name + ".lock")
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            try:
                import fcntl

                fcntl.flock(fd, fcntl.LOCK_EX)
            except ImportError:  # Windows: no advisory locks; the atomic replace still keeps the file whole
                pass
            self.reload()
            yield
            self._write()
        finally:
            os.close(fd)  # closing releases the flock

    def _write(self) -> None:
        data = {
            "version": FORMAT_VERSION,
            "active": self._active,
            "apps": {url: asdict(app) for url, app in self._apps.items()},
            "accounts": [asdict(a) for a in self._accounts.values()],
        }
        if self._unreadable:
            data["unreadable"] = self._unreadable
        remove_stale_temp_files(self.path.parent)
        try:
            atomic_write(self.path, json.dumps(data, indent=2, ensure_ascii=False).encode("utf-8") + b"\n")
        except OSError as e:
            raise AccountError(f"cannot save accounts to {self.path}: {e.strerror}") from None

    def save_app(self, app: AppRegistration) -> AppRegistration:
        app = replace(app, base_url=canonical_base_url(app.base_url))
        with self._changing():
            self._apps[app.base_url] = app
        return app

    def forget_app(self, base_url: str) -> None:
        """Drop a registration the server no longer knows (its client id was rejected)."""
        with self._changing():
            self._apps.pop(canonical_base_url(base_url), None)

    def add(self, account: Account, activate: bool = True) -> Account:
        """Store `account`, replacing the same user@host (a new login replaces the old token)."""
        account = replace(account, base_url=canonical_base_url(account.base_url))
        with self._changing():
            self._accounts[account.key] = account
            if activate or self._active is None:
                self._active = account.key
        return account

    def set_active(self, name: str) -> Account:
        with self._changing():
            account = self.get(name)
            self._active = account.key
        return account

    def remove(self, name: str) -> Account:
        """Forget an account; if it was active, the next remaining account (if any) becomes active."""
        with self._changing():
            account = self.get(name)
            del self._accounts[account.key]
            if self._active == account.key:
                self._active = next(iter(self._accounts), None)
        return account
