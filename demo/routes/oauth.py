"""OAuth 2 as Mastodon speaks it: app registration, the authorize page (with the out-of-band code display),
the token endpoint (authorization_code with PKCE S256, password (switchable off like Mastodon 4.4+),
client_credentials, refresh_token), revocation and the RFC 8414 discovery document.

The authorize page is a form: username, password and Approve/Deny. Tests and scripts can POST it directly
(fields: username, password, client_id, redirect_uri, scope, state, code_challenge, code_challenge_method,
decision=approve|deny)."""
from __future__ import annotations

import base64
import html
from urllib.parse import urlencode

from starlette.responses import HTMLResponse, RedirectResponse

from ..entities_misc import app_json
from ..http import ApiError, Routes
from ..state_auth import ALL_SCOPES, OOB, OAuthError

routes = Routes()


@routes.api("POST", "/api/v1/apps", auth=None)
def create_app(ctx):
    p = ctx.params
    uris = p.raw("redirect_uris")
    if isinstance(uris, list):
        uris = p.list("redirect_uris")
    else:
        uris = p.str("redirect_uris")
    app = ctx.state.create_app(p.str("client_name"), uris, p.str("scopes") or "read", p.str("website"))
    return app_json(app)


@routes.api("GET", "/api/v1/apps/verify_credentials", auth="app")
def verify_app(ctx):
    app = ctx.state.apps.get(ctx.token.client_id)
    if app is None:
        raise ApiError(401, "The access token is invalid")
    return app_json(app, with_secret=False)


def _page(title: str, body: str, status: int = 200) -> HTMLResponse:
    return HTMLResponse(f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{html.escape(title)}</title>"
                        f"</head><body><h1>{html.escape(title)}</h1>{body}</body></html>", status_code=status)


def _authorize_request(ctx):
    """Validate the client and redirect URI; errors are shown on the page, never redirected (RFC 6749 4.1.2.1)."""
    p = ctx.params
    app = ctx.state.apps.get(p.str("client_id") or "")
    if app is None:
        raise OAuthError("invalid_client", "Client authentication failed due to unknown client.", 401)
    redirect_uri = p.str("redirect_uri") or (app.redirect_uris[0] if len(app.redirect_uris) == 1 else "")
    if redirect_uri not in app.redirect_uris:
        raise OAuthError("invalid_redirect_uri", "The requested redirect uri is malformed or doesn't match client "
                         "redirect URI.")
    if (p.str("response_type") or "code") != "code":
        raise OAuthError("unsupported_response_type", "The authorization server does not support this response type.")
    scopes = ctx.state.check_scopes(app, p.str("scope"))
    method = p.str("code_challenge_method")
    challenge = p.str("code_challenge")
    if challenge and (method or "plain") != "S256":
        raise OAuthError("invalid_request", "Code challenge method must be S256.")
    return app, redirect_uri, scopes, challenge, method


def _error_page(exc: OAuthError):
    return _page("An error has occurred", f"<p class='error' data-error='{html.escape(exc.code)}'>"
                 f"{html.escape(exc.description)}</p>", 400)


@routes.api("GET", "/oauth/authorize", auth=None)
def authorize_form(ctx):
    try:
        app, redirect_uri, scopes, challenge, method = _authorize_request(ctx)
    except OAuthError as exc:
        return _error_page(exc)
    hidden = {"client_id": app.client_id, "redirect_uri": redirect_uri, "scope": " ".join(scopes),
              "state": ctx.params.str("state") or "", "code_challenge": challenge or "",
              "code_challenge_method": method or "", "response_type": "code"}
    fields = "".join(f"<input type='hidden' name='{k}' value='{html.escape(v, quote=True)}'>" for k, v in hidden.items())
    body = (f"<p><strong>{html.escape(app.name)}</strong> would like permission to access your account: "
            f"<code>{html.escape(' '.join(scopes))}</code></p>"
            f"<form method='post' action='/oauth/authorize'>{fields}"
            "<p><label>Username <input name='username' autocomplete='username'></label></p>"
            "<p><label>Password <input name='password' type='password'></label></p>"
            "<p class='hint'>Demo accounts: demo / demo (and alice, bob, ... with their names as passwords)</p>"
            "<button name='decision' value='approve'>Authorize</button> "
            "<button name='decision' value='deny'>Deny</button></form>")
    return _page("Authorization required", body)


@routes.api("POST", "/oauth/authorize", auth=None)
def authorize_submit(ctx):
    p = ctx.params
    try:
        app, redirect_uri, scopes, challenge, method = _authorize_request(ctx)
    except OAuthError as exc:
        return _error_page(exc)
    state_param = p.str("state")
    if (p.str("decision") or "approve") != "approve":
        return _redirect(redirect_uri, {"error": "access_denied", "error_description": "The resource owner or "
                         "authorization server denied the request.", "state": state_param})
    acc = ctx.state.account_by_username(p.str("username") or "")
    if acc is None or not acc.password or p.str("password") != acc.password:
        return _page("Log in", "<p class='error' data-error='invalid_credentials'>Invalid username or password."
                     "</p>", 401)
    code = ctx.state.issue_code(app, acc.id, redirect_uri, scopes, challenge, method)
    if redirect_uri == OOB:
        return _page("Authorization code", "<p>Copy this authorization code and paste it into the application."
                     f"</p><input class='oauth-code' readonly value='{code.code}'><pre id='code'>{code.code}</pre>")
    return _redirect(redirect_uri, {"code": code.code, "state": state_param})


def _redirect(uri: str, query: dict):
    query = {k: v for k, v in query.items() if v}
    sep = "&" if "?" in uri else "?"
    return RedirectResponse(f"{uri}{sep}{urlencode(query)}", status_code=302)


def _client(ctx, require_secret=True):
    p = ctx.params
    client_id, secret = p.str("client_id"), p.str("client_secret")
    header = ctx.request.headers.get("authorization", "")
    if header[:6].lower() == "basic ":
        try:
            client_id, _, secret = base64.b64decode(header[6:]).decode().partition(":")
        except (ValueError, UnicodeDecodeError):
            raise OAuthError("invalid_client", "Client authentication failed.", 401) from None
    return ctx.state.check_client(client_id, secret, require_secret)


def _token_json(ctx, tok) -> dict:
    data = {"access_token": tok.token, "token_type": "Bearer", "scope": " ".join(tok.scopes),
            "created_at": int(tok.created_at.timestamp())}
    if tok.refresh_token:
        data["refresh_token"] = tok.refresh_token
    if tok.expires_at:
        data["expires_in"] = int((tok.expires_at - tok.created_at).total_seconds())
    return data


@routes.api("POST", "/oauth/token", auth=None)
def token(ctx):
    p = ctx.params
    grant = p.str("grant_type") or ""
    state = ctx.state
    if grant == "password" and not state.settings.password_grant:
        grant = "unsupported"
    if grant not in ("authorization_code", "password", "client_credentials", "refresh_token"):
        raise OAuthError("unsupported_grant_type", "The authorization grant type is not supported by the "
                         "authorization server.")
    app = _client(ctx)
    if grant == "authorization_code":
        if not p.str("code"):
            raise OAuthError("invalid_request", "Missing required parameter: code.")
        tok = state.exchange_code(app, p.str("code"), p.str("redirect_uri") or "", p.str("code_verifier"))
    elif grant == "password":
        tok = state.password_login(app, p.str("username"), p.str("password"), state.check_scopes(app, p.str("scope")))
    elif grant == "client_credentials":
        tok = state.issue_token(app.client_id, None, state.check_scopes(app, p.str("scope")), refresh=False)
    else:
        tok = state.refresh(app, p.str("refresh_token"))
    return ctx.json(_token_json(ctx, tok))


@routes.api("POST", "/oauth/revoke", auth=None)
def revoke(ctx):
    app = _client(ctx)
    ctx.state.revoke(app, ctx.params.str("token") or "")
    return {}


@routes.api("GET", "/.well-known/oauth-authorization-server", auth=None)
def discovery(ctx):
    base = ctx.state.base_url
    grants = ["authorization_code", "client_credentials", "refresh_token"]
    if ctx.state.settings.password_grant:
        grants.insert(1, "password")
    return {"issuer": f"{base}/", "service_documentation": "https://docs.joinmastodon.org/",
            "authorization_endpoint": f"{base}/oauth/authorize", "token_endpoint": f"{base}/oauth/token",
            "revocation_endpoint": f"{base}/oauth/revoke", "userinfo_endpoint": f"{base}/oauth/userinfo",
            "app_registration_endpoint": f"{base}/api/v1/apps", "scopes_supported": sorted(ALL_SCOPES),
            "response_types_supported": ["code"], "response_modes_supported": ["query", "fragment", "form_post"],
            "code_challenge_methods_supported": ["S256"], "grant_types_supported": grants,
            "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"]}


@routes.api("GET", "/oauth/userinfo", scope="profile|read", auth="user")
def userinfo(ctx):
    acc = ctx.account
    return {"iss": f"{ctx.state.base_url}/", "sub": f"{ctx.state.base_url}/users/{acc.username}",
            "name": acc.display_name, "preferred_username": acc.username, "profile": ctx.state.account_url(acc)}
