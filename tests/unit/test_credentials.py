"""Credential files: the seed's 1.0.7 forms and the 4-line forms, written atomically with mode 0600; garbage
gives a clear error that never quotes the secret."""
from __future__ import annotations

import os
import stat

import pytest

import api
from api.credentials import (ClientCredentials, UserCredentials, read_client_file, read_user_file,
                             write_client_file, write_user_file)
from api.errors import MastodonFileNotFoundError, MastodonIllegalArgumentError


def test_seed_1_0_7_two_line_client_file(tmp_path):
    path = tmp_path / "app.secret"
    path.write_text("cid-123\ncsecret-456\n")
    creds = read_client_file(path)
    assert (creds.client_id, creds.client_secret, creds.api_base_url) == ("cid-123", "csecret-456", None)


def test_seed_1_0_7_one_line_user_file(tmp_path):
    path = tmp_path / "user.secret"
    path.write_text("usertoken-789\n")
    assert read_user_file(path).access_token == "usertoken-789"


def test_four_line_files(tmp_path):
    (tmp_path / "c").write_text("cid\ncsecret\nhttps://example.social/\nmy app\n")
    (tmp_path / "u").write_text("tok\nhttps://example.social\ncid\ncsecret\n")
    client = read_client_file(tmp_path / "c")
    user = read_user_file(tmp_path / "u")
    assert (client.api_base_url, client.client_name) == ("https://example.social", "my app")
    assert (user.access_token, user.api_base_url, user.client_id, user.client_secret) == \
        ("tok", "https://example.social", "cid", "csecret")


def test_crlf_and_blank_trailing_lines(tmp_path):
    (tmp_path / "c").write_bytes(b"cid\r\ncsecret\r\n\r\n\r\n")
    assert read_client_file(tmp_path / "c").client_secret == "csecret"


def test_written_in_four_lines_with_mode_0600(tmp_path):
    path = tmp_path / "user.secret"
    write_user_file(path, UserCredentials("tok", "https://example.social", "cid", "cs"))
    assert path.read_text() == "tok\nhttps://example.social\ncid\ncs\n"
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    write_client_file(tmp_path / "app.secret", ClientCredentials("cid", "cs", "https://example.social", "n"))
    assert (tmp_path / "app.secret").read_text().splitlines() == ["cid", "cs", "https://example.social", "n"]
    assert stat.S_IMODE(os.stat(tmp_path / "app.secret").st_mode) == 0o600


def test_written_atomically_old_content_survives_a_failed_write(tmp_path, monkeypatch):
    path = tmp_path / "user.secret"
    write_user_file(path, UserCredentials("old-token", "https://a.example"))

    def broken_fsync(fd):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(OSError):
        write_user_file(path, UserCredentials("new-token", "https://a.example"))
    assert path.read_text().splitlines()[0] == "old-token"
    assert [p.name for p in tmp_path.iterdir()] == ["user.secret"]   # no temp file left behind


def test_overwrite_replaces_a_world_readable_file_with_a_private_one(tmp_path):
    path = tmp_path / "user.secret"
    path.write_text("x\n")
    os.chmod(path, 0o644)
    write_user_file(path, UserCredentials("tok"))
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600


@pytest.mark.parametrize("content", ["", "\n\n", "has spaces in it SECRETVALUE\n", "\x00\x01SECRETVALUE binary"])
def test_garbage_is_a_clear_error_without_the_secret(tmp_path, content):
    path = tmp_path / "user.secret"
    path.write_text(content)
    with pytest.raises(MastodonIllegalArgumentError) as caught:
        read_user_file(path)
    assert "SECRETVALUE" not in str(caught.value)
    assert str(path) in str(caught.value)


def test_client_file_needs_two_lines(tmp_path):
    (tmp_path / "c").write_text("SECRETVALUE\n")
    with pytest.raises(MastodonIllegalArgumentError) as caught:
        read_client_file(tmp_path / "c")
    assert "SECRETVALUE" not in str(caught.value)


def test_non_http_base_url_in_file_is_refused(tmp_path):
    (tmp_path / "u").write_text("tok\nftp://example.social\n")
    with pytest.raises(MastodonIllegalArgumentError):
        read_user_file(tmp_path / "u")


def test_binary_file_is_a_clear_error(tmp_path):
    (tmp_path / "u").write_bytes(b"\xff\xfe\xfaSECRET")
    with pytest.raises(MastodonFileNotFoundError) as caught:
        read_user_file(tmp_path / "u")
    assert "SECRET" not in str(caught.value)


def test_missing_file_named_in_constructor(tmp_path):
    with pytest.raises(MastodonFileNotFoundError):
        api.Mastodon(access_token=str(tmp_path / "nope.secret"))


def test_constructor_reads_files_and_takes_the_base_url_from_them(tmp_path):
    (tmp_path / "app.secret").write_text("cid\ncs-SECRET\nhttp://127.0.0.1:9\nn\n")
    (tmp_path / "user.secret").write_text("tkn-XYZ987\n")
    client = api.Mastodon(client_id=str(tmp_path / "app.secret"), access_token=str(tmp_path / "user.secret"))
    assert (client.client_id, client.client_secret, client.access_token) == ("cid", "cs-SECRET", "tkn-XYZ987")
    assert client.api_base_url == "http://127.0.0.1:9"
    for text in (repr(client), repr(read_user_file(tmp_path / "user.secret")),
                 repr(read_client_file(tmp_path / "app.secret"))):
        assert "XYZ987" not in text and "cs-SECRET" not in text


def test_a_token_with_a_slash_is_a_token_not_a_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    client = api.Mastodon(access_token="abc/def+ghi=", api_base_url="https://example.social")
    assert client.access_token == "abc/def+ghi="
    with pytest.raises(MastodonFileNotFoundError):
        api.Mastodon(access_token=str(tmp_path / "missing.txt"))
