"""Timelines (home, local, public, hashtag, list), bookmarks, favourites, conversations."""
from __future__ import annotations

from ..errors import MastodonIllegalArgumentError
from ._base import Call, endpoint, id_params, seg, tag_seg


class Timelines:
    @endpoint
    def timeline(self, timeline="home", max_id=None, since_id=None, limit=None, min_id=None, only_media=False,
                 local=False, remote=False):
        """Statuses of a timeline, newest first: 'home', 'local', 'public', 'tag/NAME' or 'list/ID'.
        Positional parameters keep the seed's order (timeline, max_id, since_id, limit); the rest came later."""
        if not isinstance(timeline, str) or not timeline:
            raise MastodonIllegalArgumentError("timeline must be home, local, public, tag/NAME or list/ID")
        if timeline == "local":
            timeline, local = "public", True
        if timeline.startswith("tag/"):
            if not timeline[4:].strip().lstrip("#"):
                raise MastodonIllegalArgumentError("timeline 'tag/NAME' needs a hashtag name")
            path = f"/api/v1/timelines/tag/{tag_seg(timeline[4:])}"
        elif timeline.startswith("list/"):
            path = f"/api/v1/timelines/list/{seg(timeline[5:])}"
        elif timeline in ("home", "public"):
            path = f"/api/v1/timelines/{timeline}"
        else:
            raise MastodonIllegalArgumentError(f"unknown timeline {timeline!r}")
        query = id_params(max_id=max_id, min_id=min_id, since_id=since_id, limit=limit,
                          only_media=only_media or None, local=local or None, remote=remote or None)
        return (yield Call("GET", path, params=query, shape=list))

    @endpoint
    def timeline_home(self, max_id=None, since_id=None, limit=None, min_id=None):
        return (yield from Timelines.timeline(self, "home", max_id, since_id, limit, min_id))

    @endpoint
    def timeline_local(self, max_id=None, since_id=None, limit=None, min_id=None, only_media=False):
        return (yield from Timelines.timeline(self, "local", max_id, since_id, limit, min_id, only_media))

    @endpoint
    def timeline_public(self, max_id=None, since_id=None, limit=None, min_id=None, only_media=False,
                        local=False, remote=False):
        return (yield from Timelines.timeline(self, "public", max_id, since_id, limit, min_id, only_media,
                                              local, remote))

    @endpoint
    def timeline_hashtag(self, hashtag, max_id=None, since_id=None, limit=None, min_id=None, local=False,
                         only_media=False):
        if not hashtag or not str(hashtag).strip().lstrip("#"):
            raise MastodonIllegalArgumentError("hashtag must not be empty")
        return (yield from Timelines.timeline(self, f"tag/{str(hashtag).strip().lstrip('#')}", max_id, since_id,
                                              limit, min_id, only_media, local))

    @endpoint
    def timeline_list(self, id, max_id=None, since_id=None, limit=None, min_id=None):
        return (yield from Timelines.timeline(self, f"list/{seg(id)}", max_id, since_id, limit, min_id))

    @endpoint
    def bookmarks(self, max_id=None, min_id=None, since_id=None, limit=None):
        query = id_params(max_id=max_id, min_id=min_id, since_id=since_id, limit=limit)
        return (yield Call("GET", "/api/v1/bookmarks", params=query, shape=list))

    @endpoint
    def favourites(self, max_id=None, min_id=None, since_id=None, limit=None):
        query = id_params(max_id=max_id, min_id=min_id, since_id=since_id, limit=limit)
        return (yield Call("GET", "/api/v1/favourites", params=query, shape=list))

    @endpoint
    def conversations(self, max_id=None, min_id=None, since_id=None, limit=None):
        query = id_params(max_id=max_id, min_id=min_id, since_id=since_id, limit=limit)
        return (yield Call("GET", "/api/v1/conversations", params=query, shape=list))

    @endpoint
    def conversations_read(self, id):
        return (yield Call("POST", f"/api/v1/conversations/{seg(id)}/read", shape=dict))

    @endpoint
    def conversations_delete(self, id):
        yield Call("DELETE", f"/api/v1/conversations/{seg(id)}")
        return None
