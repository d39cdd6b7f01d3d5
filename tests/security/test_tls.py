"""TLS is verified by default: the local instance served over https with a self-signed certificate is refused
by the REST client (sync and async), by streaming over wss, and by the App, with an error that says the
certificate could not be verified. Trusting that certificate explicitly (verify=<its file>) makes the very same
server work, which proves the refusal is about trust, not a broken server."""
from __future__ import annotations

import contextlib
import socket
import threading
import time

import pytest
import uvicorn

from api import AsyncMastodon, Mastodon
from api.errors import MastodonNetworkError
from demo.app import create_app
from demo.faults import Faults
from demo.seed import seed as run_seed
from demo.settings import Settings
from demo.state import State
from tests.appcore.tinyserver import self_signed_cert


@contextlib.contextmanager
def https_instance(cert: tuple[str, str]):
    """The demo instance on https://127.0.0.1:PORT with the given certificate; yields (base_url, token)."""
    state = State(Settings.make(None), None)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    sock.listen(16)
    port = sock.getsockname()[1]
    state.base_url = f"https://127.0.0.1:{port}"
    run_seed(state, "small")
    app = create_app(state, Faults())
    config = uvicorn.Config(app, log_level="warning", http="h11", lifespan="off", access_log=False,
                            ssl_certfile=cert[0], ssl_keyfile=cert[1])
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and thread.is_alive() and time.monotonic() < deadline:
        time.sleep(0.01)
    assert server.started, "the https instance did not start"
    registered = state.create_app("tls tests", "urn:ietf:wg:oauth:2.0:oob", "read write", None)
    token = state.issue_token(registered.client_id, state.account_by_username("demo").id, ["read", "write"]).token
    try:
        yield state.base_url, token
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()


@pytest.fixture(scope="module")
def tls(tmp_path_factory):
    cert = self_signed_cert(tmp_path_factory.mktemp("tls"))
    with https_instance(cert) as (base_url, token):
        yield base_url, token, cert[0]


def test_the_sync_client_refuses_an_untrusted_certificate(tls):
    base_url, token, cafile = tls
    with Mastodon(access_token=token, api_base_url=base_url) as api:
        with pytest.raises(MastodonNetworkError) as caught:
            api.account_verify_credentials()
    assert "TLS certificate" in str(caught.value) and "could not be verified" in str(caught.value)
    with Mastodon(access_token=token, api_base_url=base_url, verify=cafile) as trusted:
        assert trusted.account_verify_credentials()["username"] == "demo"


async def test_the_async_client_refuses_an_untrusted_certificate(tls):
    base_url, token, cafile = tls
    async with AsyncMastodon(access_token=token, api_base_url=base_url, network_retries=0) as api:
        with pytest.raises(MastodonNetworkError) as caught:
            await api.timeline_home()
    assert "TLS certificate" in str(caught.value)
    async with AsyncMastodon(access_token=token, api_base_url=base_url, verify=cafile) as trusted:
        assert (await trusted.account_verify_credentials())["username"] == "demo"


async def test_streaming_over_wss_refuses_an_untrusted_certificate(tls):
    from api.streaming import Connected

    base_url, token, cafile = tls
    outcomes = {}
    for label, verify in (("default", True), ("trusted", cafile)):
        async with AsyncMastodon(access_token=token, api_base_url=base_url, verify=verify) as api:
            session = api.stream("user", reconnect=False, backoff_initial=0.01, backoff_max=0.02)  # verify inherited
            async with session:
                first = await _first_decisive(session)
            outcomes[label] = first
    assert isinstance(outcomes["trusted"], Connected)
    default = outcomes["default"]
    assert not isinstance(default, Connected)
    assert "certificate" in str(getattr(default, "error", default)).lower() \
        or "tls" in str(getattr(default, "error", default)).lower()


async def _first_decisive(session):
    """The first event that settles it: Connected, or the first Reconnecting/Aborted (with its error)."""
    import asyncio

    from api.streaming import Aborted, Connected, Reconnecting

    async def first():
        async for event in session:
            if isinstance(event, (Connected, Aborted, Reconnecting)):
                return event
    return await asyncio.wait_for(first(), 30)  # a guard against a hang, not a timing assertion


async def test_the_app_says_the_certificate_is_not_trusted(tls):
    from app.main import make_app
    from tests.tui.support import until

    base_url, token, _ = tls
    app = make_app(base_url=base_url, access_token=token, markers=False)
    toasts: list[str] = []
    notify = app.notify
    app.notify = lambda message, *a, **k: (toasts.append(str(message)), notify(message, *a, **k))[1]
    async with app.run_test(size=(100, 30)) as pilot:
        assert await until(pilot, lambda: app.connection.state == "offline", turns=600), app.connection
        assert any("certificate" in t.lower() for t in toasts), toasts
