"""fetch_next / fetch_previous / fetch_remaining, driven by the pagination a list result carries."""
from __future__ import annotations

from ..entities import AttribAccessList, PagedDict
from ..errors import MastodonIllegalArgumentError
from ._base import Call, endpoint


def _page_info(page, which: str):
    if page is None:
        return None
    if isinstance(page, (AttribAccessList, PagedDict)):
        return getattr(page, which, None)
    if isinstance(page, dict) and "path" in page and "params" in page:
        return page  # a pagination dict itself, as the seed allowed
    return None


def _follow(page, which: str):
    """Request the page `page`'s cursor `which` points to; None when there is none."""
    info = _page_info(page, which)
    if not info:
        return None
    return (yield Call("GET", info["path"], params=dict(info["params"])))


class Paging:
    @endpoint
    def fetch_next(self, previous_page):
        """The page after (older than) previous_page, or None past the last page (or for None)."""
        return (yield from _follow(previous_page, "_pagination_next"))

    @endpoint
    def fetch_previous(self, next_page):
        """The page before (newer than) next_page, or None."""
        return (yield from _follow(next_page, "_pagination_prev"))

    @endpoint
    def fetch_remaining(self, first_page, max_pages=None):
        """first_page and every following page, concatenated (stops at an empty page or max_pages)."""
        if isinstance(first_page, dict):
            raise MastodonIllegalArgumentError("fetch_remaining concatenates list results; page a dict result "
                                               "(grouped notifications) with fetch_next")
        everything = AttribAccessList(first_page or [])
        page, count = first_page, 0
        while page and (max_pages is None or count < max_pages):
            page = yield from Paging.fetch_next(self, page)
            count += 1
            if page:
                everything.extend(page)
        return everything
