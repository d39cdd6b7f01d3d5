"""Streaming: live timelines that never silently stop.

For the app (asyncio), on `api.AsyncMastodon`:

    session = client.stream("user", "public:local", ("hashtag", "python"))   # StreamSession, not yet connected
    async with session:
        async for event in session:       # typed events (events.py); Aborted is always the last one
            ...
    await session.subscribe("list", list_id="12"); await session.unsubscribe("public:local")

For scripts (the seed's interface), on `api.Mastodon`: `user_stream(listener)`, `public_stream`, `local_stream`,
`hashtag_stream(tag, listener, local=False)`, `list_stream(id, listener)`, `direct_stream`, `streams([...],
listener)`, blocking or `run_async=True` (a StreamHandle with close() / is_alive()). `stream_healthy()` is an
ordinary endpoint (api/endpoints/instance.py), the same on both clients.

Modules: session.py (reconnects, watchdog, dedupe), connector.py (where and how to connect), transport_ws.py and
transport_sse.py (the wire), backfill.py (gap filling over REST), events.py, listener.py, sync.py.
"""
from .errors import MastodonStreamingUnavailableError, MastodonStreamStalledError
from .sync import StreamingMethods
from .asyncio_methods import AsyncStreamingMethods

# Everything else loads when first used (PEP 562): the clients need only the two mixins above at import, and
# the session, the transports (websockets) and the event classes cost the app's start-up ~20 ms otherwise,
# before its first page is even asked for.
_LAZY = {
    "session": ("StreamSession",),
    "streams": ("StreamSpec", "as_spec"),
    "listener": ("StreamListener", "CallbackStreamListener", "dispatch"),
    "sync": ("StreamHandle",),
    "events": ("Update", "Delete", "Notification", "StatusUpdate", "Conversation", "FiltersChanged", "Unknown",
               "Connected", "Heartbeat", "Reconnecting", "Backfilled", "SubscriptionRefused", "Aborted"),
}
_HOME = {name: module for module, names in _LAZY.items() for name in names}


def __getattr__(name: str):
    module = _HOME.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


__all__ = ["StreamSession", "StreamSpec", "as_spec", "StreamListener", "CallbackStreamListener", "dispatch",
           "StreamHandle", "StreamingMethods", "AsyncStreamingMethods", "MastodonStreamingUnavailableError",
           "MastodonStreamStalledError", "Update", "Delete", "Notification", "StatusUpdate", "Conversation",
           "FiltersChanged", "Unknown", "Connected", "Heartbeat", "Reconnecting", "Backfilled",
           "SubscriptionRefused", "Aborted"]
