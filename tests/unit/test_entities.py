"""Entity parsing: dicts with attribute access, aware datetimes, string ids, unknown fields kept, missing fields
tolerated, malformed JSON -> MastodonBadResponseError."""
from __future__ import annotations

import json
from datetime import datetime, timezone

import pytest

from api.entities import AttribAccessDict, AttribAccessList, loads, parse_datetime, to_entity, unpack_id
from api.errors import MastodonBadResponseError, MastodonIllegalArgumentError

from .fakes import Script, reply, sync_client

STATUS = {
    "id": 110000000000000001, "created_at": "2023-11-14T22:13:20.123Z", "edited_at": None,
    "in_reply_to_id": 42, "in_reply_to_account_id": None,
    "account": {"id": 7, "acct": "alice", "created_at": "2023-01-01T00:00:00+02:00", "last_status_at": "2023-11-14"},
    "poll": {"id": "3", "expires_at": "2023-11-15T00:00:00Z", "options": [{"title": "a"}]},
    "brand_new_field": {"nested": [1, 2]},
}


def test_dict_with_attribute_access_and_nested_entities():
    status = loads(json.dumps(STATUS))
    assert isinstance(status, dict) and isinstance(status, AttribAccessDict)
    assert status.account.acct == "alice"
    assert status["account"]["acct"] == "alice"
    assert status.poll.options[0].title == "a"


def test_times_are_aware_datetimes():
    status = loads(json.dumps(STATUS))
    assert status.created_at == datetime(2023, 11, 14, 22, 13, 20, 123000, tzinfo=timezone.utc)
    assert status.account.created_at.utcoffset().total_seconds() == 7200
    assert status.account.last_status_at == datetime(2023, 11, 14, tzinfo=timezone.utc)   # a bare date
    assert status.poll.expires_at.tzinfo is not None
    assert status.edited_at is None


def test_ids_are_strings():
    status = loads(json.dumps(STATUS))
    assert status.id == "110000000000000001"
    assert status.in_reply_to_id == "42" and status.account.id == "7"
    assert status.in_reply_to_account_id is None


def test_unknown_fields_are_kept():
    assert loads(json.dumps(STATUS)).brand_new_field == {"nested": [1, 2]}


def test_missing_fields_tolerated_but_typos_still_raise():
    minimal = loads('{"id": "1"}')
    assert minimal.get("card") is None
    with pytest.raises(AttributeError):
        minimal.carrd
    minimal.extra = 5
    assert minimal["extra"] == 5


def test_bad_dates_are_kept_as_text():
    odd = loads('{"created_at": "last tuesday", "updated_at": "2023-99-99T00:00:00Z", "expires_at": 5}')
    assert (odd.created_at, odd.updated_at, odd.expires_at) == ("last tuesday", "2023-99-99T00:00:00Z", 5)


def test_top_level_list_is_an_attrib_list():
    value = loads('[{"id": 1}, {"id": 2}]')
    assert isinstance(value, AttribAccessList) and [v.id for v in value] == ["1", "2"]


def test_to_entity_matches_loads():
    assert to_entity(json.loads(json.dumps(STATUS))) == loads(json.dumps(STATUS))


def test_parse_datetime_variants():
    assert parse_datetime("2023-11-14T22:13:20+00:00").tzinfo is not None
    assert parse_datetime("nonsense") == "nonsense"
    assert parse_datetime(None) is None


def test_unpack_id():
    assert unpack_id(5) == "5" and unpack_id(" 7 ") == "7" and unpack_id({"id": 9}) == "9"
    for bad in (None, True, "", "   ", 1.5):
        with pytest.raises(MastodonIllegalArgumentError):
            unpack_id(bad)


@pytest.mark.parametrize("body", [b"{not json", b'{"id": "1", "content": "trunc', b"<html>502</html>",
                                  b"\xff\xfe\x00", b"[" * 100000])
def test_malformed_json_is_a_bad_response_error(body):
    client = sync_client(Script(reply(200, raw=body)))
    with pytest.raises(MastodonBadResponseError) as caught:
        client.status(1)
    assert caught.value.status == 200


def test_wrong_shape_is_a_bad_response_error():
    client = sync_client(Script(reply(200, [1, 2])))
    with pytest.raises(MastodonBadResponseError):
        client.status(1)
    client = sync_client(Script(reply(200, {"error": "nope"})))
    with pytest.raises(MastodonBadResponseError):
        client.timeline_home()


def test_empty_body_keeps_the_declared_shape():
    assert sync_client(Script(reply(200, raw=b""))).timeline_home() == []
    assert sync_client(Script(reply(200, raw=b""))).status_favourite(1) == {}
