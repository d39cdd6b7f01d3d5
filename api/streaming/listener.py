"""The seed's callback interface: subclass StreamListener and override the on_* methods you need, or pass
functions to CallbackStreamListener. `dispatch(listener, event)` turns one typed event into one call.

Heartbeats go to `handle_heartbeat()` only (never dispatched as an empty event). Unknown events go to
`on_unknown_event(name, payload)`. When a stream ends for good, `on_abort(error)` is called exactly once.
"""
from __future__ import annotations

from . import events as ev


class StreamListener:
    def on_update(self, status):
        """A new status (a status dict)."""

    def on_delete(self, status_id):
        """A status was deleted; `status_id` is its id (a string)."""

    def on_notification(self, notification):
        """A new notification (a notification dict)."""

    def on_status_update(self, status):
        """A status was edited (the new status dict)."""

    def on_conversation(self, conversation):
        """A direct-message conversation changed (direct stream)."""

    def on_filters_changed(self):
        """The user's filters changed; refetch them."""

    def on_abort(self, err):
        """The stream ended for good (revoked token, no streaming, or no reconnect wanted): `err` says why."""

    def on_unknown_event(self, name, unknown_event=None):
        """An event this library does not know (announcements, newer events); `unknown_event` is its payload,
        parsed when it is JSON."""

    def handle_heartbeat(self):
        """A keep-alive arrived: the connection is alive."""

    # Additions beyond the seed, no-ops by default.
    def on_connected(self, transport, url):
        """The stream is (again) connected and subscribed."""

    def on_reconnecting(self, attempt, delay, error):
        """The connection was lost; the next attempt comes in `delay` seconds."""

    def on_backfilled(self, count, complete):
        """After a reconnect, `count` items missed meanwhile were fetched over REST and delivered."""

    def on_malformed_event(self, error):
        """An event could not be parsed and was skipped (MastodonMalformedEventError)."""

    def on_websocket_error(self, error, for_stream=None):
        """The server refused one stream (the others go on)."""


class CallbackStreamListener(StreamListener):
    """A listener made of plain functions: CallbackStreamListener(update_handler=print, ...)."""

    def __init__(self, update_handler=None, local_update_handler=None, delete_handler=None,
                 notification_handler=None, conversation_handler=None, unknown_event_handler=None,
                 status_update_handler=None, filters_changed_handler=None, heartbeat_handler=None,
                 abort_handler=None, **_ignored):
        self.update_handler = update_handler or local_update_handler
        self.delete_handler = delete_handler
        self.notification_handler = notification_handler
        self.conversation_handler = conversation_handler
        self.unknown_event_handler = unknown_event_handler
        self.status_update_handler = status_update_handler
        self.filters_changed_handler = filters_changed_handler
        self.heartbeat_handler = heartbeat_handler
        self.abort_handler = abort_handler

    def on_update(self, status):
        if self.update_handler is not None:
            self.update_handler(status)

    def on_delete(self, status_id):
        if self.delete_handler is not None:
            self.delete_handler(status_id)

    def on_notification(self, notification):
        if self.notification_handler is not None:
            self.notification_handler(notification)

    def on_conversation(self, conversation):
        if self.conversation_handler is not None:
            self.conversation_handler(conversation)

    def on_status_update(self, status):
        if self.status_update_handler is not None:
            self.status_update_handler(status)

    def on_filters_changed(self):
        if self.filters_changed_handler is not None:
            self.filters_changed_handler()

    def on_unknown_event(self, name, unknown_event=None):
        if self.unknown_event_handler is not None:
            self.unknown_event_handler(name, unknown_event)

    def handle_heartbeat(self):
        if self.heartbeat_handler is not None:
            self.heartbeat_handler()

    def on_abort(self, err):
        if self.abort_handler is not None:
            self.abort_handler(err)


def dispatch(listener: StreamListener, event) -> None:
    """Call the listener method for one typed event. Exceptions from the listener propagate."""
    if isinstance(event, ev.Update):
        listener.on_update(event.status)
    elif isinstance(event, ev.Notification):
        listener.on_notification(event.notification)
    elif isinstance(event, ev.Delete):
        listener.on_delete(event.id)
    elif isinstance(event, ev.StatusUpdate):
        listener.on_status_update(event.status)
    elif isinstance(event, ev.Conversation):
        listener.on_conversation(event.conversation)
    elif isinstance(event, ev.FiltersChanged):
        listener.on_filters_changed()
    elif isinstance(event, ev.Unknown):
        listener.on_unknown_event(event.event, event.payload)
    elif isinstance(event, ev.Heartbeat):
        listener.handle_heartbeat()
    elif isinstance(event, ev.Aborted):
        listener.on_abort(event.error)
    elif isinstance(event, ev.Connected):
        listener.on_connected(event.transport, event.url)
    elif isinstance(event, ev.Reconnecting):
        listener.on_reconnecting(event.attempt, event.delay, event.error)
    elif isinstance(event, ev.Backfilled):
        listener.on_backfilled(event.count, event.complete)
    elif isinstance(event, ev.SubscriptionRefused):
        listener.on_websocket_error(event.error, event.stream)
