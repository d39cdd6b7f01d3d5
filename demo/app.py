"""The Starlette application: `create_app(state_or_settings)` mounts the route modules, the streaming module
(demo/streaming.py, when present and not switched off), the admin routes, and the pure-ASGI middlewares
(fault injection outermost, then rate limits). Unknown routes and methods answer 404 JSON; an unexpected error
answers 500 JSON and is logged, never shown as a traceback."""
from __future__ import annotations

import logging

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.responses import JSONResponse
from starlette.routing import Route

from .routes import accounts, extras, filters, instance, lists, media, misc, notifications, oauth, search, \
    statuses, timelines, web
from .settings import Settings
from .state import State

log = logging.getLogger("demo")
MODULES = [oauth, instance, extras, accounts, statuses, timelines, notifications, media, lists, filters, search, misc, web]


def _not_found(request, exc):
    return JSONResponse({"error": "Not Found"}, status_code=404)


def _http_error(request, exc: HTTPException):
    if exc.status_code in (404, 405):  # Mastodon's router answers 404 for a path without that verb
        return JSONResponse({"error": "Not Found"}, status_code=404)
    return JSONResponse({"error": exc.detail or "Error"}, status_code=exc.status_code)


def _server_error(request, exc):
    log.error("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
    return JSONResponse({"error": "Internal server error"}, status_code=500)


def streaming_routes(state) -> list:
    """The streaming module's routes, if it exists and streaming is on (Takahe-like servers have none)."""
    if not state.settings.streaming:
        return []
    try:
        from . import streaming
    except ImportError as exc:
        if exc.name not in ("demo.streaming",):
            log.exception("demo.streaming failed to import")
        return []
    return list(streaming.routes(state))


def create_app(state_or_settings: "State | Settings | dict | None" = None, faults=None) -> Starlette:
    from .faults import FaultMiddleware, Faults, admin_routes
    from .ratelimit import RateLimitMiddleware, RateLimiter
    if isinstance(state_or_settings, State):
        state = state_or_settings
    else:
        state = State(Settings.make(state_or_settings))
    faults = faults or Faults()
    state.faults = faults  # demo/streaming_faults.py finds stream faults here
    limiter = RateLimiter(state.settings, state.clock)
    routes = streaming_routes(state)
    if state.settings.admin_api:
        routes += admin_routes(faults, state)
    for module in MODULES:
        for method, path, endpoint in module.routes:
            routes.append(Route(path, endpoint, methods=[method]))
    app = Starlette(
        routes=routes,
        middleware=[Middleware(FaultMiddleware, faults=faults, state=state),
                    Middleware(RateLimitMiddleware, limiter=limiter)],
        exception_handlers={404: _not_found, HTTPException: _http_error, Exception: _server_error},
    )
    app.state.instance_state = state
    app.state.faults = faults
    app.state.limiter = limiter
    return app
