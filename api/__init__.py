"""tootty's Mastodon API library: the Mastodon.py 1.0.7 interface, without its known failures, plus an async
client and the modern API. Imports neither textual nor rich.

    from api import Mastodon
    Mastodon.create_app("myapp", api_base_url="https://example.social", to_file="app.secret")
"""
__version__ = "0.1.0"

import sys as _sys

# httpx imports its optional command-line client (which pulls in rich, click and pygments: ~75 ms and a UI
# library) whenever those happen to be installed, as they are beside textual. The library never needs that
# CLI, so keep it from loading: api/ stays UI-free and starts faster.
if "httpx" not in _sys.modules:
    _sys.modules.setdefault("httpx._main", None)  # type: ignore[assignment]

from .entities import AttribAccessDict, AttribAccessList  # noqa: E402
from .errors import *  # noqa: E402,F401,F403
from .errors import __all__ as _error_names  # noqa: E402

# The clients pull in httpx, asyncio and websockets (~150 ms): they load on first use, so code that needs only a
# small part of the library (api.errors, api.files: the app's account and config commands) starts quickly.
_LAZY = {"Mastodon": ".client", "AsyncMastodon": ".client", "StreamListener": ".streaming",
         "CallbackStreamListener": ".streaming"}


def __getattr__(name: str):
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(_LAZY[name], __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


__all__ = ["Mastodon", "AsyncMastodon", "AttribAccessDict", "AttribAccessList", "StreamListener",
           "CallbackStreamListener", *_error_names]
