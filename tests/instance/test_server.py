"""Running the instance: as a process (`python -m demo`), persistence in a SQLite file, clean shutdown."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import httpx
import pytest

from demo.server import running_instance

from .helpers import client

ROOT = Path(__file__).resolve().parents[2]


def test_python_m_demo_serves_and_prints_credentials():
    proc = subprocess.Popen([sys.executable, "-m", "demo", "--seed", "small", "--no-activity", "--fake-clock",
                             "--set", "rate_limit=2", "--set", "password_grant=false"], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    watchdog = threading.Timer(30, proc.kill)
    watchdog.start()
    try:
        first = proc.stdout.readline()
        second = proc.stdout.readline()
        assert first.startswith("tootty demo instance running at http://127.0.0.1:"), first
        assert "demo / demo" in second
        url = first.split()[-1]
        r = httpx.get(url + "/api/v1/instance", timeout=10)
        assert r.status_code == 200 and r.json()["uri"] == url.split("//")[1]
        assert r.headers["x-ratelimit-limit"] == "2"
        meta = httpx.get(url + "/.well-known/oauth-authorization-server", timeout=10).json()
        assert "password" not in meta["grant_types_supported"]
        # another process arms faults and moves the clock over the admin routes
        assert httpx.post(url + "/_demo/faults", json={"kind": "503", "path": "/api/v2/instance"}).status_code == 200
        assert httpx.get(url + "/api/v2/instance", timeout=10).status_code == 503
        before = httpx.get(url + "/_demo/clock").json()["now"]
        after = httpx.post(url + "/_demo/clock", json={"advance": 3600}).json()["now"]
        assert after[:13] != before[:13]
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=15)
        finally:
            watchdog.cancel()
            if proc.poll() is None:
                proc.kill()
    assert proc.returncode == 0, proc.stderr.read()


def test_sqlite_persistence_between_runs(tmp_path):
    db = tmp_path / "world.db"
    with running_instance(seed="small", db=str(db)) as inst:
        with client(inst) as c:
            sid = c.post("/api/v1/statuses", data={"status": "remember me"}).json()["id"]
    assert db.exists() and os.path.getsize(db) > 0
    with running_instance(seed="small", db=str(db)) as again:
        with client(again) as c:
            r = c.get(f"/api/v1/statuses/{sid}")
            assert r.status_code == 200 and "remember me" in r.json()["content"]
            assert r.json()["url"].startswith(again.base_url)


def test_stop_closes_the_port():
    with running_instance(seed=False) as inst:
        base = inst.base_url
        assert httpx.get(base + "/api/v2/instance").status_code == 200
        assert inst.tokens == {}
    with pytest.raises(httpx.ConnectError):
        httpx.get(base + "/api/v2/instance", timeout=2)


def test_unknown_setting_is_refused():
    with pytest.raises(TypeError):
        with running_instance(no_such_switch=True):
            pass
