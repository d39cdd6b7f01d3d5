"""Filters: v2 (filter groups with keywords and statuses, Mastodon 4.0+) and the seed era's v1 list.

Create and update send JSON bodies: keywords_attributes is a list of objects, which form encoding can only
express through Rails' bracket conventions that not every server parses the same way."""
from __future__ import annotations

from ..entities import AttribAccessDict, AttribAccessList, unpack_id
from ..errors import MastodonGoneError, MastodonIllegalArgumentError, MastodonNotFoundError
from ._base import Call, endpoint, seg

FILTER_CONTEXTS = ("home", "notifications", "public", "thread", "account")
FILTER_ACTIONS = ("warn", "hide", "blur")


def _context(context):
    if context is None:
        return None
    if isinstance(context, str):
        context = [context]
    context = list(context)
    unknown = [c for c in context if c not in FILTER_CONTEXTS]
    if unknown or not context:
        raise MastodonIllegalArgumentError(f"filter context must be some of {', '.join(FILTER_CONTEXTS)}")
    return context


def _keywords(keywords_attributes):
    """[{'keyword': 'x', 'whole_word': True}, ...]; plain strings are accepted as keywords; with 'id' an
    existing keyword is changed, with '_destroy': True it is removed."""
    if keywords_attributes is None:
        return None
    out = []
    for item in keywords_attributes:
        if isinstance(item, str):
            item = {"keyword": item}
        if not isinstance(item, dict) or not (item.get("keyword") or item.get("id")):
            raise MastodonIllegalArgumentError("each keyword needs a 'keyword' (or the 'id' of one to change)")
        entry = {k: item[k] for k in ("keyword", "whole_word", "_destroy") if item.get(k) is not None}
        if item.get("id") is not None:
            entry["id"] = unpack_id(item["id"])
        out.append(entry)
    return out


def _filter_body(title, context, filter_action, expires_in, keywords_attributes):
    if filter_action is not None and filter_action not in FILTER_ACTIONS:
        raise MastodonIllegalArgumentError(f"filter_action must be one of {', '.join(FILTER_ACTIONS)}")
    body = {"title": title, "context": _context(context), "filter_action": filter_action,
            "keywords_attributes": _keywords(keywords_attributes)}
    body = {k: v for k, v in body.items() if v is not None}
    if expires_in is not None:
        # Mastodon reads an empty expires_in as "never expires" on update; 0 or "" both mean that here.
        body["expires_in"] = int(expires_in) if expires_in != "" and int(expires_in) > 0 else ""
    return body


def _v1_from_v2(filters):
    """v2 filter groups flattened to the v1 shape: one entry per keyword, as servers without v1 would have."""
    out = AttribAccessList()
    for group in filters:
        for keyword in group.get("keywords") or []:
            out.append(AttribAccessDict(
                id=keyword.get("id"), phrase=keyword.get("keyword"), context=list(group.get("context") or []),
                whole_word=bool(keyword.get("whole_word")), expires_at=group.get("expires_at"),
                irreversible=group.get("filter_action") == "hide"))
    return out


class Filters:
    @endpoint
    def filters(self):
        """The v1 filter list ({id, phrase, context, whole_word, expires_at, irreversible} each). Servers that
        dropped v1 are answered from v2, one entry per keyword."""
        try:
            return (yield Call("GET", "/api/v1/filters", shape=list))
        except (MastodonNotFoundError, MastodonGoneError):
            return _v1_from_v2((yield Call("GET", "/api/v2/filters", shape=list)))

    @endpoint
    def filter(self, id):
        """One v1 filter."""
        return (yield Call("GET", f"/api/v1/filters/{seg(id)}", shape=dict))

    @endpoint
    def filters_v2(self):
        return (yield Call("GET", "/api/v2/filters", shape=list))

    @endpoint
    def filter_v2(self, filter_id):
        return (yield Call("GET", f"/api/v2/filters/{seg(filter_id)}", shape=dict))

    @endpoint
    def create_filter_v2(self, title, context, filter_action="warn", expires_in=None, keywords_attributes=None):
        """A filter group. context: some of home, notifications, public, thread, account. filter_action:
        warn (collapse behind the title), hide, or blur (4.4+). expires_in: seconds, None for never."""
        if not title or not str(title).strip():
            raise MastodonIllegalArgumentError("a filter needs a title")
        if context is None:
            raise MastodonIllegalArgumentError("a filter needs a context")
        body = _filter_body(title, context, filter_action, expires_in, keywords_attributes)
        return (yield Call("POST", "/api/v2/filters", json=body, shape=dict))

    @endpoint
    def update_filter_v2(self, filter_id, title=None, context=None, filter_action=None, expires_in=None,
                         keywords_attributes=None):
        body = _filter_body(title, context, filter_action, expires_in, keywords_attributes)
        return (yield Call("PUT", f"/api/v2/filters/{seg(filter_id)}", json=body, shape=dict))

    @endpoint
    def delete_filter_v2(self, filter_id):
        yield Call("DELETE", f"/api/v2/filters/{seg(filter_id)}")
        return None

    @endpoint
    def filter_keywords_v2(self, filter_id):
        return (yield Call("GET", f"/api/v2/filters/{seg(filter_id)}/keywords", shape=list))

    @endpoint
    def add_filter_keyword_v2(self, filter_id, keyword, whole_word=True):
        if not keyword or not str(keyword).strip():
            raise MastodonIllegalArgumentError("a filter keyword must not be empty")
        return (yield Call("POST", f"/api/v2/filters/{seg(filter_id)}/keywords",
                           json={"keyword": str(keyword), "whole_word": bool(whole_word)}, shape=dict))

    @endpoint
    def delete_filter_keyword_v2(self, keyword_id):
        yield Call("DELETE", f"/api/v2/filters/keywords/{seg(keyword_id)}")
        return None

    @endpoint
    def filter_statuses_v2(self, filter_id):
        return (yield Call("GET", f"/api/v2/filters/{seg(filter_id)}/statuses", shape=list))

    @endpoint
    def add_filter_status_v2(self, filter_id, status_id):
        return (yield Call("POST", f"/api/v2/filters/{seg(filter_id)}/statuses",
                           json={"status_id": unpack_id(status_id)}, shape=dict))

    @endpoint
    def delete_filter_status_v2(self, filter_status_id):
        yield Call("DELETE", f"/api/v2/filters/statuses/{seg(filter_status_id)}")
        return None
