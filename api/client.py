"""The two clients, built from the same endpoint definitions: `Mastodon` (blocking, the seed's interface) and
`AsyncMastodon` (coroutines, for the app). Adding an endpoint mixin here adds it to both."""
from __future__ import annotations

from .driver import AsyncDriver, SyncDriver
from .endpoints import ENDPOINT_MIXINS

from .streaming import AsyncStreamingMethods, StreamingMethods


class Mastodon(SyncDriver, StreamingMethods, *ENDPOINT_MIXINS):
    """The Mastodon API, blocking. Every method returns dicts (with attribute access) or lists of them.

    Mastodon(client_id=None, client_secret=None, access_token=None, api_base_url=None, debug_requests=False,
             ratelimit_method='wait', ratelimit_pacefactor=1.1, request_timeout=300, ...)
    """


class AsyncMastodon(AsyncDriver, AsyncStreamingMethods, *ENDPOINT_MIXINS):
    """The same API as coroutines: `await client.timeline_home()`. Use `async with AsyncMastodon(...)`."""
