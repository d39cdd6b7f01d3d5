"""The App against a server that fails in every way a real one does, while it polls for new posts (the path
where every new status comes over REST): 5xx bursts, a proxy's HTML error page, malformed and truncated bodies,
dropped connections, a hung server. In every case the App keeps answering keys, tells the user in plain words
(once per outage, not once per failed poll), and when the server recovers the post written during the outage
appears, exactly once."""
from __future__ import annotations

import pytest

from tests.faults.support import answers_keys, faulty_app, ready, settled, toasts_saying
from tests.tui.support import server, until

HOME = "/api/v1/timelines/home"

CASES = {
    # kind: (fault arguments, words the user is shown)
    "500 burst": (dict(kind="500", times=6), "server had an error (500)"),
    "503 proxy page": (dict(kind="503", times=6), "server had an error (503)"),
    "malformed body": (dict(kind="malformed", times=6), "answer tootty cannot read"),
    "truncated body": (dict(kind="truncate", times=6), "cannot reach the server"),
    "dropped connection": (dict(kind="drop", times=6), "cannot reach the server"),
    "hung server": (dict(kind="hang", times=2), "did not answer in time"),
}


@pytest.mark.parametrize("case", list(CASES))
async def test_polling_survives_and_says_so(fresh_instance, case):
    fault, words = CASES[case]
    instance = fresh_instance()
    app = faulty_app(instance, streaming=False, network_retries=0)
    async with app.run_test(size=(110, 36)) as pilot:
        await ready(pilot)
        if fault["kind"] == "hang":
            # Short only from here (signing in on a busy machine may take longer): a hung poll gives up after 1 s.
            app.service.client.request_timeout = 1.0
        home = app.screen.timeline
        before = set(home.keys())
        instance.faults.add(fault["kind"], HOME, method="GET", times=fault["times"])
        during = server(instance, "alice").status_post(f"written during the {case}")
        assert await until(pilot, lambda: toasts_saying(app, words), turns=400), app.toasts
        await answers_keys(pilot)                                    # the UI is not stuck behind the failure
        assert await until(pilot, lambda: during["id"] in home, turns=600), app.toasts  # the server is back
        keys = list(home.keys())
        assert keys.count(during["id"]) == 1 and len(keys) == len(set(keys))
        assert before <= set(keys)                                   # nothing that was shown went missing
        assert len(toasts_saying(app, words)) == 1, app.toasts      # told once per outage, not per poll
        assert not toasts_saying(app, "unexpected"), app.toasts


async def test_the_users_refresh_during_a_burst_says_why_and_works_after(fresh_instance):
    instance = fresh_instance()
    app = faulty_app(instance, request_timeout=2.0)                 # streaming: only the user's refresh polls
    async with app.run_test(size=(110, 36)) as pilot:
        await ready(pilot)
        await settled(pilot)  # the stream's first gap fill also reads home: it must not be what meets the 502
        instance.faults.add("502", HOME, method="GET", times=1)
        await pilot.press(".")
        assert await until(pilot, lambda: toasts_saying(app, "server had an error (502)"))
        await answers_keys(pilot)
        late = server(instance, "alice").status_post("after the burst")
        await pilot.press(".")
        assert await until(pilot, lambda: late["id"] in app.screen.timeline, turns=800), \
            (app.toasts, app.connection, type(app.screen).__name__)
        assert list(app.screen.timeline.keys()).count(late["id"]) == 1
