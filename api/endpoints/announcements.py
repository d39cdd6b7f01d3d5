"""Announcements from the server's administrators, their dismissal and emoji reactions."""
from __future__ import annotations

from urllib.parse import quote

from ..errors import MastodonIllegalArgumentError
from ._base import Call, endpoint, params, seg


def _reaction(name) -> str:
    if not name or not str(name).strip():
        raise MastodonIllegalArgumentError("a reaction needs an emoji")
    return quote(str(name).strip().strip(":"), safe="")


class Announcements:
    @endpoint
    def announcements(self, with_dismissed=False):
        return (yield Call("GET", "/api/v1/announcements", params=params(with_dismissed=with_dismissed or None),
                           shape=list))

    @endpoint
    def announcement_dismiss(self, id):
        yield Call("POST", f"/api/v1/announcements/{seg(id)}/dismiss")
        return None

    @endpoint
    def announcement_reaction_create(self, id, reaction):
        """React with a unicode emoji or a custom emoji's shortcode."""
        yield Call("PUT", f"/api/v1/announcements/{seg(id)}/reactions/{_reaction(reaction)}")
        return None

    @endpoint
    def announcement_reaction_delete(self, id, reaction):
        yield Call("DELETE", f"/api/v1/announcements/{seg(id)}/reactions/{_reaction(reaction)}")
        return None
