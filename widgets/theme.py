"""The styles the renderers use, in one place so a theme can change them.

They are Rich `Style` objects (not markup strings), so no server text is ever interpreted as markup.
"""

from rich.style import Style

LINK_META = "tootty_link"
"""Meta key on a link's characters: its index in the renderer's `links` list (our number, never server data)."""

BOLD = Style(bold=True)
ITALIC = Style(italic=True)
STRIKE = Style(strike=True)
UNDERLINE = Style(underline=True)
CODE = Style(color="bright_cyan")
QUOTE_BAR = Style(color="bright_black")
QUOTE = Style(italic=True)
HEADING = Style(bold=True, underline=True)
DIM = Style(dim=True)
ERROR = Style(color="red", bold=True)
WARN = Style(color="yellow")

URL = Style(color="bright_blue", underline=True)
SUSPICIOUS_URL = Style(color="bright_red", underline=True)
MENTION = Style(color="bright_magenta")
HASHTAG = Style(color="bright_cyan")
EMOJI = Style(color="yellow")

DISPLAY_NAME = Style(bold=True)
ACCT = Style(color="bright_black")
TIME = Style(color="bright_black")
BOOSTED_BY = Style(color="green")
REPLY_TO = Style(color="bright_black")
SPOILER = Style(color="yellow", bold=True)
FILTERED = Style(color="bright_black", italic=True)
SENSITIVE = Style(color="red")
ATTACHMENT = Style(color="bright_blue")
ALT_TEXT = Style(italic=True)
COUNT = Style(color="bright_black")
FAVOURITED = Style(color="yellow", bold=True)
REBLOGGED = Style(color="green", bold=True)
BOOKMARKED = Style(color="bright_magenta", bold=True)
POLL_BAR = Style(color="bright_blue")
POLL_BAR_EMPTY = Style(color="bright_black")
POLL_OWN = Style(bold=True)
BADGE = Style(color="black", bgcolor="bright_black")
BADGE_ALERT = Style(color="white", bgcolor="red")
VERIFIED = Style(color="green", bold=True)
NOTIFICATION = Style(bold=True)
SEPARATOR = Style(color="bright_black", dim=True)
SELECTED = Style(bgcolor="grey19")
CURSOR_BAR = Style(color="bright_blue", bold=True)
