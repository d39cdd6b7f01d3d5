"""Each fault switch, armed from Python and over HTTP; after every fault the instance serves normally again."""
from __future__ import annotations

import json

import httpx
import pytest

from .helpers import client


@pytest.fixture
def inst(fresh_instance):
    return fresh_instance()


def _healthy(inst):
    with client(inst) as c:
        assert c.get("/api/v1/instance").status_code == 200


@pytest.mark.parametrize("status, ctype", [(500, "application/json"), (502, "text/html"), (503, "text/html")])
def test_status_faults(inst, status, ctype):
    inst.faults.add("status", "/api/v1/timelines/home", status=status, times=2)
    with client(inst) as c:
        for _ in range(2):
            r = c.get("/api/v1/timelines/home")
            assert r.status_code == status and r.headers["content-type"].startswith(ctype)
        assert c.get("/api/v1/timelines/home").status_code == 200
    assert inst.faults.fired == [("status", "/api/v1/timelines/home")] * 2


def test_shorthand_and_exact_match(inst):
    inst.faults.add("503", "/api/v1/timelines/public", match="exact")
    with client(inst) as c:
        assert c.get("/api/v1/timelines/public/extra").status_code == 404  # not matched: exact
        assert c.get("/api/v1/timelines/public").status_code == 503


def test_method_filter(inst):
    inst.faults.add("500", "/api/v1/statuses", method="POST")
    with client(inst) as c:
        assert c.get("/api/v1/statuses", params={"id[]": "1"}).status_code == 200
        assert c.post("/api/v1/statuses", data={"status": "x"}).status_code == 500
        assert c.post("/api/v1/statuses", data={"status": "x"}).status_code == 200


def test_delay_then_normal(inst):
    inst.faults.add("delay", "/api/v1/timelines/home", seconds=1.0)
    with client(inst, timeout=0.2) as c:
        with pytest.raises(httpx.ReadTimeout):
            c.get("/api/v1/timelines/home")
        assert c.get("/api/v1/timelines/home").status_code == 200


def test_malformed_json(inst):
    inst.faults.add("malformed", "/api/v1/timelines/home")
    with client(inst) as c:
        r = c.get("/api/v1/timelines/home")
        assert r.status_code == 200 and r.headers["content-type"].startswith("application/json")
        with pytest.raises(json.JSONDecodeError):
            json.loads(r.content)
    _healthy(inst)


def test_truncated_body(inst):
    inst.faults.add("truncate", "/api/v1/timelines/home")
    with client(inst) as c:
        with pytest.raises(httpx.RemoteProtocolError):
            c.get("/api/v1/timelines/home")
    _healthy(inst)


def test_drop(inst):
    inst.faults.add("drop", "/api/v1/notifications")
    with client(inst) as c:
        with pytest.raises(httpx.RemoteProtocolError):
            c.get("/api/v1/notifications")
        assert c.get("/api/v1/notifications").status_code == 200


def test_hang_until_client_gives_up(inst):
    inst.faults.add("hang", "/api/v1/timelines/home", seconds=30)
    with client(inst, timeout=0.3) as c:
        with pytest.raises(httpx.ReadTimeout):
            c.get("/api/v1/timelines/home")
    _healthy(inst)


def test_commit_then_drop_meets_idempotency_key(inst):
    inst.faults.add("commit_then_drop", "/api/v1/statuses", method="POST")
    me = inst.state.account_by_username("demo").id
    before = inst.state.statuses_count(me)
    headers = {"Idempotency-Key": "retry-me"}
    with client(inst) as c:
        with pytest.raises(httpx.RemoteProtocolError):
            c.post("/api/v1/statuses", data={"status": "posted once"}, headers=headers)
        assert inst.state.statuses_count(me) == before + 1  # committed
        retry = c.post("/api/v1/statuses", data={"status": "posted once"}, headers=headers)
        assert retry.status_code == 200 and "posted once" in retry.json()["content"]
    assert inst.state.statuses_count(me) == before + 1


def test_forever_until_removed(inst):
    fault = inst.faults.add("502", "/api/v1/instance", times=None)
    with client(inst) as c:
        assert [c.get("/api/v1/instance").status_code for _ in range(3)] == [502] * 3
        inst.faults.remove(fault.id)
        assert c.get("/api/v1/instance").status_code == 200


def test_arm_over_http(inst):
    with httpx.Client(base_url=inst.base_url) as admin:
        r = admin.post("/_demo/faults", json={"kind": "status", "status": 503, "path": "/api/v1/timelines",
                                              "times": 1})
        assert r.status_code == 200 and r.json()["kind"] == "status"
        assert admin.get("/_demo/faults").json()[0]["path"] == "/api/v1/timelines"
        bad = admin.post("/_demo/faults", json={"kind": "explode", "path": "/x"})
        assert bad.status_code == 422
        with client(inst) as c:
            assert c.get("/api/v1/timelines/home").status_code == 503
        assert admin.get("/_demo/faults/fired").json() == [["status", "/api/v1/timelines/home"]]
        admin.post("/_demo/faults", json={"kind": "drop", "path": "/api/v1/instance", "times": 5})
        assert admin.delete("/_demo/faults").status_code == 200
        assert admin.get("/_demo/faults").json() == []
    _healthy(inst)


def test_admin_routes_are_never_faulted(inst):
    inst.faults.add("drop", "/", times=None)
    with httpx.Client(base_url=inst.base_url) as admin:
        assert admin.get("/_demo/faults").status_code == 200
    inst.faults.clear()


def test_admin_api_switch(fresh_instance):
    inst = fresh_instance(admin_api=False)
    with httpx.Client(base_url=inst.base_url) as c:
        assert c.post("/_demo/faults", json={"kind": "drop", "path": "/"}).status_code == 404


def test_stream_fault_api(inst):
    f = inst.faults
    f.add("drop", stream="user", times=1)
    f.add("stall", stream="*", times=2, after=3)
    assert f.stream_fault("drop", "public") is None
    got = f.stream_fault("drop", "user")
    assert got is not None and got.kind == "drop"
    assert f.stream_fault("drop", "user") is None  # consumed
    stall = f.take_stream("/api/v1/streaming")
    assert stall.kind == "stall" and stall.after == 3
    assert f.stream_fault() is not None and f.stream_fault() is None
    f.add("drop", stream="public:local")
    assert f.take_stream("/api/v1/streaming/public") is None
    assert f.take_stream("/api/v1/streaming/public/local").kind == "drop"
    with pytest.raises(ValueError):
        f.add("malformed", stream="user")
    with pytest.raises(ValueError):
        f.add("teleport", "/api")
