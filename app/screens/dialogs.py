"""Small modal dialogs: confirm, choose a link (showing where it really goes), vote in a poll, ask for a word.

Everything shown here that came from a server is passed as Rich `Text` built by the sanitizer, never as markup.
"""
from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, SelectionList
from textual.widgets.option_list import Option

from widgets.sanitize import sanitize_plain


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
            yield OptionList(*options, id="links")

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
                yield SelectionList[int](*[(Text(sanitize_plain(o.get("title"), 200)), i)
                                           for i, o in enumerate(options)], id="choices")
            else:
                yield OptionList(*[Option(Text(sanitize_plain(o.get("title"), 200)), id=str(i))
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
            yield OptionList(*[Option(Text(label), id=value) for value, label in self.choices])

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)
