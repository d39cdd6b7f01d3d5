"""The accounts screen: every stored account, which one is active; switch to another without restarting, add
one (the login screen), log out of one (the token is revoked at the server, then forgotten here).

    app.push_screen(AccountsScreen(store, on_switch=app.switch_account))

`on_switch(account)` is called (and awaited when it is a coroutine function) to make the app use another
account; without it the screen calls `app.switch_account(account)` when the app has one. The screen dismisses
with the account switched to, or None.
"""
from __future__ import annotations

import asyncio
import inspect
from collections.abc import Callable

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Label, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import WorkerFailed

from app.accounts import Account, AccountError, AccountStore
from app.login import logout
from app.screens.dialogs import ConfirmScreen as ConfirmDialog, Picker
from app.screens.login import LoginScreen
from widgets.sanitize import sanitize_plain


class AccountsScreen(Screen[Account | None]):
    BINDINGS = [
        Binding("enter", "switch", "Use this account", id="accounts.switch"),
        Binding("a", "add", "Add account", id="accounts.add"),
        Binding("L", "logout", "Log out", id="accounts.logout"),
        Binding("escape", "close", "Back", id="accounts.close"),
    ]

    def __init__(self, store: AccountStore | None = None, on_switch: Callable | None = None, *,
                 login_screen: Callable[[], Screen] | None = None, confirm_logout: bool = True, **kwargs):
        super().__init__(**kwargs)
        self.store = store if store is not None else AccountStore()
        self.on_switch = on_switch
        self.login_screen = login_screen or (lambda: LoginScreen(self.store))
        self.confirm_logout = confirm_logout

    def compose(self) -> ComposeResult:
        yield Label("Accounts", id="accounts-title")
        yield Picker(id="accounts-list")
        yield Static("", id="accounts-message", markup=False)
        yield Static("Enter: use the account   a: add an account   L: log out   Esc: back", id="accounts-help")
        yield Footer()

    def on_mount(self) -> None:
        self.refresh_list()
        self.query_one("#accounts-list", OptionList).focus()

    def refresh_list(self) -> None:
        self.store.reload()
        listing = self.query_one("#accounts-list", OptionList)
        listing.clear_options()
        active = self.store.active
        for account in self.store.accounts:
            line = Text("● " if active and account.key == active.key else "  ", style="bold")
            line.append(account.acct, style="bold" if active and account.key == active.key else "")
            if account.display_name:
                line.append("  " + sanitize_plain(account.display_name, max_len=60), style="dim")
            if account.demo:
                line.append("  (demo)", style="dim italic")
            listing.add_option(Option(line, id=account.key))
        if not self.store.accounts:
            self.message("No accounts yet: press a to log in.")
        elif self.store.problem:
            self.message(self.store.problem)
        if active is not None:
            try:
                listing.highlighted = [a.key for a in self.store.accounts].index(active.key)
            except ValueError:
                pass

    def message(self, text: str) -> None:
        self.query_one("#accounts-message", Static).update(text)

    def selected(self) -> Account | None:
        listing = self.query_one("#accounts-list", OptionList)
        if listing.highlighted is None:
            return None
        key = listing.get_option_at_index(listing.highlighted).id
        return self.store.find(key) if key else None

    # -- switching -------------------------------------------------------------------------------------------

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_switch()

    def action_switch(self) -> None:
        account = self.selected()
        if account is not None:
            self.switch_to(account)

    @work(exclusive=True, group="accounts-switch", exit_on_error=False)
    async def switch_to(self, account: Account) -> None:
        previous = self.store.active
        try:
            self.store.set_active(account.key)
        except AccountError as exc:
            self.message(str(exc))
            return
        callback = self.on_switch or getattr(self.app, "switch_account", None)
        if callback is None:
            # An app that cannot swap its account while running: the choice holds from the next start.
            self.notify(f"{account.acct} is now the active account; it is used from the next start.")
            self.dismiss(account)
            return
        self.message(f"Switching to {account.acct}…")
        try:
            result = callback(account)
            if inspect.isawaitable(result):
                # The app's switch removes every screen, this one (and so this worker) included: run it as
                # the App's own worker, or it is cancelled half way and leaves the app with no screen at all.
                # Shielded: a cancelled `await task` would cancel the awaited task too.
                job = self.app.run_worker(result, name="switch-account", group="switch-account",
                                          exclusive=True, exit_on_error=False)
                await asyncio.shield(job.wait())
        except WorkerFailed as failed:
            self._switch_failed(account, previous, failed.error)
            return
        except Exception as exc:  # noqa: BLE001 - the app stays on the old account; say why
            self._switch_failed(account, previous, exc)
            return
        if not self.is_attached:
            return  # the app switched and dropped its screens; it says "Switched to …" itself
        self.notify(f"Now using {account.acct}.")
        self.dismiss(account)

    def _switch_failed(self, account: Account, previous: Account | None, exc: BaseException) -> None:
        if previous is not None:
            try:
                self.store.set_active(previous.key)
            except AccountError:
                pass
        self.message(f"Could not switch to {account.acct}: {exc}")
        self.refresh_list()

    # -- adding and removing ---------------------------------------------------------------------------------

    def action_add(self) -> None:
        def added(account: Account | None) -> None:
            self.refresh_list()
            if account is not None:
                self.switch_to(account)

        self.app.push_screen(self.login_screen(), added)

    def action_logout(self) -> None:
        account = self.selected()
        if account is None:
            return
        if not self.confirm_logout:
            self.do_logout(account)
            return
        question = f"Log out of {account.acct}? The server revokes tootty's access."
        self.app.push_screen(ConfirmDialog(question, "Log out"),
                             lambda yes: self.do_logout(account) if yes else None)

    @work(thread=True, exclusive=True, group="accounts-logout", exit_on_error=False)
    def do_logout(self, account: Account) -> None:
        was_active = self.store.active is not None and self.store.active.key == account.key
        try:
            message = logout(self.store, account).message
        except Exception as exc:  # noqa: BLE001 - e.g. the account file cannot be written: say so, keep going
            message, was_active = f"Could not log out of {account.acct}: {exc}", False
        try:
            self.app.call_from_thread(self._logged_out, message, was_active)
        except RuntimeError:
            pass  # the app is shutting down

    def _logged_out(self, message: str, was_active: bool) -> None:
        if not self.is_attached:
            return
        self.refresh_list()
        self.message(message)
        if was_active:
            remaining = self.store.active
            if remaining is not None:
                self.switch_to(remaining)
            else:
                self.action_add()

    def action_close(self) -> None:
        self.dismiss(None)
