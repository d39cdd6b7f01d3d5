"""Pilot tests of the Timeline widget in a tiny app: state, messages and the lines it paints."""

from datetime import datetime, timedelta, timezone

from rich.text import Text
from textual import events
from textual.app import App, ComposeResult

from widgets.parts import RenderedItem
from widgets.sanitize import is_safe
from widgets.timeline import Timeline, render_item

NOW = datetime(2026, 11, 26, 20, 0, tzinfo=timezone.utc)


def status(i: int, paragraphs: int = 1, **fields) -> dict:
    base = {
        "id": str(i),
        "created_at": NOW - timedelta(minutes=i),
        "account": {"id": f"a{i}", "display_name": f"User {i}", "acct": f"user{i}"},
        "content": "".join(f"<p>Status {i} part {k}</p>" for k in range(paragraphs)),
        "favourites_count": 0,
    }
    base.update(fields)
    return base


class CountingRenderer:
    """The real renderer, counting calls (to prove what is rendered, not to replace it)."""

    def __init__(self):
        self.calls: list[str] = []

    def __call__(self, item, width, expanded, now) -> RenderedItem:
        self.calls.append(item["id"])
        return render_item(item, width, expanded, now)


class TimelineApp(App):
    def __init__(self, items, renderer=render_item):
        super().__init__()
        self.items = items
        self.renderer = renderer
        self.messages: list = []

    def compose(self) -> ComposeResult:
        yield Timeline(self.items, renderer=self.renderer, clock=lambda: NOW)

    def on_timeline_selected(self, message):
        self.messages.append(("selected", message.key))

    def on_timeline_activated(self, message):
        self.messages.append(("activated", message.key))

    def on_timeline_near_end(self, message):
        self.messages.append(("near_end", message.oldest_key))

    def on_timeline_link_clicked(self, message):
        self.messages.append(("link", message.link.kind, message.link.target))

    def on_timeline_new_count_changed(self, message):
        self.messages.append(("new", message.count))


def cheap_renderer(item, width, expanded, now) -> RenderedItem:
    """Two lines per item: for tests about *what* gets rendered, where the real renderer's cost is noise."""
    return RenderedItem(lines=[Text(f"item {item['id']}"), Text(f"favourites {item.get('favourites_count')}")])


async def wait_measured(pilot, timeline):
    while timeline.measuring:
        await pilot.pause(0.05)


def screen_lines(timeline: Timeline) -> list[str]:
    return [timeline.render_line(y).text for y in range(timeline.scrollable_content_region.height)]


async def test_first_item_selected_and_painted():
    app = TimelineApp([status(i) for i in range(50)])
    async with app.run_test(size=(50, 20)) as pilot:
        timeline = app.query_one(Timeline)
        await pilot.pause()
        assert timeline.selected_key == "0"
        lines = screen_lines(timeline)
        assert lines[0].startswith("▌User 0 @user0")
        assert lines[1] == "▌Status 0 part 0".ljust(timeline.scrollable_content_region.width)
        assert lines[4].startswith(" User 1 @user1")  # not selected: no bar


async def test_only_visible_items_are_rendered():
    renderer = CountingRenderer()
    renderer_inner = cheap_renderer

    def counting(item, width, expanded, now):
        renderer.calls.append(item["id"])
        return renderer_inner(item, width, expanded, now)

    app = TimelineApp([status(i) for i in range(5000)], counting)
    async with app.run_test(size=(50, 20)) as pilot:
        timeline = app.query_one(Timeline)
        await wait_measured(pilot, timeline)
        assert timeline.virtual_size.height == 5000 * 3  # two lines and a separator each, all measured
        renderer.calls.clear()
        timeline.refresh()
        await pilot.pause()
        painted = set(renderer.calls)
        # Strips are cached: repainting renders nothing again.
        assert painted == set()
        await pilot.press("j")
        await pilot.pause()
        assert len(set(renderer.calls)) <= 10


async def test_j_k_move_the_cursor_and_post_selected():
    app = TimelineApp([status(i) for i in range(50)])
    async with app.run_test(size=(50, 20)) as pilot:
        timeline = app.query_one(Timeline)
        await pilot.press("j", "j", "j", "k")
        await pilot.pause()
        assert timeline.selected_key == "2"
        assert timeline.selected_index == 2
        assert [m for m in app.messages if m[0] == "selected"] == [
            ("selected", "1"), ("selected", "2"), ("selected", "3"), ("selected", "2")]
        top = timeline._index.top(timeline._cursor) - int(timeline.scroll_y)
        assert timeline.render_line(top).text.startswith("▌User 2")


async def test_cursor_scrolls_into_view():
    app = TimelineApp([status(i) for i in range(50)])
    async with app.run_test(size=(50, 12)) as pilot:
        timeline = app.query_one(Timeline)
        for _ in range(10):
            await pilot.press("j")
        await pilot.pause()
        assert timeline.selected_key == "10"
        assert timeline.scroll_y > 0
        assert any(line.startswith("▌User 10 ") for line in screen_lines(timeline))


async def test_g_G_and_near_end():
    app = TimelineApp([status(i) for i in range(40)])
    async with app.run_test(size=(50, 20)) as pilot:
        timeline = app.query_one(Timeline)
        await pilot.press("G")
        await pilot.pause()
        assert timeline.selected_key == "39"
        assert timeline.scroll_y == timeline.max_scroll_y > 0
        assert ("near_end", "39") in app.messages
        assert screen_lines(timeline)[-4].startswith("▌User 39")
        # Older page arrives: appended below, NearEnd can fire again for the new end.
        timeline.append([status(i) for i in range(40, 80)])
        await pilot.pause()
        assert len(timeline) == 80 and timeline.selected_key == "39"
        await pilot.press("G")
        await pilot.pause()
        assert ("near_end", "79") in app.messages
        await pilot.press("g")
        await pilot.pause()
        assert timeline.selected_key == "0" and timeline.scroll_y == 0


async def test_page_down_and_up():
    app = TimelineApp([status(i) for i in range(100)])
    async with app.run_test(size=(50, 20)) as pilot:
        timeline = app.query_one(Timeline)
        await pilot.pause()
        await pilot.press("pagedown")
        await pilot.pause()
        first = int(timeline.scroll_y)
        assert first >= timeline.scrollable_content_region.height - 4
        assert int(timeline.selected_key) > 3
        await pilot.press("pagedown")
        await pilot.pause()
        assert int(timeline.scroll_y) > first
        await pilot.press("pageup", "pageup")
        await pilot.pause()
        assert timeline.scroll_y == 0


async def test_prepend_keeps_the_reader_in_place_and_counts_new():
    app = TimelineApp([status(i) for i in range(100, 200)])
    async with app.run_test(size=(50, 20)) as pilot:
        timeline = app.query_one(Timeline)
        for _ in range(8):
            await pilot.press("j")
        await pilot.pause()
        before = screen_lines(timeline)
        selected = timeline.selected_key
        timeline.prepend([status(i, paragraphs=2) for i in range(90, 100)])
        await pilot.pause()
        assert screen_lines(timeline) == before
        assert timeline.selected_key == selected
        assert timeline.new_count == 10
        assert ("new", 10) in app.messages
        assert list(timeline.keys())[:3] == ["90", "91", "92"]
        timeline.jump_to_top()
        await pilot.pause()
        assert timeline.new_count == 0 and timeline.selected_key == "90"
        assert screen_lines(timeline)[0].startswith("▌User 90")


async def test_prepend_at_top_also_anchors_and_duplicates_update():
    app = TimelineApp([status(i) for i in range(10, 60)])
    async with app.run_test(size=(50, 20)) as pilot:
        timeline = app.query_one(Timeline)
        await pilot.pause()
        before = screen_lines(timeline)
        assert timeline.prepend([status(5), status(10, favourites_count=7)]) == 1
        await pilot.pause()
        assert timeline.new_count == 1
        assert len(timeline) == 51
        assert screen_lines(timeline)[:2] == before[:2]
        assert timeline.get("10")["favourites_count"] == 7
        assert "☆ 7" in screen_lines(timeline)[2]


async def test_update_rerenders_only_that_item_and_keeps_anchor():
    renderer = CountingRenderer()
    app = TimelineApp([status(i) for i in range(60)], renderer)
    async with app.run_test(size=(50, 20)) as pilot:
        timeline = app.query_one(Timeline)
        for _ in range(12):
            await pilot.press("j")
        await pilot.pause()
        before = screen_lines(timeline)
        renderer.calls.clear()
        # An item above the viewport grows (edited with more text): what the reader sees must not move.
        assert timeline.update(status(1, paragraphs=4, edited_at=NOW))
        await pilot.pause()
        assert renderer.calls == ["1"]
        assert screen_lines(timeline) == before
        # A favourite on the selected item repaints it with the new state.
        timeline.update(dict(timeline.selected_item, favourited=True, favourites_count=1))
        await pilot.pause()
        assert any("★ 1" in line for line in screen_lines(timeline))
        assert not timeline.update(status(999))


async def test_remove_selected_and_above():
    app = TimelineApp([status(i) for i in range(60)])
    async with app.run_test(size=(50, 20)) as pilot:
        timeline = app.query_one(Timeline)
        for _ in range(10):
            await pilot.press("j")
        await pilot.pause()
        before = screen_lines(timeline)
        assert timeline.remove("2")  # above the viewport
        await pilot.pause()
        assert screen_lines(timeline) == before
        assert timeline.remove("10")  # the selected one
        await pilot.pause()
        assert timeline.selected_key == "11"
        assert "10" not in timeline and len(timeline) == 58
        assert not timeline.remove("10")
        await pilot.press("k")
        assert timeline.selected_key == "9"


async def test_hidden_items_take_no_lines_and_are_skipped():
    hide = [{"filter": {"title": "x", "filter_action": "hide"}}]
    app = TimelineApp([status(0), status(1, filtered=hide), status(2)])
    async with app.run_test(size=(50, 20)) as pilot:
        timeline = app.query_one(Timeline)
        await pilot.press("j")
        await pilot.pause()
        assert timeline.selected_key == "2"
        text = "\n".join(screen_lines(timeline))
        assert "User 1" not in text and "User 2" in text


async def test_toggle_content_warning_with_s():
    app = TimelineApp([status(0, spoiler_text="spoilers"), status(1)])
    async with app.run_test(size=(50, 20)) as pilot:
        timeline = app.query_one(Timeline)
        await pilot.pause()
        assert "Status 0 part 0" not in "\n".join(screen_lines(timeline))
        await pilot.press("s")
        await pilot.pause()
        assert timeline.is_expanded("0")
        assert "Status 0 part 0" in "\n".join(screen_lines(timeline))
        await pilot.press("enter")
        assert ("activated", "0") in app.messages


async def test_mouse_click_selects_and_link_click_reports_link():
    link = '<p>go <a href="https://example.com/page">example.com/page</a></p>'
    app = TimelineApp([status(0), status(1, content=link), status(2)])
    async with app.run_test(size=(50, 20)) as pilot:
        timeline = app.query_one(Timeline)
        await pilot.pause()
        lines = screen_lines(timeline)
        row = next(y for y, line in enumerate(lines) if line.startswith(" User 2"))
        await pilot.click(Timeline, offset=(5, row))
        await pilot.pause()
        assert timeline.selected_key == "2"
        row = next(y for y, line in enumerate(lines) if "go example.com" in line)
        column = lines[row].index("example.com") + 2
        await pilot.click(Timeline, offset=(column, row))
        await pilot.pause()
        assert ("link", "url", "https://example.com/page") in app.messages
        assert timeline.selected_key == "1"


async def test_mouse_wheel_scrolls_and_keys_continue_from_the_screen():
    app = TimelineApp([status(i) for i in range(100)])
    async with app.run_test(size=(50, 20)) as pilot:
        timeline = app.query_one(Timeline)
        await pilot.pause()
        for _ in range(20):
            # Pilot has no public wheel helper; this is what its click() uses underneath.
            await pilot._post_mouse_events([events.MouseScrollDown], Timeline, offset=(5, 5))
        await pilot.pause()
        assert timeline.scroll_y > 20
        await pilot.press("j")
        await pilot.pause()
        assert int(timeline.selected_key) > 5
        assert any(line.startswith("▌") for line in screen_lines(timeline))


async def test_resize_rewraps_to_the_new_width():
    long = "<p>" + " ".join(["word"] * 40) + "</p>"
    app = TimelineApp([status(i, content=long) for i in range(20)])
    async with app.run_test(size=(80, 20)) as pilot:
        timeline = app.query_one(Timeline)
        await pilot.pause()
        wide = timeline.virtual_size.height
        await pilot.resize_terminal(40, 20)
        await pilot.pause(0.5)
        assert all(len(line) <= 40 for line in screen_lines(timeline))
        assert timeline.virtual_size.height > wide
        assert screen_lines(timeline)[0].startswith("▌User 0")


async def test_hostile_statuses_paint_only_safe_segments():
    hostile = status(
        0,
        account={"display_name": "\x1b]52;c;ZXZpbA==\x07Eve\u202e", "acct": "eve\x1b[2J"},
        content="<p>\x1b[31mred\x9b2J [@click=app.quit]x[/]</p>",
        spoiler_text="\x1bPq",
    )
    app = TimelineApp([hostile, status(1)])
    async with app.run_test(size=(50, 20)) as pilot:
        timeline = app.query_one(Timeline)
        await pilot.press("s")
        await pilot.pause()
        for y in range(20):
            for segment in timeline.render_line(y):
                assert is_safe(segment.text, newlines=False), repr(segment.text)
                meta = segment.style.meta if segment.style else {}
                assert "@click" not in meta
        assert app.is_running


async def test_ten_thousand_items_insert_cost_does_not_depend_on_size():
    renderer = CountingRenderer()
    app = TimelineApp([status(i) for i in range(10, 10_010)], renderer)
    async with app.run_test(size=(60, 30)) as pilot:
        timeline = app.query_one(Timeline)
        await pilot.pause()
        for _ in range(3):
            await pilot.press("j")
        renderer.calls.clear()
        timeline.prepend([status(5)])
        # One new status: one render, whatever the length of the list (and the background measuring of the
        # bulk-loaded items does not run inside the call).
        assert renderer.calls == ["5"]
        assert len(timeline) == 10_001
        assert timeline.new_count == 1


def painted(app) -> list[str]:
    """What the compositor would put on the terminal (through Textual's caches, so a missed repaint shows)."""
    return [strip.text for strip in app.screen._compositor.render_strips()]


async def test_cursor_move_repaints_both_items_on_screen():
    app = TimelineApp([status(i) for i in range(50)])
    async with app.run_test(size=(50, 20)) as pilot:
        await pilot.pause()
        before = painted(app)
        assert before[0].startswith("▌User 0") and before[4].startswith(" User 1")
        await pilot.press("j")
        await pilot.pause()
        after = painted(app)
        assert after[0].startswith(" User 0") and after[4].startswith("▌User 1")
        assert sum(line.startswith("▌") for line in after) == 4  # header, content, counts, separator


async def test_first_item_hidden_by_filter_never_holds_the_cursor():
    hide = [{"filter": {"title": "x", "filter_action": "hide"}}]
    app = TimelineApp([status(0, filtered=hide), status(1), status(2)])
    async with app.run_test(size=(50, 20)) as pilot:
        timeline = app.query_one(Timeline)
        await pilot.pause()
        assert timeline.selected_key == "1"
        assert screen_lines(timeline)[0].startswith("▌User 1")
        await pilot.press("k")
        assert timeline.selected_key == "1"


async def test_terminal_output_of_hostile_timeline_holds_only_harmless_sequences():
    """End to end: what Textual would write to the terminal for a screen of hostile statuses contains no escape
    sequence except colours (SGR) and cursor moves, no control character, no bidi control."""
    import re

    from tests.render.hostile import BIDI, MARKUP_LOOKALIKES, SEQUENCES

    hostile_texts = [s[1] for s in SEQUENCES] + BIDI + MARKUP_LOOKALIKES
    items = []
    for i, text in enumerate(hostile_texts):
        items.append(status(i, account={"display_name": text, "acct": text}, content=f"<p>{text}</p><p>x{text}</p>",
                            spoiler_text=text if i % 3 == 0 else "", media_attachments=[{"type": text,
                                                                                         "description": text}]))
    app = TimelineApp(items)
    async with app.run_test(size=(80, 60)) as pilot:
        timeline = app.query_one(Timeline)
        await pilot.pause()
        for _ in range(len(items)):
            await pilot.press("s", "j")
            await pilot.pause()
            output = app.screen._compositor.render_update(full=True).render_segments(app.console)
            harmless = re.sub(r"\x1b\[[0-9;]*[mH]", "", output)
            assert "\x1b" not in harmless, repr(harmless[harmless.index("\x1b") - 20:][:60])
            assert not re.search(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]", harmless)
            assert not any(ch in harmless for ch in BIDI)
            assert "ZXZpbA" not in harmless and "Y3VybC" not in harmless
        assert timeline.selected_key == str(len(items) - 1)


async def test_monochrome_display_paints_without_error(monkeypatch):
    """NO_COLOR makes Textual filter every segment through a monochrome filter, which needs a style on each one:
    unstyled padding or gutters used to crash the app at its first paint."""
    monkeypatch.setenv("NO_COLOR", "1")
    app = TimelineApp([status(i, paragraphs=2) for i in range(30)])
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.press("j", "j", "pagedown")
        await pilot.pause()
        timeline = app.query_one(Timeline)
        assert timeline.selected_index == 2 or timeline.selected_index > 2
        for y in range(timeline.scrollable_content_region.height):
            strip = timeline.render_line(y)
            assert all(segment.style is not None for segment in strip), y


def list_text(app) -> list[str]:
    """The painted lines without the scrollbar (the last two columns)."""
    return [line[:-2] for line in painted(app)]


async def test_prepend_above_the_reader_repaints_nothing_but_an_update_in_view_shows():
    """A streamed status lands above the top line: the list is neither laid out nor repainted (that cost a full
    repaint of every line per status), yet the terminal shows the same lines, and an edit to a status in view
    that arrives in the same batch is painted."""
    app = TimelineApp([status(i) for i in range(10, 60)])
    async with app.run_test(size=(50, 20)) as pilot:
        timeline = app.query_one(Timeline)
        await pilot.pause()
        before = list_text(app)
        scroll_before = timeline.scroll_y
        assert timeline.prepend([status(i) for i in range(5, 10)]) == 5
        assert not timeline._repaint_required and not timeline._layout_required
        assert timeline.scroll_y > scroll_before
        await pilot.pause()
        assert list_text(app) == before  # the scrollbar moved, nothing else
        assert timeline.new_count == 5
        timeline.prepend([status(4), status(10, favourites_count=7)])
        await pilot.pause()
        assert any("☆ 7" in line for line in painted(app))
        assert list_text(app)[:2] == before[:2]
        timeline.jump_to_top()
        await pilot.pause()
        assert painted(app)[0].startswith("▌User 4")
