"""The third-party `mastodon-mock` package (PyPI; not written by this project) as a second server: its FastAPI
app (mastodon_mock.app.create_app, started on 127.0.0.1, port 0, by its own MockServer helper) seeded with
alice/bob/carol. Both clients run every test, through the same awaitable wrapper as tests/service."""
from __future__ import annotations

import pytest

mock_server = pytest.importorskip("mastodon_mock.testing.server")
mock_config = pytest.importorskip("mastodon_mock.config")

from tests.service.conftest import Both, cls, kind, settle  # noqa: E402,F401 - shared fixtures

import api  # noqa: E402


def start(**config_overrides):
    from mastodon_mock.testing.seed import DEFAULT_TEST_SEED
    config = mock_config.MastodonMockConfig(
        database=mock_config.DatabaseConfig(path=":memory:"), seed=DEFAULT_TEST_SEED,
        streaming=mock_config.StreamingConfig(heartbeat_seconds=1.0), **config_overrides)
    return mock_server.MockServer(config=config).start()


@pytest.fixture(scope="module")
def mock():
    server = start()
    yield server
    server.stop()


@pytest.fixture
def fresh_mock():
    started = []

    def make(**overrides):
        server = start(**overrides)
        started.append(server)
        return server
    yield make
    for server in started:
        server.stop()


@pytest.fixture
async def make_client(cls):
    made = []

    def make(server, token="alice_token", **kwargs) -> Both:
        raw = cls(access_token=token, api_base_url=server.base_url, **kwargs)
        made.append(raw)
        return Both(raw)
    yield make
    for raw in made:
        await settle(raw.close())
