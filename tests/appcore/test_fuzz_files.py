"""Whatever is in the config file or the account file, tootty answers with its own clear error, never a crash."""
import json

from hypothesis import HealthCheck, given, settings, strategies as st

from app.accounts import AccountError, AccountStore
from app.config import ConfigError, parse_config

THEMES = ["textual-dark", "nord"]
KEYS = {"": ["theme", "time", "default_visibility", "default_language", "open", "keys", "confirm", "pace",
             "notifications", "x"],
        "open": ["links", "media", "y"], "confirm": ["boost", "delete", "z"], "pace": ["polling_share",
                                                                                     "min_poll_seconds"],
        "keys": ["app.quit", "timeline.reply"], "notifications": ["types", "w"]}

scalars = st.one_of(st.booleans(), st.integers(-10**6, 10**6), st.floats(allow_nan=False, allow_infinity=False),
                    st.text(max_size=20))
values = st.one_of(scalars, st.lists(scalars, max_size=4))


def toml_value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)  # nearly always a valid TOML basic string
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    return repr(value)


@st.composite
def configs(draw):
    lines = []
    for key in draw(st.lists(st.sampled_from(KEYS[""][:4] + ["x"]), unique=True)):
        lines.append(f"{key} = {toml_value(draw(values))}")
    for table in draw(st.lists(st.sampled_from(["open", "confirm", "pace", "keys", "notifications"]), unique=True)):
        lines.append(f"[{table}]")
        for key in draw(st.lists(st.sampled_from(KEYS[table]), unique=True)):
            lines.append(f'"{key}" = {toml_value(draw(values))}')
    return "\n".join(lines)


@settings(max_examples=300, deadline=None)
@given(configs())
def test_any_typed_config_parses_or_names_the_key(text):
    try:
        config = parse_config(text, themes=THEMES)
    except ConfigError as e:
        assert (e.key or e.line) and str(e).count("\n") == 0
        return
    assert 0.05 <= config.pace.polling_share <= 1
    assert config.default_visibility in ("public", "unlisted", "private", "direct")


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_arbitrary_text_never_crashes(text):
    try:
        parse_config(text, themes=THEMES)
    except ConfigError as e:
        assert str(e)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(st.binary(max_size=300),
                 st.recursive(st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=10)),
                              lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                      st.dictionaries(st.sampled_from(
                                                          ["version", "apps", "accounts", "active", "username",
                                                           "base_url", "access_token", "account_id"]), inner,
                                                          max_size=4)),
                              max_leaves=12).map(lambda v: json.dumps(v).encode())))
def test_any_account_file_is_read_or_set_aside(tmp_path_factory, raw):
    directory = tmp_path_factory.mktemp("store")
    path = directory / "accounts.json"
    path.write_bytes(raw)
    try:
        store = AccountStore(path)
    except AccountError as e:  # only a file from a newer tootty is refused, and it is left as it was
        assert "newer" in str(e) and path.read_bytes() == raw
        return
    if store.problem and "kept as" in store.problem:
        kept = list(directory.glob("accounts.json.corrupt-*"))
        assert len(kept) == 1 and kept[0].read_bytes() == raw
    store.accounts, store.active  # noqa: B018 - reading them must work
