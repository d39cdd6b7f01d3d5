"""The instance: v1 and v2 information, feature detection, emojis, trends, preferences."""
from __future__ import annotations

from ..errors import MastodonError, MastodonGoneError, MastodonNotFoundError
from ._base import Call, endpoint, params


class Instance:
    @endpoint
    def instance(self):
        """Instance information in the seed's (v1) shape. Servers that dropped v1 are answered from v2."""
        try:
            return (yield Call("GET", "/api/v1/instance", auth=False, shape=dict))
        except (MastodonNotFoundError, MastodonGoneError):
            return (yield Call("GET", "/api/v2/instance", auth=False, shape=dict))

    @endpoint
    def instance_v2(self):
        """Instance v2 (Mastodon 4.0+): configuration limits, urls.streaming, api_versions."""
        return (yield Call("GET", "/api/v2/instance", auth=False, shape=dict))

    @endpoint
    def instance_info(self):
        """v2 where the server has it, else v1: whatever this server can tell."""
        try:
            return (yield Call("GET", "/api/v2/instance", auth=False, shape=dict))
        except (MastodonNotFoundError, MastodonGoneError):
            return (yield Call("GET", "/api/v1/instance", auth=False, shape=dict))

    @endpoint
    def api_versions(self):
        """{'mastodon': N} from instance v2 (4.3+); {} for older or other servers. Use it for feature
        detection: 2 = grouped notifications."""
        try:
            info = yield Call("GET", "/api/v2/instance", auth=False, shape=dict)
        except (MastodonNotFoundError, MastodonGoneError):
            return {}
        versions = info.get("api_versions")
        return dict(versions) if isinstance(versions, dict) else {}

    @endpoint
    def stream_healthy(self):
        """True when the server's streaming API says it is healthy; False for any error or other answer. One quick
        try (30 s at most, no retries): it is a probe."""
        try:
            raw = yield Call("GET", "/api/v1/streaming/health", auth=False, raw=True, idempotent=False,
                             timeout=30.0)
        except MastodonError:
            return False
        return raw.status == 200 and b"OK" in raw.content

    @endpoint
    def instance_peers(self):
        return (yield Call("GET", "/api/v1/instance/peers", auth=False, shape=list))

    @endpoint
    def instance_activity(self):
        return (yield Call("GET", "/api/v1/instance/activity", auth=False, shape=list))

    @endpoint
    def custom_emojis(self):
        return (yield Call("GET", "/api/v1/custom_emojis", auth=False, shape=list))

    @endpoint
    def trending_tags(self, limit=None, offset=None):
        return (yield Call("GET", "/api/v1/trends/tags", params=params(limit=limit, offset=offset), shape=list))

    trends = trending_tags

    @endpoint
    def trending_statuses(self, limit=None, offset=None):
        return (yield Call("GET", "/api/v1/trends/statuses", params=params(limit=limit, offset=offset),
                           shape=list))

    @endpoint
    def trending_links(self, limit=None, offset=None):
        return (yield Call("GET", "/api/v1/trends/links", params=params(limit=limit, offset=offset), shape=list))

    @endpoint
    def preferences(self):
        return (yield Call("GET", "/api/v1/preferences", shape=dict))
