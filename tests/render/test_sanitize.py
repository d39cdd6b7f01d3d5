import pytest
from rich.console import Console
from rich.text import Text

from tests.render.hostile import BIDI, ESC, INVISIBLE, MARKUP_LOOKALIKES, SEQUENCES
from widgets.sanitize import MAX_LABEL, clean, is_safe, safe_url, sanitize_plain, sanitize_text


@pytest.mark.parametrize("name,hostile,expected,gone", SEQUENCES, ids=[s[0] for s in SEQUENCES])
def test_escape_sequences_removed_whole(name, hostile, expected, gone):
    out = clean(hostile)
    assert out == expected
    assert ESC not in out
    for fragment in gone:
        assert fragment not in out
    assert is_safe(out)
    assert not is_safe(hostile)


@pytest.mark.parametrize("char", BIDI, ids=[f"U+{ord(c):04X}" for c in BIDI])
def test_bidi_controls_removed(char):
    hostile = f"abc{char}gnp.exe"
    assert clean(hostile) == "abcgnp.exe"
    assert not is_safe(hostile)
    assert sanitize_plain(hostile) == "abcgnp.exe"


@pytest.mark.parametrize("char", INVISIBLE, ids=[f"U+{ord(c):04X}" for c in INVISIBLE])
def test_invisible_format_characters_removed(char):
    assert clean(f"ad{char}min") == "admin"


def test_zwj_kept_only_between_emoji():
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"
    assert clean(family) == family
    assert is_safe(family)
    assert clean("ad\u200dmin") == "admin"
    assert clean("\u200d\U0001f468") == "\U0001f468"


def test_line_breaks_only_where_allowed():
    text = "one\ntwo\r\nthree\u2028four\u2029five\x0bsix\x0cseven"
    assert clean(text) == "one\ntwo\nthree\nfour\nfive\nsix\nseven"
    single = clean(text, newlines=False)
    assert "\n" not in single
    assert single == "one two three four five six seven"
    assert "\n" not in sanitize_plain("a\nb\r\nc")


def test_tabs_become_spaces():
    assert clean("a\tb") == "a    b"
    assert sanitize_plain("a\t\tb") == "a b"
    assert "\t" not in clean("\t" * 10)


def test_lone_surrogates_replaced():
    out = clean("a\ud800b\udfffc")
    assert out == "a\ufffdb\ufffdc"
    out.encode("utf-8")  # must be encodable


def test_combining_marks_capped():
    zalgo = "Z" + "\u0301\u0316\u0324\u0350" * 50 + "a"
    out = clean(zalgo)
    assert len(out) <= 1 + 4 + 1
    assert out.startswith("Z") and out.endswith("a")
    assert clean("Vi\u1ec7t") == "Vi\u1ec7t"  # ordinary accents untouched


def test_length_cap():
    out = clean("x" * 100_000, max_len=1000)
    assert len(out) == 1000 and out.endswith("…")
    assert len(sanitize_plain("y" * 5000)) == MAX_LABEL


def test_odd_spaces_normalised():
    assert clean("a\u2003b\u200ac") == "a b c"


@pytest.mark.parametrize("markup", MARKUP_LOOKALIKES)
def test_markup_is_shown_literally(markup):
    text = sanitize_text(markup)
    assert isinstance(text, Text)
    assert text.plain == markup
    assert not text.spans
    console = Console(width=80, record=True, color_system=None)
    console.print(text)
    assert console.export_text().rstrip("\n") == markup


def test_sanitize_plain_breaks_huge_words():
    label = sanitize_plain("a" * 150, max_word=60)
    assert max(len(word) for word in label.split(" ")) <= 60
    assert label.replace(" ", "") == "a" * 150


def test_huge_word_wraps_to_width():
    text = sanitize_text("w" * 5000)
    lines = text.wrap(Console(width=40), 40)
    assert len(lines) == 125
    assert all(line.cell_len <= 40 for line in lines)


def test_non_strings_never_raise():
    assert clean(None) == ""
    assert clean(42) == "42"
    assert sanitize_plain(None) == ""
    assert sanitize_plain(["x"]) == "['x']"


def test_safe_url_encodes_controls_and_bidi():
    url = safe_url(f"https://example.com/a b\u202e\x1b[31m\u200b")
    assert url == "https://example.com/a%20b%E2%80%AE%1B[31m%E2%80%8B"
    assert is_safe(url)
    assert safe_url(None) == ""


def test_the_whole_tags_block_goes_even_unassigned_code_points():
    # U+E0000 is unassigned (category Cn, not Cf) but sits in the invisible Tags block (found by fuzzing).
    from widgets.sanitize import clean, sanitize_plain
    for text in ("a\U000e0000b", "a\U000e0001b", "a\U000e007fb"):
        assert clean(text) == "ab" and sanitize_plain(text) == "ab"
