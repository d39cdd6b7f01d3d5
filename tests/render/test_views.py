"""The thin single-item widgets: they size to their content, follow their reactives, report link clicks."""

from datetime import datetime, timezone

from textual.app import App, ComposeResult

from widgets.views import AccountHeader, NotificationView, StatusView

NOW = datetime(2026, 11, 26, 20, 0, tzinfo=timezone.utc)
STATUS = {
    "id": "1",
    "created_at": "2026-11-26T19:00:00Z",
    "account": {"display_name": "Ann [bold]x[/]", "acct": "ann"},
    "content": '<p>see <a href="https://example.com/">example.com</a></p>',
    "spoiler_text": "cw",
}


class ViewsApp(App):
    def __init__(self):
        super().__init__()
        self.links = []

    def compose(self) -> ComposeResult:
        yield StatusView(STATUS, clock=lambda: NOW)
        yield NotificationView({"type": "follow", "account": {"display_name": "Bo", "acct": "bo"}}, clock=lambda: NOW)
        yield AccountHeader({"display_name": "Cy", "acct": "cy", "note": "<p>bio</p>"}, {"followed_by": True})

    def on_item_view_link_clicked(self, message):
        self.links.append(message.link)


def painted(app) -> list[str]:
    return [strip.text.rstrip() for strip in app.screen._compositor.render_strips()]


async def test_views_paint_and_resize_to_content():
    app = ViewsApp()
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        view = app.query_one(StatusView)
        assert view.size.height == 3  # header, CW line, counts
        lines = painted(app)
        assert lines[0].startswith("Ann [bold]x[/] @ann") and lines[0].endswith("1h")
        assert lines[1].startswith("▸ CW: cw")
        assert "👤 Bo followed you" in lines[3]
        assert any(line.startswith(" follows you") for line in lines)
        view.expanded = True
        await pilot.pause()
        assert view.size.height == 4
        row = next(y for y, line in enumerate(painted(app)) if line.startswith("see example.com"))
        await pilot.click(StatusView, offset=(6, row))
        await pilot.pause()
        assert [link.target for link in app.links] == ["https://example.com/"]
