"""Each documented error over real HTTP, both clients: 401, 403, 404, 422, 5xx from faults, malformed and
truncated bodies, dropped connections, network failure, timeout. (410 is covered in tests/unit: the local
instance has no route that answers it.)"""
from __future__ import annotations

import socket

import pytest

import api

from .conftest import Both, no_sleep, settle


async def test_401_for_a_bad_token(make_client, instance):
    c = make_client(instance, token="not-a-real-token")
    with pytest.raises(api.MastodonUnauthorizedError) as caught:
        await c.timeline_home()
    assert caught.value.status == 401 and caught.value.error
    assert "not-a-real-token" not in str(caught.value)


async def test_403_for_a_missing_scope(make_client, instance):
    c = make_client(instance, "demo", scopes="read")
    with pytest.raises(api.MastodonForbiddenError) as caught:
        await c.toot("not allowed")
    assert caught.value.status == 403 and "scope" in caught.value.error


async def test_404_for_a_missing_status(c):
    with pytest.raises(api.MastodonNotFoundError) as caught:
        await c.status("1234567")
    assert caught.value.status == 404 and "/api/v1/statuses/1234567" in str(caught.value)


async def test_422_for_a_status_too_long(c):
    limit = (await c.instance_v2()).configuration.statuses.max_characters
    with pytest.raises(api.MastodonUnprocessableError) as caught:
        await c.toot("x" * (limit + 1))
    assert caught.value.status == 422 and "limit" in caught.value.error.lower()


@pytest.mark.parametrize("status,error_cls", [(500, api.MastodonInternalServerError),
                                        (502, api.MastodonBadGatewayError),
                                        (503, api.MastodonServiceUnavailableError)])
async def test_5xx_from_the_server(make_client, fresh_instance, status, error_cls):
    inst = fresh_instance()
    c = make_client(inst)
    inst.faults.add("status", "/api/v1/timelines/home", status=status, times=1)
    with pytest.raises(error_cls) as caught:
        await c.timeline_home()
    assert caught.value.status == status and isinstance(caught.value, api.MastodonServerError)
    assert "<html" not in str(caught.value).lower()
    assert await c.timeline_home()          # the next call is fine


async def test_malformed_json_is_a_bad_response(make_client, fresh_instance):
    inst = fresh_instance()
    c = make_client(inst)
    inst.faults.add("malformed", "/api/v1/timelines/home", times=1)
    with pytest.raises(api.MastodonBadResponseError):
        await c.timeline_home()


async def test_truncated_body_is_a_network_error_and_a_get_retries_it(make_client, fresh_instance):
    inst = fresh_instance()
    strict = make_client(inst, network_retries=0)
    inst.faults.add("truncate", "/api/v1/timelines/home", times=1)
    with pytest.raises(api.MastodonNetworkError):
        await strict.timeline_home()
    retrying = make_client(inst, sleep=no_sleep)
    inst.faults.add("truncate", "/api/v1/timelines/home", times=1)
    assert await retrying.timeline_home()


async def test_dropped_connection_is_retried_for_reads_not_for_unkeyed_writes(make_client, fresh_instance):
    inst = fresh_instance()
    c = make_client(inst, sleep=no_sleep)
    inst.faults.add("drop", "/api/v1/timelines/home", times=2)
    assert await c.timeline_home()                      # two retries by default
    status = (await c.timeline_home(limit=1))[0]
    inst.faults.add("drop", f"/api/v1/statuses/{status.id}/favourite", times=1)
    with pytest.raises(api.MastodonNetworkError):
        await c.status_favourite(status.id)


async def test_network_failure(make_client, cls):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]          # closed again: nothing listens there
    client = cls(access_token="t", api_base_url=f"http://127.0.0.1:{port}", network_retries=0)
    with pytest.raises(api.MastodonNetworkError) as caught:
        await Both(client).timeline_home()
    assert "refused" in str(caught.value) and "127.0.0.1" in str(caught.value)
    await settle(client.close())


async def test_timeout_is_a_read_timeout(make_client, fresh_instance):
    inst = fresh_instance(hang_max=5.0)
    c = make_client(inst, request_timeout=0.3, network_retries=0)
    inst.faults.add("hang", "/api/v1/timelines/home", times=1)
    with pytest.raises(api.MastodonReadTimeout) as caught:
        await c.timeline_home()
    assert isinstance(caught.value, api.MastodonNetworkError) and "0.3 s" in str(caught.value)
