"""The hand-made parts of the demo world: threads, direct messages, polls, media, statuses from other servers,
filters, an edited status, pins, markers and the hostile statuses. Each lands at a fixed offset from the
build time; `w.named` keeps handles to them for the tests (demo/seed_data.py builds the rest)."""
from __future__ import annotations

from datetime import timedelta

from . import seed_images as images
from .seed_corpus import HOSTILE, RICH_HTML


def build_specials(w) -> None:
    _thread(w)
    _self_thread(w)
    _direct(w)
    _polls(w)
    _media(w)
    _rich(w)
    _filtered(w)
    _edited(w)
    _hostile(w)
    _pins_and_markers(w)


def _thread(w) -> None:
    """A conversation six levels deep with branches at several levels, from seven people."""
    t = w.ago(days=2, hours=6)
    m = lambda n: timedelta(minutes=n)  # noqa: E731
    root = w.post("alice", "Hot take: the terminal is the best user interface ever designed. Fight me. 🧵 "
                  "#terminal", t)
    b1 = w.reply("bob", root, "@alice bold claim. What about discoverability? My parents will never find "
                 "the ctrl+r history search.", t + m(4))
    a2 = w.reply("alice", b1, "@bob discoverability is what a help screen and a command palette are for. "
                 "Good TUIs have both.", t + m(9))
    c3 = w.reply("carol", a2, "@alice @bob command palettes are the best thing that happened to TUIs in "
                 "years.", t + m(15))
    d4 = w.reply("demo", c3, "@carol @alice @bob tootty has one on ctrl+p, for what it's worth :tootty:",
                 t + m(22))
    j5 = w.reply("jonas", d4, "@demo does it fuzzy match? Asking for a friend who types badly.", t + m(30))
    d6 = w.reply("demo", j5, "@jonas it does: \"ntf\" finds notifications.", t + m(34))
    leaf = w.reply("jonas", d6, "@demo sold. :rustacean:", t + m(40))
    m3 = w.reply("mira", a2, "@alice @bob help screens that nobody reads 😅", t + m(17))
    w.reply("alice", m3, "@mira I read them! I might be the only one.", t + m(20))
    p2 = w.reply("priya", b1, "@bob @alice and accessibility: screen readers and full-screen TUIs are a "
                 "mixed story. #a11y", t + m(12))
    w.reply("alice", p2, "@priya true, a consistent focus order matters more than pretty borders.", t + m(26))
    w.reply("demo", p2, "@priya @alice what would you want a client to do differently?", t + m(29))
    c1 = w.reply("alice", root, "2/ Keyboards are fast, text is searchable, and it all works over ssh.",
                 t + m(6))
    w.reply("alice", c1, "3/ And nothing autoplays. End of thread.", t + m(7))
    w.named.update(thread_root=root.id, thread_leaf=leaf.id)


def _self_thread(w) -> None:
    t = w.ago(days=6, hours=3)
    parts = ["Incident review, a thread. 1/4\n\nAt 02:13 the pager went off: the login page returned 502 for "
             "everyone. #sre",
             "2/4 The load balancer was fine. The app servers were fine. The certificate had expired at 02:12.",
             "3/4 The renewal job had been failing silently for 60 days because its alert went to an old "
             "mailing list.",
             "4/4 Fixes: alert on certificate age, not job success; test the alert path; and a sticker that "
             "says IT WAS THE CERTIFICATE. https://status.mira.example/incidents/2026-11-20-login-outage"]
    parent = None
    for i, text in enumerate(parts):
        when = t + timedelta(minutes=2 * i)
        parent = w.post("mira", text, when) if parent is None else w.reply("mira", parent, text, when)
    w.reply("dave", parent, "@mira the sticker is the most important fix.", t + timedelta(minutes=30))


def _direct(w) -> None:
    """A direct conversation between alice and the demo user, and a group one."""
    t = w.ago(days=1, hours=3)
    dm = w.post("alice", "@demo psst, are you coming to the terminal meetup on Thursday?", t,
                visibility="direct")
    r1 = w.reply("demo", dm, "@alice yes! Is there a talk about #tootty?", t + timedelta(minutes=12),
                 visibility="direct")
    r2 = w.reply("alice", r1, "@demo a lightning talk, five minutes. I'll bring stickers :blobcat:",
                 t + timedelta(minutes=15), visibility="direct")
    w.reply("alice", r2, "@demo also: could you bring the HDMI adapter?\nThe projector is ancient.",
            t + timedelta(minutes=16), visibility="direct")
    g = w.post("carol", "@demo @priya book club moves to the café next week, same time. Don't tell anyone "
               "yet!", w.ago(days=4), visibility="direct")
    w.reply("priya", g, "@carol @demo the one with the ramp? Perfect.", w.ago(days=4, minutes=-20),
            visibility="direct")
    w.named.update(direct_root=dm.id, group_direct=g.id)


def _polls(w) -> None:
    st, u = w.state, w.uid
    open_poll = w.post("carol", "Which terminal emulator do you use every day?", w.ago(hours=6),
                       poll={"options": ["kitty", "foot", "WezTerm", "something else"], "expires_in": 3 * 86400})
    for i, name in enumerate(["alice", "bob", "mira", "jonas", "lin"]):
        w.at(w.ago(hours=5 - i * 0.5))
        st.vote(u(name), open_poll.poll_id, [i % 4])
    ended = w.post("carol", "Which genres did you read this year? Pick any.", w.ago(days=8),
                   poll={"options": ["fantasy", "crime", "non-fiction", "poetry"], "expires_in": 86400,
                         "multiple": True})
    w.at(w.ago(days=7, hours=20))
    st.vote(u("demo"), ended.poll_id, [0, 2])
    for i, name in enumerate(["alice", "priya", "tomasz"]):
        w.at(w.ago(days=7, hours=18 - i))
        st.vote(u(name), ended.poll_id, [i, 3] if i else [1])
    own = w.post("demo", "Tabs or spaces? Settle it once and for all.", w.ago(days=4, hours=2),
                 poll={"options": ["tabs", "spaces", "whatever the formatter says"], "expires_in": 86400})
    for i, name in enumerate(["alice", "jonas", "mira", "bob", "sam"]):
        w.at(w.ago(days=4, hours=1 - i * 0.1))
        st.vote(u(name), own.poll_id, [2 if i % 2 else 1])
    hidden = w.post("mira", "Guess this month's uptime of my homelab. Results hidden until the end!",
                    w.ago(hours=20), poll={"options": ["99.99%", "99.9%", "99%", "don't ask"],
                                           "expires_in": 2 * 86400, "hide_totals": True})
    multi = w.post("jonas", "Which languages do you use at work? Pick all that apply. #rust",
                   w.ago(days=1), poll={"options": ["Rust", "Python", "Go", "C++"], "expires_in": 5 * 86400,
                                        "multiple": True})
    w.named.update(open_poll=open_poll.id, ended_poll=ended.id, own_poll=own.id, hidden_poll=hidden.id,
                   multiple_poll=multi.id)


def _image(w, who, seed, alt, when):
    w.at(when)
    return w.state.upload(w.uid(who), images.landscape(seed), "image/png", filename=f"photo{seed}.png",
                          description=alt, instant=True)


ALTS = ["A river at dawn: orange sky over still dark water, a hill on the right bank.",
        "Blue midday sky above a green hillside; the lake below ripples in stripes.",
        "Night scene: a pale moon over black hills and a dark, rippled lake.",
        "Sunset in warm peach tones, a brown hill on the right, grey-blue water in front.",
        "Same river, an hour later: the sun higher, the reflections gone."]


def _media(w) -> None:
    t = w.ago(days=3)
    single = []
    for i in range(4):
        when = t - timedelta(days=3 * i, hours=i)
        m = _image(w, "bob", i, ALTS[i], when)
        single.append(w.post("bob", f"{['Dawn', 'Midday', 'Night', 'Sunset'][i]} at the river. "
                             "#photography", when + timedelta(minutes=3), media_ids=[m.id]))
    when = w.ago(days=1, hours=9)
    ms = [_image(w, "bob", 10 + i, ALTS[(i + 1) % len(ALTS)], when) for i in range(4)]
    gallery = w.post("bob", "Four frames from one morning. Which one should I print? #photography",
                     when + timedelta(minutes=5), media_ids=[m.id for m in ms])
    m = _image(w, "bob", 7, "Close-up of a large spider on a web, legs spread, in sharp focus.", w.ago(days=5))
    sensitive = w.post("bob", "Found this beauty in the shed. Marked sensitive for the arachnophobes.",
                       w.ago(days=5, minutes=-2), media_ids=[m.id], sensitive=True)
    m = _image(w, "priya", 3, "A screen reader's settings window with the speech rate slider set to 80%.",
               w.ago(days=9))
    w.post("priya", "My speech rate settings, since people keep asking. #a11y", w.ago(days=9, minutes=-1),
           media_ids=[m.id])
    m = _image(w, "sam", 5, None, w.ago(hours=30))
    no_alt = w.post("sam", "My first photo post! The view from my window.", w.ago(hours=30, minutes=-1),
                    media_ids=[m.id])
    w.reply("priya", no_alt, "@sam welcome! Could you add a description (alt text) to the photo? Then "
            "everyone can enjoy it. #a11y", w.ago(hours=29))
    m = _image(w, "bob", 9, "A bowl of soup; the steam hides most of it.", w.ago(days=2, hours=2))
    cw_media = w.post("bob", "Made soup. It was mostly steam.", w.ago(days=2, hours=2, minutes=-1),
                      media_ids=[m.id], spoiler_text="food")
    w.named.update(media_status=single[0].id, gallery=gallery.id, sensitive_media=sensitive.id,
                   no_alt_media=no_alt.id, cw_media=cw_media.id)


def _rich(w) -> None:
    for i, (who, text, html) in enumerate(RICH_HTML):
        st = w.post(who, text, w.ago(days=2 + 2.5 * i, hours=5), html=html)
        w.named.setdefault("rich_html", []).append(st.id)
    cw = w.post("tomasz", "Tonight's programme changed at the last minute: the Brahms is out, Dvořák is in. "
                "I have two hours to learn 40 bars.", w.ago(days=3, hours=9), spoiler_text="work stress")
    w.named["content_warning"] = cw.id


def _filtered(w) -> None:
    st, u = w.state, w.uid
    w.at(w.ago(days=20))
    hide = st.create_filter(u("demo"), "Crypto hype", ["home", "public", "thread", "notifications"], "hide",
                            keywords=[{"keyword": "NFT", "whole_word": True}])
    warn = st.create_filter(u("demo"), "TV spoilers", ["home", "public", "thread", "notifications"], "warn",
                            keywords=[{"keyword": "finale", "whole_word": True},
                                      {"keyword": "season 3", "whole_word": False}])
    hidden = w.post("carol", "Someone offered me an NFT of my own cat photo today. I have questions.",
                    w.ago(days=1, hours=7))
    warned = w.post("tomasz", "That finale! I did not see the twist coming at all. #tv", w.ago(hours=14))
    w.named.update(hide_filter=hide.id, warn_filter=warn.id, filtered_hidden=hidden.id, filtered_warned=warned.id)


def _edited(w) -> None:
    """Edited twice after the demo user boosted it: history of three versions and an `update` notification."""
    st, u = w.state, w.uid
    t = w.ago(days=1, hours=11)
    s = w.post("alice", "Textual 8 relased today, with a new scrolling model. #python", t)
    w.at(t + timedelta(minutes=5))
    st.reblog(u("demo"), s.id)
    w.at(t + timedelta(minutes=20))
    st.edit_status(u("alice"), s.id, "Textual 8 released today, with a new scrolling model. #python")
    w.at(t + timedelta(minutes=45))
    st.edit_status(u("alice"), s.id, "Textual 8 released today, with a new scrolling model. #python\n\n"
                   "Release notes: https://www.example.com/textual/releases/8.0.0-a-much-longer-path")
    own = w.post("demo", "First day with #tootty: so far so good.", w.ago(days=12))
    w.at(w.ago(days=12, minutes=-10))
    st.edit_status(u("demo"), own.id, "First day with #tootty: so far so good. The streaming is lovely.")
    w.named.update(edited=s.id, own_edited=own.id)


def _hostile(w) -> None:
    st, u = w.state, w.uid
    t = w.ago(days=2, hours=13)
    for i, (key, who, text, spoiler, html) in enumerate(HOSTILE):
        s = w.post(who, text, t + timedelta(minutes=7 * i), html=html, spoiler_text=spoiler)
        w.named.setdefault("hostile", {})[key] = s.id
    poll = w.post("glitch", "Pick one \x1b[5mblinking\x1b[0m option", t + timedelta(hours=3),
                  poll={"options": ["\x1b[31mred\x1b[0m", "[bold]bold[/]", "\u202eright-to-left", "plain"],
                        "expires_in": 7 * 86400})
    m = w.state.upload(u("glitch"), images.landscape(2), "image/png",
                       description="Alt text with \x1b]0;a title\x07 and \x1b[31mcolour\x1b[0m", instant=True)
    media = w.post("glitch", "A picture with a hostile description", t + timedelta(hours=4), media_ids=[m.id])
    dm = w.post("glitch", "@demo private \x1b[?1049h message with an alternate screen switch",
                t + timedelta(hours=5), visibility="direct")
    mention = w.post("glitch", "@demo look: \x1b]52;c;aGVsbG8=\x07 nothing to see here", t + timedelta(hours=6))
    w.named["hostile"].update(poll=poll.id, media=media.id, direct=dm.id, mention=mention.id)
    w.at(t + timedelta(hours=7))
    st.favourite(u("glitch"), w.named["own_edited"])


def _pins_and_markers(w) -> None:
    st, u = w.state, w.uid
    demo_intro = w.post("demo", "Hello! I'm the demo account of this local instance. Everything you see here "
                        "was made up, so press any key you like. #tootty #introduction", w.ago(days=20))
    for who, key in (("demo", demo_intro.id), ("jonas", w.named["rich_html"][1]), ("mira", None),
                     ("alice", w.named["thread_root"])):
        sid = key or next(s.id for s in w.posts if s.account_id == u(who) and not s.in_reply_to_id
                          and s.visibility == "public")
        w.at(w.ago(days=1))
        st.pin(u(who), sid)
    w.named["pinned"] = demo_intro.id
    # Read up to two days ago: the newer half of the timeline and notifications count as unread.
    w.at(w.ago(days=2))
    home = [s for s in w.posts if s.created_at <= w.ago(days=2)]
    if home:
        st.set_marker(u("demo"), "home", max(home, key=lambda s: (len(s.id), s.id)).id)
    notes = sorted((n for n in st.notifications.values() if n.account_id == u("demo")
                    and n.created_at <= w.ago(days=2)), key=lambda n: (len(n.id), n.id))
    if notes:
        st.set_marker(u("demo"), "notifications", notes[-1].id)
