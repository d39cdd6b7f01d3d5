"""Fixtures for the api library against the local instance (tests/conftest.py: `instance`, `fresh_instance`).

Every test runs twice, with the blocking `Mastodon` and with `AsyncMastodon`: `c` (a client logged in as the
demo user, with its own token so tests never share a rate-limit budget) and `make_client` are the same interface
for both: every method is awaited (`await c.status(id)`), which for the sync client just runs the blocking call.
"""
from __future__ import annotations

import html
import inspect
import re

import httpx
import pytest

import api


class Both:
    """Either client behind one awaitable interface; `.raw` is the real client."""

    def __init__(self, raw):
        self.raw = raw
        self.is_async = isinstance(raw, api.AsyncMastodon)

    def __getattr__(self, name):
        attr = getattr(self.raw, name)
        if not callable(attr):
            return attr

        async def call(*args, **kwargs):
            result = attr(*args, **kwargs)
            if inspect.isawaitable(result):
                result = await result
            return result
        return call


async def settle(value):
    return (await value) if inspect.isawaitable(value) else value


@pytest.fixture(params=["sync", "async"])
def kind(request):
    return request.param


@pytest.fixture
def cls(kind):
    return api.Mastodon if kind == "sync" else api.AsyncMastodon


@pytest.fixture
async def make_client(cls):
    made = []

    def make(inst, user: str | None = "demo", scopes: str = "read write follow push", token: str | None = None,
             **kwargs) -> Both:
        if token is None and user is not None:
            token = inst.make_token(user, scopes)
        raw = cls(access_token=token, api_base_url=inst.base_url, client_id=inst.client_id,
                  client_secret=inst.client_secret, **kwargs)
        made.append(raw)
        return Both(raw)

    yield make
    for raw in made:
        await settle(raw.close())


@pytest.fixture
def c(make_client, instance) -> Both:
    return make_client(instance, "demo")


def instance_clock_sleeps(inst, kind):
    """A clock and a sleep on the instance's (fake) clock: sleeping moves the server's time, never ours."""
    def clock():
        return inst.clock.now().timestamp()
    slept: list[float] = []

    def sleep(seconds):
        slept.append(seconds)
        inst.clock.advance(seconds)

    async def asleep(seconds):
        sleep(seconds)
    return clock, (sleep if kind == "sync" else asleep), slept


class _Done:
    def __await__(self):
        return iter(())


def no_sleep(seconds):
    """A sleep for either client that returns at once (the async driver awaits what it returns)."""
    return _Done()


def approve(inst, url: str, username="demo", password="demo") -> str:
    """What the user does in the browser: open the authorization URL, log in, approve; returns the code the
    out-of-band page shows."""
    with httpx.Client() as browser:
        form = browser.get(url)
        assert form.status_code == 200, form.text
        fields = {k: html.unescape(v) for k, v in
                  re.findall(r"<input type='hidden' name='([^']+)' value='([^']*)'>", form.text)}
        answer = browser.post(f"{inst.base_url}/oauth/authorize",
                              data={**fields, "username": username, "password": password, "decision": "approve"})
    match = re.search(r"<pre id='code'>([^<]+)</pre>", answer.text)
    assert match, answer.text
    return match.group(1)
