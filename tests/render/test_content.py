from rich.style import Style

from widgets import theme
from widgets.content import render_html, render_status_content
from widgets.sanitize import is_safe

MASTODON_LINK = (
    '<a href="https://example.com/a/very/long/path/to/a/page" rel="nofollow noopener" target="_blank">'
    '<span class="invisible">https://</span><span class="ellipsis">example.com/a/very/long/path/t</span>'
    '<span class="invisible">o/a/page</span></a>'
)
MENTION = '<span class="h-card"><a href="https://social.example/@bob" class="u-url mention">@<span>bob</span></a></span>'
HASHTAG = '<a href="https://social.example/tags/Cats" class="mention hashtag" rel="tag">#<span>Cats</span></a>'


def lines(html, width=60, **kw):
    return [line.plain for line in render_html(html, **kw).lines(width)]


def test_paragraphs_separated_by_a_blank_line_and_br_breaks():
    assert lines("<p>one</p><p>two<br>three</p>") == ["one", "", "two", "three"]


def test_whitespace_collapses_outside_pre():
    assert lines("<p>  a \n  b\t c  </p>") == ["a b c"]


def test_invisible_spans_hidden_and_ellipsis_added():
    rendered = render_html(f"<p>see {MASTODON_LINK} now</p>")
    assert rendered.plain == "see example.com/a/very/long/path/t… now"
    (link,) = rendered.links
    assert link.kind == "url"
    assert link.target == "https://example.com/a/very/long/path/to/a/page"
    assert link.text == "example.com/a/very/long/path/t…"
    assert not link.suspicious


def test_mentions_and_hashtags_carry_targets():
    rendered = render_html(
        f"<p>{MENTION} likes {HASHTAG}</p>",
        mentions=[{"id": "42", "username": "bob", "acct": "bob@social.example", "url": "https://social.example/@bob"}],
        tags=[{"name": "cats", "url": "https://social.example/tags/Cats"}],
    )
    assert rendered.plain == "@bob likes #Cats"
    mention, tag = rendered.links
    assert (mention.kind, mention.target, mention.account_id) == ("mention", "bob@social.example", "42")
    assert (tag.kind, tag.target) == ("hashtag", "cats")


def test_unmatched_mention_guesses_acct_from_href():
    rendered = render_html(f"<p>{MENTION}</p>")
    assert rendered.links[0].kind == "mention"
    assert rendered.links[0].target == "bob@social.example"
    assert rendered.links[0].account_id is None


def test_link_characters_carry_their_index_and_style():
    rendered = render_html(f"<p>{MENTION} {HASHTAG} {MASTODON_LINK}</p>")
    (line,) = rendered.lines(200)
    found = {}
    for span in line.spans:
        if isinstance(span.style, Style) and span.style.meta.get(theme.LINK_META) is not None:
            index = span.style.meta[theme.LINK_META]
            found[index] = found.get(index, "") + line.plain[span.start : span.end]
    assert found == {0: "@bob", 1: "#Cats", 2: "example.com/a/very/long/path/t…"}


def test_link_offset_numbers_links_from_there():
    rendered = render_html('<a href="https://a.example">x</a>', link_offset=5)
    (line,) = rendered.lines(20)
    metas = {s.style.meta.get(theme.LINK_META) for s in line.spans if isinstance(s.style, Style)}
    assert 5 in metas


def test_link_whose_text_names_another_domain_is_flagged():
    rendered = render_html('<p><a href="https://evil.example/login">https://bank.example/login</a></p>')
    (link,) = rendered.links
    assert link.suspicious
    assert "bank.example" in link.reason and "evil.example" in link.reason


def test_lookalike_subdomain_and_homoglyph_flagged():
    assert render_html('<a href="https://bank.example.evil.test/">bank.example</a>').links[0].suspicious
    assert render_html('<a href="https://bank.example/">b\u0430nk.example</a>').links[0].suspicious  # Cyrillic a


def test_honest_links_not_flagged():
    for html in (
        '<a href="https://www.example.com/x">example.com</a>',
        '<a href="https://example.com/x">click here</a>',
        '<a href="https://example.com/x">https://example.com/x</a>',
    ):
        assert not render_html(html).links[0].suspicious, html


def test_non_web_scheme_flagged():
    link = render_html('<a href="javascript:alert(1)">harmless</a>').links[0]
    assert link.suspicious and "javascript" in link.reason


def test_link_href_made_safe():
    link = render_html('<a href="https://example.com/\u202eexe.txt">x</a>').links[0]
    assert "\u202e" not in link.url and "%E2%80%AE" in link.url


def test_lists_with_bullets_numbers_and_nesting():
    html = "<ul><li>one</li><li>two<ol start='3'><li>three</li><li>four</li></ol></li></ul><p>after</p>"
    assert lines(html) == ["• one", "• two", "  3. three", "  4. four", "", "after"]


def test_list_item_wraps_with_hanging_indent():
    assert lines("<ol><li>alpha beta gamma delta</li></ol>", width=14) == ["1. alpha beta", "   gamma delta"]


def test_blockquote_has_a_bar_on_every_line():
    out = lines("<blockquote><p>quoted words that wrap</p><p>more</p></blockquote>", width=14)
    assert out == ["▌ quoted words", "▌ that wrap", "▌", "▌ more"]


def test_pre_keeps_whitespace_and_code_is_styled():
    rendered = render_html("<pre><code>def f():\n\treturn 1\n</code></pre><p>x <code>y</code></p>")
    assert [line.plain for line in rendered.lines(40)] == ["def f():", "    return 1", "", "x y"]
    styled = [s for s in rendered.blocks[0].body.spans if s.style == theme.CODE]
    assert styled


def test_inline_styles():
    rendered = render_html("<p><strong>b</strong><em>i</em><del>d</del></p>")
    body = rendered.blocks[0].body
    styles = {body.plain[s.start : s.end]: s.style for s in body.spans}
    assert styles["b"].bold and styles["i"].italic and styles["d"].strike


def test_scripts_and_styles_dropped_unknown_tags_keep_text():
    assert lines("<script>alert(1)</script><style>p{}</style><p><blink>hi</blink> <x-foo>there</x-foo></p>") == [
        "hi there"
    ]


def test_custom_emoji_styled_only_when_known():
    rendered = render_html("<p>:blobcat: :unknown:</p>", emojis=[{"shortcode": "blobcat", "url": "x"}])
    body = rendered.blocks[0].body
    styled = [body.plain[s.start : s.end] for s in body.spans if s.style == theme.EMOJI]
    assert styled == [":blobcat:"]


def test_markup_lookalikes_in_html_literal():
    out = render_html("<p>[bold]x[/] [@click=app.quit]y[/] **z**</p>")
    assert out.plain == "[bold]x[/] [@click=app.quit]y[/] **z**"


def test_escape_sequences_inside_html_and_entities_removed():
    html = "<p>a\x1b[31mb &#x1b;]52;c;ZXZpbA==&#x7; c\u202ed</p>"
    out = render_html(html).plain
    assert is_safe(out)
    assert "ZXZpbA" not in out


def test_malformed_html_renders():
    assert lines("<p><b>unclosed <i>tags<p>next") == ["unclosed tags", "", "next"]
    assert lines("</p></div>text<<>>&amp;&bogus;") == ["text<<>>&&bogus;"]
    assert lines("") == []
    assert lines(None) == []


def test_absurd_nesting_flattened_without_error():
    out = render_html("<blockquote>" * 3000 + "deep" + "</blockquote>" * 3000)
    assert "deep" in out.plain
    assert all(line.cell_len <= 30 for line in out.lines(30))


def test_unrenderable_input_falls_back_to_marked_plain_text(monkeypatch):
    import widgets.content as content

    def explode(*args, **kwargs):
        raise RuntimeError("parser broke")

    monkeypatch.setattr(content, "LexborHTMLParser", explode)
    out = content.render_html("<p>hello <b>world</b>\x1b[2J</p>")
    assert out.failed
    assert "could not render" in out.lines(80)[0].plain
    assert "hello" in out.plain and "world" in out.plain
    assert is_safe(out.plain)


def test_status_content_cached_until_edited():
    status = {"id": "1", "content": "<p>v1</p>", "edited_at": None}
    first = render_status_content(status)
    assert render_status_content(dict(status, favourites_count=3)) is first
    edited = render_status_content(dict(status, content="<p>v2</p>", edited_at="2024-01-01T00:00:00Z"))
    assert edited.plain == "v2"


def test_lines_never_exceed_width():
    html = f"<p>{'x' * 300} {MASTODON_LINK}</p><ul><li><blockquote>{'y' * 100}</blockquote></li></ul>"
    for width in (1, 5, 20, 80):
        assert all(line.cell_len <= max(width, 1) for line in render_html(html).lines(width))


def test_too_many_tags_shown_as_plain_text():
    # Deep nesting makes HTML5 tree building quadratic; such a post is shown without formatting instead.
    out = render_html("<div>" * 15_000 + "still readable")
    assert out.failed
    assert "too many HTML tags" in out.lines(80)[0].plain
    assert "still readable" in out.plain


def test_long_posts_cut_with_a_marker_when_asked():
    html = "<ol>" + "<li>item</li>" * 500 + "</ol>"
    rendered = render_html(html)
    assert len(rendered.lines(40)) == 500
    cut = rendered.lines(40, max_lines=20)
    assert len(cut) == 20
    assert cut[-1].plain.startswith("⋯ (long post cut here")


def test_runs_of_spaces_wrap():
    out = render_html("<pre>" + " " * 5000 + "x</pre>").lines(80)
    assert all(line.cell_len <= 80 for line in out)
    assert out[-1].plain.strip() == "x"
    assert render_html("<p>" + " " * 5000 + "</p>").lines(80) == []


def test_shown_host_reads_urls_and_domains_only():
    from widgets.links import shown_host

    assert shown_host("example.com/pa…") == ("example.com", False)
    assert shown_host("https://user@bank.example:8443/login") == ("bank.example", False)
    assert shown_host("bank.exa…") == ("bank.exa", True)
    for not_a_host in ("@bob", "#tag", "e.g.", "click here", "a:b", "", "a." * 5000):
        assert shown_host(not_a_host) is None, not_a_host
