"""Running the instance: in-process for tests (`running_instance`), or as a process (`serve_forever`, used by
`python -m demo` and `tootty demo --serve-only`).

    with running_instance(seed="small", rate_limit=5) as inst:
        inst.base_url            # "http://127.0.0.1:PORT"
        inst.tokens["demo"]      # ready access tokens (scopes "read write follow push") for every seeded user
        inst.make_token("alice", "read")
        inst.state               # the world (demo.state.State); inst.faults (demo.faults.Faults)
        inst.clock               # the instance clock (pass clock=FakeClock() to move time in tests)

uvicorn runs on its own thread and event loop, bound to 127.0.0.1 on a port the OS picks.
"""
from __future__ import annotations

import contextlib
import logging
import socket
import sys
import threading
import time
from dataclasses import dataclass, field

import uvicorn

from .app import create_app
from .faults import Faults
from .seed import seed as run_seed
from .settings import Settings
from .state import State

log = logging.getLogger("demo")
DEFAULT_SCOPES = "read write follow push"


@dataclass
class Instance:
    base_url: str
    state: State
    faults: Faults
    settings: Settings
    app: object
    tokens: dict = field(default_factory=dict)
    client_id: str = ""
    client_secret: str = ""
    _server: object = None
    _thread: threading.Thread | None = None

    @property
    def clock(self):
        return self.state.clock

    @property
    def streaming_url(self) -> str:
        return self.base_url.replace("http://", "ws://", 1)

    @property
    def limiter(self):
        return self.app.state.limiter

    def make_token(self, username: str | None, scopes: str = DEFAULT_SCOPES) -> str:
        """A fresh access token for a seeded (or added) user; username None gives an app-only token."""
        account_id = None
        if username is not None:
            acc = self.state.account_by_username(username)
            if acc is None:
                raise KeyError(f"no account {username!r}")
            account_id = acc.id
        tok = self.state.issue_token(self.client_id, account_id, scopes.split(), refresh=account_id is not None)
        return tok.token

    def stop(self) -> None:
        if self._server is not None:
            try:  # end open streams first, so a stalled one does not hold up uvicorn's shutdown
                from .streaming import close_all
                close_all(self.state)
            except Exception:  # noqa: BLE001 - shutting down regardless
                pass
            self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout=10)
            self._thread = None


def _bind(host: str, port: int) -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(128)
    sock.set_inheritable(True)
    return sock


def start_instance(settings=None, seed="small", clock=None, db=None, host="127.0.0.1", port=0,
                   log_level="warning", **overrides) -> Instance:
    """Start an instance and return it running; call `.stop()` (or use `running_instance`)."""
    settings = Settings.make(settings, **overrides)
    state = State(settings, clock)
    sock = _bind(host, port)
    real_port = sock.getsockname()[1]
    state.base_url = f"http://{host}:{real_port}"
    loaded = False
    if db:
        from . import persist
        loaded = persist.load(state, db)
    if not loaded:
        run_seed(state, seed)
    faults = Faults()
    app = create_app(state, faults)
    config = uvicorn.Config(app, log_level=log_level, http="h11", lifespan="off", date_header=False,
                            server_header=False, timeout_graceful_shutdown=2, access_log=False,
                            ws_ping_interval=settings.extra.get("ws_ping_interval", 30.0),
                            ws_ping_timeout=settings.extra.get("ws_ping_timeout", 30.0))
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, name=f"demo-{real_port}", daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            server.should_exit = True
            raise RuntimeError("the demo instance failed to start")
        time.sleep(0.005)
    sock.close()  # uvicorn holds its own duplicate of the listening socket
    app_rec = state.create_app("tootty tests", "urn:ietf:wg:oauth:2.0:oob", DEFAULT_SCOPES, None)
    inst = Instance(state.base_url, state, faults, settings, app, client_id=app_rec.client_id,
                    client_secret=app_rec.client_secret, _server=server, _thread=thread)
    for acc in list(state.accounts.values()):
        if acc.password:
            inst.tokens[acc.username] = inst.make_token(acc.username)
    return inst


@contextlib.contextmanager
def running_instance(settings=None, seed="small", clock=None, db=None, activity=None, **overrides):
    """activity: None/False (default) for a still world; True or a rate in events per second to run the activity
    generator (demo/activity.py) beside the server; it is stopped before the server."""
    inst = start_instance(settings, seed=seed, clock=clock, db=db, **overrides)
    generator = None
    try:
        if activity:
            from .activity import DEFAULT_RATE, attach_activity
            generator = attach_activity(inst, rate=DEFAULT_RATE if activity is True else float(activity))
            inst.activity = generator  # its steps/counts, for tests and benchmarks
        yield inst
    finally:
        if generator is not None:
            generator.stop()
        inst.stop()
        if db:
            from . import persist
            persist.save(inst.state, db)


def _start_activity(state):
    """The activity generator (demo/activity.py, written separately) if it exists: `start(state)` returning a
    stop callable (or None)."""
    try:
        from . import activity
    except ImportError:
        return None
    start = getattr(activity, "start", None)
    return start(state) if start else None


def serve_forever(host: str = "127.0.0.1", port: int = 0, db=None, seed=True, settings=None, activity=True,
                  out=None, clock=None, **overrides) -> None:
    """Run until interrupted, printing the URL and the demo credentials. With `db`, the world is loaded from and
    saved to that SQLite file (every 30 s and at exit)."""
    out = out or sys.stdout
    inst = start_instance(settings, seed=seed, db=db, host=host, port=port, log_level="warning", clock=clock,
                          **overrides)
    stop_activity = _start_activity(inst.state) if activity else None
    print(f"tootty demo instance running at {inst.base_url}", file=out)
    same = sorted(a.username for a in inst.state.accounts.values()
                  if a.password and a.password == a.username and a.username != "demo")
    demo = inst.state.account_by_username("demo")
    if demo is not None and demo.password:
        print(f"log in as demo / {demo.password}", file=out)
    if same:
        print(f"other accounts (password = username): {', '.join(same[:12])}", file=out)
    print("press Ctrl-C to stop", file=out, flush=True)
    try:
        last_save = time.monotonic()
        while inst._thread is not None and inst._thread.is_alive():
            time.sleep(0.5)
            if db and time.monotonic() - last_save > 30:
                from . import persist
                persist.save(inst.state, db)
                last_save = time.monotonic()
    except KeyboardInterrupt:
        pass
    finally:
        if callable(stop_activity):
            stop_activity()
        inst.stop()
        if db:
            from . import persist
            persist.save(inst.state, db)
        print("stopped", file=out, flush=True)
