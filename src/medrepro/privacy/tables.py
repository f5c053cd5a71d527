"""Identifiers in tables whose header row names the column (round 9).

Census lists, schedules and lab exports reach notes as markdown or ASCII box tables ("| Patient | MRN |")
or tab-separated rows. A cell holds no cue of its own, but its column's header does: every cell below a
header that `key_values.key_kind` reads as a name, date, phone, ID or place is an identifier of that kind
when it has that kind's shape (`value_ok`). A table ends at the first line with another number of cells.
"""

from __future__ import annotations

import re

from medrepro.privacy.key_values import key_kind, value_span
from medrepro.privacy.rulebase import Span

_RULE = re.compile(r"[ \t]*[|+]?[ \t:|+=-]*-{3,}[ \t:|+=-]*")  # |---|:--| or +-----+ separator lines


def _cells(line: str, start: int) -> list[tuple[int, int]] | None:
    """(start, end) text offsets of the cells of one table line, or None when it is no table row."""
    body = line.strip()
    if body.startswith("|") and body.count("|") >= 3:
        lead = line.index("|")
        bounds = [lead + m.start() for m in re.finditer(r"\|", line[lead:line.rindex("|") + 1])]
        return [(start + a + 1, start + b) for a, b in zip(bounds, bounds[1:], strict=False)]
    if "\t" in line and line.count("\t") >= 1:
        out, pos = [], 0
        for part in line.split("\t"):
            out.append((start + pos, start + pos + len(part)))
            pos += len(part) + 1
        return out
    return None


def _trim(text: str, cells: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Prose glued to a row by two spaces (before its first cell, after its last) is no part of the table."""
    (a0, b0), (an, bn) = cells[0], cells[-1]
    m = list(re.finditer(r" {2,}", text[a0:b0].rstrip()))
    cells = [(a0 + m[-1].end() if m else a0, b0), *cells[1:]]
    n = re.search(r"\S {2,}", text[an:bn])
    if len(cells) > 1 and n:
        cells[-1] = (an, an + n.start() + 1)
    return cells


def table_spans(text: str) -> list[Span]:
    if "|" not in text and "\t" not in text:
        return []
    spans: list[Span] = []
    kinds: list[str | None] | None = None
    keys: list[str] = []
    pos = 0
    for line in text.split("\n"):
        start, pos = pos, pos + len(line) + 1
        if _RULE.fullmatch(line) and kinds is not None:
            continue
        cells = _cells(line, start)
        if cells is None:
            kinds = None
            continue
        cells = _trim(text, cells)
        if kinds is not None and len(cells) == len(kinds):
            for (a, b), kind, key in zip(cells, kinds, keys, strict=True):
                span = value_span(kind, text, a, b, key)
                spans += [span] if span else []
            continue
        header = [key_kind(text[a:b].strip()) if 0 < len(text[a:b].strip()) <= 40 else None for a, b in cells]
        keys = [text[a:b].strip() for a, b in cells]
        kinds = header if any(header) else None
    return spans
