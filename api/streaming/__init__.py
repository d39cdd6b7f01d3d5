"""Streaming: live timelines that never silently stop. See session.py for the machinery, events.py for what
the async iterator yields, listener.py and sync.py for the seed's callback interface."""
from .errors import MastodonStreamingUnavailableError, MastodonStreamStalledError
from .events import (Aborted, Backfilled, Connected, Conversation, Delete, FiltersChanged, Heartbeat,
                     Notification, Reconnecting, StatusUpdate, SubscriptionRefused, Unknown, Update)
from .listener import CallbackStreamListener, StreamListener, dispatch
from .session import StreamSession
from .streams import StreamSpec, as_spec
from .sync import StreamHandle, StreamingMethods
from .asyncio_methods import AsyncStreamingMethods

__all__ = ["StreamSession", "StreamSpec", "as_spec", "StreamListener", "CallbackStreamListener", "dispatch",
           "StreamHandle", "StreamingMethods", "AsyncStreamingMethods", "MastodonStreamingUnavailableError",
           "MastodonStreamStalledError", "Update", "Delete", "Notification", "StatusUpdate", "Conversation",
           "FiltersChanged", "Unknown", "Connected", "Heartbeat", "Reconnecting", "Backfilled",
           "SubscriptionRefused", "Aborted"]
