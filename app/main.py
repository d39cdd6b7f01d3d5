"""The Textual application and its factory.

    app = make_app(account=account, config=config)            # the command line
    app = make_app(client=AsyncMastodon(...))                  # tests and benchmarks
    app = make_app(base_url="http://127.0.0.1:8000", access_token="...")

The App owns one ApiService (app/service.py) and one streaming worker (app/streaming.py) for its account; when the
server has no streaming, a Poller (app/polling.py) takes over. Screens ask the App to open things; workers post
messages (app/messages.py) that the App routes to every open screen (app/live.py: LiveUpdates).
"""
from __future__ import annotations

import asyncio
import sys

# httpcore imports trio whenever it is installed, only to learn whether it is running under trio (tootty never
# does): ~100-400 ms of start-up for nothing. Mark it absent unless something already loaded it.
if "trio" not in sys.modules:
    sys.modules["trio"] = None  # type: ignore[assignment]

from datetime import datetime, timezone
from pathlib import Path

from textual.app import App
from textual.binding import Binding

from app.commands import TootCommands
from app.markers import ReadPositions
from app.live import LiveUpdates
from app.messages import ConnectionState
from app.keyinput import SplitsEscape
from app.navigation import Navigation
from app.service import ApiService, describe
from app.switching import AccountSwitching
from app.sources import Source

STYLESHEET = next((p for p in (Path(__file__).resolve().parent.parent / "styles.tcss",
                               Path(__file__).resolve().parent / "styles.tcss") if p.exists()), None)

SHUTDOWN_STEP_SECONDS = 2.0
FIRST_PAINT_WAIT = 1.0

# digit -> screen key (the command palette opens every screen too)
SCREEN_KEYS = {"1": "home", "2": "notifications", "3": "local", "4": "public", "5": "conversations",
               "6": "bookmarks", "7": "favourites", "8": "follow_requests", "9": "search"}
SCREEN_LABELS = {"home": "Home", "notifications": "Notifications", "local": "Local timeline",
                 "public": "Federated timeline", "conversations": "Direct messages", "bookmarks": "Bookmarks",
                 "favourites": "Favourites", "follow_requests": "Follow requests", "search": "Search"}


class TootApp(SplitsEscape, Navigation, ReadPositions, AccountSwitching, LiveUpdates, App):
    """tootty. Attributes: `service` (ApiService), `config`, `connection` (the last ConnectionState),
    `unread_notifications`, `stream_worker`, `poller` (None until streaming turns out to be unavailable)."""

    COMMANDS = App.COMMANDS | {TootCommands}
    CSS_PATH = str(STYLESHEET) if STYLESHEET else None
    TITLE = "tootty"
    BINDINGS = [
        *[Binding(digit, f"show('{key}')", SCREEN_LABELS[key], show=False, id=f"app.screen{digit}")
          for digit, key in SCREEN_KEYS.items()],
        Binding("/", "show('search')", "Search", id="app.search"),
        Binding("question_mark", "help", "Help", id="app.help"),
        Binding("n", "compose", "New post", id="app.compose"),
        Binding("W", "drafts", "Drafts", show=False, id="app.drafts"),
        Binding("ctrl+a", "accounts", "Accounts", show=False, id="app.accounts"),
        Binding("H", "open_hashtag", "Open hashtag", show=False, id="app.hashtag"),
        Binding("ctrl+w", "close_screen", "Close screen", show=False, id="app.close"),
        Binding("q", "quit", "Quit", id="app.quit"),
    ]

    def __init__(self, service: ApiService, config=None, *, drafts=None, streaming: bool = True,
                 session_factory=None, poll_interval: float | None = None, poll_sleep=None,
                 flush_interval: float = 0.016, start: str = "home", markers: bool = True,
                 stream_options: dict | None = None, clock=None) -> None:
        super().__init__()
        self.wall_clock = clock or (lambda: datetime.now(timezone.utc))
        self.service = service
        self.config = config
        self.drafts = drafts
        self.connection = ConnectionState("connecting")
        self.unread_notifications = 0
        self.streaming_enabled = streaming
        self.session_factory = session_factory
        self.poll_interval = poll_interval
        self.poll_sleep = poll_sleep
        self.flush_interval = flush_interval
        self.start_key = start
        self.use_markers = markers
        self.stream_options = dict(stream_options or {})
        self.stream_worker = None
        self.stream_job = None
        self.poller = None
        self.events_received = 0  # TimelineEvents routed (the latency benchmark and tests read it)
        self._init_navigation()
        self._init_markers()
        self._shut_down = False
        self.last_opened_url = None
        self.user_lists: list = []
        self._prefetched: dict = {}
        self.polling_temporary = False
        self._first_paint = asyncio.Event()
        self.prefetch = None  # app/prefetch.py: requests already under way on a thread (command line only)
        self.login_cancelled = False  # started without an account and the login screen was left
        self.login_opener = None      # how the login screen opens the authorization URL (tests inject one)
        # What the user should know about the config file, shown once the screen is up: printed before the
        # full-screen App starts, it would be hidden at once.
        self.config_notices: list[str] = list(getattr(config, "warnings", None) or [])
        if config is not None and getattr(config, "keys", None):
            from app.keymap import user_keymap

            overrides, unknown = user_keymap(config)
            self.set_keymap(overrides)
            self.config_notices += unknown

    # --- start and stop ------------------------------------------------------------------------------------
    async def on_mount(self) -> None:
        from widgets.parts import TIME_STYLE

        # Set in the App's own task, so every screen and worker started from here on inherits it.
        TIME_STYLE.set(getattr(self.config, "time", None) or "relative")
        if self.config_notices:
            self.notify("\n".join(self.config_notices), title=f"Config file {getattr(self.config, 'path', '')}",
                        severity="warning", timeout=30, markup=False)
        if self.config is not None and getattr(self.config, "theme", None):
            try:
                self.theme = self.config.theme
            except Exception:  # noqa: BLE001 - an unknown theme is not worth a crash
                pass
        if self.service is None:  # no account yet: log in first (app/switching.py starts the rest)
            self.open_login()
            return
        # The first page goes out before the first screen is even built: the network wait overlaps the mounting.
        try:
            source = Source.parse(self.start_key)
        except ValueError:
            source = None
        if source is not None:
            early = self.prefetch.take("start") if self.prefetch is not None else None
            self._prefetched[source.key] = early or asyncio.ensure_future(
                self.service.call(source.method, *source.args, **source.call_kwargs(limit=40)))
        # Awaited: keys typed while the app starts (a terminal buffers them) are handled after this, once the
        # start screen is on its stack; before, a key could arrive with no screen there and end the app.
        shown = self.action_show(self.start_key)
        if shown is not None:
            await shown
        self.run_worker(self._start(), name="start", group="start", exit_on_error=False)

    # Until there is an account (the login screen is up), only quitting is possible: every other app-wide
    # action needs the service.
    NEEDS_ACCOUNT = {"show", "compose", "drafts", "accounts", "open_hashtag", "close_screen", "cycle", "help",
                     "command_palette"}

    def check_action(self, action: str, parameters) -> bool | None:
        if self.service is None and action in self.NEEDS_ACCOUNT:
            return False
        return True

    def take_prefetched(self, key: str):
        """The first page of `key` already on its way (only the start screen has one), or None."""
        return self._prefetched.pop(key, None)

    async def _start(self) -> None:
        try:
            await self.service.start(me=self.prefetch.take("me") if self.prefetch is not None else None)
        except Exception as error:  # noqa: BLE001
            self.notify(describe(error), title="Could not sign in", severity="error", timeout=30, markup=False)
            self.connection = ConnectionState("offline", describe(error))
            self.refresh_bars()
            return
        self.refresh_bars()
        # Live updates, lists and read positions wait for the first screen to be painted (at most a second):
        # the first paint is what the user is waiting for; the stream catches up from that page anyway.
        try:
            await asyncio.wait_for(self._first_paint.wait(), timeout=FIRST_PAINT_WAIT)
        except asyncio.TimeoutError:
            pass
        if not self.is_headless:  # the real app: garbage collection tuned for big timelines (not in tests)
            from widgets import gcpolicy

            self.set_timer(GC_SETTLE_DELAY, gcpolicy.enable)  # its one collection (~50 ms) after start-up's work
        if self.drafts is not None:
            try:
                from app.screens.drafts import offer_drafts

                offer_drafts(self, self.service, self.drafts, key_hint="W")
            except Exception:  # noqa: BLE001 - the drafts screen is optional; the drafts stay on disk
                pass
        self.run_worker(self._load_lists(), group="lists", exit_on_error=False)
        if self.use_markers:
            self.run_worker(self.restore_markers(), group="markers", exit_on_error=False)
        if self.streaming_enabled:
            self.start_streaming()
        else:
            self.start_polling()

    async def _load_lists(self) -> None:
        try:
            self.user_lists = list(await self.service.call("lists"))
        except Exception:  # noqa: BLE001 - no lists in the palette, nothing else lost
            self.user_lists = []

    def search_for(self, text: str) -> None:
        self.action_show("search")

        def run() -> None:
            screen = self.screen
            if hasattr(screen, "search"):
                screen.query_one("#query").value = text
                screen.search(text)
        self.call_after_refresh(run)

    async def action_quit(self) -> None:
        from app.screens.typing import asked_before_quitting

        if not asked_before_quitting(self, self._quit_now):
            await self._quit_now()

    async def _quit_now(self) -> None:
        await self.shutdown()
        self.exit()

    async def on_unmount(self) -> None:
        await self.shutdown()

    async def shutdown(self) -> None:
        if self._shut_down:
            return
        self._shut_down = True
        # Quitting must be quick even when the server is gone: each step gets a short deadline.
        steps = []
        if self.use_markers:
            steps.append(self.save_markers())
        if self.stream_worker is not None:
            steps.append(self.stream_worker.stop())
        if self.poller is not None:
            steps.append(self.poller.stop())
        for step in steps:
            try:
                await asyncio.wait_for(step, timeout=SHUTDOWN_STEP_SECONDS)
            except (asyncio.TimeoutError, Exception):  # noqa: BLE001 - nothing may keep the user from leaving
                pass
        try:
            await asyncio.wait_for(self.service.aclose(), timeout=SHUTDOWN_STEP_SECONDS)
        except (asyncio.TimeoutError, Exception):  # noqa: BLE001
            pass

    # --- the last line of defence ----------------------------------------------------------------------------
    async def on_event(self, event) -> None:
        from textual import events
        from textual.app import ScreenStackError

        if isinstance(event, events.Key):
            try:
                self.screen
            except ScreenStackError:
                return  # the app is leaving (its screens are gone): a key typed after q has nowhere to go
        await super().on_event(event)

    def _fatal_error(self) -> None:
        """An exception nothing caught (Textual then ends the App). Textual's own report is a traceback with
        local variables, which may hold a token or a stranger's text: instead the traceback (no locals) goes to a
        private crash file and the user reads one plain sentence. Drafts are on disk already."""
        import sys

        from rich.text import Text

        from app.crash import crash_message, write_crash_report

        error = sys.exc_info()[1] or self._exception
        client = getattr(self.service, "client", None)
        where = write_crash_report(error, secrets=[getattr(client, "access_token", None)])
        self.bell()
        text = crash_message(error, where, "Unsent drafts are kept (W shows them).")
        self._exit_renderables.append(Text(text))
        self._close_messages_no_wait()

    def confirms(self, action: str) -> bool:
        """Whether `action` asks first: config [confirm], or its defaults when there is no config."""
        from app.config import Config

        return bool((self.config if self.config is not None else Config()).confirms(action))


GC_SETTLE_DELAY = 2.0  # seconds after the first paint: the stream and read positions start first


def tls_context(base_url: str):
    """TLS settings for the App's HTTP clients: one SSLContext shared by all of them (each new one loads the CA
    bundle again, ~75 ms), and none at all for plain http (which the api only allows to loopback addresses)."""
    if str(base_url).lower().startswith("http://"):
        return False  # no TLS happens on this connection; skip building a context nobody uses
    import httpx

    return httpx.create_ssl_context()


def make_app(account=None, config=None, client=None, *, base_url: str | None = None,
             access_token: str | None = None, accounts=None, drafts=None, demo=None, **options) -> TootApp:
    """Build the App for one account: from an Account (the command line), an already-built AsyncMastodon
    (tests, benchmarks), or a base URL and token. `options` go to TootApp (streaming=False, poll_interval,
    session_factory, flush_interval, start, markers...)."""
    from api import AsyncMastodon

    prefetch = None
    if options.pop("login", False) and client is None and account is None and not base_url:
        # No account yet: the app opens on the login screen and builds its service from the answer.
        options.pop("prefetch", None)
        options.pop("service_sleep", None)
        app = TootApp(None, config, drafts=drafts, **options)
        app.accounts = accounts
        app.demo = demo
        return app
    if client is None:
        if account is not None:
            base_url, access_token = account.base_url, account.access_token
        if not base_url:
            raise ValueError("make_app needs an account, a client, or a base_url and access_token")
        # "wait", not "pace": the user's own actions go out at once (never artificially spaced); background
        # work is paced by the service's budget (app/budget.py), which leaves room for them.
        verify = tls_context(base_url)
        client = AsyncMastodon(access_token=access_token, api_base_url=base_url, ratelimit_method="wait",
                               request_timeout=30, verify=verify)
        if options.pop("prefetch", True):
            from app.prefetch import Prefetch

            try:
                source = Source.parse(options.get("start", "home"))
                prefetch = Prefetch(base_url, access_token, {
                    "start": (source.method, source.args, source.call_kwargs(limit=40)),
                    "me": ("account_verify_credentials", (), {})}, verify=verify)
            except ValueError:
                prefetch = None
    service = ApiService(client, config, sleep=options.pop("service_sleep", None))
    service.drafts = drafts
    app = TootApp(service, config, drafts=drafts, **options)
    app.prefetch = prefetch
    app.accounts = accounts
    app.demo = demo
    return app
