"""Messages that flow from the background (streaming worker, pollers, service) to the App, and from the App to
its screens. Workers never touch widgets: they post one of these, and the App routes it on the UI's own loop.

Every payload is data from the api (dicts with attribute access), never a widget.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from textual.message import Message


@dataclass
class TimelineEvents(Message):
    """A batch of live changes, coalesced by the streaming worker or produced by one poll.

    `statuses`: source key -> new statuses, oldest first (insert each at the top, newest ends up first).
    `deleted`: status ids removed everywhere. `edited`: statuses that changed (edits, own actions elsewhere).
    `notifications`: new notifications, oldest first. `conversations`: updated DM conversations.
    `gap`: source keys whose gap could not be filled completely: they should refresh."""

    statuses: dict[str, list] = field(default_factory=dict)
    deleted: list[str] = field(default_factory=list)
    edited: list = field(default_factory=list)
    notifications: list = field(default_factory=list)
    conversations: list = field(default_factory=list)
    gap: list[str] = field(default_factory=list)
    received_at: float = 0.0  # perf_counter of the oldest event in the batch (the latency benchmark reads it)

    @property
    def empty(self) -> bool:
        return not (self.statuses or self.deleted or self.edited or self.notifications or self.conversations
                    or self.gap)

    @property
    def count(self) -> int:
        return (sum(len(v) for v in self.statuses.values()) + len(self.deleted) + len(self.edited)
                + len(self.notifications) + len(self.conversations))


@dataclass
class ConnectionState(Message):
    """The live-update state of one account, for the status bar.

    state: "connecting" | "live" | "reconnecting" | "polling" | "offline".
    `retry_at`: monotonic time of the next attempt while reconnecting (the bar counts down to it).
    `detail`: one line for the user (why we poll, the last error)."""

    state: str
    detail: str = ""
    retry_at: float | None = None
    transport: str = ""


@dataclass
class StatusChanged(Message):
    """One status changed (an action of ours, optimistic or confirmed). Every screen holding it updates."""

    status: dict


@dataclass
class BackgroundError(Message):
    """Background work failed in a way the user should know about (shown as a toast, never a traceback)."""

    title: str
    text: str

