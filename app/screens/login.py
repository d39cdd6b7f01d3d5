"""The login screen: the same flow as `tootty login` (app.login.LoginFlow), inside the app.

1. The user types their server (or @user@server). The server is probed, tootty registered there once, and the
   authorization URL built (PKCE, out-of-band code).
2. The URL is opened in a browser where there is a display, and always shown (selectable, ctrl+y copies it
   through the terminal, ctrl+o prints it on the plain terminal for copying or clicking): over SSH the user
   opens it on their own machine.
3. The user pastes the code the server showed; it is exchanged, the token verified and stored (0600).
Where the server still offers it, a password login is offered too. Every failure is shown as app.login words it,
next to the field it concerns, and the step can be retried.

    app.push_screen(LoginScreen(store), callback)   # dismisses with the stored app.accounts.Account, or None
"""
from __future__ import annotations

from collections.abc import Callable

from textual import on, work
from textual.app import ComposeResult, SuspendNotSupported
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Footer, Input, Label, Static, TextArea

from app.accounts import Account, AccountStore
from app.browser import open_url
from app.login import LoginError, LoginFlow, PendingAuthorization
from app.screens.typing import ClaimsTyping


def _as_login_error(exc: Exception) -> LoginError:
    if isinstance(exc, LoginError):
        return exc
    # Not one of the failures app.login names (a store that cannot be written, a bug): still one sentence.
    return LoginError("unexpected", f"The login failed: {exc or type(exc).__name__}", retry=True)


class LoginScreen(ClaimsTyping, Screen[Account | None]):
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="login.cancel"),
        Binding("ctrl+y", "copy_url", "Copy link", id="login.copy"),
        Binding("ctrl+o", "print_url", "Link in plain terminal", id="login.print"),
    ]

    def __init__(self, store: AccountStore | None = None, flow: LoginFlow | None = None, *, instance: str = "",
                 opener: Callable[[str], bool] = open_url, **kwargs):
        super().__init__(**kwargs)
        self.store = store if store is not None else (flow.store if flow else AccountStore())
        self.flow = flow or LoginFlow(self.store)
        self.initial = instance
        self.opener = opener
        self.pending: PendingAuthorization | None = None
        self.busy = False

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="login-form"):
            yield Label("Log in to a Mastodon server", id="login-title")
            yield Static("Your server, such as mastodon.social (or your address, @you@mastodon.social):")
            with Horizontal(classes="login-row"):
                yield Input(self.initial, placeholder="mastodon.social", id="login-instance")
                yield Button("Continue", id="login-start", variant="primary")
            yield Static("", id="login-instance-error", classes="login-error", markup=False)
            with Vertical(id="login-authorize"):
                yield Static("", id="login-opened", markup=False)
                yield TextArea("", id="login-url", read_only=True, soft_wrap=True, show_line_numbers=False)
                yield Static("After you allow access, the server shows a code. Paste it here:")
                with Horizontal(classes="login-row"):
                    yield Input(placeholder="authorization code", id="login-code")
                    yield Button("Log in", id="login-finish", variant="primary")
                yield Static("", id="login-code-error", classes="login-error", markup=False)
            with Vertical(id="login-password"):
                yield Static("This server still accepts a password login:")
                with Horizontal(classes="login-row"):
                    yield Input(placeholder="username or e-mail", id="login-username")
                    yield Input(placeholder="password", password=True, id="login-secret")
                    yield Button("Log in with password", id="login-password-go")
                yield Static("", id="login-password-error", classes="login-error", markup=False)
            yield Static("", id="login-busy", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#login-authorize").display = False
        self.query_one("#login-password").display = False
        self.query_one("#login-instance", Input).focus()

    # -- helpers ---------------------------------------------------------------------------------------------

    def _error(self, where: str, message: str) -> None:
        for name in ("instance", "code", "password"):
            widget = self.query_one(f"#login-{name}-error", Static)
            widget.update(message if name == where else "")
            widget.set_class(name == where and bool(message), "-shown")

    def _busy(self, message: str) -> None:
        self.busy = bool(message)
        self.query_one("#login-busy", Static).update(message)

    # -- step 1: the server ----------------------------------------------------------------------------------

    @on(Input.Submitted, "#login-instance")
    @on(Button.Pressed, "#login-start")
    def start(self) -> None:
        if self.busy:
            return
        typed = self.query_one("#login-instance", Input).value
        self._error("instance", "")
        self._busy(f"Contacting {typed.strip() or 'the server'}…")
        self._start(typed)

    def _later(self, callback, *args) -> None:
        """From a worker thread: run `callback` on the app's loop, unless the screen was closed meanwhile."""
        def run() -> None:
            if self.is_attached:
                callback(*args)
        try:
            self.app.call_from_thread(run)
        except RuntimeError:
            pass  # the app is shutting down

    @work(thread=True, exclusive=True, group="login", exit_on_error=False)
    def _start(self, typed: str) -> None:
        try:
            pending = self.flow.start(typed)
        except Exception as exc:  # noqa: BLE001 - every failure is shown, none may stop the app
            self._later(self._start_failed, _as_login_error(exc))
            return
        opened = self.opener(pending.url)
        self._later(self._started, pending, opened)

    def _start_failed(self, exc: LoginError) -> None:
        self._busy("")
        self._error("instance", str(exc))
        self.query_one("#login-instance", Input).focus()

    def _started(self, pending: PendingAuthorization, opened: bool) -> None:
        self._busy("")
        self.pending = pending
        where = pending.instance.title or pending.instance.domain
        self.query_one("#login-opened", Static).update(
            (f"Your browser shows {where}'s authorization page. If it did not open, open this link:"
             if opened else f"Open this link in a browser (on any device) and allow tootty to use your account "
                            f"on {where}:"))
        self.query_one("#login-url", TextArea).load_text(pending.url)
        self.query_one("#login-authorize").display = True
        self.query_one("#login-password").display = pending.instance.password_grant is True
        if pending.username_hint:
            self.query_one("#login-username", Input).value = pending.username_hint
        self.query_one("#login-code", Input).focus()

    def action_copy_url(self) -> None:
        if self.pending:
            self.app.copy_to_clipboard(self.pending.url)
            self.notify("Link copied (where the terminal allows it).")

    def action_print_url(self) -> None:
        """Hand the terminal back and print the link on one line: the terminal wraps it itself, so it can be
        selected, copied or clicked whole (over SSH, the surest way to get it to a browser)."""
        if self.pending is None:
            return
        try:
            with self.app.suspend():
                print(f"\nOpen this link in a browser, allow access, then come back and paste the code:\n\n"
                      f"{self.pending.url}\n")
                try:
                    input("Press Enter to return to tootty… ")
                except EOFError:
                    pass
        except SuspendNotSupported:
            self.notify("This terminal cannot be handed back; copy the link with ctrl+y.", severity="warning")

    # -- step 2: the code ------------------------------------------------------------------------------------

    @on(Input.Submitted, "#login-code")
    @on(Button.Pressed, "#login-finish")
    def finish(self) -> None:
        if self.busy or self.pending is None:
            return
        self._error("code", "")
        self._busy("Checking the code…")
        self._finish(self.pending, self.query_one("#login-code", Input).value)

    @work(thread=True, exclusive=True, group="login", exit_on_error=False)
    def _finish(self, pending: PendingAuthorization, code: str) -> None:
        try:
            account = self.flow.finish(pending, code)
        except Exception as exc:  # noqa: BLE001
            self._later(self._failed, "code", _as_login_error(exc))
            return
        self._later(self._done, account)

    def _failed(self, where: str, exc: LoginError) -> None:
        self._busy("")
        if exc.kind == "registration_refused":
            # The registration was forgotten: the user has to start again from the server step.
            self.pending = None
            self.query_one("#login-authorize").display = False
            where = "instance"
        self._error(where, str(exc))

    def _done(self, account: Account) -> None:
        self._busy("")
        self.notify(f"Logged in as {account.acct}.")
        self.dismiss(account)

    # -- or: the password ------------------------------------------------------------------------------------

    @on(Input.Submitted, "#login-secret")
    @on(Button.Pressed, "#login-password-go")
    def password_login(self) -> None:
        if self.busy or self.pending is None:
            return
        self._error("password", "")
        self._busy("Logging in…")
        self._password(self.pending, self.query_one("#login-username", Input).value,
                       self.query_one("#login-secret", Input).value)

    @work(thread=True, exclusive=True, group="login", exit_on_error=False)
    def _password(self, pending: PendingAuthorization, username: str, password: str) -> None:
        try:
            account = self.flow.password_login(pending.instance, username, password)
        except Exception as exc:  # noqa: BLE001
            self._later(self._failed, "password", _as_login_error(exc))
            return
        self._later(self._done, account)

    def action_cancel(self) -> None:
        self.dismiss(None)
