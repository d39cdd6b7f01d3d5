"""Whose drafts: the account a service speaks for, and the draft store the screens share."""
from __future__ import annotations

from app.accounts import instance_host
from app.drafts import DraftStore


def account_key(service) -> str:
    """user@host of the service's account: the drafts of each account are kept apart. "" while the account is
    not known yet (offline at start): such drafts are listed for every account rather than for none."""
    me = getattr(service, "me", None) or {}
    base = getattr(service, "base_url", None) or getattr(getattr(service, "client", None), "api_base_url", "")
    username = me.get("username") if isinstance(me, dict) else None
    return f"{username}@{instance_host(base)}" if base and username else ""


def draft_store(service, store: DraftStore | None = None) -> DraftStore:
    return store or getattr(service, "drafts", None) or DraftStore()
