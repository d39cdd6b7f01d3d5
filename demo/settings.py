"""Switches that make the instance behave like other servers where it matters to a client, and knobs that let
tests use small windows. Pass a Settings (or keyword arguments) to `running_instance` or `create_app`."""
from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from typing import Any


@dataclass
class Settings:
    title: str = "tootty demo"
    version: str = "4.3.0"
    api_version: int = 2               # api_versions.mastodon: 2 = grouped notifications exist
    # OAuth
    password_grant: bool = True        # False: answer like Mastodon 4.4+ (unsupported_grant_type)
    # features other servers lack
    streaming: bool = True             # False: no streaming endpoints at all (Takahe)
    sse: bool = True                   # False: WebSocket only (GoToSocial)
    grouped_notifications: bool = True # False: /api/v2/notifications answers 404 (before 4.3)
    minimal_entities: bool = False     # True: leave out optional fields, as sparse servers do
    # rate limits
    rate_limit: int = 300              # calls per window per token (or per IP without one)
    rate_window: float = 300.0         # seconds
    rate_reset_epoch: bool = False     # X-RateLimit-Reset as integer epoch seconds instead of ISO-8601
    rate_headers: bool = True          # False: no X-RateLimit-* headers at all
    # timings (measured on the instance's clock)
    media_delay: float = 2.0           # seconds until a non-tiny upload is processed
    tiny_media_bytes: int = 4096       # uploads up to this size are processed at once (200, url set)
    idempotency_ttl: float = 3600.0
    token_ttl: float | None = None     # access tokens expire after this many seconds (None: never)
    hang_max: float = 120.0            # a `hang` fault gives up after this long if the client never leaves
    # Mastodon answers that clients rarely see (counts of requests; True = 1; also settable at run time on the
    # State: `state.home_regenerating = 3`, `state.marker_conflicts = 1`)
    home_regenerating: int = 0         # the next N home-timeline requests: 206 Partial Content, [] (feed rebuilding)
    marker_conflicts: int = 0          # the next N marker POSTs: 409 (optimistic lock lost to another client)
    # test/admin
    admin_api: bool = True             # /_demo/* routes (faults over HTTP)
    registrations: bool = False
    extra: dict[str, Any] = field(default_factory=dict)

    def version_at_least(self, major: int, minor: int = 0) -> bool:
        """Whether the pretended Mastodon version is at least major.minor (behaviour that changed between
        releases follows it, e.g. suspended accounts: 410 before 3.3, a blanked profile since)."""
        parts = []
        for piece in self.version.split("+")[0].split("-")[0].split(".")[:2]:
            digits = "".join(ch for ch in piece if ch.isdigit())
            parts.append(int(digits) if digits else 0)
        while len(parts) < 2:
            parts.append(0)
        return tuple(parts) >= (major, minor)

    @classmethod
    def make(cls, settings: "Settings | dict | None" = None, **overrides: Any) -> "Settings":
        base = settings if isinstance(settings, Settings) else cls(**(settings or {}))
        known = {f.name for f in fields(cls)}
        unknown = set(overrides) - known
        if unknown:
            raise TypeError(f"unknown instance settings: {', '.join(sorted(unknown))}")
        return replace(base, **overrides)
