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
from .client import AsyncMastodon, Mastodon  # noqa: E402

try:
    from .streaming import CallbackStreamListener, StreamListener  # noqa: F401
except ImportError:  # pragma: no cover - while the streaming package is being built
    pass

__all__ = ["Mastodon", "AsyncMastodon", "AttribAccessDict", "AttribAccessList", "StreamListener",
           "CallbackStreamListener", *_error_names]
