"""Hashtags: information about one, following them (their posts join the home timeline), and the tags
featured on the user's profile."""
from __future__ import annotations

from ..errors import MastodonIllegalArgumentError
from ._base import Call, endpoint, id_params, seg, tag_seg


def _tag(hashtag) -> str:
    name = hashtag.get("name") if isinstance(hashtag, dict) else hashtag
    if not name or not str(name).strip().lstrip("#"):
        raise MastodonIllegalArgumentError("hashtag must not be empty")
    return tag_seg(str(name).strip())


class Tags:
    @endpoint
    def tag(self, hashtag):
        """One hashtag: {name, url, history, following}."""
        return (yield Call("GET", f"/api/v1/tags/{_tag(hashtag)}", shape=dict))

    @endpoint
    def tag_follow(self, hashtag):
        return (yield Call("POST", f"/api/v1/tags/{_tag(hashtag)}/follow", shape=dict))

    @endpoint
    def tag_unfollow(self, hashtag):
        return (yield Call("POST", f"/api/v1/tags/{_tag(hashtag)}/unfollow", shape=dict))

    @endpoint
    def followed_tags(self, max_id=None, min_id=None, since_id=None, limit=None):
        query = id_params(max_id=max_id, min_id=min_id, since_id=since_id, limit=limit)
        return (yield Call("GET", "/api/v1/followed_tags", params=query, shape=list))

    @endpoint
    def featured_tags(self):
        """The hashtags featured on the user's profile."""
        return (yield Call("GET", "/api/v1/featured_tags", shape=list))

    @endpoint
    def featured_tag_create(self, name):
        return (yield Call("POST", "/api/v1/featured_tags", data={"name": str(name).lstrip("#")}, shape=dict))

    @endpoint
    def featured_tag_delete(self, id):
        yield Call("DELETE", f"/api/v1/featured_tags/{seg(id)}")
        return None

    @endpoint
    def featured_tag_suggestions(self):
        return (yield Call("GET", "/api/v1/featured_tags/suggestions", shape=list))
