"""OAuth records: registered apps, authorization codes (with PKCE) and access/refresh tokens."""
from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from datetime import timedelta
from urllib.parse import urlsplit

from . import issued
from .models import App, AuthCode, Token

OOB = "urn:ietf:wg:oauth:2.0:oob"
BASE_SCOPES = {"read", "write", "follow", "push", "profile", "admin:read", "admin:write"}
GRANULAR = {
    "read": ["accounts", "blocks", "bookmarks", "favourites", "filters", "follows", "lists", "mutes",
             "notifications", "search", "statuses"],
    "write": ["accounts", "blocks", "bookmarks", "conversations", "favourites", "filters", "follows", "lists",
              "media", "mutes", "notifications", "reports", "statuses"],
    "admin:read": ["accounts", "reports", "domain_allows", "domain_blocks", "ip_blocks", "email_domain_blocks",
                   "canonical_email_blocks"],
    "admin:write": ["accounts", "reports", "domain_allows", "domain_blocks", "ip_blocks", "email_domain_blocks",
                    "canonical_email_blocks"],
}
ALL_SCOPES = BASE_SCOPES | {f"{b}:{g}" for b, gs in GRANULAR.items() for g in gs}
CODE_TTL = timedelta(minutes=10)


class OAuthError(Exception):
    """An RFC 6749 error: rendered as {"error": code, "error_description": text}."""

    def __init__(self, code: str, description: str, status: int = 400) -> None:
        super().__init__(description)
        self.code, self.description, self.status = code, description, status


def parse_scopes(value) -> list[str]:
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        value = " ".join(str(v) for v in value)
    return [s for s in str(value).replace("+", " ").split() if s]


def scope_allows(granted: list[str], needed: str) -> bool:
    """`read` grants `read:statuses`; `follow` (deprecated) grants the follow/block/mute writes and reads."""
    if needed in granted:
        return True
    base = needed.rsplit(":", 1)[0] if needed.count(":") >= 1 and needed not in BASE_SCOPES else None
    if base and base in granted:
        return True
    if "follow" in granted and needed in ("read:follows", "read:blocks", "read:mutes", "write:follows",
                                          "write:blocks", "write:mutes"):
        return True
    return False


def valid_redirect(uri: str) -> bool:
    if uri == OOB:
        return True
    parts = urlsplit(uri)
    return bool(parts.scheme) and (bool(parts.netloc) or parts.scheme not in ("http", "https")) \
        and not parts.fragment


def s256(verifier: str) -> str:
    return base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()


class AuthMixin:
    def create_app(self, name, redirect_uris, scopes="read", website=None) -> App:
        from .state import Invalid
        if not name or not str(name).strip():
            raise Invalid("Validation failed: Application name can't be blank")
        if isinstance(redirect_uris, str):
            uris = [u for u in redirect_uris.split() if u]
        else:
            uris = [str(u) for u in (redirect_uris or []) if str(u).strip()]
        if not uris:
            raise Invalid("Validation failed: Redirect URI can't be blank")
        if not all(valid_redirect(u) for u in uris):
            raise Invalid("Validation failed: Redirect URI must be an absolute URI.")
        scope_list = parse_scopes(scopes) or ["read"]
        if any(s not in ALL_SCOPES for s in scope_list):
            raise Invalid("Validation failed: Scopes are invalid")
        with self.lock:
            app = App(self.new_id(), str(name).strip(), website or None, uris, scope_list,
                      secrets.token_urlsafe(32), issued.secret(32), self.now())  # client_id is public
            self.apps[app.client_id] = app
            return app

    def check_client(self, client_id, client_secret=None, require_secret=True) -> App:
        app = self.apps.get(str(client_id or ""))
        if app is None:
            raise OAuthError("invalid_client", "Client authentication failed due to unknown client, no client "
                             "authentication included, or unsupported authentication method.", 401)
        if require_secret and not hmac.compare_digest(str(client_secret or ""), app.client_secret):
            raise OAuthError("invalid_client", "Client authentication failed due to unknown client, no client "
                             "authentication included, or unsupported authentication method.", 401)
        return app

    def check_scopes(self, app: App, requested) -> list[str]:
        scopes = parse_scopes(requested) or list(app.scopes)
        for s in scopes:
            if s not in ALL_SCOPES or not (scope_allows(app.scopes, s) or s in app.scopes):
                raise OAuthError("invalid_scope", "The requested scope is invalid, unknown, or malformed.")
        return scopes

    def issue_token(self, client_id, account_id, scopes, refresh=True) -> Token:
        with self.lock:
            now = self.now()
            ttl = self.settings.token_ttl
            tok = Token(issued.secret(32), client_id, account_id, list(scopes), now,
                        issued.secret(32) if refresh and account_id else None,
                        now + timedelta(seconds=ttl) if ttl else None)
            self.tokens[tok.token] = tok
            return tok

    def token_info(self, token: str | None) -> Token | None:
        if not token:
            return None
        tok = self.tokens.get(token)
        if tok is None or tok.revoked:
            return None
        if tok.expires_at and tok.expires_at <= self.now():
            return None
        if tok.account_id and (tok.account_id not in self.accounts or self.accounts[tok.account_id].suspended):
            return None
        return tok

    def issue_code(self, app: App, account_id, redirect_uri, scopes, challenge=None, method=None) -> AuthCode:
        with self.lock:
            code = AuthCode(issued.secret(32), app.client_id, account_id, redirect_uri, list(scopes),
                            self.now(), challenge, method)
            self.codes[code.code] = code
            return code

    def exchange_code(self, app: App, code: str, redirect_uri: str, verifier: str | None) -> Token:
        bad = OAuthError("invalid_grant", "The provided authorization grant is invalid, expired, revoked, does not "
                         "match the redirection URI used in the authorization request, or was issued to another "
                         "client.")
        with self.lock:
            rec = self.codes.get(str(code or ""))
            if rec is None or rec.used or rec.client_id != app.client_id or rec.created_at + CODE_TTL < self.now():
                raise bad
            if redirect_uri != rec.redirect_uri:
                raise bad
            if rec.code_challenge:
                if not verifier or not hmac.compare_digest(s256(verifier), rec.code_challenge):
                    raise bad
            rec.used = True
            return self.issue_token(app.client_id, rec.account_id, rec.scopes)

    def password_login(self, app: App, username: str, password: str, scopes) -> Token:
        acc = self.account_by_username(str(username or "").split("@")[0]) if username else None
        if acc is None:
            for a in self.accounts.values():  # Mastodon's password grant takes the e-mail address
                if a.email and a.email.lower() == str(username or "").lower():
                    acc = a
        if acc is None or not acc.password or not hmac.compare_digest(str(password or ""), acc.password):
            raise OAuthError("invalid_grant", "The provided authorization grant is invalid, expired, revoked, does "
                             "not match the redirection URI used in the authorization request, or was issued to "
                             "another client.")
        return self.issue_token(app.client_id, acc.id, scopes)

    def refresh(self, app: App, refresh_token: str, scopes=None) -> Token:
        with self.lock:
            old = next((t for t in self.tokens.values() if t.refresh_token and t.client_id == app.client_id
                        and hmac.compare_digest(t.refresh_token, str(refresh_token or ""))), None)
            if old is None or old.revoked and old.refresh_token is None:
                raise OAuthError("invalid_grant", "The provided authorization grant is invalid, expired, revoked, "
                                 "does not match the redirection URI used in the authorization request, or was "
                                 "issued to another client.")
            old.revoked = True
            old.refresh_token = None  # refresh tokens are single-use
            return self.issue_token(app.client_id, old.account_id, old.scopes)

    def revoke(self, app: App, token: str) -> None:
        with self.lock:
            tok = self.tokens.get(str(token or ""))
            if tok is None:
                tok = next((t for t in self.tokens.values() if t.refresh_token == token), None)
            if tok is not None and tok.client_id == app.client_id:
                tok.revoked = True
                tok.refresh_token = None
