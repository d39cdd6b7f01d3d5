"""The HTTP plumbing every route module shares: the `api` route decorator (auth, scopes, parameter parsing,
error mapping), the per-request context `Ctx`, Mastodon's error bodies and its Link-header paging."""
from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from typing import Callable
from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from .paging import page
from .params import BadParam, BadRequest, Params, read_params
from .state_auth import OAuthError, scope_allows

log = logging.getLogger("demo")


class ApiError(Exception):
    def __init__(self, status: int, message: str, headers: dict | None = None) -> None:
        super().__init__(message)
        self.status, self.message, self.headers = status, message, headers


def error(status: int, message: str, headers=None) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status, headers=headers)


def dumps(data) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


class Json(Response):
    media_type = "application/json; charset=utf-8"

    def render(self, content) -> bytes:
        return dumps(content)


PAGING_KEYS = {"max_id", "since_id", "min_id"}


@dataclass
class Ctx:
    request: Request
    state: object
    params: Params
    token: object = None
    viewer: str | None = None          # account id of the token's user
    headers: dict = field(default_factory=dict)

    def arg(self, name: str) -> str:
        return self.request.path_params[name]

    @property
    def account(self):
        return self.state.accounts[self.viewer] if self.viewer else None

    def limit(self, default: int = 20, maximum: int | None = None) -> int:
        """Mastodon: abs(to_i), capped at twice the default (or the endpoint's maximum)."""
        raw = self.params.raw("limit")
        try:
            n = abs(int(str(raw))) if raw not in (None, "") else default
        except ValueError:
            n = default
        return max(1, min(n, maximum or default * 2))

    def paged(self, pairs, render: Callable, default: int = 20, maximum: int | None = None) -> Response:
        """Cut a page out of newest-first (cursor, item) pairs and add Mastodon's Link header."""
        p = self.params
        limit = self.limit(default, maximum)
        rows = page(pairs, max_id=p.str("max_id"), since_id=p.str("since_id"), min_id=p.str("min_id"), limit=limit)
        body = [render(item) for _c, item in rows]
        if rows:
            self.link_pages(newest=rows[0][0], oldest=rows[-1][0], full=len(rows) == limit)
        return Json(body, headers=self.headers)

    def link_pages(self, newest: str, oldest: str, full: bool) -> None:
        """Mastodon's Link header for a non-empty page whose items run from cursor `newest` to `oldest`: "prev"
        (newer items) always, "next" (older) only when the page is full; an empty page has no Link at all."""
        links = [f'<{self.page_url(max_id=oldest)}>; rel="next"'] if full else []
        links.append(f'<{self.page_url(min_id=newest)}>; rel="prev"')
        self.headers["Link"] = ", ".join(links)

    def page_url(self, **cursor) -> str:
        items = [(k, v) for k, v in self.request.query_params.multi_items() if k not in PAGING_KEYS]
        items += list(cursor.items())
        return f"{self.state.base_url}{self.request.url.path}?{urlencode(items)}"

    def json(self, data, status: int = 200) -> Response:
        return Json(data, status_code=status, headers=self.headers)


def bearer(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    if header[:7].lower() == "bearer ":
        return header[7:].strip() or None
    return request.query_params.get("access_token") or None


class Routes(list):
    """A module's routes: `@routes.api("GET", "/api/v1/x", scope="read:statuses", auth="user")`.

    auth: "user" (a user token is required), "optional" (anonymous allowed; a bad token is still a 401),
    "app" (any valid token, user or client_credentials), None (no token looked at).
    """

    def api(self, method: str, path: str, scope: str | None = None, auth: str | None = "user"):
        def wrap(fn):
            self.append((method, path, make_endpoint(fn, scope, auth)))
            return fn
        return wrap


def make_endpoint(fn, scope, auth):
    async def endpoint(request: Request) -> Response:
        state = request.app.state.instance_state
        try:
            params = await read_params(request)
            ctx = Ctx(request, state, params)
            if auth is not None:
                _authenticate(ctx, scope, auth)
            # One lock around the whole handler: the activity generator and tests change the world from other
            # threads, and a handler iterating a dict while another thread grows it would fail.
            with state.lock:
                state.tick()
                result = fn(ctx)
                if isinstance(result, Response):
                    return result
                return ctx.json(result)
        except ApiError as exc:
            return error(exc.status, exc.message, exc.headers)
        except OAuthError as exc:
            return JSONResponse({"error": exc.code, "error_description": exc.description}, status_code=exc.status)
        except BadRequest as exc:
            return error(400, str(exc))
        except BadParam as exc:
            return error(422, str(exc))
        except Exception as exc:  # state errors map onto Mastodon's statuses; anything else is our bug: 500
            return _map_state_error(exc, request)
    return endpoint


def _map_state_error(exc, request) -> Response:
    from .state import Forbidden, Invalid, NotFound
    if isinstance(exc, NotFound):
        return error(404, "Record not found")
    if isinstance(exc, Invalid):
        return error(422, str(exc))
    if isinstance(exc, Forbidden):
        return error(403, str(exc) or "This action is not allowed")
    log.exception("unhandled error on %s %s", request.method, request.url.path)
    return error(500, "Internal server error")


def _authenticate(ctx: Ctx, scope, auth) -> None:
    token = bearer(ctx.request)
    if token is None:
        if auth == "optional":
            return
        raise ApiError(401, "The access token is invalid")
    tok = ctx.state.token_info(token)
    if tok is None:
        raise ApiError(401, "The access token is invalid")
    ctx.token = tok
    ctx.viewer = tok.account_id
    if scope and not any(scope_allows(tok.scopes, s) for s in scope.split("|")):
        raise ApiError(403, "This action is outside the authorized scopes")
    if auth == "user" and tok.account_id is None:
        raise ApiError(422, "This method requires an authenticated user")
