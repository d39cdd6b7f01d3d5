"""Starting an edit or a redraft needs the server: the source text of the status to edit, or the deletion whose
answer carries the text to redraft. Both give a Draft, or raise PostError with one sentence for the form."""
from __future__ import annotations

from app.compose.posting import PostError, explain
from app.compose.start import edit_draft, redraft_draft, target
from app.drafts import Draft, DraftError, DraftStore


async def draft_for_edit(client, status: dict, account_key: str) -> Draft:
    status = target(status)
    try:
        source = await client.status_source(status["id"])
    except Exception as exc:  # noqa: BLE001 - every failure becomes the sentence shown in the form
        raise PostError(f"Could not load the post to edit it: {explain(exc)}") from exc
    return edit_draft(status, source, account_key)


async def delete_for_redraft(client, status: dict, account_key: str, store: DraftStore) -> Draft:
    """Delete `status` and return the draft that writes it again, saved. A provisional draft (from the rendered
    text) is on disk before the delete is sent, so a crash or a closed screen while the server deletes loses
    nothing; it is replaced by the server's source text, or removed if the delete fails (the post stays)."""
    status = target(status)
    provisional = redraft_draft(status, account_key)
    try:
        store.save(provisional)
    except DraftError as exc:
        raise PostError(f"Not deleted: the draft that would keep its text cannot be saved ({exc}).") from exc
    try:
        deleted = await client.status_delete(status["id"])
    except Exception as exc:  # noqa: BLE001
        try:
            store.delete(provisional.id)
        except (DraftError, OSError):
            pass  # a leftover copy of a post that still exists: harmless, listed with the drafts
        raise PostError(f"The post was not deleted, so there is nothing to redraft: {explain(exc)}") from exc
    if not isinstance(deleted, dict) or not deleted.get("id"):
        deleted = status  # servers that answer DELETE with {}: rebuild from the status as we had it
    draft = redraft_draft(deleted, account_key)
    draft.id, draft.idempotency_key = provisional.id, provisional.idempotency_key
    try:
        store.save(draft)
    except DraftError:
        pass  # the provisional draft is on disk; the form shows the full text and saves it again
    return draft
