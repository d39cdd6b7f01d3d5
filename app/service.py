"""ApiService: the one owner of an account's API client, what we know about the server and ourselves, and the
pace budget. Screens ask it; they never build clients or catch raw transport errors themselves.

    service = ApiService(AsyncMastodon(access_token=..., api_base_url=...), config)
    await service.start()                          # who am I, what does the server support
    statuses = await service.call("timeline_home", limit=40)        # the user's own action: never held back
    statuses = await service.background("timeline_home", min_id=x)  # polling: waits for the pace budget

Errors: `describe(error)` turns any failure into one line for a toast or an inline message.
"""
from __future__ import annotations

import asyncio
from typing import Any, Callable

from api import errors as api_errors
from app.budget import PaceBudget

DEFAULT_STREAMING_PATH = "/api/v1/streaming"


class ApiService:
    def __init__(self, client, config=None, *, clock: Callable[[], float] | None = None,
                 sleep: Callable[[float], Any] | None = None):
        self.client = client
        self.config = config
        self.drafts = None          # the DraftStore (the compose screens keep unsent posts there)
        self.instance: dict = {}
        self.me: dict = {}
        self.started = False
        pace = getattr(config, "pace", None)
        share = getattr(pace, "polling_share", 0.5)
        self.min_poll_seconds: float = float(getattr(pace, "min_poll_seconds", 15.0))
        self.budget = PaceBudget(client.ratelimiter, share=share, clock=clock or client._clock)
        self._sleep = sleep or asyncio.sleep
        self.grouped_notifications: bool | None = None  # None: not tried yet
        self.calls = 0
        self.background_calls = 0
        self.errors_429 = 0

    # --- identity and capabilities ------------------------------------------------------------------------
    async def start(self, me=None) -> None:
        """Learn who we are and what the server is. Both together: one round trip of latency, not two.
        `me`: an awaitable already fetching verify_credentials (app/prefetch.py)."""
        me, instance = await asyncio.gather(me if me is not None else self.call("account_verify_credentials"),
                                            self._instance(), return_exceptions=True)
        if isinstance(me, BaseException):
            raise me
        self.me = me
        self.instance = instance if isinstance(instance, dict) else {}
        self.started = True

    async def _instance(self) -> dict:
        try:
            return await self.call("instance_v2")
        except api_errors.MastodonError:
            try:
                return await self.call("instance")
            except api_errors.MastodonError:
                return {}

    @property
    def base_url(self) -> str:
        return self.client.api_base_url

    @property
    def my_id(self) -> str | None:
        value = self.me.get("id") if isinstance(self.me, dict) else None
        return str(value) if value is not None else None

    @property
    def my_acct(self) -> str:
        return str(self.me.get("acct") or self.me.get("username") or "") if isinstance(self.me, dict) else ""

    @property
    def max_characters(self) -> int:
        try:
            return int(self.instance["configuration"]["statuses"]["max_characters"])
        except (KeyError, TypeError, ValueError):
            return 500

    def is_mine(self, status: dict) -> bool:
        account = status.get("account") if isinstance(status, dict) else None
        return bool(self.my_id and isinstance(account, dict) and str(account.get("id")) == self.my_id)

    # --- calls --------------------------------------------------------------------------------------------
    async def call(self, name: str, *args, **kwargs) -> Any:
        """A call the user asked for: sent now (the budget keeps room for these)."""
        method = getattr(self.client, name)
        self.calls += 1
        try:
            return await method(*args, **kwargs)
        except api_errors.MastodonRatelimitError:
            self.errors_429 += 1
            raise

    async def background(self, name: str, *args, **kwargs) -> Any:
        """A call nobody is waiting for (a poll): first waits until the pace budget allows it."""
        return await self._paced(True, name, *args, **kwargs)

    async def paged(self, name: str, *args, **kwargs) -> Any:
        """An older page the reader is scrolling towards: within the budget's share and reserve, but not
        spaced out like polls (the reader is about to look at it)."""
        return await self._paced(False, name, *args, **kwargs)

    async def _paced(self, spread: bool, name: str, *args, **kwargs) -> Any:
        while True:
            delay = self.budget.delay(spread)
            if delay <= 0:
                break
            await self._sleep(min(delay, 5.0))
        self.budget.spend()
        self.background_calls += 1
        return await self.call(name, *args, **kwargs)

    async def notifications(self, background: bool = False, grouped: bool = False, **kwargs) -> tuple[list, bool]:
        """Notifications, grouped where the server has them (remembered after the first refusal).
        Returns (items, grouped?)."""
        run = self.background if background else self.call
        if grouped and self.grouped_notifications is not False:
            try:
                result = await run("grouped_notifications", **kwargs)
                self.grouped_notifications = True
                return result, True
            except (api_errors.MastodonVersionError, api_errors.MastodonNotFoundError):
                self.grouped_notifications = False
        return await run("notifications", **kwargs), False

    async def aclose(self) -> None:
        try:
            await self.client.aclose()
        except Exception:  # noqa: BLE001 - closing must never stop the app from exiting
            pass


def describe(error: BaseException) -> str:
    """One line for the user. Never a traceback, never a token (api errors carry redacted URLs only)."""
    if isinstance(error, api_errors.MastodonRatelimitError):
        after = getattr(error, "retry_after", None)
        return "The server's rate limit is reached" + (f"; try again in {int(after) + 1} s" if after else "")
    if isinstance(error, api_errors.MastodonUnauthorizedError):
        return "The server no longer accepts this login (401). Log in again with `tootty login`."
    if isinstance(error, api_errors.MastodonForbiddenError):
        return "The server refused this (403)" + _server_text(error)
    if isinstance(error, api_errors.MastodonNotFoundError):
        return "Not found on the server (404)" + _server_text(error)
    if isinstance(error, api_errors.MastodonGoneError):
        return "This is gone from the server (410)"
    if isinstance(error, api_errors.MastodonUnprocessableError):
        return "The server rejected this" + _server_text(error)
    if isinstance(error, api_errors.MastodonServerError):
        return f"The server had an error ({getattr(error, 'status', '?')}); try again shortly"
    if isinstance(error, api_errors.MastodonVersionError):
        return "The server does not support this"
    if isinstance(error, api_errors.MastodonReadTimeout):
        return "The server did not answer in time"
    if isinstance(error, api_errors.MastodonNetworkError):
        if "TLS certificate" in str(error):  # not a network blip: retrying will not help, and the user must know
            return "The server's TLS certificate could not be verified: tootty will not talk to it"
        return "Cannot reach the server (network error)"
    if isinstance(error, api_errors.MastodonBadResponseError):
        return "The server sent an answer tootty cannot read"
    if isinstance(error, api_errors.MastodonError):
        return str(error.args[0] if error.args else error)[:200]
    if isinstance(error, asyncio.TimeoutError):
        return "The server did not answer in time"
    if isinstance(error, OSError):
        return _os_words(error)
    # A bug of ours, not something the user did: say so plainly (the class name helps a bug report).
    return f"Unexpected error inside tootty ({type(error).__name__}); what is shown stays, try again"


def _os_words(error: OSError) -> str:
    """An operating-system error (a socket the api did not wrap, a file) in plain words, without the raw
    errno text of a traceback."""
    import ssl

    if isinstance(error, ssl.SSLError):
        return "The secure connection to the server failed (TLS error)"
    if isinstance(error, (ConnectionError, TimeoutError)):
        return "Cannot reach the server (network error)"
    if isinstance(error, FileNotFoundError):
        return "A file tootty needs is missing"
    if isinstance(error, PermissionError):
        return "tootty is not allowed to read or write a file it needs (permission denied)"
    if getattr(error, "errno", None) == 28:  # ENOSPC
        return "The disk is full"
    why = (error.strerror or "").strip() if isinstance(error.strerror, str) else ""
    return "The system refused an operation" + (f" ({why.lower()})" if why else "")


def _server_text(error: BaseException) -> str:
    from widgets.sanitize import sanitize_plain

    text = sanitize_plain(getattr(error, "error", "") or "", max_len=160)
    return f": {text}" if text else ""


