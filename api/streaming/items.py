"""What a transport hands the session: raw, unparsed, one per message. Parsing and policy live in the session,
so both transports behave alike."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Item:
    kind: str                  # event | heartbeat | refused | malformed | ignored
    spec: Any = None           # the StreamSpec it belongs to, when known
    event: str | None = None
    payload: Any = None        # payload text for events; the offending text for malformed
    status: int | None = None  # refused
    error: str = ""            # refused, malformed

    @classmethod
    def event_(cls, spec, event, payload) -> "Item":
        return cls("event", spec, event, payload)

    @classmethod
    def heartbeat(cls) -> "Item":
        return _HEARTBEAT

    @classmethod
    def refused(cls, spec, status, error) -> "Item":
        return cls("refused", spec, status=status, error=error)

    @classmethod
    def malformed(cls, spec, why, text) -> "Item":
        return cls("malformed", spec, payload=text, error=why)

    @classmethod
    def ignored(cls) -> "Item":
        return _IGNORED


_HEARTBEAT = Item("heartbeat")
_IGNORED = Item("ignored")


def offer(queue, item: Item) -> None:
    """Queue an item that may be lost when the consumer is far behind (heartbeats: the next one will do)."""
    try:
        queue.put_nowait(item)
    except Exception:  # noqa: BLE001 - asyncio.QueueFull
        pass
