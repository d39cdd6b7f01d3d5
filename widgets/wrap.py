"""Word wrap for Rich `Text` at a width in terminal cells."""

from __future__ import annotations

import re

from rich.cells import cell_len, chop_cells
from rich.text import Text

__all__ = ["wrap_text"]

_WORD = re.compile(r"\S+\s*")  # not r"\s*\S+\s*": on a long run of spaces that one backtracks quadratically


def _break_offsets(plain: str, width: int) -> list[int]:
    """Greedy word wrap: where to cut `plain` (no newlines) so no piece is wider than `width` cells. Words wider
    than the width are folded at grapheme boundaries. (Rich's Text.wrap does the same, three times slower:
    it also justifies and copies, which we do not need.)"""
    offsets: list[int] = []
    line_cells = 0
    lead = len(plain) - len(plain.lstrip())
    if lead:  # indentation (in <pre>) stays with the first line, folded only if wider than the line
        position = 0
        chunks = chop_cells(plain[:lead], width)
        for chunk in chunks[:-1]:
            position += len(chunk)
            offsets.append(position)
        line_cells = cell_len(chunks[-1])
    for match in _WORD.finditer(plain, lead):
        start = match.start()
        word = match.group()
        stripped = word.rstrip()
        word_cells = cell_len(stripped)
        if line_cells and line_cells + word_cells > width:
            offsets.append(start)
            line_cells = 0
        if word_cells > width:
            position = start
            chunks = chop_cells(stripped, width)
            for chunk in chunks[:-1]:
                position += len(chunk)
                offsets.append(position)
            line_cells = cell_len(chunks[-1]) + (len(word) - len(stripped))
        else:
            line_cells += word_cells + (len(word) - len(stripped))
    return offsets


def wrap_text(text: Text, width: int) -> list[Text]:
    """Wrap `text` to `width` cells; words longer than the width are folded (so no line exceeds it)."""
    width = max(1, width)
    plain = text.plain
    pieces = text.split("\n", allow_blank=True) if "\n" in plain else [text]
    lines: list[Text] = []
    for piece in pieces:
        piece_plain = piece.plain
        if cell_len(piece_plain) <= width:
            line = piece.copy() if piece is text else piece
            line.rstrip()
            lines.append(line)
            continue
        for line in piece.divide(_break_offsets(piece_plain, width)):
            line.rstrip()  # the space where the line was broken
            lines.append(line)
    return lines
