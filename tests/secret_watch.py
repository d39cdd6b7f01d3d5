"""The secret watch: a pytest plugin that fails the whole session if any token or secret issued during it shows
up where a user or a log reader could see it.

Collected: every secret any demo instance hands out (access and refresh tokens, client secrets, authorization
codes: demo/issued.py announces each one), and every PKCE code verifier the client makes (api/oauth.py).
Watched, for the whole session:
- every log record of every logger (message, arguments and formatted traceback); our own loggers (api, app,
  demo, widgets, tootty) are opened down to DEBUG so their debug lines are produced and checked too;
- every exception of ours (api.errors, app, demo, widgets), of httpx and of websockets, as it is created;
- every warning;
- the text of every toast (`App.notify`), every status/title line the app paints (app.statusbar.Line) and every
  Static widget's text (inline errors, dialogs);
- each test's report: failure text, captured stdout, stderr and log.
A secret is found by looking up every run of URL-safe characters of a secret's length in the set of secrets, so
the cost does not grow with the number of tokens issued.

At the end, any finding fails the session (exit status 1) with where it was seen and the test that was running,
showing only the first four characters of the secret.

Registered from tests/conftest.py (`pytest_plugins`). tests/security/test_secret_watch.py proves it catches a
leak planted in a separate pytest run.
"""
from __future__ import annotations

import importlib
import inspect
import json
import logging
import os
import pkgutil
import re
import tempfile
import threading
import traceback

import pytest

OUR_LOGGERS = ("api", "app", "demo", "widgets", "tootty")
OUR_PACKAGES = ("api", "app", "demo", "widgets")
_RUN = re.compile(r"[A-Za-z0-9_\-]+")


class Watch:
    def __init__(self) -> None:
        self.secrets: set[str] = set()
        self.lengths: set[int] = set()
        self.findings: list[tuple[str, str, str]] = []   # (where, secret prefix, test)
        self.checked = 0
        self._lock = threading.Lock()
        self._busy = threading.local()

    def add(self, secret: str) -> None:
        if len(secret) >= 16:  # shorter values would match ordinary words
            with self._lock:
                self.secrets.add(secret)
                self.lengths.add(len(secret))

    def scan(self, text, where: str, test: str | None = None) -> None:
        if not text or not self.secrets:
            return
        if not isinstance(text, str):
            text = str(text)
        if getattr(self._busy, "on", False):
            return  # a scan that triggers another (an exception made while formatting) is not checked twice
        self._busy.on = True
        try:
            self.checked += 1
            lengths = sorted(self.lengths)
            for run in _RUN.findall(text):
                for length in lengths:
                    if len(run) < length:
                        break
                    for start in range(len(run) - length + 1):
                        piece = run[start:start + length]
                        if piece in self.secrets:
                            during = test or os.environ.get("PYTEST_CURRENT_TEST", "(outside a test)").split(" ")[0]
                            with self._lock:
                                self.findings.append((where, piece[:4] + "…", during))
        finally:
            self._busy.on = False


WATCH = Watch()


class _Handler(logging.Handler):
    def emit(self, record: logging.LogRecord) -> None:
        try:
            text = record.getMessage()
        except Exception:  # noqa: BLE001 - a broken format string is still worth checking
            text = f"{record.msg!r} {record.args!r}"
        if record.exc_info and record.exc_info[1] is not None:
            text += "\n" + "".join(traceback.format_exception(*record.exc_info))
        WATCH.scan(text, f"log record of {record.name!r} ({record.levelname})")


def _our_exception_classes() -> list[type]:
    classes: list[type] = []
    for package_name in OUR_PACKAGES:
        try:
            package = importlib.import_module(package_name)
        except Exception:  # noqa: BLE001
            continue
        names = [package_name] + [m.name for m in pkgutil.walk_packages(package.__path__, f"{package_name}.",
                                                                         onerror=lambda _: None)
                                  if not any(part.startswith("_") for part in m.name.split(".")[1:])]
        for name in names:
            try:
                module = importlib.import_module(name)
            except Exception:  # noqa: BLE001 - an optional module that cannot load is not our concern here
                continue
            for _, obj in inspect.getmembers(module, inspect.isclass):
                if issubclass(obj, BaseException) and obj.__module__ == module.__name__:
                    classes.append(obj)
    try:
        import httpx
        classes += [httpx.HTTPError, httpx.InvalidURL]
    except ImportError:
        pass
    try:
        import websockets.exceptions
        classes.append(websockets.exceptions.WebSocketException)
    except ImportError:
        pass
    return classes


def _wrap_init(cls: type, undo: list) -> None:
    original = cls.__dict__.get("__init__")
    if original is None:
        # A class that already resolves __init__ to a wrapper inherits it; one whose MRO puts a foreign base
        # first (MastodonIOError(IOError, MastodonError)) gets its own.
        if getattr(cls.__init__, "_secret_watch", False):
            return
        inherited = cls.__init__

        def original(self, *args, _inherited=inherited, **kwargs):
            _inherited(self, *args, **kwargs)

    def __init__(self, *args, __original=original, **kwargs):
        __original(self, *args, **kwargs)
        try:
            text = str(self)
        except Exception:  # noqa: BLE001 - not fully built yet (a subclass's __init__ is still running)
            text = repr(self.args)
        WATCH.scan(text, f"exception {type(self).__module__}.{type(self).__qualname__}")

    __init__._secret_watch = True
    had = "__init__" in cls.__dict__
    try:
        cls.__init__ = __init__
    except TypeError:  # a built-in or frozen class
        return
    undo.append((cls, had, original if had else None))


class SecretWatchPlugin:
    def __init__(self) -> None:
        self.undo: list = []
        self.handler = _Handler(level=logging.DEBUG)
        self.levels: dict[str, int] = {}
        self.stop_issued = None

    # --- set up and tear down ------------------------------------------------------------------------------
    def start(self) -> None:
        from demo import issued

        self.stop_issued = issued.watch(WATCH.add)
        logging.getLogger().addHandler(self.handler)
        for name in OUR_LOGGERS:
            logger = logging.getLogger(name)
            self.levels[name] = logger.level
            if logger.level == logging.NOTSET or logger.level > logging.DEBUG:
                logger.setLevel(logging.DEBUG)
        # Wrap parents before children, so a subclass without its own __init__ inherits the wrapper.
        for cls in sorted(set(_our_exception_classes()), key=lambda c: len(c.__mro__)):
            _wrap_init(cls, self.undo)
        self._wrap_app_text()
        self._watch_client_secrets()

    def _watch_client_secrets(self) -> None:
        """PKCE verifiers are made by the client (api/oauth.py): they are secrets too."""
        from api import oauth

        make = oauth.make_code_verifier

        def watched_verifier():
            value = make()
            WATCH.add(value)
            return value
        oauth.make_code_verifier = watched_verifier
        self.undo.append((oauth, True, make, "make_code_verifier"))

    def _wrap_app_text(self) -> None:
        try:
            from textual.app import App
        except ImportError:
            return
        notify = App.notify

        def watched_notify(app, message, *args, **kwargs):
            WATCH.scan(f"{kwargs.get('title', '')} {message}", "a toast (App.notify)")
            return notify(app, message, *args, **kwargs)
        App.notify = watched_notify
        self.undo.append((App, True, notify, "notify"))
        from textual.widgets import Static

        static_update = Static.update

        def watched_static_update(widget, content="", *args, **kwargs):
            WATCH.scan(getattr(content, "plain", content), f"a widget's text ({type(widget).__name__})")
            return static_update(widget, content, *args, **kwargs)
        Static.update = watched_static_update
        self.undo.append((Static, True, static_update, "update"))
        try:
            from app.statusbar import Line
        except ImportError:
            return
        update = Line.update

        def watched_update(line, text):
            WATCH.scan(getattr(text, "plain", text), f"a painted line ({type(line).__name__})")
            return update(line, text)
        Line.update = watched_update
        self.undo.append((Line, True, update, "update"))

    def stop(self) -> None:
        if self.stop_issued:
            self.stop_issued()
            self.stop_issued = None
        logging.getLogger().removeHandler(self.handler)
        for name, level in self.levels.items():
            logging.getLogger(name).setLevel(level)
        for entry in reversed(self.undo):
            cls, had, original = entry[:3]
            attr = entry[3] if len(entry) > 3 else "__init__"
            if had and original is not None:
                setattr(cls, attr, original)
            else:
                try:
                    delattr(cls, attr)
                except AttributeError:
                    pass

    # --- hooks ---------------------------------------------------------------------------------------------
    def pytest_runtest_logreport(self, report) -> None:
        WATCH.scan(report.longreprtext, f"test report ({report.when})", report.nodeid)
        for title, content in report.sections:
            WATCH.scan(content, f"test report section {title!r}", report.nodeid)

    def pytest_warning_recorded(self, warning_message, when, nodeid, location) -> None:
        WATCH.scan(str(warning_message.message), "a warning")

    @pytest.hookimpl(tryfirst=True)
    def pytest_sessionfinish(self, session, exitstatus) -> None:
        self.stop()
        share = os.environ.get(SHARE_ENV)
        if share and hasattr(session.config, "workerinput"):
            # An xdist worker: its exit status does not fail the run, so hand the findings to the controller.
            worker = session.config.workerinput.get("workerid", "worker")
            with open(os.path.join(share, f"{worker}.json"), "w", encoding="utf-8") as handle:
                json.dump([list(finding) for finding in WATCH.findings], handle)
            return
        if share:
            for name in sorted(os.listdir(share)):
                with open(os.path.join(share, name), encoding="utf-8") as handle:
                    WATCH.findings.extend(tuple(finding) for finding in json.load(handle))
        if not WATCH.findings:
            return
        seen = set()
        lines = [f"secret watch: {len(WATCH.findings)} appearance(s) of issued secrets where they must never be:"]
        for where, prefix, test in WATCH.findings:
            if (where, prefix, test) not in seen:
                seen.add((where, prefix, test))
                lines.append(f"  {prefix} in {where}, during {test}")
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        if reporter is not None:
            reporter.write_line("")
            for line in lines:
                reporter.write_line(line, red=True, bold=True)
        else:
            print("\n".join(lines))
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


SHARE_ENV = "TOOTTY_SECRET_WATCH_SHARE"


def pytest_configure(config) -> None:
    if not hasattr(config, "workerinput"):
        # The controlling process (or a plain run): a folder where xdist workers, started after this and
        # inheriting the environment, leave what they saw.
        os.environ[SHARE_ENV] = tempfile.mkdtemp(prefix="secret-watch-")
    if not config.pluginmanager.has_plugin("secret-watch-plugin"):
        plugin = SecretWatchPlugin()
        config.pluginmanager.register(plugin, "secret-watch-plugin")
        plugin.start()


def pytest_unconfigure(config) -> None:
    plugin = config.pluginmanager.get_plugin("secret-watch-plugin")
    if plugin is not None and plugin.stop_issued is not None:
        plugin.stop()
