"""Streaming for `api.AsyncMastodon` (what the app uses): one session per account, typed events.

    session = client.stream("user", "user:notification")      # not connected until started
    async with session:                                        # or session.start() ... await session.aclose()
        async for event in session:
            match event:
                case Update(stream, status): ...
                case Reconnecting(attempt, delay, error): ...
                case Aborted(error): ...                      # last event; MastodonStreamingUnavailableError
                                                              # means: poll instead
    await session.subscribe("hashtag", tag="python")          # while running, from any task
    await session.unsubscribe("hashtag", tag="python")
"""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .session import StreamSession


class AsyncStreamingMethods:
    def stream(self, *streams, backfill=True, **options) -> StreamSession:
        """A StreamSession for this account over `streams` (names like "user", "public:local",
        ("hashtag", "python"), "hashtag:python", ("list", "12"), or StreamSpec). `backfill=True` fills gaps
        with this client's timeline methods; pass a coroutine function to replace it, or False for none.
        Options: see StreamSession (watchdog, ping_interval, backoff_*, transport, streaming_url, sleep...)."""
        from .backfill import client_backfill  # here, not at import: see api/streaming/__init__.py
        from .session import StreamSession

        if backfill is True:
            backfill = client_backfill(self)
        instance_v2 = getattr(self, "instance_v2", None)
        options.setdefault("user_agent", getattr(self, "user_agent", None))
        options.setdefault("verify", getattr(self, "verify", True))  # streams trust what REST trusts
        return StreamSession(api_base_url=self.api_base_url, access_token=self.access_token, streams=streams,
                             backfill=backfill or None, discover=instance_v2, **options)
