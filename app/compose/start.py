"""What a compose form starts from: a new status, a reply, an edit of one's own status, or a redraft of a
deleted one. Each returns an app.drafts.Draft; the compose screen only ever edits a Draft."""
from __future__ import annotations

from datetime import datetime, timezone

from app.drafts import Draft, MediaDraft, PollDraft

VISIBILITY_ORDER = ("public", "unlisted", "private", "direct")


def more_private(a: str | None, b: str | None) -> str:
    """The more restrictive of two visibilities (a reply to a followers-only post stays followers-only)."""
    ranks = [VISIBILITY_ORDER.index(v) for v in (a, b) if v in VISIBILITY_ORDER]
    return VISIBILITY_ORDER[max(ranks)] if ranks else "public"


def _acct(account) -> str:
    return str((account or {}).get("acct") or "")


def reply_mentions(status: dict, me: dict | None = None) -> list[str]:
    """Who a reply addresses, as Mastodon's web client does: the author first, then everyone the status
    mentions, each once, never yourself."""
    my_id = str((me or {}).get("id") or "")
    my_acct = _acct(me).lower()
    people = [status.get("account") or {}] + list(status.get("mentions") or [])
    result: list[str] = []
    for person in people:
        acct = _acct(person)
        is_me = (my_id and str(person.get("id") or "") == my_id) or (my_acct and acct.lower() == my_acct)
        if not acct or is_me:
            continue
        if acct.lower() not in (a.lower() for a in result):
            result.append(acct)
    return result


def target(status: dict) -> dict:
    """A boost is replied to, edited or deleted through the status it boosts."""
    return status.get("reblog") or status


def posting_defaults(config, me: dict | None) -> tuple[str, str, bool]:
    """(visibility, language, sensitive) for a new post: the config file where it says something other than
    its default, else the account's own posting preferences on the server (verify_credentials' `source`)."""
    source = (me or {}).get("source") if isinstance(me, dict) else None
    source = source if isinstance(source, dict) else {}
    visibility = getattr(config, "default_visibility", "public") or "public"
    if visibility == "public" and source.get("privacy") in VISIBILITY_ORDER:
        visibility = source["privacy"]
    language = getattr(config, "default_language", "") or str(source.get("language") or "")
    return visibility, language, bool(source.get("sensitive"))


def new_draft(account_key: str, visibility: str = "public", language: str = "", sensitive: bool = False) -> Draft:
    return Draft(account=account_key, visibility=visibility if visibility in VISIBILITY_ORDER else "public",
                 language=language or "", sensitive=sensitive)


def reply_draft(status: dict, me: dict | None, account_key: str, default_visibility: str = "public",
                language: str = "") -> Draft:
    """Mentions pre-filled (followed by a space, where the cursor goes), visibility no more public than the
    status replied to, the same content warning."""
    status = target(status)
    mentions = reply_mentions(status, me)
    draft = new_draft(account_key, more_private(default_visibility, status.get("visibility")), language)
    draft.text = "".join(f"@{a} " for a in mentions)
    draft.spoiler_text = str(status.get("spoiler_text") or "")
    draft.in_reply_to_id = str(status["id"])
    return draft


def _poll_from(status_poll: dict | None, now: datetime | None = None) -> PollDraft | None:
    if not status_poll:
        return None
    options = [str(o.get("title") or "") for o in status_poll.get("options") or []]
    expires_in = 86400
    expires_at = status_poll.get("expires_at")
    if isinstance(expires_at, str):
        try:
            expires_at = datetime.fromisoformat(expires_at.replace("Z", "+00:00"))
        except ValueError:
            expires_at = None
    if isinstance(expires_at, datetime):
        now = now or datetime.now(timezone.utc)
        left = int((expires_at - now).total_seconds())
        if left > 300:
            expires_in = left
    return PollDraft(options=options or ["", ""], expires_in=expires_in,
                     multiple=bool(status_poll.get("multiple")))


def _media_from(status: dict) -> list[MediaDraft]:
    # The attachments stay on the server: an edit or a redraft re-attaches them by id, nothing is uploaded.
    return [MediaDraft(path=str(m.get("url") or m.get("preview_url") or m.get("id")),
                       description=str(m.get("description") or ""), media_id=str(m["id"]))
            for m in status.get("media_attachments") or [] if m.get("id")]


def edit_draft(status: dict, source: dict, account_key: str, now: datetime | None = None) -> Draft:
    """Editing one's own status: the text as typed (its source, not the rendered HTML), the content warning,
    the media (alt text editable), the poll, language and sensitivity. Visibility cannot change in an edit."""
    status = target(status)
    draft = Draft(account=account_key, text=str(source.get("text") or ""),
                  spoiler_text=str(source.get("spoiler_text") or ""),
                  visibility=str(status.get("visibility") or "public"), language=str(status.get("language") or ""),
                  sensitive=bool(status.get("sensitive")), in_reply_to_id=status.get("in_reply_to_id"),
                  edit_of_id=str(status["id"]))
    draft.media = _media_from(status)
    draft.poll = _poll_from(status.get("poll"), now)
    return draft


def html_to_text(html: str) -> str:
    """Plain text of status HTML, for a server that does not return the source of a deleted status."""
    from selectolax.lexbor import LexborHTMLParser as HTMLParser

    tree = HTMLParser(f"<div>{html}</div>")
    for br in tree.css("br"):
        br.replace_with("\n")
    paragraphs = [p.text(deep=True) for p in tree.css("p")]
    if paragraphs:
        return "\n\n".join(paragraphs)
    root = tree.css_first("div")
    return root.text(deep=True) if root else ""


def redraft_draft(deleted: dict, account_key: str, now: datetime | None = None) -> Draft:
    """Delete-and-redraft: the deleted status (the DELETE answer carries its source text) back in a new draft,
    with its media re-attached, its poll, reply target, visibility, language and content warning."""
    deleted = target(deleted)
    text = deleted.get("text")
    if text is None:
        text = html_to_text(str(deleted.get("content") or ""))
    draft = Draft(account=account_key, text=str(text), spoiler_text=str(deleted.get("spoiler_text") or ""),
                  visibility=str(deleted.get("visibility") or "public"), language=str(deleted.get("language") or ""),
                  sensitive=bool(deleted.get("sensitive")), in_reply_to_id=deleted.get("in_reply_to_id"))
    draft.media = _media_from(deleted)
    poll = _poll_from(deleted.get("poll"), now)
    if poll is not None:
        poll.expires_in = 86400  # a redraft is a new poll: its old clock does not carry over
    draft.poll = poll
    return draft
