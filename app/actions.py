"""Acting on a status: favourite, boost, bookmark, pin, mute the conversation, vote in a poll.

Every toggle is optimistic: the changed status is shown at once (`app.status_changed`), the request goes out,
and the server's answer replaces the guess; on failure the original comes back and the error is a toast.
The pure part (`toggled`, `voted`) is separate so it is testable without a server.
"""
from __future__ import annotations

import copy

from app.screens.status_list import inner
from app.service import describe

# action -> (flag field, count field or None, method when turning on, method when turning off)
TOGGLES = {
    "favourite": ("favourited", "favourites_count", "status_favourite", "status_unfavourite"),
    "boost": ("reblogged", "reblogs_count", "status_reblog", "status_unreblog"),
    "bookmark": ("bookmarked", None, "status_bookmark", "status_unbookmark"),
    "pin": ("pinned", None, "status_pin", "status_unpin"),
    "mute": ("muted", None, "status_mute", "status_unmute"),
}
PAST = {"favourite": ("Favourited", "Unfavourited"), "boost": ("Boosted", "Unboosted"),
        "bookmark": ("Bookmarked", "Removed bookmark"), "pin": ("Pinned", "Unpinned"),
        "mute": ("Muted conversation", "Unmuted conversation")}


def toggled(status: dict, action: str) -> tuple[dict, bool]:
    """A copy of `status` as it will be after `action`, and whether the action turns the flag on."""
    flag, count, _, _ = TOGGLES[action]
    new = copy.copy(status)
    on = not bool(status.get(flag))
    new[flag] = on
    if count:
        try:
            new[count] = max(0, int(status.get(count) or 0) + (1 if on else -1))
        except (TypeError, ValueError):
            pass
    return new, on


def voted(status: dict, choices: list[int]) -> dict:
    """A copy of `status` with our vote counted in its poll."""
    new = copy.copy(status)
    poll = copy.deepcopy(status.get("poll") or {})
    options = poll.get("options") or []
    for index in choices:
        if 0 <= index < len(options) and isinstance(options[index], dict):
            options[index]["votes_count"] = int(options[index].get("votes_count") or 0) + 1
    poll["votes_count"] = int(poll.get("votes_count") or 0) + len(choices)
    poll["voters_count"] = int(poll.get("voters_count") or 0) + 1
    poll["voted"] = True
    poll["own_votes"] = list(choices)
    new["poll"] = poll
    return new


async def toggle(app, item: dict, action: str) -> dict | None:
    """Run `action` on the status `item` is about. Returns the server's version, or None on failure."""
    status = inner(item)
    if not status.get("id"):
        return None
    guess, on = toggled(status, action)
    app.status_changed(guess)
    _, _, on_method, off_method = TOGGLES[action]
    try:
        result = await app.service.call(on_method if on else off_method, status["id"])
    except Exception as error:  # noqa: BLE001 - every failure becomes a toast, the guess is undone
        app.status_changed(status)
        app.notify(describe(error), title=f"Could not {action}", severity="error", markup=False)
        return None
    confirmed = result.get("reblog") if action == "boost" and on and isinstance(result.get("reblog"), dict) \
        else result
    if not isinstance(confirmed, dict) or str(confirmed.get("id")) != str(status["id"]):
        confirmed = guess  # some servers answer with the wrapper or nothing useful: keep our guess
    app.status_changed(confirmed)
    app.notify(PAST[action][0 if on else 1], timeout=2)
    return confirmed


async def vote(app, item: dict, choices: list[int]) -> dict | None:
    status = inner(item)
    poll = status.get("poll") or {}
    if not poll.get("id") or not choices:
        return None
    app.status_changed(voted(status, choices))
    try:
        result = await app.service.call("poll_vote", poll["id"], choices)
    except Exception as error:  # noqa: BLE001
        app.status_changed(status)
        app.notify(describe(error), title="Could not vote", severity="error", markup=False)
        return None
    confirmed = copy.copy(status)
    confirmed["poll"] = result
    app.status_changed(confirmed)
    app.notify("Voted", timeout=2)
    return confirmed
