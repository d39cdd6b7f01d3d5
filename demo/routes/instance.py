"""The instance's self-description: Instance v1/v2 and the small read-only endpoints around it."""
from __future__ import annotations

from ..entities import emoji_json
from ..instance_info import DESCRIPTION, instance_v1, instance_v2
from ..clock import iso
from ..http import Routes

routes = Routes()


@routes.api("GET", "/api/v2/instance", auth=None)
def v2(ctx):
    return instance_v2(ctx.state)


@routes.api("GET", "/api/v1/instance", auth=None)
def v1(ctx):
    return instance_v1(ctx.state)


@routes.api("GET", "/api/v1/instance/peers", auth=None)
def peers(ctx):
    return []


@routes.api("GET", "/api/v1/instance/activity", auth=None)
def activity(ctx):
    return []


@routes.api("GET", "/api/v1/instance/rules", auth=None)
def rules(ctx):
    return instance_v2(ctx.state)["rules"]


@routes.api("GET", "/api/v1/instance/extended_description", auth=None)
def extended_description(ctx):
    return {"updated_at": iso(ctx.state.now()), "content": f"<p>{DESCRIPTION}</p>"}


@routes.api("GET", "/api/v1/instance/languages", auth=None)
def languages(ctx):
    return [{"code": "en", "name": "English"}]


@routes.api("GET", "/api/v1/custom_emojis", auth=None)
def custom_emojis(ctx):
    return [emoji_json(ctx.state, code) for code in sorted(ctx.state.emojis)]


@routes.api("GET", "/.well-known/nodeinfo", auth=None)
def nodeinfo_links(ctx):
    return {"links": [{"rel": "http://nodeinfo.diaspora.software/ns/schema/2.0",
                       "href": f"{ctx.state.base_url}/nodeinfo/2.0"}]}


@routes.api("GET", "/nodeinfo/2.0", auth=None)
def nodeinfo(ctx):
    return {"version": "2.0", "software": {"name": "mastodon", "version": ctx.state.settings.version},
            "protocols": ["activitypub"], "services": {"outbound": [], "inbound": []},
            "usage": {"users": {"total": len(ctx.state.accounts)}}, "openRegistrations": False, "metadata": {}}
