"""Read positions (markers API) restored at start and saved while reading; the pace budget's arithmetic."""
from __future__ import annotations

from app.budget import PaceBudget
from tests.tui.support import app_for, ready, server, until


async def test_read_position_is_restored_from_the_server_and_saved(fresh_instance):
    instance = fresh_instance()
    demo = server(instance)
    home = [s["id"] for s in demo.timeline_home(limit=40)]
    demo.markers_set(["home"], [home[5]])
    app = app_for(instance, markers=True)
    async with app.run_test(size=(100, 40)) as pilot:
        await ready(pilot)
        timeline = app.screen.timeline
        assert await until(pilot, lambda: timeline.selected_key == home[5])
        await pilot.press("k", "k")                     # read two newer statuses
        assert timeline.selected_key == home[3]
        await app.save_markers()                        # what the 5-second debounce (and quitting) does
        assert demo.markers_get(["home"])["home"]["last_read_id"] == home[3]
        await pilot.press("j", "j", "j", "j")           # going back down never moves the marker backwards
        await app.save_markers()
        assert demo.markers_get(["home"])["home"]["last_read_id"] == home[3]


class Limiter:
    def __init__(self, limit, remaining, reset):
        self.limit, self.remaining, self.reset = limit, remaining, reset


def test_budget_spends_only_its_share_and_keeps_a_reserve():
    now = [1000.0]
    limiter = Limiter(300, 300, 1300.0)
    budget = PaceBudget(limiter, share=0.5, clock=lambda: now[0])
    assert budget.delay() == 0.0
    spent = waited = 0
    while now[0] < 1300.0:                              # background work as eager as it can be, one window
        delay = budget.delay()
        if delay > 0:
            waited += 1
            now[0] += delay                             # what ApiService.background does: sleep, ask again
            continue
        budget.spend()
        limiter.remaining -= 1
        spent += 1
        now[0] += 0.05
    assert 100 <= spent <= 151                          # about the share of the window, never more
    assert waited > 0                                   # it was held back, not let through at once
    assert limiter.remaining >= 150


def test_budget_waits_for_the_next_window_when_only_the_reserve_is_left():
    now = [0.0]
    limiter = Limiter(300, 20, 100.0)
    budget = PaceBudget(limiter, share=0.5, clock=lambda: now[0])
    assert budget.reserve() == 30
    assert budget.delay() >= 100.0                      # the reserve is the user's: wait for the reset
    now[0] = 101.0
    limiter.remaining, limiter.reset = 300, 400.0
    assert budget.delay() == 0.0


def test_budget_with_nothing_known_lets_the_first_call_through():
    budget = PaceBudget(Limiter(None, None, None), share=0.5, clock=lambda: 0.0)
    assert budget.delay() == 0.0
    assert budget.view().remaining is None


async def test_an_old_read_position_is_found_by_paging_back(fresh_instance):
    instance = fresh_instance()
    demo = server(instance)
    marked = [s["id"] for s in demo.timeline_home(limit=40)][-3]
    for n in range(45):                                  # push the marked status off the first page
        demo.status_post(f"newer post {n}")
    assert marked not in [s["id"] for s in demo.timeline_home(limit=40)]
    demo.markers_set(["home"], [marked])
    app = app_for(instance, markers=True)
    async with app.run_test(size=(100, 40)) as pilot:
        await ready(pilot)
        timeline = app.screen.timeline
        assert await until(pilot, lambda: timeline.selected_key == marked, turns=300)
        assert app.screen.restore_pages >= 1


def test_reader_pages_are_not_spaced_out_like_polls():
    now = [0.0]
    limiter = Limiter(300, 290, 300.0)
    budget = PaceBudget(limiter, share=0.5, clock=lambda: now[0])
    budget.spend()
    assert budget.delay() > 0                 # a poll right after another waits its turn
    assert budget.delay(spread=False) == 0.0  # a page the reader scrolls towards goes now
    budget.spent = 150                        # ...but never beyond the share
    assert budget.delay(spread=False) > 0
