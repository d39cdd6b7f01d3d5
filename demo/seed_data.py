"""The realistic demo world (`seed(state)`), built only through the State's own methods so that every
notification, conversation and index is made exactly as live use would make it.

Time: the world is replayed on a seeding clock that stands in for `state.clock` while it is built. Each step sets
the clock to the moment the step "happened" (up to three weeks ago), so statuses, boosts, favourites, follows,
edits, votes, poll endings and their notifications all carry believable past timestamps and time-ordered IDs.
The real clock is put back afterwards. Everything else is fixed: one random seed, offsets from the build time,
so two builds with the same clock are identical.

What is in it (tests/instance/test_seed_data.py checks each): 14 accounts with bios, fields (some verified),
avatars and headers served locally, a locked account and a bot; ~400 statuses; threads six levels deep with
branches; a direct-message conversation; polls (open, expired, multiple choice, hidden totals, voted); media
with alt text and a sensitive image; content warnings; boosts, favourites, bookmarks, pins; custom emoji; an
edited status with history; a status hidden and one warned about by the demo user's filters; a list and
followed hashtags; notifications of every type for the demo user; and hostile statuses (demo/seed_corpus.py).
"""
from __future__ import annotations

import random
from contextlib import contextmanager
from datetime import timedelta

from . import seed_images as images
from .seed import add_user
from .seed_corpus import LINKS, PEOPLE, REPLIES, TOPICS, WEATHER
from .text import EMOJI_RE
from .seed_data_specials import build_specials

RNG_SEED = 20261126
DAYS = 21
EMOJIS = {"blobcat": (250, 200, 0), "tootty": (40, 180, 120), "rustacean": (220, 90, 40),
          "ablobwave": (250, 170, 60), "partyparrot": (120, 200, 90)}
# How many everyday posts each author writes over the three weeks (the bot's come from WEATHER).
VOLUME = {"alice": 38, "bob": 26, "carol": 24, "dave": 8, "mira": 32, "jonas": 26, "priya": 18, "tomasz": 18,
          "lin": 16, "yasmin": 14, "sam": 6, "demo": 18}
# Who the demo user follows, and who follows the demo user.
DEMO_FOLLOWS = ["alice", "bob", "carol", "eve", "mira", "jonas", "priya", "tomasz", "lin", "yasmin", "glitch"]
FOLLOWS_DEMO = ["alice", "bob", "carol", "mira", "jonas", "priya", "lin", "glitch"]
APP = {"name": "tootty", "website": "https://tootty.example"}


class SeedClock:
    """Stands in for the instance clock while the world is built: `now()` is whatever the builder says."""

    def __init__(self, at) -> None:
        self.at = at

    def now(self):
        return self.at


class World:
    """One build: the state, the seeding clock, a fixed random source, and handles to what was made."""

    def __init__(self, state, base) -> None:
        self.state = state
        self.base = base                      # "now" of the world; everything happened before it
        self.clock = SeedClock(base)
        self.rng = random.Random(RNG_SEED)
        self.users: dict[str, str] = {}       # username -> account id
        self.posts: list = []                 # every original status made, in creation order
        self.named: dict = {}                 # handles for tests and the activity generator

    # ----- time -----
    def ago(self, days=0.0, hours=0.0, minutes=0.0):
        return self.base - timedelta(days=days, hours=hours, minutes=minutes)

    def at(self, when):
        """Move the seeding clock; never past the world's present."""
        self.clock.at = min(when, self.base - timedelta(seconds=30))
        return self.clock.at

    # ----- making things through the State -----
    def post(self, who: str, text: str, when, html: str | None = None, **kw):
        """A status by `who` at `when`. `html` replaces the rendered content, as a status from another server
        would arrive (block markup, or hostile HTML), before anyone is told about it."""
        self.at(when)
        if who == "demo":
            kw.setdefault("application", APP)
        st = self.state.post_status(self.users[who], text, publish=False, **kw)
        if html is not None:
            st.content = html
        self.state.after_post(st)
        self.posts.append(st)
        return st

    def reply(self, who: str, parent, text: str, when, **kw):
        kw.setdefault("visibility", parent.visibility)  # a reply keeps its parent's audience
        return self.post(who, text, when, in_reply_to_id=parent.id, **kw)

    def uid(self, name: str) -> str:
        return self.users[name]

    def name_of(self, account_id: str) -> str:
        return self.state.accounts[account_id].username


def seed(state) -> World:
    """Build the demo world into `state` (which should be empty). Returns the World with named handles."""
    with state.lock, _unobserved(state):
        real_clock = state.clock
        world = World(state, real_clock.now())
        state.clock = world.clock
        try:
            _build(world)
        finally:
            state.clock = real_clock
    return world


@contextmanager
def _unobserved(state):
    """Rendering streaming payloads is most of the cost of a build (every status would be serialised once per
    follower, ~5000 JSON documents) and, while no streaming connection is open, nobody can receive them. So
    when the hub has no subscribers the build skips publishing; records (notifications, conversations,
    indexes) are still made by the same State methods. With a subscriber, everything is published as usual."""
    if state.hub.subscriber_count:
        yield
        return
    state.fan_out = lambda st, event="update": None
    state.publish_notification = lambda n: None
    try:
        yield
    finally:
        del state.fan_out, state.publish_notification


def _build(w: World) -> None:
    _emojis(w)
    _people(w)
    _relationships(w)
    _everyday(w)
    build_specials(w)
    _interactions(w)
    _expire_polls(w)


def _emojis(w: World) -> None:
    for code, colour in EMOJIS.items():
        path = f"custom_emojis/images/{code}.png"
        w.state.files[path] = ("image/png", images.emoji(colour))
        w.state.emojis[code] = {"path": path, "category": "demo"}


def _people(w: World) -> None:
    for i, (name, (display, note, colour, locked, bot, fields)) in enumerate(PEOPLE.items()):
        created = w.ago(days=900 - 60 * i) if name not in ("sam",) else w.ago(days=3)
        w.at(created)
        acc = add_user(w.state, name, display, note, locked, bot, created_at=created, colour=colour)
        w.state.files[acc.avatar] = ("image/png", images.avatar(colour))
        w.state.files[acc.header] = ("image/png", images.header(colour))
        acc.fields = [(n, v) for n, v, _verified in fields]
        # Verified links (rel=me checked): kept beside the fields; demo/entities.py serves them as verified_at.
        acc.verified_fields = {n: created + timedelta(days=1) for n, _v, verified in fields if verified}
        shown = " ".join([display, note] + [f"{n} {v}" for n, v, _ in fields])
        acc.emojis = [c for c in dict.fromkeys(EMOJI_RE.findall(shown)) if c in w.state.emojis]
        acc.privacy = "public"
        w.users[name] = acc.id


def _relationships(w: World) -> None:
    st, u = w.state, w.uid
    for name in DEMO_FOLLOWS:
        w.at(w.ago(days=30, hours=len(name)))
        st.follow(u("demo"), u(name), notify=(name == "tomasz"))
    for i, name in enumerate(FOLLOWS_DEMO):
        w.at(w.ago(days=29 - 3 * i))
        st.follow(u(name), u("demo"))
    # The rest of the graph: most people follow a handful of others.
    names = [n for n in PEOPLE if n not in ("demo", "glitch")]
    for name in names:
        for other in w.rng.sample(names, 5):
            if other != name and (u(name), u(other)) not in st.follows:
                w.at(w.ago(days=w.rng.uniform(22, 40)))
                st.follow(u(name), u(other))
    # Recent followers, so the notifications show some today.
    w.at(w.ago(hours=5))
    st.follow(u("sam"), u("demo"))
    w.at(w.ago(days=1, hours=2))
    st.follow(u("yasmin"), u("demo"))
    # The locked account: the demo user's request to dave is pending, and dave asked to follow the demo user
    # while the demo user's account was locked (unlocking later keeps the request waiting, as on Mastodon).
    w.at(w.ago(days=2))
    st.follow(u("demo"), u("dave"))
    demo = st.accounts[u("demo")]
    demo.locked = True
    w.at(w.ago(hours=20))
    st.follow(u("dave"), u("demo"))
    demo.locked = False
    # Lists and followed hashtags.
    w.at(w.ago(days=25))
    friends = st.create_list(u("demo"), "Friends")
    st.add_to_list(u("demo"), friends.id, [u("alice"), u("bob"), u("carol"), u("priya")])
    work = st.create_list(u("demo"), "Work :tootty:", replies_policy="followed", exclusive=False)
    st.add_to_list(u("demo"), work.id, [u("mira"), u("jonas")])
    st.follow_tag(u("demo"), "python")
    st.follow_tag(u("demo"), "photography")
    w.named.update(friends_list=friends.id, work_list=work.id)


def _everyday_text(w: World, name: str) -> tuple[str, dict]:
    rng = w.rng
    if name == "eve":
        temp = rng.randint(9, 21)
        return f"Weather in Lisbon: {temp}°C, {rng.choice(WEATHER)}. Wind {rng.randint(3, 30)} km/h. #weather", {}
    openers, bodies, closers = TOPICS[name]
    text = f"{rng.choice(openers)} {rng.choice(bodies)}"
    if rng.random() < 0.3:
        more = rng.choice(bodies)
        text += "\n\n" + more[0].upper() + more[1:]
    if rng.random() < 0.15:
        text += "\n" + rng.choice(LINKS)
    closer = rng.choice(closers)
    if closer:
        text += " " + closer
    kw = {}
    roll = rng.random()
    if roll < 0.06:
        kw["spoiler_text"] = rng.choice(["long post", "food", "mild complaint", "eye contact"])
    elif roll < 0.12:
        kw["visibility"] = "unlisted"
    elif roll < 0.16 and name != "demo":
        kw["visibility"] = "private"
    if name == "lin" and any("\u4e00" <= ch <= "\u9fff" for ch in text):
        kw["language"] = "zh"
    if name == "yasmin" and any("\u0600" <= ch <= "\u06ff" for ch in text):
        kw["language"] = "ar"
    if name == "tomasz" and rng.random() < 0.3:
        text += " Dziękuję za wszystko!"
    return text, kw


def _everyday(w: World) -> None:
    """The background chatter: plain posts, some mentioning the demo user, some replying to earlier posts."""
    rng = w.rng
    plan = []
    for name, count in VOLUME.items():
        for _ in range(count):
            plan.append((w.ago(days=rng.uniform(0.02, DAYS)), name))
    for day in range(DAYS):  # the bot, twice a day
        for hour in (8, 20):
            plan.append((w.ago(days=DAYS - day, hours=-hour), "eve"))
    plan = [(t, n) for t, n in plan if t < w.ago(minutes=2)]
    plan.sort(key=lambda p: p[0])
    for when, name in plan:
        text, kw = _everyday_text(w, name)
        recent = [s for s in w.posts[-30:] if s.account_id != w.uid(name) and s.visibility == "public"]
        roll = rng.random()
        if name not in ("eve", "demo") and roll < 0.15 and recent:
            parent = rng.choice(recent)
            answer = rng.choice(REPLIES)
            if rng.random() < 0.4:
                answer += " " + rng.choice(TOPICS.get(name, TOPICS["alice"])[1])
            kw.pop("spoiler_text", None)
            w.reply(name, parent, f"@{w.name_of(parent.account_id)} {answer}", when, **kw)
            continue
        if name not in ("eve", "demo") and roll < 0.25:
            text = f"@demo {text}" if rng.random() < 0.5 else f"{text} (cc @demo)"
        w.post(name, text, when, **kw)


def _interactions(w: World) -> None:
    """Boosts, favourites and bookmarks, each some minutes or hours after the status it is about."""
    st, rng, u = w.state, w.rng, w.uid
    originals = [s for s in w.posts if s.visibility in ("public", "unlisted") and not s.deleted]
    others = [n for n in PEOPLE if n not in ("demo", "glitch", "dave")]

    def later(s, max_hours=30):
        return s.created_at + timedelta(minutes=rng.uniform(2, 60 * max_hours))

    def act(fn, name, s, max_hours=30):
        if w.at(later(s, max_hours)) <= s.created_at:
            return
        try:
            fn(u(name), s.id)
        except (LookupError, ValueError, PermissionError):
            pass  # not visible to that account (private, blocked): skip, as the UI would refuse

    demo_posts = [s for s in originals if s.account_id == u("demo")]
    for s in demo_posts:
        for name in rng.sample(others, rng.randint(1, 4)):
            act(st.favourite, name, s)
        if rng.random() < 0.5:
            act(st.reblog, rng.choice(others), s)
    for s in rng.sample(originals, min(len(originals), 160)):
        act(st.favourite, rng.choice(others), s)
    for s in rng.sample(originals, min(len(originals), 45)):
        if s.account_id != u("demo") and s.visibility == "public":
            act(st.reblog, rng.choice(others), s)
    for s in rng.sample(originals, 25):
        if s.account_id != u("demo"):
            act(st.favourite, "demo", s)
    for s in rng.sample(originals, 10):
        if s.account_id != u("demo") and s.visibility == "public":
            act(st.reblog, "demo", s)
    for s in rng.sample(originals, 6):
        act(st.bookmark, "demo", s)


def _expire_polls(w: World) -> None:
    """Let each poll that ended in the past end at its own time (voters and the author are told then)."""
    for poll in sorted(w.state.polls.values(), key=lambda p: p.expires_at):
        if poll.expires_at < w.base:
            w.at(poll.expires_at + timedelta(seconds=1))
            w.state.expire_polls()
