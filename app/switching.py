"""Switching the App to another account without restarting (the accounts screen calls `app.switch_account`).

The old account's background work ends cleanly first (read position saved, stream closed and its worker ended,
polls stopped, its pending start-up work cancelled), then every open screen is dropped (they show the old
account's world, pushed threads and profiles included) and the same top-level screens open again for the new
account, the one that was shown shown again. Lists and account timelines are not reopened: their ids mean
nothing to another account. Messages the old account's workers posted before they stopped carry an older
`generation` and are dropped, so none of its statuses or notifications can land in the new screens.
"""
from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Static

from app.messages import ConnectionState
from app.service import ApiService, describe

SWITCHING = "_switching"


class _Blank(Screen):
    def compose(self):
        yield Static("Switching account…")


# App-level worker groups that work for one account (app/main.py, app/navigation.py).
ACCOUNT_GROUPS = ("start", "lists", "markers", "lookup", "status-action")


def reusable(key: str, same_server: bool = False) -> bool:
    """A top-level screen that means the same thing for the next account: not a list (lists belong to an
    account); an account's statuses only on the same server (account ids are the server's)."""
    if key.startswith("list:"):
        return False
    return same_server or not key.startswith("account")


class AccountSwitching:
    generation = 0  # bumped on every switch; background messages of an older generation are dropped

    def background_post(self, message) -> bool:
        """What the streaming worker and the poller post through: stamps the account generation."""
        message.generation = self.generation
        return self.post_message(message)

    def is_stale(self, message) -> bool:
        return getattr(message, "generation", self.generation) != self.generation

    async def stop_background(self) -> None:
        """End the current account's background work (what quitting does, without closing the client)."""
        for group in ACCOUNT_GROUPS:
            self.workers.cancel_group(self, group)
        if self.use_markers:
            try:
                await self.save_markers()
            except Exception:  # noqa: BLE001 - a lost read position must not block the switch
                pass
        if self.stream_worker is not None:
            await self.stream_worker.stop()
            self.stream_worker = None
        job, self.stream_job = getattr(self, "stream_job", None), None
        if job is not None and job.is_running:
            job.cancel()  # stop() already ended its session; this ends the worker even if it was between reads
            try:
                await job.wait()
            except Exception:  # noqa: BLE001 - cancelled or failed: either way it is over
                pass
        if self.poller is not None:
            await self.poller.stop()
            self.poller = None

    def _client_for(self, account):
        from api import AsyncMastodon

        from app.main import tls_context

        return AsyncMastodon(access_token=account.access_token, api_base_url=account.base_url,
                             ratelimit_method="wait", request_timeout=30, verify=tls_context(account.base_url))

    def _new_service(self, client) -> ApiService:
        old = self.service
        service = ApiService(client, self.config, sleep=getattr(old, "_sleep", None))
        service.drafts = getattr(old, "drafts", None) or self.drafts
        return service

    def _begin(self, service: ApiService, reopen: list[str] = (), show: str | None = None) -> None:
        """Start using `service`: fresh per-account state, the screens `reopen` (registered; each loads when
        first shown), `show` (or the start screen) shown, then sign-in and live updates."""
        self.service = service
        self.prefetch = None
        for early in self._prefetched.values():  # the old account's first page, if nobody took it
            if hasattr(early, "cancel"):
                early.cancel()
        self._prefetched.clear()
        self.markers.clear()
        self._pending_markers.clear()
        self.unread_notifications = 0
        self.user_lists = []
        self.polling_temporary = False
        self._first_paint.clear()
        self.connection = ConnectionState("connecting")
        for key in reopen:
            self.register_screen(key)
        self.action_show(show if show in self.open_keys else self.start_key)
        self.run_worker(self._start(), name="start", group="start", exit_on_error=False)

    async def start_account(self, account, client=None) -> None:
        """The first account of an app that started without one (the login screen answered)."""
        try:
            client = client if client is not None else self._client_for(account)
        except Exception as error:  # noqa: BLE001 - a stored account the client refuses: say so, log in again
            self.notify(describe(error), title="Could not use that account", severity="error", markup=False)
            self.open_login()
            return
        self._begin(self._new_service(client))
        self.notify(f"Signed in as @{getattr(account, 'acct', '')}", timeout=3, markup=False)

    async def switch_account(self, account, client=None) -> None:
        """Use `account` (an app.accounts.Account) from now on; `client` replaces building one (tests)."""
        if client is None:
            client = self._client_for(account)
        await self.stop_background()
        self.generation += 1
        old = self.service
        service = self._new_service(client)
        same_server = str(getattr(old, "base_url", "")).rstrip("/") == str(service.base_url).rstrip("/")
        reopen = [key for key in self.open_keys if reusable(key, same_server)]
        for screen in self._live:  # titles of reopened account timelines ("Carol", not "Statuses")
            source = getattr(screen, "source", None)
            if source is not None and source.key in reopen and source.key.startswith("account"):
                self.screen_titles[source.key] = source.title
        shown = self.current_mode
        # Drop every open screen (pushed ones included): they show the old account's world.
        self.add_mode(SWITCHING, _Blank)
        await self.switch_mode(SWITCHING)
        for key in list(self.open_keys):
            await self.remove_mode(key)
        self.open_keys.clear()
        self._live.clear()
        self.clear_notifications()  # toasts about the old account (its drafts, its errors)
        await old.aclose()
        self._begin(service, reopen, shown)
        await self.remove_mode(SWITCHING)
        try:
            who = "@" + (account.acct if account is not None else "")
        except Exception:  # noqa: BLE001
            who = "the other account"
        self.notify(f"Switched to {who}", timeout=3, markup=False)

    # --- starting without an account: the login screen first ------------------------------------------------
    def open_login(self) -> None:
        """No account yet (plain `tootty` on a fresh machine): the login screen; once it answers, the app
        starts for that account. Cancelling it leaves the app (`login_cancelled` tells the command line)."""
        from app.login import LoginFlow
        from app.screens.login import LoginScreen

        store = getattr(self, "accounts", None)
        flow = LoginFlow(store) if store is not None else None
        opener = getattr(self, "login_opener", None)
        options = {"opener": opener} if opener is not None else {}

        def answered(account) -> None:
            if account is None:
                self.login_cancelled = True
                self.exit(return_code=1)
                return
            self.run_worker(self.start_account(account), name="first-account", exit_on_error=False)
        self.push_screen(LoginScreen(store=store, flow=flow, **options), answered)

    def action_accounts(self) -> None:
        store = getattr(self, "accounts", None)
        if store is None:
            self.notify("No account store here (started with a single account)", severity="warning")
            return
        try:
            from app.screens.accounts import AccountsScreen
        except ImportError as error:
            self.notify(describe(error), severity="warning", markup=False)
            return
        options = {}
        opener = getattr(self, "login_opener", None)
        if opener is not None:  # how the login screen opens the authorization page (tests: nowhere)
            from app.screens.login import LoginScreen

            options["login_screen"] = lambda: LoginScreen(store, opener=opener)
        self.push_screen(AccountsScreen(store, on_switch=self.switch_account, confirm_logout=self.confirms("logout"),
                                        **options))
