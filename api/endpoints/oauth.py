"""App registration, login (authorization code with PKCE, password, refresh token), revoke."""
from __future__ import annotations

from urllib.parse import urlencode

from ..credentials import ClientCredentials, UserCredentials, write_client_file, write_user_file
from ..errors import MastodonAPIError, MastodonIllegalArgumentError, MastodonNotFoundError
from ..oauth import DEFAULT_SCOPES, OOB_REDIRECT, scope_string
from ._base import Call, endpoint


class OAuth:
    @classmethod
    def create_app(cls, client_name, scopes=DEFAULT_SCOPES, redirect_uris=None, website=None, to_file=None,
                   api_base_url=None, request_timeout=300, **client_kwargs):
        """Register an application with the server (once per instance: persist the result with to_file).
        Returns (client_id, client_secret). On AsyncMastodon, await it."""
        def make(client):
            return OAuth._register_app(client, client_name, scopes, redirect_uris, website, to_file)
        return cls._oneshot(api_base_url, request_timeout, make, **client_kwargs)

    @endpoint
    def _register_app(self, client_name, scopes=DEFAULT_SCOPES, redirect_uris=None, website=None,
                      to_file=None):
        if not client_name or not str(client_name).strip():
            raise MastodonIllegalArgumentError("client_name must not be empty")
        if isinstance(redirect_uris, (list, tuple)):
            redirect_uris = "\n".join(redirect_uris)
        data = {"client_name": client_name, "scopes": scope_string(scopes),
                "redirect_uris": redirect_uris or OOB_REDIRECT}
        if website:
            data["website"] = website
        app = yield Call("POST", "/api/v1/apps", data=data, auth=False, shape=dict)
        if "client_id" not in app or "client_secret" not in app:
            raise MastodonAPIError("app registration answer lacks client_id or client_secret", 200, "OK", "")
        if to_file:
            write_client_file(to_file, ClientCredentials(app["client_id"], app["client_secret"],
                                                         self.api_base_url, client_name))
        return app["client_id"], app["client_secret"]

    def auth_request_url(self, client_id=None, redirect_uris=OOB_REDIRECT, scopes=DEFAULT_SCOPES,
                         force_login=False, state=None, code_challenge=None, lang=None):
        """The URL where the user grants access. For SSH use keep the out-of-band redirect: the server then
        shows the code to paste into log_in(code=...). Pass code_challenge (api.oauth) to use PKCE."""
        client_id = client_id or self.client_id
        if not client_id:
            raise MastodonIllegalArgumentError("auth_request_url needs a client_id (register with create_app)")
        query = {"response_type": "code", "client_id": client_id, "redirect_uri": redirect_uris,
                 "scope": scope_string(scopes)}
        if force_login:
            query["force_login"] = "true"
        if state:
            query["state"] = state
        if code_challenge:
            query["code_challenge"] = code_challenge
            query["code_challenge_method"] = "S256"
        if lang:
            query["lang"] = lang
        return f"{self.api_base_url}/oauth/authorize?{urlencode(query)}"

    @endpoint
    def log_in(self, username=None, password=None, code=None, redirect_uri=OOB_REDIRECT, refresh_token=None,
               scopes=DEFAULT_SCOPES, to_file=None, code_verifier=None):
        """Get an access token by authorization code (with code_verifier for PKCE), password (where the server
        still allows it: Mastodon removed that grant in 4.4) or refresh token. Stores it on the client,
        optionally writes it to to_file, and returns it."""
        if not self.client_id or not self.client_secret:
            raise MastodonIllegalArgumentError("log_in needs client_id and client_secret (see create_app)")
        data = {"client_id": self.client_id, "client_secret": self.client_secret,
                "scope": scope_string(scopes), "redirect_uri": redirect_uri}
        if code is not None:
            data.update(grant_type="authorization_code", code=code)
            if code_verifier:
                data["code_verifier"] = code_verifier
        elif refresh_token is not None:
            data.update(grant_type="refresh_token", refresh_token=refresh_token)
        elif username is not None and password is not None:
            data.update(grant_type="password", username=username, password=password)
        else:
            raise MastodonIllegalArgumentError("log_in needs a code, a refresh_token, or username and password")
        try:
            token = yield Call("POST", "/oauth/token", data=data, auth=False, shape=dict)
        except MastodonAPIError as exc:
            grant = data["grant_type"]
            if grant == "password" and "unsupported_grant_type" in exc.error:
                raise MastodonIllegalArgumentError(
                    "this server does not accept password login (Mastodon removed it in 4.4): "
                    "log in with the authorization code flow (auth_request_url, then log_in(code=...))") from exc
            if exc.status in (400, 401, 403):
                what = {"authorization_code": "the authorization code is wrong, expired or already used",
                        "refresh_token": "the refresh token is invalid",
                        "password": "username or password is wrong"}[grant]
                raise MastodonIllegalArgumentError(f"login failed: {what} ({exc.error})") from exc
            raise
        access = token.get("access_token")
        if not access:
            raise MastodonAPIError("token answer lacks access_token", 200, "OK", "")
        granted = set(str(token.get("scope", "")).split())
        wanted = set(scope_string(scopes).split())
        if granted and not wanted <= granted | {"follow"}:
            raise MastodonIllegalArgumentError(
                f"granted scopes ({' '.join(sorted(granted))}) differ from requested ({' '.join(sorted(wanted))})")
        self.access_token = access
        self.refresh_token = token.get("refresh_token")
        if to_file:
            write_user_file(to_file, UserCredentials(access, self.api_base_url, self.client_id,
                                                     self.client_secret))
        return access

    @endpoint
    def revoke_access_token(self):
        """Revoke the current token at the server (logout) and forget it."""
        if not self.access_token:
            raise MastodonIllegalArgumentError("no access token to revoke")
        data = {"client_id": self.client_id or "", "client_secret": self.client_secret or "",
                "token": self.access_token}
        yield Call("POST", "/oauth/revoke", data=data, auth=False)
        self.access_token = None
        return True

    @endpoint
    def app_verify_credentials(self):
        return (yield Call("GET", "/api/v1/apps/verify_credentials", shape=dict))

    @endpoint
    def oauth_authorization_server_info(self):
        """/.well-known/oauth-authorization-server (Mastodon 4.3+); None on servers without it."""
        try:
            return (yield Call("GET", "/.well-known/oauth-authorization-server", auth=False, shape=dict))
        except MastodonNotFoundError:
            return None
