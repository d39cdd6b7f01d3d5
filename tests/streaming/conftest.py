"""Fixtures for the streaming tests: a real local instance (demo/) over real sockets.

`streaming_instance(**settings)` starts one per call with the given switches (`streaming=False`, `sse=False`,
`extra={"websocket": False}`), with short SSE heartbeat and server check intervals so that no test waits long.
"""
from __future__ import annotations

import contextlib

import pytest

FAST = {"sse_heartbeat_interval": 0.2, "stream_check_interval": 0.1}


@pytest.fixture
def streaming_instance():
    from demo.server import running_instance
    from demo.settings import Settings
    from demo.streaming_conn import close_all

    stack = contextlib.ExitStack()

    def start(**switches):
        extra = dict(FAST)
        extra.update(switches.pop("extra", {}))
        inst = stack.enter_context(running_instance(settings=Settings.make(extra=extra, **switches)))
        stack.callback(close_all, inst.state)  # stalled connections end before the server stops
        return inst

    with stack:
        yield start
