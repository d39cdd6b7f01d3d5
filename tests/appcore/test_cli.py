"""The command line, run as the user runs it: a subprocess with its own directories."""
import os
import re
import socket
import subprocess
import sys

import pytest

from app.accounts import Account, AccountStore
from app.cli import build_parser

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def tootty(*args, dirs, stdin="", env=None, timeout=60):
    environment = {**os.environ, "PYTHONPATH": ROOT, **(env or {})}
    for kind, path in dirs.items():
        environment[f"TOOTTY_{kind.upper()}_DIR"] = str(path)
    return subprocess.run([sys.executable, "-m", "app", *args], input=stdin, capture_output=True, text=True,
                          env=environment, cwd=ROOT, timeout=timeout)


def test_help_documents_every_command_and_flag(dirs):
    result = tootty("--help", dirs=dirs)
    assert result.returncode == 0
    for word in ("demo", "login", "logout", "accounts", "--config", "--version", "--account", "--no-color",
                 "NO_COLOR", "exit codes"):
        assert word in result.stdout
    parser = build_parser()
    subparsers = next(a for a in parser._actions if a.dest == "command").choices
    for name, sub in subparsers.items():
        text = tootty(name, "--help", dirs=dirs).stdout
        for action in sub._actions:
            for flag in action.option_strings:
                assert flag in text, (name, flag)
            if not action.option_strings:
                assert action.metavar in text


def test_version(dirs):
    result = tootty("--version", dirs=dirs)
    assert result.returncode == 0 and re.match(r"^tootty \d+\.\d+", result.stdout)


def test_no_account_tells_what_to_do(dirs):
    result = tootty(dirs=dirs)
    assert result.returncode == 1
    assert "tootty login" in result.stderr and "tootty demo" in result.stderr
    assert "Traceback" not in result.stderr


def test_broken_config_exits_2_naming_the_line(dirs, tmp_path):
    config = tmp_path / "mine.toml"
    config.write_text('theme = "nord"\n[confirm\nboost = true\n')
    result = tootty("--config", str(config), dirs=dirs)
    assert result.returncode == 2
    assert str(config) in result.stderr and "line 2" in result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_missing_named_config(dirs, tmp_path):
    result = tootty("--config", str(tmp_path / "none.toml"), dirs=dirs)
    assert result.returncode == 2 and "not found" in result.stderr


def test_accounts_list_and_use(dirs, monkeypatch):
    for kind, path in dirs.items():
        monkeypatch.setenv(f"TOOTTY_{kind.upper()}_DIR", str(path))
    store = AccountStore()
    store.add(Account("https://a.example", "alice", "1", "SECRET-A", display_name="Alice"))
    store.add(Account("https://b.example", "bob", "2", "SECRET-B"))
    listing = tootty("accounts", dirs=dirs)
    assert listing.returncode == 0
    assert "  alice@a.example  Alice" in listing.stdout and "* bob@b.example" in listing.stdout
    assert "SECRET" not in listing.stdout + listing.stderr
    switched = tootty("accounts", "--use", "@alice@a.example", dirs=dirs)
    assert switched.returncode == 0 and AccountStore().active.username == "alice"
    wrong = tootty("accounts", "--use", "carol", dirs=dirs)
    assert wrong.returncode == 2 and "no account 'carol'" in wrong.stderr
    paths = tootty("accounts", "--paths", dirs=dirs)
    assert str(dirs["config"] / "accounts.json") in paths.stdout


def test_unknown_account_for_the_app(dirs):
    result = tootty("--account", "nobody@x", dirs=dirs)
    assert result.returncode == 2 and "no account" in result.stderr


def test_logout_when_server_unreachable_forgets_and_says_so(dirs, monkeypatch):
    for kind, path in dirs.items():
        monkeypatch.setenv(f"TOOTTY_{kind.upper()}_DIR", str(path))
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    AccountStore().add(Account(f"http://127.0.0.1:{port}", "alice", "1", "SECRET-TOKEN"))
    result = tootty("logout", dirs=dirs)
    assert result.returncode == 1
    assert "Forgot @alice@127.0.0.1" in result.stdout and "revoke" in result.stdout
    assert "SECRET-TOKEN" not in result.stdout + result.stderr
    assert AccountStore().accounts == []
    assert tootty("logout", dirs=dirs).returncode == 2


def test_login_to_a_non_mastodon_server_fails_cleanly(dirs):
    from tests.appcore.tinyserver import html_server

    with html_server() as url:
        result = tootty("login", url, dirs=dirs)
    assert result.returncode == 1
    assert "not a Mastodon-compatible server" in result.stderr and "Traceback" not in result.stderr


def test_login_without_input_is_cancelled(dirs):
    result = tootty("login", dirs=dirs, stdin="")
    assert result.returncode == 1 and "cancelled" in result.stderr


def test_usage_error_exits_2(dirs):
    result = tootty("frobnicate", dirs=dirs)
    assert result.returncode == 2 and "invalid choice" in result.stderr


def test_textual_respects_no_color(monkeypatch):
    # Verified once here: Textual reads NO_COLOR itself when an App is created, so --no-color only sets it.
    from textual.app import App

    monkeypatch.setenv("NO_COLOR", "1")
    assert App().no_color
    monkeypatch.delenv("NO_COLOR")
    assert not App().no_color


def test_demo_serve_only_answers_instance(dirs):
    import signal

    import httpx

    environment = {**os.environ, "PYTHONPATH": ROOT}
    for kind, path in dirs.items():
        environment[f"TOOTTY_{kind.upper()}_DIR"] = str(path)
    proc = subprocess.Popen([sys.executable, "-m", "app", "demo", "--serve-only", "--port", "0"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=environment, cwd=ROOT)
    try:
        first = proc.stdout.readline()  # blocks until the instance is up (or the process died: empty line)
        match = re.search(r"(http://127\.0\.0\.1:\d+)", first)
        assert match, (first, proc.stderr.read() if proc.poll() is not None else "")
        assert "demo / demo" in proc.stdout.readline()
        info = httpx.get(match.group(1) + "/api/v1/instance", timeout=30).json()
        assert info["title"] and info["version"]
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=30) == 0
        assert "stopped" in proc.stdout.read()
        assert "Traceback" not in proc.stderr.read()
    finally:
        proc.kill()
        proc.wait()


def test_login_command_code_flow_with_a_wrong_code_first(dirs, monkeypatch):
    from app.demo_session import approve
    from app.login import PendingAuthorization
    from demo.server import running_instance

    environment = {k: v for k, v in os.environ.items()
                   if k not in ("DISPLAY", "WAYLAND_DISPLAY", "BROWSER")}  # no browser may start
    environment["PYTHONPATH"] = ROOT
    for kind, path in dirs.items():
        environment[f"TOOTTY_{kind.upper()}_DIR"] = str(path)
        monkeypatch.setenv(f"TOOTTY_{kind.upper()}_DIR", str(path))
    with running_instance() as inst:
        proc = subprocess.Popen([sys.executable, "-m", "app", "login", inst.base_url], stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=environment, cwd=ROOT)
        try:
            url = None
            while url is None:
                line = proc.stdout.readline()
                assert line, proc.stderr.read()
                if "/oauth/authorize?" in line:
                    url = line.strip()
            code = approve(PendingAuthorization(None, None, url, "", ""))
            out, err = proc.communicate("wrong-code\n" + code + "\n", timeout=60)
        finally:
            proc.kill()
            proc.wait()
    assert proc.returncode == 0, err
    assert "not accepted" in err and "Logged in as @demo@127.0.0.1" in out
    assert code not in out + err
    account = AccountStore().active
    assert account.username == "demo"
    assert account.access_token not in out + err


def test_demo_logs_in_through_oauth_without_touching_the_users_accounts(dirs, monkeypatch):
    import argparse

    from api import Mastodon
    from app.demo_session import run_demo

    for kind, path in dirs.items():
        monkeypatch.setenv(f"TOOTTY_{kind.upper()}_DIR", str(path))
    seen = {}

    def fake_run_app(config, store, account, demo=None):
        # Stands in for the Textual app: checks what it would be handed, while the instance is running.
        me = Mastodon(access_token=account.access_token, api_base_url=account.base_url).account_verify_credentials()
        seen.update(username=me["username"], demo=account.demo, active=store.active, base=demo.base_url,
                    apps=[a.name for a in demo.state.apps.values()],
                    issued=account.access_token in demo.tokens.values())
        return 7

    args = argparse.Namespace(serve_only=False, port=0, db=None)
    assert run_demo(args, None, say=print, run_app=fake_run_app) == 7
    assert seen["username"] == "demo" and seen["demo"] and seen["active"].username == "demo"
    assert "tootty" in seen["apps"]  # registered through /api/v1/apps like any server
    assert not seen["issued"]  # the token came from the code flow, not the instance's ready-made tokens
    assert AccountStore().accounts == []


def test_demo_db_problems_are_one_line(dirs, tmp_path):
    missing = tootty("demo", "--serve-only", "--db", str(tmp_path / "no" / "dir.db"), dirs=dirs)
    assert missing.returncode == 2 and "writable directory" in missing.stderr
    garbage = tmp_path / "garbage.db"
    garbage.write_text("not sqlite")
    broken = tootty("demo", "--serve-only", "--db", str(garbage), dirs=dirs)
    assert broken.returncode == 1 and "could not use the demo database" in broken.stderr
    assert "Traceback" not in missing.stderr + broken.stderr


def test_demo_port_in_use(dirs):
    busy = socket.socket()
    busy.bind(("127.0.0.1", 0))
    busy.listen()
    try:
        result = tootty("demo", "--serve-only", "--port", str(busy.getsockname()[1]), dirs=dirs)
    finally:
        busy.close()
    assert result.returncode == 1 and "Address already in use" in result.stderr


def test_config_command(dirs):
    path = dirs["config"] / "config.toml"
    assert "does not exist" in tootty("config", dirs=dirs).stdout
    created = tootty("config", "--init", dirs=dirs)
    assert created.returncode == 0 and path.exists()
    assert tootty("config", "--init", dirs=dirs).returncode == 1  # never overwrites
    assert tootty("config", dirs=dirs).stdout.strip().endswith(": OK")
    path.write_text(path.read_text() + "\nsparkles = true\n")
    checked = tootty("config", dirs=dirs)
    assert checked.returncode == 0 and "sparkles" in checked.stdout and "(1 warning)" in checked.stdout
    path.write_text("[pace]\npolling_share = 7\n")
    broken = tootty("config", dirs=dirs)
    assert broken.returncode == 2 and "line 2" in broken.stderr and "[pace] polling_share" in broken.stderr
    assert tootty("config", "--defaults", dirs=dirs).stdout.startswith("# tootty settings")


@pytest.mark.parametrize("password_grant", [True, False])
def test_login_command_with_password(dirs, monkeypatch, password_grant):
    from demo.server import running_instance

    for kind, path in dirs.items():
        monkeypatch.setenv(f"TOOTTY_{kind.upper()}_DIR", str(path))
    with running_instance(password_grant=password_grant) as inst:
        result = tootty("login", inst.base_url, "--password", "--username", "demo", stdin="wrong\ndemo\n",
                        dirs=dirs)
    if password_grant:
        assert result.returncode == 0, result.stderr
        assert "username or password is wrong" in result.stderr and "Logged in as @demo@" in result.stdout
        assert AccountStore().active.username == "demo"
    else:
        assert result.returncode == 1
        assert "does not offer password login" in result.stderr and "without --password" in result.stderr
        assert AccountStore().accounts == []


@pytest.mark.parametrize("answer, code, expected", [(b"y\n", 1, b"no account yet"), (b"n\n", 2, b"config error")])
def test_broken_config_offers_defaults_on_a_terminal(dirs, answer, code, expected):
    import pty

    (dirs["config"]).mkdir(mode=0o700, parents=True)
    (dirs["config"] / "config.toml").write_text("theme = \n")
    environment = {**os.environ, "PYTHONPATH": ROOT}
    for kind, path in dirs.items():
        environment[f"TOOTTY_{kind.upper()}_DIR"] = str(path)
    controller, terminal = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "app"], stdin=terminal, stdout=terminal, stderr=terminal,
                            env=environment, cwd=ROOT, close_fds=True)
    os.close(terminal)
    output = b""
    try:
        while b"[y/N]" not in output:
            chunk = os.read(controller, 4096)
            assert chunk, output
            output += chunk
        assert b"line 1" in output
        os.write(controller, answer)
        if answer == b"y\n":
            # With the defaults and no account, the app opens on its login screen; leaving it ends the app
            # with the "no account yet" answer.
            while b"Log in to a Mastodon server" not in output:
                chunk = os.read(controller, 4096)
                assert chunk, output
                output += chunk
            os.write(controller, b"\x1b")
        assert proc.wait(timeout=60) == code
        while True:
            try:
                chunk = os.read(controller, 4096)
            except OSError:  # EIO: the process closed the terminal
                break
            if not chunk:
                break
            output += chunk
    finally:
        proc.kill()
        proc.wait()
        os.close(controller)
    assert expected in output.split(b"[y/N]", 1)[1]
