"""The suite-wide secret watch (tests/secret_watch.py) really catches leaks: a separate pytest run that plants a
demo token in a log line (ours, at any level), an exception message, printed output or a toast fails, names
where, and never prints the token itself; the same run without the plant passes (no false alarm from merely using tokens)."""
from __future__ import annotations

import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

PLANTS = {
    "none": "",
    "log": "logging.getLogger('app').warning('signed in with %s', token)",
    "debug-log": "logging.getLogger('api').debug('request with Bearer %s', token)",
    "exception": "try:\n    raise MastodonNetworkError(f'cannot reach server with {token}')\n"
                 "except MastodonNetworkError:\n    pass",
    "print": "print('your token is', token)",
    "refresh-token": "logging.getLogger('demo').error('refresh %s', inst.state.tokens[token].refresh_token)",
    "toast": "import asyncio\nfrom textual.app import App\n\nasync def show():\n"
             "    app = App()\n    async with app.run_test() as pilot:\n"
             "        app.notify(f'could not sign in with {token}')\n        await pilot.pause()\n\n"
             "asyncio.run(show())",
}

TEST_FILE = """
import logging
from api import Mastodon
from api.errors import MastodonNetworkError
from demo.server import running_instance


def test_uses_a_token():
    with running_instance(seed="small") as inst:
        token = inst.tokens["demo"]
        with Mastodon(access_token=token, api_base_url=inst.base_url) as api:
            assert api.account_verify_credentials()["username"] == "demo"
        try:
            Mastodon(access_token="wrong", api_base_url=inst.base_url).account_verify_credentials()
        except Exception as error:
            logging.getLogger("app").warning("login failed: %s", error)
    {plant}
"""


def run_planted(tmp_path: Path, plant: str) -> subprocess.CompletedProcess:
    test = tmp_path / "test_planted.py"
    test.write_text(TEST_FILE.replace("{plant}", textwrap.indent(plant, "    ").lstrip()))
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-c", str(ROOT / "pyproject.toml"), "--rootdir", str(tmp_path),
         "-p", "tests.secret_watch", "-p", "no:cacheprovider", "-q", str(test)],
        cwd=ROOT, capture_output=True, text=True, timeout=120)


def test_a_clean_run_passes(tmp_path):
    result = run_planted(tmp_path, PLANTS["none"])
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    assert "secret watch" not in result.stdout


@pytest.mark.parametrize("kind", ["log", "debug-log", "exception", "print", "refresh-token", "toast"])
def test_a_planted_leak_fails_the_session(tmp_path, kind):
    result = run_planted(tmp_path, PLANTS[kind])
    out = result.stdout + result.stderr
    assert result.returncode != 0, out[-2000:]
    assert "secret watch:" in out and "test_uses_a_token" in out
    assert "FAILED" not in out  # the test itself passed: it is the watch that failed the run
    where = {"log": "log record of 'app'", "debug-log": "log record of 'api'", "exception": "MastodonNetworkError",
             "print": "Captured stdout", "refresh-token": "log record of 'demo'",
             "toast": "a toast (App.notify)"}[kind]
    assert where in out, out[-2000:]
    report = out[out.index("secret watch:"):]
    assert "…" in report and not re.search(r"[A-Za-z0-9_-]{40,}", report)  # only a prefix of the secret
