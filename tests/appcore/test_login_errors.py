"""Login failures that happen before any Mastodon server is involved, each with its own message."""
import os
import socket
import ssl
import sys
import time

import pytest

from app.browser import browser_commands, has_display, open_url
from app.login import LoginError, normalise_instance, probe_instance
from tests.appcore.tinyserver import html_server, self_signed_cert


@pytest.mark.parametrize("typed, base, user", [
    ("mastodon.social", "https://mastodon.social", None),
    ("  https://Mastodon.Social/ ", "https://mastodon.social", None),
    ("@alice@mastodon.social", "https://mastodon.social", "alice"),
    ("alice@hachyderm.io", "https://hachyderm.io", "alice"),
    ("https://fosstodon.org/@bob", "https://fosstodon.org", "bob"),
    ("https://example.social/web/home", "https://example.social", None),
    ("http://127.0.0.1:3000", "http://127.0.0.1:3000", None),
    ("bücher.social", "https://xn--bcher-kva.social", None),
])
def test_normalise_instance(typed, base, user):
    assert normalise_instance(typed) == (base, user)


@pytest.mark.parametrize("typed", ["", "   ", "ftp://x.org", "@alice@", "not a host", "https://", "a@b/c"])
def test_normalise_rejects(typed):
    with pytest.raises(LoginError) as e:
        normalise_instance(typed)
    assert e.value.kind == "bad_instance"


def test_html_page_is_not_mastodon():
    with html_server() as url:
        with pytest.raises(LoginError) as e:
            probe_instance(url, timeout=10)
    assert e.value.kind == "not_mastodon" and "not a Mastodon-compatible server" in str(e.value)


def test_404_everywhere_is_not_mastodon():
    with html_server(status=404) as url:
        with pytest.raises(LoginError) as e:
            probe_instance(url, timeout=10)
    assert e.value.kind == "not_mastodon"


def test_server_error_is_retryable():
    with html_server(status=503) as url:
        with pytest.raises(LoginError) as e:
            probe_instance(url, timeout=10)
    assert e.value.kind == "server_error" and e.value.retry


def test_connection_refused():
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()  # nothing listens on this port now
    with pytest.raises(LoginError) as e:
        probe_instance(f"http://127.0.0.1:{port}", timeout=10)
    assert e.value.kind == "refused" and "refused" in str(e.value)


def test_unknown_host(monkeypatch):
    # Resolution is made to fail locally: the test must not send a DNS query out.
    def no_such_host(host, *args, **kwargs):
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_such_host)
    with pytest.raises(LoginError) as e:
        probe_instance("https://no-such-instance.invalid", timeout=10)
    assert e.value.kind == "unknown_host" and "no-such-instance.invalid" in str(e.value)


def test_untrusted_certificate(tmp_path):
    with html_server(tls_cert=self_signed_cert(tmp_path)) as url:
        with pytest.raises(LoginError) as e:
            probe_instance(url, timeout=10)
    assert e.value.kind == "tls" and "certificate" in str(e.value)


def test_tls_to_plain_http_port():
    with html_server() as url:
        with pytest.raises(LoginError) as e:
            probe_instance(url.replace("http://", "https://"), timeout=10)
    assert e.value.kind == "tls" and "http://" in str(e.value)


@pytest.mark.parametrize("env, platform, expected", [
    ({}, "linux", False),
    ({"DISPLAY": ":0"}, "linux", True),
    ({"WAYLAND_DISPLAY": "wayland-0"}, "linux", True),
    ({"DISPLAY": ":0", "SSH_CONNECTION": "1.2.3.4 5 6.7.8.9 22"}, "linux", False),
    ({}, "darwin", True),
    ({"SSH_TTY": "/dev/pts/1"}, "darwin", False),
])
def test_has_display(env, platform, expected):
    assert has_display(env, platform) is expected


def test_browser_from_env_is_started(tmp_path):
    record = tmp_path / "opened"
    script = tmp_path / "fake-browser"
    script.write_text(f"#!{sys.executable}\nimport sys, os\n"
                      f"open({str(record) + '.part'!r}, 'w').write(' '.join(sys.argv[1:]))\n"
                      f"os.replace({str(record) + '.part'!r}, {str(record)!r})\n")
    script.chmod(0o755)
    env = {"DISPLAY": ":0", "BROWSER": f"{tmp_path / 'missing'}{os.pathsep}{script} --new %s"}
    assert browser_commands("https://x/a", env)[1] == [str(script), "--new", "https://x/a"]
    assert open_url("https://x/a?b=c", env=env, platform="linux")
    deadline = time.monotonic() + 30  # waits for the detached browser to write, not for a fixed time
    while not record.exists() and time.monotonic() < deadline:
        time.sleep(0.02)
    assert record.read_text() == "--new https://x/a?b=c"


def test_no_browser_without_display(tmp_path):
    marker = tmp_path / "started"
    env = {"SSH_CONNECTION": "x", "DISPLAY": ":0", "BROWSER": f"touch {marker}"}
    assert not open_url("https://x/", env=env, platform="linux")
    assert not open_url("https://x/", env={"BROWSER": f"touch {marker}"}, platform="linux")
    assert not marker.exists()


def test_default_platform_with_a_display_and_no_browser_anywhere(tmp_path, monkeypatch):
    # platform=None means this machine's; nothing on PATH means nothing can start (and nothing real is started).
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.delenv("BROWSER", raising=False)
    assert open_url("https://x/", env={"DISPLAY": ":0"}) is False


def test_missing_chosen_browser_is_not_replaced(tmp_path):
    env = {"DISPLAY": ":0", "BROWSER": str(tmp_path / "no-such-browser")}
    assert not open_url("https://x/", env=env, platform="linux")


def test_server_refusing_registration(tmp_path):
    from app.accounts import AccountStore
    from app.login import LoginFlow
    from tests.appcore.tinyserver import closed_registration_server

    store = AccountStore(tmp_path / "accounts.json")
    with closed_registration_server() as url:
        with pytest.raises(LoginError) as e:
            LoginFlow(store, timeout=10).start(url)
    assert e.value.kind == "registration_refused"
    assert "does not accept new applications" in str(e.value) and "closed.example" in str(e.value)
    assert store.app_for(url) is None


def test_registration_uses_the_flows_tls_settings(tmp_path):
    # LoginFlow(verify=CA) must reach a server with that CA at every step, registration included.
    from app.accounts import AccountStore
    from app.login import LoginFlow
    from tests.appcore.tinyserver import closed_registration_server, self_signed_cert

    cert = self_signed_cert(tmp_path)
    store = AccountStore(tmp_path / "accounts.json")
    with closed_registration_server(tls_cert=cert) as url:
        with pytest.raises(LoginError) as e:
            LoginFlow(store, timeout=10, verify=ssl.create_default_context(cafile=cert[0])).start(url)
    assert e.value.kind == "registration_refused"


@pytest.mark.parametrize("typed, ok", [
    ("http://mastodon.example", False), ("http://10.0.0.5:3000", False), ("http://localhost:3000", True),
    ("http://[::1]:3000", True), ("http://127.0.0.2", True),
])
def test_plain_http_only_on_loopback(typed, ok):
    if ok:
        assert normalise_instance(typed)[0].startswith("http://")
    else:
        with pytest.raises(LoginError) as e:
            normalise_instance(typed)
        assert e.value.kind == "insecure" and "https://" in str(e.value)
