"""Posting a draft so that nothing is lost and nothing is posted twice.

    status = await publish(client, draft, store=drafts, limits=limits, progress=show)

1. The draft is checked against the instance's limits (PostError with a message for the form, nothing sent).
2. Each attachment not yet on the server is uploaded; its media id is written into the draft and the draft saved
   at once, so a retry (even after a crash) re-attaches instead of uploading again. The server's processing
   (202, `url: null`) is awaited by polling, reported through `progress`.
3. The status is posted with an Idempotency-Key made of the draft's key and a digest of the content: the api
   retries a dropped connection with the same key, and so does the user's next attempt (even from the draft
   after a crash), so a post whose answer was lost is returned, not repeated; content changed in between is a
   new post with its own key. An edit is a PUT, which is idempotent by nature.
4. Only when the server has answered with the status is the draft deleted. On any failure the draft stays, and
   the PostError says what happened in one sentence.
"""
from __future__ import annotations

import asyncio
import hashlib
import json
import os
from dataclasses import asdict
from collections.abc import Awaitable, Callable

from api import errors

from app.compose.counter import ComposeLimits, count_characters
from app.drafts import Draft, DraftError, DraftStore

Progress = Callable[[str, float | None], None]
MEDIA_POLL_INTERVAL = 0.5
MEDIA_TIMEOUT = 120.0


class PostError(Exception):
    """`retry`: trying again as it is can work (network, rate limit, server trouble)."""

    def __init__(self, message: str, retry: bool = False):
        super().__init__(message)
        self.retry = retry


def check(draft: Draft, limits: ComposeLimits) -> list[str]:
    """Everything that keeps the draft from being posted, as sentences (empty: it can be posted)."""
    problems = []
    poll_options = [o.strip() for o in draft.poll.options] if draft.poll else []
    if not draft.text.strip() and not draft.media and not draft.poll:
        problems.append("Write something, or attach media or a poll.")
    used = count_characters(draft.text, draft.spoiler_text, limits.characters_reserved_per_url)
    if used > limits.max_characters:
        problems.append(f"{used - limits.max_characters} characters too many (the limit is {limits.max_characters}).")
    if len(draft.media) > limits.max_media_attachments:
        problems.append(f"At most {limits.max_media_attachments} attachments.")
    if draft.media and draft.poll:
        problems.append("A post can have media or a poll, not both.")
    for m in draft.media:
        if m.media_id is None and not os.path.isfile(os.path.expanduser(m.path)):
            problems.append(f"The file {m.path} does not exist.")
        if len(m.description) > limits.max_description_characters:
            problems.append(f"The alt text of {os.path.basename(m.path)} is longer than "
                            f"{limits.max_description_characters} characters.")
    if draft.poll:
        filled = [o for o in poll_options if o]
        if len(filled) < 2:
            problems.append("A poll needs at least two options.")
        if len(filled) > limits.max_poll_options:
            problems.append(f"A poll can have at most {limits.max_poll_options} options.")
        if len(set(filled)) != len(filled):
            problems.append("Two poll options are the same.")
        if any(len(o) > limits.max_characters_per_option for o in filled):
            problems.append(f"Poll options can be at most {limits.max_characters_per_option} characters.")
        if not limits.min_poll_expiration <= draft.poll.expires_in <= limits.max_poll_expiration:
            problems.append("The poll's duration is outside what the server allows.")
    return problems


def explain(exc: Exception) -> PostError:
    """One sentence for the form, for every way posting can fail."""
    if isinstance(exc, PostError):
        return exc
    if isinstance(exc, errors.MastodonFileNotFoundError):
        return PostError(str(exc))
    if isinstance(exc, errors.MastodonNetworkError):
        return PostError("Could not reach the server. Your post is kept here; post again to retry: "
                         "it will not be posted twice.", retry=True)
    if isinstance(exc, errors.MastodonRatelimitError):
        wait = f" in {int(exc.retry_after) + 1} s" if exc.retry_after else " later"
        return PostError(f"The server's rate limit is reached. Try again{wait}; your post is kept.", retry=True)
    if isinstance(exc, errors.MastodonUnprocessableError):
        return PostError(f"The server refused the post: {exc.error or exc.reason or 'invalid'}.")
    if isinstance(exc, errors.MastodonUnauthorizedError):
        return PostError("The server no longer accepts this account's login (the token was revoked). "
                         "Log in again; the draft is kept.")
    if isinstance(exc, errors.MastodonForbiddenError):
        return PostError(f"The server does not allow this: {exc.error or exc.reason or 'forbidden'}.")
    if isinstance(exc, errors.MastodonNotFoundError):
        return PostError("The status this refers to no longer exists on the server.")
    if isinstance(exc, errors.MastodonServerError):
        return PostError(f"The server has a problem (HTTP {exc.status}). Your post is kept; try again.", retry=True)
    if isinstance(exc, errors.MastodonAPIError):
        return PostError(f"The server answered HTTP {exc.status}: {exc.error or exc.reason}.", retry=True)
    if isinstance(exc, errors.MastodonError):
        return PostError(str(exc))
    if isinstance(exc, DraftError):
        return PostError(str(exc))
    return PostError(f"Posting failed unexpectedly ({type(exc).__name__}: {exc}). Your post is kept.")


def idempotency_key(draft: Draft) -> str:
    """The draft's key joined to a digest of what is posted: a retry of the same content (even after a crash,
    from the draft on disk) meets the server's record of the first attempt and gets that status back, while
    content changed after a failed attempt is a different post and gets a key of its own, instead of being
    answered with the earlier version."""
    content = {k: v for k, v in asdict(draft).items()
               if k not in ("id", "account", "idempotency_key", "created_at", "updated_at", "media")}
    content["media"] = [[m.path, m.description] for m in draft.media]
    digest = hashlib.sha256(json.dumps(content, sort_keys=True, default=str).encode("utf-8")).hexdigest()
    return f"{draft.idempotency_key}-{digest[:16]}"


def _save(store: DraftStore | None, draft: Draft) -> None:
    if store is not None:
        store.save(draft)


async def _await_processing(client, media: dict, name: str, progress: Progress,
                            sleep: Callable[[float], Awaitable], timeout: float) -> dict:
    waited = 0.0
    while media.get("url") is None:
        if waited >= timeout:
            raise PostError(f"The server did not finish processing {name} in time; try again (it is not "
                            "uploaded twice).", retry=True)
        progress(f"{name}: the server is processing it", None)
        await sleep(MEDIA_POLL_INTERVAL)
        waited += MEDIA_POLL_INTERVAL
        media = await client.media(media["id"])
    return media


async def upload_media(client, draft: Draft, store: DraftStore | None, progress: Progress,
                       sleep: Callable[[float], Awaitable] = asyncio.sleep,
                       timeout: float = MEDIA_TIMEOUT) -> list[str]:
    """Upload what is not on the server yet, set alt text on what is, wait for processing; the media ids."""
    ids = []
    total = len(draft.media)
    for number, item in enumerate(draft.media, 1):
        name = os.path.basename(item.path) or item.path
        remote = _on_server_only(item)
        if item.media_id and not draft.edit_of_id:
            try:  # alt text typed after the upload; also proves the server still has the file
                await client.media_update(item.media_id, description=item.description)
            except (errors.MastodonNotFoundError, errors.MastodonUnprocessableError):
                if remote:
                    pass  # a redraft's media, maybe not detached from the deleted status yet: posting will tell
                elif os.path.isfile(os.path.expanduser(item.path)):
                    item.media_id = None  # the server forgot it (expired unattached media): upload again
                else:
                    raise PostError(f"The server no longer has {name} and the file is not here to upload again.")
        if not item.media_id:
            path = os.path.expanduser(item.path)
            size = os.path.getsize(path) if os.path.isfile(path) else 0
            progress(f"uploading {name} ({number}/{total}, {size / 1e6:.1f} MB)", (number - 1) / total)
            media = await client.media_post(path, description=item.description or None, synchronous=False)
            item.media_id = str(media["id"])
            _save(store, draft)  # from here on a retry re-attaches instead of uploading again
            await _await_processing(client, media, name, progress, sleep, timeout)
        elif not remote:  # uploaded by an earlier attempt: it may still be processing
            media = await client.media(item.media_id)
            await _await_processing(client, media, name, progress, sleep, timeout)
        progress(f"{name} ready ({number}/{total})", number / total)
        ids.append(item.media_id)
    return ids


def _on_server_only(item) -> bool:
    """Media that came from a posted status (edit, redraft): its `path` is the server's URL, not a file here."""
    return item.path.startswith(("http://", "https://")) or not item.path


def _poll(draft: Draft) -> dict | None:
    if not draft.poll:
        return None
    return {"options": [o.strip() for o in draft.poll.options if o.strip()], "expires_in": draft.poll.expires_in,
            "multiple": draft.poll.multiple, "hide_totals": draft.poll.hide_totals}


async def publish(client, draft: Draft, *, store: DraftStore | None = None, limits: ComposeLimits | None = None,
                  progress: Progress | None = None, sleep: Callable[[float], Awaitable] = asyncio.sleep,
                  media_timeout: float = MEDIA_TIMEOUT) -> dict:
    """Post (or, for a draft with edit_of_id, edit) the draft; return the server's status (a scheduled status
    when scheduled_at is set). Raises PostError; the draft is then still in `store`."""
    progress = progress or (lambda message, fraction: None)
    problems = check(draft, limits or ComposeLimits())
    if problems:
        raise PostError(" ".join(problems))
    try:
        _save(store, draft)
        media_ids = await upload_media(client, draft, store, progress, sleep, media_timeout) if draft.media else None
        progress("posting" if not draft.edit_of_id else "saving the edit", None)
        if draft.edit_of_id:
            status = await client.status_update(
                draft.edit_of_id, status=draft.text, spoiler_text=draft.spoiler_text, sensitive=draft.sensitive,
                media_ids=media_ids or [], poll=_poll(draft), language=draft.language or None,
                media_attributes=[{"id": m.media_id, "description": m.description} for m in draft.media] or None)
        else:
            status = await client.status_post(
                draft.text, in_reply_to_id=draft.in_reply_to_id, media_ids=media_ids,
                sensitive=draft.sensitive or bool(draft.media and draft.spoiler_text), visibility=draft.visibility,
                spoiler_text=draft.spoiler_text or None, language=draft.language or None,
                idempotency_key=idempotency_key(draft), scheduled_at=draft.scheduled_at, poll=_poll(draft))
    except Exception as exc:  # every failure becomes a sentence in the form; the draft stays
        raise explain(exc) from exc
    if store is not None:
        try:
            store.delete(draft.id)
        except OSError:
            pass  # posted: a leftover draft file is shown in the drafts list, never silently reposted
    return status
