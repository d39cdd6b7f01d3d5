"""Every secret the instance hands out (access and refresh tokens, client secrets, authorization codes) is made
here, and announced to whoever watches: the test suite's secret watch (tests/secret_watch.py) collects them all
so it can prove none of them ever shows up in a log line, an error message or the screen.

    stop = issued.watch(callback)    # callback(secret) for every secret made from now on; stop() ends it
"""
from __future__ import annotations

import secrets
import threading
from typing import Callable

_lock = threading.Lock()
_watchers: list[Callable[[str], None]] = []


def watch(callback: Callable[[str], None]) -> Callable[[], None]:
    with _lock:
        _watchers.append(callback)

    def stop() -> None:
        with _lock:
            if callback in _watchers:
                _watchers.remove(callback)
    return stop


def secret(nbytes: int = 32) -> str:
    value = secrets.token_urlsafe(nbytes)
    with _lock:
        watchers = list(_watchers)
    for callback in watchers:
        callback(value)
    return value
