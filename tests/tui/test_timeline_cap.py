"""A list that stays open all day on a busy stream keeps a bounded number of items, never losing the reader's
place, and the dropped ones are forgotten everywhere (no index entry keeps them alive)."""
from datetime import datetime, timedelta, timezone

from textual.app import App, ComposeResult

from app.screens.status_list import StatusTimeline

NOW = datetime(2026, 11, 26, 20, 0, tzinfo=timezone.utc)


def status(i: int) -> dict:
    return {"id": f"{i:08d}", "created_at": NOW - timedelta(seconds=i), "content": f"<p>status {i}</p>",
            "account": {"id": "1", "acct": "alice", "display_name": "Alice"}}


class Host(App):
    def compose(self) -> ComposeResult:
        timeline = StatusTimeline([status(i) for i in range(1000, 960, -1)], clock=lambda: NOW, id="tl")
        timeline.max_items = 100
        timeline.keep_below_cursor = 50
        yield timeline


def arrive(timeline, first: int, last: int) -> None:
    for start in range(first, last, 20):  # newer statuses arrive in batches, newest first
        timeline.prepend([status(i) for i in range(start + 19, start - 1, -1)])


async def test_unread_items_above_the_reader_are_never_dropped():
    app = Host()
    async with app.run_test(size=(80, 24)) as pilot:
        timeline = app.query_one(StatusTimeline)
        await pilot.press("j", "j", "j")
        reading = timeline.selected_key
        arrive(timeline, 1001, 1301)
        await pilot.pause()
        assert timeline.selected_key == reading
        assert all(f"{i:08d}" in timeline for i in range(1001, 1301))  # everything new is still there


async def test_past_the_cap_the_oldest_below_the_reader_go():
    app = Host()
    async with app.run_test(size=(80, 24)) as pilot:
        timeline = app.query_one(StatusTimeline)
        arrive(timeline, 1001, 1301)
        await pilot.press("g", "j", "j", "j")  # the reader follows along at the top
        reading = timeline.selected_key
        arrive(timeline, 1301, 1321)
        await pilot.pause()
        assert len(timeline) <= 100
        assert timeline.selected_key == reading  # the reader's item stayed, and stays selected
        kept = set(timeline.keys())
        assert reading in kept
        assert f"{1300:08d}" in kept  # the newest arrived
        assert all(key in kept for keys in timeline._shows.values() for key in keys)
        assert len(timeline._shows) == len(kept)
