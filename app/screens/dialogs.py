"""Small modal dialogs: confirm, choose a link (showing where it really goes), vote in a poll, ask for a word.

Everything shown here that came from a server is passed as Rich `Text` built by the sanitizer, never as markup.
"""
from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult, SuspendNotSupported
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, SelectionList, TextArea
from textual.widgets.option_list import Option

from widgets.sanitize import sanitize_plain

# j/k move in every picker, as they do in the lists (only Down/Up did: `T` `j` `Enter` chose the first row).
_JK = [Binding("j", "cursor_down", "Down", show=False), Binding("k", "cursor_up", "Up", show=False)]


class Picker(OptionList):
    BINDINGS = _JK


class PickerSelection(SelectionList):
    BINDINGS = _JK


class ConfirmScreen(ModalScreen[bool]):
    """"Are you sure?" y/enter = yes, n/escape = no."""

    BINDINGS = [
        Binding("y,enter", "answer(True)", "Yes", id="confirm.yes"),
        Binding("n,escape", "answer(False)", "No", id="confirm.no"),
    ]

    def __init__(self, question: str | Text, yes: str = "Yes") -> None:
        super().__init__()
        self.question = question
        self.yes = yes

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.question if isinstance(self.question, Text) else Text(self.question))
            yield Label(Text.assemble(("y", "bold"), f" {self.yes}   ", ("n", "bold"), " Cancel"), classes="hint")

    def action_answer(self, value: bool) -> None:
        self.dismiss(value)


class LinkScreen(ModalScreen[str | None]):
    """The links of a status with their real targets; links whose text names another place are marked.
    Enter opens, y copies the URL (OSC 52), escape closes. Dismisses with ("open"|"copy", url) or None."""

    BINDINGS = [
        Binding("escape", "dismiss(None)", "Close", id="links.close"),
        Binding("y", "copy", "Copy URL", id="links.copy"),
    ]

    def __init__(self, links: list, title: str = "Links") -> None:
        super().__init__()
        self.links = links
        self.title_text = title

    def compose(self) -> ComposeResult:
        options = []
        for index, link in enumerate(self.links):
            label = Text(end="")
            kind = getattr(link, "kind", "url")
            label.append({"mention": "@ ", "hashtag": "# ", "media": "▣ "}.get(kind, "🔗 "), "bold")
            label.append(sanitize_plain(getattr(link, "text", ""), max_len=120) or "(no text)")
            url = getattr(link, "url", "") or getattr(link, "target", "")
            label.append("\n    → ", "dim")
            label.append(sanitize_plain(url, max_len=400, max_word=400), "underline")
            if getattr(link, "suspicious", False):
                label.append("\n    ⚠ the text and the target differ", "bold red")
                reason = getattr(link, "reason", "")
                if reason:
                    label.append(": " + sanitize_plain(reason, max_len=120), "red")
            options.append(Option(label, id=str(index)))
        with Vertical(classes="dialog wide"):
            yield Label(Text(self.title_text + "  (enter: open · y: copy · esc: close)", style="bold"))
            yield Picker(*options, id="links")

    def _chosen(self):
        option_list = self.query_one(OptionList)
        index = option_list.highlighted
        return self.links[index] if index is not None and 0 <= index < len(self.links) else None

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(("open", self.links[int(event.option.id)]))

    def action_copy(self) -> None:
        link = self._chosen()
        if link is not None:
            self.dismiss(("copy", link))


class PollScreen(ModalScreen[list[int] | None]):
    """Choose poll options (several when the poll allows it); enter votes."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel", id="poll.cancel"),
                Binding("ctrl+s", "vote", "Vote", id="poll.vote")]

    def __init__(self, poll: dict) -> None:
        super().__init__()
        self.poll = poll

    def compose(self) -> ComposeResult:
        options = [o for o in (self.poll.get("options") or []) if isinstance(o, dict)]
        multiple = bool(self.poll.get("multiple"))
        with Vertical(classes="dialog"):
            yield Label(Text("Vote: " + ("choose one or more, then ctrl+s" if multiple else "choose one"),
                             style="bold"))
            if multiple:
                yield PickerSelection(*[(Text(sanitize_plain(o.get("title"), 200)), i)
                                           for i, o in enumerate(options)], id="choices")
            else:
                yield Picker(*[Option(Text(sanitize_plain(o.get("title"), 200)), id=str(i))
                                   for i, o in enumerate(options)], id="choices")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss([int(event.option.id)])

    def action_vote(self) -> None:
        choices = self.query_one("#choices")
        if isinstance(choices, SelectionList):
            self.dismiss(sorted(choices.selected) or None)
        elif choices.highlighted is not None:
            self.dismiss([choices.highlighted])


class AskScreen(ModalScreen[str | None]):
    """One line of input (a hashtag to open, an account to look up)."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel", id="ask.cancel")]

    def __init__(self, prompt: str, placeholder: str = "") -> None:
        super().__init__()
        self.prompt = prompt
        self.placeholder = placeholder

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(Text(self.prompt, style="bold"))
            yield Input(placeholder=self.placeholder)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip() or None)


class ChoiceScreen(ModalScreen[str | None]):
    """Pick one of a few labelled values."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel", id="choice.cancel")]

    def __init__(self, title: str, choices: list[tuple[str, str]]) -> None:
        super().__init__()
        self.title_text = title
        self.choices = choices

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(Text(self.title_text, style="bold"))
            yield Picker(*[Option(Text(label), id=value) for value, label in self.choices])

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)


class UrlScreen(ModalScreen[None]):
    """A link that could not be opened here (no display, no browser): copied to the clipboard (OSC 52, where
    the terminal allows it) and shown whole in a read-only field, where selecting it copies it without the
    line breaks a wrapped toast put into it; `p` prints it on one line in the plain terminal."""

    BINDINGS = [
        Binding("escape,q", "dismiss(None)", "Close", id="url.close"),
        Binding("y", "copy", "Copy again", id="url.copy"),
        Binding("p", "print_url", "Print in plain terminal", id="url.print"),
    ]

    def __init__(self, url: str, title: str = "No browser here. The link, copied to the clipboard:") -> None:
        super().__init__()
        self.url = url
        self.title_text = title

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Label(Text(self.title_text, style="bold"))
            yield TextArea(sanitize_plain(self.url, max_len=4000, max_word=4000), read_only=True, soft_wrap=True,
                           show_line_numbers=False, id="url-text")
            yield Label(Text.assemble(("y", "bold"), " copy again   ", ("p", "bold"),
                                      " print it in the plain terminal   ", ("esc", "bold"), " close"),
                        classes="hint")

    def on_mount(self) -> None:
        self.action_copy()

    def action_copy(self) -> None:
        self.app.copy_to_clipboard(self.url)

    def action_print_url(self) -> None:
        try:
            with self.app.suspend():
                print(f"\n{self.url}\n")
                try:
                    input("Press Enter to return to tootty… ")
                except EOFError:
                    pass
        except SuspendNotSupported:
            self.notify("This terminal cannot be handed back; y copies the link.", severity="warning")
