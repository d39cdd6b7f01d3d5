"""The living part of the demo: an activity generator that makes the other accounts post, reply, boost,
favourite, follow, edit, delete and send direct messages, so a client shows streaming updates and
notifications as soon as it opens.

    gen = ActivityGenerator(state, rate=0.4, rng_seed=1)   # events per second (default: one every ~2.5 s)
    gen.step()              # one random action, synchronously (tests); returns its name
    gen.start()             # on the running event loop (an asyncio task), else on a daemon thread
    gen.stop()              # from any thread; no step starts after it returns

Every action goes through the State's own methods, so it is published on the hub and notified exactly as a
client's request would be. Memory stays bounded at any rate: statuses the generator made beyond
`max_statuses` are deleted (clients get `delete` events) and then purged, and the oldest notifications beyond
`max_notifications` are dismissed.

`start(state)` is the hook demo/server.py's `serve_forever` calls; `attach_activity(...)` is the same for an
`Instance` or a State from anywhere else.
"""
from __future__ import annotations

import asyncio
import random
import threading
from collections import Counter, deque
from contextlib import contextmanager

from . import seed_images as images
from .seed_corpus import HOSTILE, LINKS, REPLIES, TOPICS

DEFAULT_RATE = 0.4
# (action, weight): posting dominates, as on a real timeline; the rest make notifications happen.
ACTIONS = [("post", 30), ("reply", 14), ("mention", 8), ("favourite", 14), ("boost", 9), ("follow", 4),
           ("edit", 5), ("delete", 4), ("direct", 4), ("poll", 4), ("vote", 3), ("media", 2), ("hostile", 1)]
GENERIC = (["Quick thought:", "Update:", "Hmm.", "Today:"],
           ["the kettle is on and the tests are green.", "trying a new keyboard layout, send help.",
            "reading the docs before guessing, as one should.", "the sun came out for exactly five minutes."],
           ["#life", "#coffee", ""])


class ActivityGenerator:
    def __init__(self, state, rate: float = DEFAULT_RATE, rng_seed=None, *, max_statuses: int = 300,
                 max_notifications: int = 3000, sleep=None) -> None:
        if rate <= 0:
            raise ValueError("rate must be a positive number of events per second")
        self.state = state
        self.rate = float(rate)
        self.rng = random.Random(rng_seed)
        self.max_statuses = max_statuses
        self.max_notifications = max_notifications
        self.sleep = sleep or asyncio.sleep      # injectable, so tests never wait in real time
        self.made: deque[str] = deque()          # ids of live statuses this generator created, oldest first
        self.counts: Counter = Counter()         # actions performed, by name
        self.steps = 0
        self._stop = threading.Event()
        self._task: asyncio.Task | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._dm_chain: str | None = None        # the direct conversation with the demo user being continued

    # ----- running -----
    @property
    def running(self) -> bool:
        if self._task is not None:
            return not self._task.done()
        return self._thread is not None and self._thread.is_alive()

    def interval(self) -> float:
        """Seconds until the next action: exponential around 1/rate, so activity arrives in natural bursts."""
        return min(self.rng.expovariate(self.rate), 10.0 / self.rate)

    async def run(self) -> None:
        while not self._stop.is_set():
            await self.sleep(self.interval())
            if self._stop.is_set():
                break
            self.step()

    def start(self, loop: asyncio.AbstractEventLoop | None = None) -> "ActivityGenerator":
        """Run on `loop` (or the running loop) as a task; with neither, on a daemon thread of its own."""
        if self.running:
            return self
        self._stop.clear()
        if loop is None:
            try:
                loop = asyncio.get_running_loop()
            except RuntimeError:
                loop = None
        if loop is None:
            self._thread = threading.Thread(target=self._thread_main, name="demo-activity", daemon=True)
            self._thread.start()
            return self
        self._loop = loop
        try:
            running = asyncio.get_running_loop()
        except RuntimeError:
            running = None
        if running is loop:
            self._task = loop.create_task(self.run(), name="demo-activity")
        else:
            done = threading.Event()

            def create():
                self._task = loop.create_task(self.run(), name="demo-activity")
                done.set()
            loop.call_soon_threadsafe(create)
            done.wait(5)
        return self

    def _thread_main(self) -> None:
        while not self._stop.wait(self.interval()):
            self.step()

    def stop(self) -> None:
        """Stop from any thread. The task is cancelled (or the thread joined); a step in progress finishes."""
        self._stop.set()
        task, loop = self._task, self._loop
        if task is not None and not task.done():
            try:
                running = asyncio.get_running_loop()
            except RuntimeError:
                running = None
            if running is loop:
                task.cancel()
            elif loop is not None and not loop.is_closed():
                loop.call_soon_threadsafe(task.cancel)
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(timeout=5)

    # ----- one action -----
    def step(self) -> str:
        """Perform one random action now (falling back to a plain post when the chosen one has nothing to act
        on) and keep the world within its bounds. Returns the action's name."""
        names, weights = zip(*ACTIONS)
        action = self.rng.choices(names, weights)[0]
        with self.state.lock:
            try:
                done = getattr(self, f"_do_{action}")()
            except (LookupError, ValueError, PermissionError):
                done = False  # the target went away or may not be touched: as a refused request would
            if not done:
                action = "post"
                self._do_post()
            self.steps += 1
            self.counts[action] += 1
            self._bound()
        return action

    # ----- who and what -----
    def _demo(self):
        return self.state.account_by_username("demo")

    def _actors(self) -> list:
        demo = self._demo()
        return [a for a in self.state.accounts.values()
                if not a.suspended and (demo is None or a.id != demo.id)]

    def _actor(self):
        actors = self._actors()
        if not actors:
            raise LookupError("nobody to act")
        return self.rng.choice(actors)

    def _text(self, username: str, mention: str | None = None) -> str:
        openers, bodies, closers = TOPICS.get(username, GENERIC)
        rng = self.rng
        text = f"{rng.choice(openers)} {rng.choice(bodies)}"
        if rng.random() < 0.1:
            text += "\n" + rng.choice(LINKS)
        closer = rng.choice(closers)
        if closer:
            text += " " + closer
        if mention:
            text = f"@{mention} {text}"
        return text

    def _recent(self, own_of=None, public_only=True) -> list:
        """Recent live originals (the generator's and the last of the seed), optionally only `own_of`'s."""
        out = []
        for sid in reversed(list(self.state.statuses)[-200:]):
            st = self.state.statuses[sid]
            if st.deleted or st.reblog_of_id or (public_only and st.visibility not in ("public", "unlisted")):
                continue
            if own_of is None or st.account_id == own_of:
                out.append(st)
        return out

    def _post(self, author, text, **kw):
        st = self.state.post_status(author.id, text, **kw)
        self.made.append(st.id)
        return st

    # ----- actions (each returns False when it had nothing to act on) -----
    def _do_post(self) -> bool:
        author = self._actor()
        kw = {}
        if self.rng.random() < 0.1:
            kw["spoiler_text"] = self.rng.choice(["long post", "food", "spoilers", "meta"])
        self._post(author, self._text(author.username), **kw)
        return True

    def _do_mention(self) -> bool:
        demo = self._demo()
        if demo is None:
            return False
        author = self._actor()
        self._post(author, self._text(author.username, mention="demo"))
        return True

    def _do_reply(self) -> bool:
        demo = self._demo()
        mine = self._recent(demo.id) if demo and self.rng.random() < 0.4 else []
        candidates = mine or self._recent()
        if not candidates:
            return False
        parent = self.rng.choice(candidates[:30])
        author = self._actor()
        if author.id == parent.account_id:
            author = self._actor()
        to = self.state.accounts[parent.account_id].username
        text = self.rng.choice(REPLIES)
        if self.rng.random() < 0.3:
            text += " " + self.rng.choice(TOPICS.get(author.username, GENERIC)[1])
        if author.id != parent.account_id:
            text = f"@{to} {text}"
        self._post(author, text,
                   in_reply_to_id=parent.id, visibility="public" if parent.visibility == "public" else "unlisted")
        return True

    def _do_favourite(self) -> bool:
        demo = self._demo()
        targets = self._recent(demo.id) if demo and self.rng.random() < 0.7 else self._recent()
        if not targets:
            return False
        st = self.rng.choice(targets[:40])
        fans = [a for a in self._actors() if (a.id, st.id) not in self.state.favourites and a.id != st.account_id]
        if not fans:
            return False
        self.state.favourite(self.rng.choice(fans).id, st.id)
        return True

    def _do_boost(self) -> bool:
        demo = self._demo()
        targets = self._recent(demo.id) if demo and self.rng.random() < 0.5 else self._recent()
        targets = [s for s in targets[:40] if s.visibility == "public"]
        if not targets:
            return False
        st = self.rng.choice(targets)
        boosters = [a for a in self._actors()
                    if a.id not in self.state.reblogs_of.get(st.id, {}) and a.id != st.account_id]
        if not boosters:
            return False
        rb = self.state.reblog(self.rng.choice(boosters).id, st.id)
        self.made.append(rb.id)
        return True

    def _do_follow(self) -> bool:
        """Someone follows the demo user; to stay bounded, a follower sometimes quietly leaves first."""
        demo = self._demo()
        if demo is None:
            return False
        actors = [a for a in self._actors() if not a.locked]
        if not actors:
            return False
        who = self.rng.choice(actors)
        if (who.id, demo.id) in self.state.follows or (who.id, demo.id) in self.state.follow_requests:
            self.state.unfollow(who.id, demo.id)
            return False  # an unfollow is silent: fall back to a post so something visible happens
        self.state.follow(who.id, demo.id)
        return True

    def _do_edit(self) -> bool:
        mine = [sid for sid in self.made if sid in self.state.statuses and not self.state.statuses[sid].deleted
                and not self.state.statuses[sid].reblog_of_id]
        if not mine:
            return False
        st = self.state.statuses[self.rng.choice(mine[-50:])]
        if len(st.edits) > 4:
            return False
        author = self.state.accounts[st.account_id]
        text = st.text.rstrip() + self.rng.choice([" (edited: typo)", " Edit: fixed the link.", " EDIT: thanks all!"])
        if len(text) > 480:
            text = self._text(author.username)
        self.state.edit_status(author.id, st.id, text)
        return True

    def _do_delete(self) -> bool:
        if not self.made:
            return False
        sid = self.made[self.rng.randrange(len(self.made))]
        self._forget(sid)
        return True

    def _do_direct(self) -> bool:
        demo = self._demo()
        if demo is None:
            return False
        chain = self.state.statuses.get(self._dm_chain) if self._dm_chain else None
        if chain is not None and not chain.deleted and self.rng.random() < 0.7:
            author = self.state.accounts[chain.account_id if chain.account_id != demo.id else self._actor().id]
            st = self._post(author, f"@demo {self.rng.choice(DM_LINES)}", in_reply_to_id=chain.id,
                            visibility="direct")
        else:
            author = self._actor()
            st = self._post(author, f"@demo {self.rng.choice(DM_LINES)}", visibility="direct")
        self._dm_chain = st.id
        return True

    def _do_poll(self) -> bool:
        author = self._actor()
        question, options = self.rng.choice(POLLS)
        self._post(author, question, poll={"options": options, "multiple": self.rng.random() < 0.3,
                                           "expires_in": self.rng.choice([300, 3600, 86400])})
        return True

    def _do_vote(self) -> bool:
        now = self.state.now()
        open_polls = [p for p in self.state.polls.values() if p.expires_at and p.expires_at > now]
        if not open_polls:
            return False
        poll = self.rng.choice(open_polls)
        voters = [a for a in self._actors() if a.id not in poll.votes]
        if not voters:
            return False
        self.state.vote(self.rng.choice(voters).id, poll.id, [self.rng.randrange(len(poll.options))])
        self.state.expire_polls()
        return True

    def _do_media(self) -> bool:
        author = self._actor()
        m = self.state.upload(author.id, images.landscape(self.rng.randrange(1000), 64, 40), "image/png",
                              description=self.rng.choice(MEDIA_ALTS), instant=True)
        self._post(author, self.rng.choice(["New photo.", "Look at this!", "From today's walk. #photography"]),
                   media_ids=[m.id], sensitive=self.rng.random() < 0.1)
        return True

    def _do_hostile(self) -> bool:
        """Now and then a hostile status arrives live too, so the streaming path meets it, not only REST."""
        plain = [h for h in HOSTILE if h[4] is None]
        _key, _who, text, spoiler, _html = self.rng.choice(plain)
        self._post(self._actor(), text, spoiler_text=spoiler)
        return True

    # ----- bounds -----
    def _forget(self, sid: str) -> None:
        try:
            self.made.remove(sid)
        except ValueError:
            pass
        st = self.state.statuses.get(sid)
        if st is None:
            return
        if not st.deleted:
            self.state.delete_status(None, sid)   # publishes `delete` to everyone who saw it
        self.state.purge_status(sid)
        for rid in [r for r, s in self.state.statuses.items() if s.reblog_of_id == sid]:
            if self.state.purge_status(rid) and rid in self.made:
                self.made.remove(rid)

    def _bound(self) -> None:
        while len(self.made) > self.max_statuses:
            self._forget(self.made[0])
        notes = self.state.notifications
        if len(notes) > self.max_notifications:
            # Trim to 90% at once, so the sort is paid once per many steps, not every step.
            keep = int(self.max_notifications * 0.9)
            oldest = sorted(notes, key=lambda i: (len(i), i))[: len(notes) - keep]
            for nid in oldest:
                self.state.dismiss_notification(notes[nid].account_id, nid)


DM_LINES = ["are you around later?", "did you see the new release?", "thanks for the boost!",
            "lunch on Friday?", "I sent you the slides, tell me what you think.", "😄"]
POLLS = [("Coffee or tea?", ["coffee", "tea", "neither"]),
         ("Best time to post?", ["morning", "evening", "3 am"]),
         ("Light or dark theme?", ["light", "dark", "whatever the terminal says"]),
         ("How many tabs are open right now?", ["< 10", "10-50", "50+", "I don't want to talk about it"])]
MEDIA_ALTS = ["A small landscape: sky, sun, a hill and water.", "A blurry photo of a cloud.",
              "Evening sky over a lake."]


@contextmanager
def running_activity(instance_or_state, loop=None, rate: float = DEFAULT_RATE, **kw):
    """`with running_activity(inst, rate=20) as gen:` the generator runs for the block, then stops."""
    gen = attach_activity(instance_or_state, loop, rate, **kw)
    try:
        yield gen
    finally:
        gen.stop()


def attach_activity(instance_or_state, loop=None, rate: float = DEFAULT_RATE, **kw) -> ActivityGenerator:
    """Start a generator on an `Instance` (demo/server.py) or a State; returns it (call `.stop()`)."""
    state = getattr(instance_or_state, "state", instance_or_state)
    return ActivityGenerator(state, rate=rate, **kw).start(loop)


def start(state, rate: float = DEFAULT_RATE, **kw):
    """The hook `serve_forever` calls: starts the generator and returns its stop callable."""
    return ActivityGenerator(state, rate=rate, **kw).start().stop
