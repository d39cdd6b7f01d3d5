"""Fixtures for the streaming tests: a real local instance (demo/) over real sockets.

`streaming_instance(**settings)` starts one with the given settings switches (short heartbeat and check
intervals by default, so no test waits long). It prefers the project's `demo.server.running_instance`; until
that exists it assembles the same State, REST routes and streaming routes itself on uvicorn.
"""
from __future__ import annotations

import contextlib
import socket
import threading
import time
from types import SimpleNamespace

import pytest

FAST = {"sse_heartbeat_interval": 0.2, "stream_check_interval": 0.1}


def _settings(**switches):
    from demo.settings import Settings
    extra = dict(FAST)
    extra.update(switches.pop("extra", {}))
    return Settings.make(extra=extra, **switches)


@contextlib.contextmanager
def _assembled(settings):
    import uvicorn
    from starlette.applications import Starlette
    from starlette.responses import JSONResponse
    from starlette.routing import Route

    from demo import instance_info, streaming
    from demo.routes import accounts, notifications, statuses, timelines
    from demo.seed import seed
    from demo.state import State

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    base = f"http://127.0.0.1:{port}"
    state = State(settings, base_url=base)
    seed(state, "small")
    routes = [Route("/api/v2/instance", lambda r: JSONResponse(instance_info.instance_v2(state)))]
    for module in (timelines, notifications, statuses, accounts):
        routes += [Route(path, endpoint, methods=[method]) for method, path, endpoint in module.routes]
    routes += streaming.routes(state)
    app = Starlette(routes=routes)
    app.state.instance_state = state
    server = uvicorn.Server(uvicorn.Config(app, log_level="critical", ws_ping_interval=None))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.01)
    demo = state.account_by_username("demo")
    app_rec = state.create_app("tests", ["urn:ietf:wg:oauth:2.0:oob"], "read write follow push")
    token = state.issue_token(app_rec.client_id, demo.id, ["read", "write", "follow", "push"]).token
    try:
        yield SimpleNamespace(base_url=base, state=state, settings=settings, tokens={"demo": token})
    finally:
        server.should_exit = True
        thread.join(5)


@pytest.fixture
def streaming_instance():
    stack = contextlib.ExitStack()

    def start(**switches):
        settings = _settings(**switches)
        try:
            from demo.server import running_instance
        except ImportError:
            return stack.enter_context(_assembled(settings))
        return stack.enter_context(running_instance(settings=settings))

    with stack:
        yield start
