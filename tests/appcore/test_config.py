import os
import stat

import pytest

from app.config import Config, ConfigError, key_overrides, load_config, parse_config
from app.paths import config_dir, data_dir, drafts_dir

THEMES = ["textual-dark", "nord"]


def test_missing_file_gives_defaults(dirs):
    config = load_config(themes=THEMES)
    assert config == Config()
    assert config.pace.polling_share == 0.5
    assert config.confirms("delete") and not config.confirms("boost")
    assert config.warnings == []


def test_named_file_must_exist(tmp_path):
    with pytest.raises(ConfigError) as e:
        load_config(tmp_path / "nope.toml", must_exist=True, themes=THEMES)
    assert "nope.toml" in str(e.value) and "not found" in str(e.value)


def test_valid_file(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text('''
theme = "nord"
time = "absolute"
default_visibility = "unlisted"
default_language = "DE"
[open]
media = "mpv --really-quiet {url}"
[keys]
"timeline.reply" = ["r", "ctrl+r"]
"app.quit" = "q"
[confirm]
boost = true
delete = false
[pace]
polling_share = 0.25
min_poll_seconds = 60
[notifications]
types = ["mention", "follow"]
''')
    config = load_config(path, themes=THEMES)
    assert config.theme == "nord" and not config.relative_time
    assert config.default_visibility == "unlisted" and config.default_language == "de"
    assert config.keys == {"timeline.reply": "r,ctrl+r", "app.quit": "q"}
    assert config.confirm.boost and not config.confirm.delete and config.confirm.block
    assert config.pace.polling_share == 0.25 and config.pace.min_poll_seconds == 60
    assert config.notifications.shows("mention") and not config.notifications.shows("favourite")
    assert config.open.command("media", "https://x/a b.mp4") == ["mpv", "--really-quiet", "https://x/a b.mp4"]
    assert config.open.command("links", "https://x/") is None
    assert config.warnings == []


def test_broken_toml_names_file_and_line(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text('theme = "nord"\n\n[confirm]\nboost = = true\n')
    with pytest.raises(ConfigError) as e:
        load_config(path, themes=THEMES)
    message = str(e.value)
    assert str(path) in message and "line 4" in message and "not valid TOML" in message
    assert e.value.line == 4


@pytest.mark.parametrize("text, key, line", [
    ('theme = "nord"\n[confirm]\nboost = "yes"\n', "[confirm] boost", 3),
    ('default_visibility = "everyone"\n', "default_visibility", 1),
    ('\n[pace]\npolling_share = 3\n', "[pace] polling_share", 3),
    ('[pace]\npolling_share = true\n', "[pace] polling_share", 2),
    ('time = 5\n', "time", 1),
    ('confirm = 1\n', "confirm", 1),
    ('[keys]\n"timeline.reply" = 7\n', "[keys] timeline.reply", 2),
    ('[notifications]\ntypes = "mention"\n', "[notifications] types", 2),
    ('default_language = "english"\n', "default_language", 1),
    ('[open]\nlinks = "firefox \'unclosed"\n', "[open] links", 2),
])
def test_wrong_values_name_key_and_line(text, key, line):
    with pytest.raises(ConfigError) as e:
        parse_config(text, themes=THEMES)
    assert e.value.key == key
    assert e.value.line == line
    assert key in str(e.value) and f"line {line}" in str(e.value)


def test_unknown_keys_are_warnings_not_errors():
    config = parse_config('colour = "red"\n[confirm]\nboost = true\nexplode = true\n[mystery]\n',
                          themes=THEMES)
    assert config.confirm.boost
    joined = "\n".join(config.warnings)
    assert "colour" in joined and "line 1" in joined
    assert "[confirm] explode" in joined and "line 4" in joined
    assert "mystery" in joined


def test_unknown_theme_falls_back_with_warning():
    config = parse_config('theme = "hotdog-stand"\n', themes=THEMES)
    assert config.theme == "textual-dark"
    assert any("hotdog-stand" in w for w in config.warnings)


def test_default_themes_are_textuals():
    assert parse_config('theme = "gruvbox"\n').theme == "gruvbox"


def test_not_utf8(tmp_path):
    path = tmp_path / "config.toml"
    path.write_bytes(b'theme = "nord"\nx = "\xff"\n')
    with pytest.raises(ConfigError) as e:
        load_config(path, themes=THEMES)
    assert "line 2" in str(e.value) and "UTF-8" in str(e.value)


def test_key_overrides_split_known_and_unknown():
    config = parse_config('[keys]\n"timeline.reply" = "R"\n"nope" = "x"\n', themes=THEMES)
    good, bad = key_overrides(config, {"timeline.reply": None})
    assert good == {"timeline.reply": "R"}
    assert len(bad) == 1 and "nope" in bad[0]


def test_directories_are_private_and_overridable(dirs):
    for kind, function in (("config", config_dir), ("data", data_dir)):
        path = function()
        assert path == dirs[kind]
        assert stat.S_IMODE(os.stat(path).st_mode) == 0o700
    os.chmod(dirs["data"], 0o755)
    assert stat.S_IMODE(os.stat(drafts_dir().parent).st_mode) == 0o700


def test_default_file_documents_every_setting_at_its_default():
    from dataclasses import fields

    from app.config import DEFAULT_CONFIG_TEXT

    config = parse_config(DEFAULT_CONFIG_TEXT, themes=THEMES)
    assert config == Config() and config.warnings == []
    for section in ("open", "confirm", "pace", "notifications"):
        assert f"[{section}]" in DEFAULT_CONFIG_TEXT
        for f in fields(getattr(config, section)):
            assert f"\n{f.name} = " in DEFAULT_CONFIG_TEXT, (section, f.name)
    for name in ("theme", "time", "default_visibility", "default_language"):
        assert f"\n{name} = " in "\n" + DEFAULT_CONFIG_TEXT
