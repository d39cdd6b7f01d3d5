"""Snowflake-like IDs, as Mastodon makes them: the creation time in milliseconds shifted left 16 bits, plus a
sequence number, written as a decimal string. IDs therefore sort by time; as strings they compare by length and
then lexically (`id_key`), which is also how a client must order them, since it may never cast an ID to int."""
from __future__ import annotations

import threading
from datetime import datetime


def id_key(value: str) -> tuple[int, str]:
    """Order key for any ID string, including the odd ones clients send (huge numbers, letters)."""
    value = str(value)
    return (len(value), value)


class IdGenerator:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._last: dict[int, int] = {}

    def new(self, at: datetime) -> str:
        ms = int(at.timestamp() * 1000)
        with self._lock:
            seq = self._last.get(ms, -1) + 1
            self._last[ms] = seq
            if len(self._last) > 100_000:  # forget old milliseconds; they are never asked for again
                self._last = {ms: seq}
        return str((ms << 16) | (seq & 0xFFFF))
