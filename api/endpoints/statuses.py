"""Statuses: read, post (with Idempotency-Key), edit, delete, and the per-status actions."""
from __future__ import annotations

import uuid

from ..entities import unpack_id
from ..errors import MastodonIllegalArgumentError, MastodonNotFoundError
from ._base import Call, endpoint, params, seg

VISIBILITIES = ("public", "unlisted", "private", "direct")


def _media_ids(media_ids):
    if media_ids is None:
        return None
    if isinstance(media_ids, (str, int, dict)):
        media_ids = [media_ids]
    return [unpack_id(m) for m in media_ids]


def _poll_params(poll):
    if poll is None:
        return None
    if not isinstance(poll, dict) or not poll.get("options"):
        raise MastodonIllegalArgumentError("poll needs options (a list of strings) and expires_in (seconds)")
    return {"options": list(poll["options"]), "expires_in": int(poll.get("expires_in", 86400)),
            "multiple": bool(poll.get("multiple", False)), "hide_totals": bool(poll.get("hide_totals", False))}


def _status_body(status, in_reply_to_id, media_ids, sensitive, visibility, spoiler_text, language,
                 scheduled_at, poll, quoted_status_id=None):
    if visibility not in (None, "") and visibility not in VISIBILITIES:
        raise MastodonIllegalArgumentError(f"visibility must be one of {', '.join(VISIBILITIES)}")
    return params(status=status, in_reply_to_id=unpack_id(in_reply_to_id) if in_reply_to_id else None,
                  media_ids=_media_ids(media_ids), sensitive=bool(sensitive) if sensitive else None,
                  visibility=visibility or None, spoiler_text=spoiler_text or None, language=language,
                  scheduled_at=scheduled_at, poll=_poll_params(poll),
                  quoted_status_id=unpack_id(quoted_status_id) if quoted_status_id else None)


class Statuses:
    @endpoint
    def status(self, id):
        return (yield Call("GET", f"/api/v1/statuses/{seg(id)}", shape=dict))

    @endpoint
    def status_context(self, id):
        """{'ancestors': [...], 'descendants': [...]}"""
        return (yield Call("GET", f"/api/v1/statuses/{seg(id)}/context", shape=dict))

    @endpoint
    def status_reblogged_by(self, id, limit=None):
        return (yield Call("GET", f"/api/v1/statuses/{seg(id)}/reblogged_by", params=params(limit=limit),
                           shape=list))

    @endpoint
    def status_favourited_by(self, id, limit=None):
        return (yield Call("GET", f"/api/v1/statuses/{seg(id)}/favourited_by", params=params(limit=limit),
                           shape=list))

    @endpoint
    def status_card(self, id):
        """The status's preview card. Mastodon 3.0 removed the /card endpoint; the card now lives on the
        status itself, which is where we fall back to. None when there is no card."""
        try:
            return (yield Call("GET", f"/api/v1/statuses/{seg(id)}/card", shape=dict))
        except MastodonNotFoundError:
            status = yield Call("GET", f"/api/v1/statuses/{seg(id)}", shape=dict)
            return status.get("card")

    @endpoint
    def status_source(self, id):
        """{'id', 'text', 'spoiler_text'}: what to put in the editor when editing."""
        return (yield Call("GET", f"/api/v1/statuses/{seg(id)}/source", shape=dict))

    @endpoint
    def status_history(self, id):
        return (yield Call("GET", f"/api/v1/statuses/{seg(id)}/history", shape=list))

    @endpoint
    def status_post(self, status, in_reply_to_id=None, media_ids=None, sensitive=False, visibility="",
                    spoiler_text=None, language=None, idempotency_key=None, scheduled_at=None, poll=None,
                    quoted_status_id=None):
        """Post a status. An Idempotency-Key (generated when not given) makes the automatic retry after a
        network failure, or the caller's own retry with the same key, post exactly once. Returns the status
        (or a scheduled status when scheduled_at is given)."""
        if not (status and str(status).strip()) and not media_ids and not poll:
            raise MastodonIllegalArgumentError("a status needs text, media or a poll")
        body = _status_body(status, in_reply_to_id, media_ids, sensitive, visibility, spoiler_text, language,
                            scheduled_at, poll, quoted_status_id)
        key = idempotency_key or uuid.uuid4().hex
        return (yield Call("POST", "/api/v1/statuses", data=body, headers={"Idempotency-Key": key}, shape=dict))

    @endpoint
    def toot(self, status):
        """Synonym for status_post that only takes the text."""
        return (yield from Statuses.status_post(self, status))

    @endpoint
    def status_reply(self, to_status, status, media_ids=None, sensitive=False, visibility=None,
                     spoiler_text=None, language=None, idempotency_key=None, untag=False, poll=None):
        """Reply to a status: mentions everyone the status mentions (but yourself), inherits its visibility
        and content warning unless given."""
        me = None
        if untag:
            me = (yield Call("GET", "/api/v1/accounts/verify_credentials", shape=dict)).get("id")
        acct = [to_status["account"]["acct"]] if to_status.get("account") else []
        acct += [m.get("acct") for m in to_status.get("mentions") or [] if m.get("id") != me]
        if untag and to_status.get("account", {}).get("id") == me:
            acct = acct[1:]
        mentions = " ".join(f"@{a}" for a in dict.fromkeys(a for a in acct if a))
        text = f"{mentions} {status}" if mentions and not str(status).startswith(mentions) else status
        return (yield from Statuses.status_post(
            self, text, in_reply_to_id=to_status["id"], media_ids=media_ids, sensitive=sensitive,
            visibility=visibility or to_status.get("visibility"),
            spoiler_text=spoiler_text if spoiler_text is not None else to_status.get("spoiler_text") or None,
            language=language, idempotency_key=idempotency_key, poll=poll))

    @endpoint
    def status_update(self, id, status=None, spoiler_text=None, sensitive=None, media_ids=None, poll=None,
                      language=None, media_attributes=None):
        """Edit a status (Mastodon 3.5+). Returns the edited status."""
        body = params(status=status, spoiler_text=spoiler_text, sensitive=sensitive,
                      media_ids=_media_ids(media_ids), poll=_poll_params(poll), language=language)
        # Alt text and focus of attached media change through the edit itself (PUT /media refuses attached
        # media): media_attributes[N][id], [N][description], [N][focus].
        for n, attrs in enumerate(media_attributes or []):
            for key, value in dict(attrs).items():
                if value is not None:
                    body[f"media_attributes[{n}][{key}]"] = unpack_id(value) if key == "id" else str(value)
        return (yield Call("PUT", f"/api/v1/statuses/{seg(id)}", data=body, shape=dict))

    @endpoint
    def status_delete(self, id, delete_media=None):
        """Delete a status; returns the deleted status with its source text (for redrafting)."""
        return (yield Call("DELETE", f"/api/v1/statuses/{seg(id)}",
                           params=params(delete_media=delete_media)))

    def _status_action(self, id, action):
        return Call("POST", f"/api/v1/statuses/{seg(id)}/{action}", shape=dict)

    @endpoint
    def status_reblog(self, id, visibility=None):
        call = Statuses._status_action(self, id, "reblog")
        call.data = params(visibility=visibility)
        return (yield call)

    @endpoint
    def status_unreblog(self, id):
        return (yield Statuses._status_action(self, id, "unreblog"))

    @endpoint
    def status_favourite(self, id):
        return (yield Statuses._status_action(self, id, "favourite"))

    @endpoint
    def status_unfavourite(self, id):
        return (yield Statuses._status_action(self, id, "unfavourite"))

    @endpoint
    def status_bookmark(self, id):
        return (yield Statuses._status_action(self, id, "bookmark"))

    @endpoint
    def status_unbookmark(self, id):
        return (yield Statuses._status_action(self, id, "unbookmark"))

    @endpoint
    def status_pin(self, id):
        return (yield Statuses._status_action(self, id, "pin"))

    @endpoint
    def status_unpin(self, id):
        return (yield Statuses._status_action(self, id, "unpin"))

    @endpoint
    def status_mute(self, id):
        """Mute notifications of the conversation this status belongs to."""
        return (yield Statuses._status_action(self, id, "mute"))

    @endpoint
    def status_unmute(self, id):
        return (yield Statuses._status_action(self, id, "unmute"))

    @endpoint
    def status_translate(self, id, lang=None):
        """The status translated by the server (Mastodon 4.0+, where the admin enabled a translation
        service): {content, spoiler_text, language, detected_source_language, provider, ...}."""
        return (yield Call("POST", f"/api/v1/statuses/{seg(id)}/translate", data=params(lang=lang), shape=dict))

    # Polls and scheduled statuses belong to posting.
    @endpoint
    def poll(self, id):
        return (yield Call("GET", f"/api/v1/polls/{seg(id)}", shape=dict))

    @endpoint
    def poll_vote(self, id, choices):
        """Vote: choices is an index or a list of indices. Returns the updated poll."""
        if isinstance(choices, int):
            choices = [choices]
        return (yield Call("POST", f"/api/v1/polls/{seg(id)}/votes", data=params(choices=list(choices)),
                           shape=dict))

    @endpoint
    def scheduled_statuses(self, max_id=None, min_id=None, since_id=None, limit=None):
        from ._base import id_params
        query = id_params(max_id=max_id, min_id=min_id, since_id=since_id, limit=limit)
        return (yield Call("GET", "/api/v1/scheduled_statuses", params=query, shape=list))

    @endpoint
    def scheduled_status(self, id):
        return (yield Call("GET", f"/api/v1/scheduled_statuses/{seg(id)}", shape=dict))

    @endpoint
    def scheduled_status_update(self, id, scheduled_at):
        return (yield Call("PUT", f"/api/v1/scheduled_statuses/{seg(id)}",
                           data=params(scheduled_at=scheduled_at), shape=dict))

    @endpoint
    def scheduled_status_delete(self, id):
        yield Call("DELETE", f"/api/v1/scheduled_statuses/{seg(id)}")
        return None
