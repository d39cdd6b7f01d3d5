"""Logging in and out: the logic shared by `tootty login` and the app's login screen.

    flow = LoginFlow(store)
    pending = flow.start("mastodon.social")      # probe, register once, build the PKCE authorization URL
    open_url(pending.url) or print(pending.url)  # app.browser
    account = flow.finish(pending, pasted_code)  # exchange, verify, store; LoginError("wrong_code") -> ask again

Everything here is synchronous and blocking (a few HTTP requests); the app runs it in a thread worker. Every
failure is a LoginError whose `kind` names it and whose text is one sentence for the user.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlsplit

import httpx

import api
from api import errors, oauth
from app import APP_NAME
from app.accounts import Account, AccountStore, AppRegistration
from app.probe import InstanceInfo, LoginError, normalise_instance, probe_instance

__all__ = ["LoginError", "LoginFlow", "PendingAuthorization", "InstanceInfo", "LogoutResult", "logout",
           "normalise_instance", "probe_instance", "unauthorized_message", "SCOPES", "OOB_REDIRECT"]

SCOPES = "read write"  # "follow" is deprecated since Mastodon 3.5 and covered by read + write
OOB_REDIRECT = "urn:ietf:wg:oauth:2.0:oob"
WEBSITE = "https://github.com/tootty/tootty"


# -- logging in --------------------------------------------------------------------------------------------------

@dataclass
class PendingAuthorization:
    """An authorization under way: the URL the user must open, and the secrets to finish it with."""

    instance: InstanceInfo
    registration: AppRegistration
    url: str
    state: str
    code_verifier: str = field(repr=False)
    username_hint: str | None = None


class LoginFlow:
    def __init__(self, store: AccountStore, *, client_name: str = APP_NAME, website: str = WEBSITE,
                 scopes: str = SCOPES, timeout: float = 20.0, verify: bool | str = True):
        self.store, self.client_name, self.website = store, client_name, website
        self.scopes, self.timeout, self.verify = scopes, timeout, verify

    def _client(self, base_url: str, **credentials):
        return api.Mastodon(api_base_url=base_url, request_timeout=self.timeout, verify=self.verify, **credentials)

    def probe(self, instance: str | InstanceInfo) -> tuple[InstanceInfo, str | None]:
        if isinstance(instance, InstanceInfo):
            return instance, None
        base_url, username = normalise_instance(instance)
        return probe_instance(base_url, timeout=self.timeout, verify=self.verify), username

    def registration(self, info: InstanceInfo) -> AppRegistration:
        """The stored registration for this instance, or a new one (registered once, then kept)."""
        existing = self.store.app_for(info.base_url)
        if existing and existing.covers(self.scopes) and OOB_REDIRECT in existing.redirect_uri.split():
            if self._still_registered(info, existing) is not False:
                return existing
            self.store.forget_app(info.base_url)
        try:
            client_id, client_secret = api.Mastodon.create_app(
                self.client_name, scopes=self.scopes.split(), redirect_uris=OOB_REDIRECT, website=self.website,
                api_base_url=info.base_url, request_timeout=self.timeout, verify=self.verify)
        except errors.MastodonNetworkError as exc:
            raise LoginError("network", f"Could not register tootty with {info.domain}: {exc}", retry=True) from None
        except errors.MastodonAPIError as exc:
            detail = exc.error or exc.reason or f"HTTP {exc.status}"
            if exc.status is not None and exc.status >= 500 or exc.status == 429:
                raise LoginError("server_error", f"{info.domain} could not register tootty right now "
                                 f"({detail}). Try again later.", retry=True) from None
            raise LoginError("registration_refused",
                             f"{info.domain} refuses to register tootty as an app ({detail}). Some servers "
                             "only allow apps their admins approve: ask them.") from None
        return self.store.save_app(AppRegistration(info.base_url, client_id, client_secret, self.scopes,
                                                   OOB_REDIRECT))

    def _still_registered(self, info: InstanceInfo, registration: AppRegistration) -> bool | None:
        """Ask the server whether it still knows our client (admins delete apps, instances get reset): a
        client-credentials grant succeeds for a known client and fails with invalid_client otherwise. Without
        this, the user would only find out on the server's authorization page. None when it cannot tell."""
        client_auth = {"client_id": registration.client_id, "client_secret": registration.client_secret}
        try:
            with httpx.Client(timeout=self.timeout, verify=self.verify) as client:
                response = client.post(info.base_url + "/oauth/token",
                                       data={"grant_type": "client_credentials", "scope": "read", **client_auth})
                if response.status_code == 200:
                    _revoke_quietly(client, info.base_url, client_auth, response)
        except httpx.HTTPError:
            return None
        if response.status_code == 200:
            return True
        try:
            error = response.json().get("error")
        except (ValueError, AttributeError):
            error = None
        return False if response.status_code == 401 or error == "invalid_client" else None

    def start(self, instance: str | InstanceInfo, force_login: bool | None = None) -> PendingAuthorization:
        """Probe the server, make sure tootty is registered there, and build the authorization URL (PKCE S256,
        a random state, the out-of-band redirect so the server shows a code to paste: works over SSH).
        force_login defaults to True when an account on this instance is already stored, so the server asks
        who is logging in instead of reusing the browser's session."""
        info, username = self.probe(instance)
        registration = self.registration(info)
        verifier, state = oauth.make_code_verifier(), oauth.make_state()
        if force_login is None:
            force_login = any(a.base_url == info.base_url for a in self.store.accounts)
        with self._client(info.base_url, client_id=registration.client_id,
                          client_secret=registration.client_secret) as client:
            url = client.auth_request_url(client_id=registration.client_id, redirect_uris=OOB_REDIRECT,
                                          scopes=self.scopes.split(), force_login=force_login, state=state,
                                          code_challenge=oauth.code_challenge(verifier))
        return PendingAuthorization(info, registration, url, state, verifier, username)

    def finish(self, pending: PendingAuthorization, pasted: str) -> Account:
        """Exchange the code the user pasted (or the whole redirect URL) for a token, check it, store the
        account and make it active. A wrong code raises LoginError(kind="wrong_code", retry=True): ask again
        with the same `pending`."""
        code = self._code_from(pasted, pending.state)
        reg = pending.registration
        try:
            with self._client(pending.instance.base_url, client_id=reg.client_id,
                              client_secret=reg.client_secret) as client:
                token = client.log_in(code=code, redirect_uri=OOB_REDIRECT, scopes=self.scopes.split(),
                                      code_verifier=pending.code_verifier)
        except errors.MastodonIllegalArgumentError as exc:
            cause = exc.__cause__
            if "invalid_client" in str(getattr(cause, "error", "")):
                self.store.forget_app(pending.instance.base_url)
                raise LoginError("registration_refused", f"{pending.instance.domain} no longer knows tootty's "
                                 "registration; it was forgotten. Start the login again.") from None
            if "granted scopes" in str(exc):
                raise LoginError("scope_denied", "The server granted fewer permissions than tootty needs "
                                                 f"({self.scopes}). Log in again and allow them.") from None
            raise LoginError("wrong_code", "That code was not accepted: it is wrong, expired or already used. "
                                           "Paste it again, or open the link again for a new one.",
                             retry=True) from None
        except errors.MastodonNetworkError as exc:
            raise LoginError("network", f"Could not reach {pending.instance.domain}: {exc}", retry=True) from None
        except errors.MastodonAPIError as exc:
            raise LoginError("server_error", f"{pending.instance.domain} could not complete the login "
                             f"(HTTP {exc.status}). Try again.", retry=True) from None
        return self._store_account(pending.instance, token)

    @staticmethod
    def _code_from(pasted: str, state: str) -> str:
        text = pasted.strip()
        if "://" in text or text.startswith("?"):
            query = parse_qs(urlsplit(text).query)
            # A redirect always carries our state back: one without it (or with another) is not our attempt's.
            if query.get("state", [None])[0] != state:
                raise LoginError("state_mismatch", "That link belongs to another login attempt; use the newest "
                                                   "link.", retry=True)
            text = query.get("code", [""])[0]
        if not text or not re.fullmatch(r"[A-Za-z0-9._~+/=-]+", text):
            raise LoginError("wrong_code", "Paste the code the server showed after you allowed access.",
                             retry=True)
        return text

    def _store_account(self, info: InstanceInfo, token: str, demo: bool = False) -> Account:
        try:
            with self._client(info.base_url, access_token=token) as client:
                me = client.account_verify_credentials()
        except errors.MastodonUnauthorizedError:
            raise LoginError("revoked", f"{info.domain} does not accept the token (wrong, expired or revoked). "
                                        "Log in again.") from None
        except errors.MastodonError as exc:
            raise LoginError("network", f"Logged in, but could not read your account: {exc}", retry=True) from None
        account = Account(base_url=info.base_url, username=str(me["username"]), account_id=str(me["id"]),
                          access_token=token, scopes=self.scopes, display_name=str(me.get("display_name") or ""),
                          demo=demo)
        return self.store.add(account, activate=True)

    def add_token(self, instance: str | InstanceInfo, token: str, demo: bool = False) -> Account:
        """Store an account from a token obtained elsewhere (the demo instance issues one), after verifying it."""
        info, _ = self.probe(instance)
        return self._store_account(info, token, demo=demo)

    @staticmethod
    def _password_hint(info: InstanceInfo) -> str:
        return (f"{info.domain} does not offer password login. Log in with `{APP_NAME} login {info.domain}` "
                "(without --password): it opens the server's page and you paste the code it shows.")

    def require_password_grant(self, info: InstanceInfo) -> None:
        """Raise LoginError("password_unsupported") when the server says it has no password grant, so the
        user is not asked for a password that cannot work. Servers that do not say are given a try."""
        if info.password_grant is False:
            raise LoginError("password_unsupported", self._password_hint(info))

    def password_login(self, instance: str | InstanceInfo, username: str, password: str) -> Account:
        """The password grant, only where the server still offers it (Mastodon removed it in 4.4)."""
        info, _ = self.probe(instance)
        self.require_password_grant(info)
        registration = self.registration(info)
        try:
            with self._client(info.base_url, client_id=registration.client_id,
                              client_secret=registration.client_secret) as client:
                token = client.log_in(username=username, password=password, scopes=self.scopes.split())
        except errors.MastodonIllegalArgumentError as exc:
            if "password login" in str(exc):
                raise LoginError("password_unsupported", self._password_hint(info)) from None
            raise LoginError("wrong_password", "The username or password is wrong.", retry=True) from None
        except errors.MastodonNetworkError as exc:
            raise LoginError("network", f"Could not reach {info.domain}: {exc}", retry=True) from None
        except errors.MastodonAPIError as exc:
            raise LoginError("server_error", f"{info.domain} could not complete the login (HTTP {exc.status}).",
                             retry=True) from None
        return self._store_account(info, token)


def _revoke_quietly(client: httpx.Client, base_url: str, client_auth: dict, response: httpx.Response) -> None:
    """The app-only token the registration check obtained is not needed: revoke it rather than leave it valid
    (on the same connection)."""
    try:
        client.post(base_url + "/oauth/revoke", data={"token": response.json()["access_token"], **client_auth})
    except (httpx.HTTPError, ValueError, KeyError, TypeError):
        pass


# -- logging out -------------------------------------------------------------------------------------------------

@dataclass
class LogoutResult:
    account: Account
    revoked: bool
    message: str


def logout(store: AccountStore, name: str | Account, *, timeout: float = 20.0) -> LogoutResult:
    """Revoke the account's token at the server and forget the account here. The account is forgotten even
    when the server cannot be reached (the message says the token may still be valid there)."""
    account = name if isinstance(name, Account) else store.get(name)
    registration = store.app_for(account.base_url)
    revoked, message = False, ""
    try:
        with api.Mastodon(client_id=registration.client_id if registration else None,
                          client_secret=registration.client_secret if registration else None,
                          access_token=account.access_token, api_base_url=account.base_url,
                          request_timeout=timeout) as client:
            client.revoke_access_token()
        revoked = True
        message = f"Logged out of {account.acct}; the server revoked the token."
    except errors.MastodonUnauthorizedError:
        revoked = True  # already invalid there: nothing left to revoke
        message = f"Logged out of {account.acct}; the token had already been revoked."
    except errors.MastodonError as exc:
        message = (f"Forgot {account.acct} here, but could not reach {account.host} to revoke the token "
                   f"({type(exc).__name__}); revoke it under Preferences > Account > Authorized apps.")
    store.remove(account.key)
    return LogoutResult(account, revoked, message)


def unauthorized_message(account: Account) -> str:
    """What to tell the user when the server answers 401 to an account's token (revoked on the web, expired,
    or the account was suspended): one sentence with the command that fixes it."""
    # An account address implies https; a plain-http (local) server must be named by its URL.
    target = account.acct if account.base_url.startswith("https://") else account.base_url
    return (f"{account.host} no longer accepts the login of {account.acct} (the token was revoked or has "
            f"expired). Log in again: `{APP_NAME} login {target}`, or add the account from the accounts "
            "screen.")
