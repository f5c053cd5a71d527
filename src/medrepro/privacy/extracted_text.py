"""Identifiers in text extracted from PDFs, faxes and OCR (round 9).

Extraction damages the shapes the other rules look for: a number comes back with a space between its
digits ("5 5 5 - 0 1 9 9"), OCR reads zero as the letter O and one as l or I ("12O4S67", "O3/l2/1950"), a
word is hyphenated across a line break ("Kowal-\\nczyk"), and every page repeats a header or footer with the
patient's name beside the record number ("ROE, JANE    MRN 1234567    Page 2 of 4"). Each is repaired
where it is found: spaced and misread digits are read back and classed by shape; a hyphenated word is
joined and its line run through the whole detector again (`detect`), so a name found in the joined word
is removed from both halves; a name-shaped cell of a header line that holds a record number is a name.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from medrepro.privacy import lexicon_vocab as lv
from medrepro.privacy.key_values import value_ok
from medrepro.privacy.rulebase import Span

PRIORITY = 90

# Seven or more one-character tokens, digits or number punctuation, each followed by a single space.
_SPACED = re.compile(r"(?<![\w/.-])[\dA-Z(+](?: [\dA-Z()/.+-]){6,}(?![\w/])")
_OCR_DIGITS = str.maketrans({"O": "0", "o": "0", "l": "1", "I": "1", "S": "5"})
_MISREAD = re.compile(r"(?<![\w/.-])(?=[\dOolIS/.-]*[OolIS])(?=(?:[OolIS/.-]*\d){4})[\dOolIS][\dOolIS/.-]{5,}"
                      r"(?<![/.-])(?![\w/])")
_DATE = re.compile(r"\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})|\d{4}-\d{2}-\d{2}")
_HYPHEN = re.compile(r"([A-Za-z]{2,})-[ \t]*\n[ \t]*([a-z]{2,})")
_HEADER_CELLS = re.compile(r" {2,}|\t| *\| *| *\(| *\) *")
_RECORD = re.compile(r"\b(?:MRN|MR#|Acct|DOB|Page \d+)\b|(?<!\d)\d{6,}(?!\d)|(?<![\d-])\d{3,}-\d{3,}(?![\d-])")
_HEADER_ID = re.compile(r"[A-Z]{0,3}\d{3,}(?:-\d{3,})*")
_HEADER_NAME = re.compile(r"[A-Z][A-Za-z'-]+,? [A-Z][A-Za-z'-]+(?: [A-Z][A-Za-z'-]+)?")


def _classify(digits: str) -> str:
    """The category of a read-back number by its shape."""
    if _DATE.fullmatch(digits):
        return "DATE"
    plain = re.sub(r"\D", "", digits)
    if len(plain) in (10, 11) and re.fullmatch(r"\+?1?\(?\d{3}\)?[-.]?\d{3}[-.]?\d{4}", digits):
        return "PHONE"
    return "ID"


def spaced_spans(text: str) -> list[Span]:
    spans = []
    for m in _SPACED.finditer(text):
        joined = m.group().replace(" ", "")
        if sum(ch.isdigit() for ch in joined) >= 6 and sum(ch.isalpha() for ch in joined) <= 3:
            spans.append(Span(m.start(), m.end(), _classify(joined), PRIORITY))
    return spans


def misread_spans(text: str) -> list[Span]:
    spans = []
    for m in _MISREAD.finditer(text):
        read = m.group().translate(_OCR_DIGITS)
        digits = sum(c.isdigit() for c in read)
        if read.replace("/", "").replace(".", "").replace("-", "").isdigit() and (_DATE.fullmatch(read) or digits >= 6):
            spans.append(Span(m.start(), m.end(), _classify(read), PRIORITY))
    return spans


def hyphen_spans(text: str, detect: Callable[[str], list[Span]]) -> list[Span]:
    """Join each word hyphenated across a line break, run `detect` on its joined lines, map spans back."""
    spans = []
    for m in _HYPHEN.finditer(text):
        lo = text.rfind("\n", 0, m.start()) + 1
        hi = text.find("\n", m.end())
        hi = len(text) if hi < 0 else hi
        joined = text[lo:m.start()] + m.group(1) + m.group(2) + text[m.end():hi]
        word_lo = m.start() - lo
        word_hi = word_lo + len(m.group(1)) + len(m.group(2))
        for s in detect(joined):
            if s.start < word_hi and s.end > word_lo:
                start = lo + s.start if s.start < word_lo else m.start(1)
                end = m.end(2) if s.end <= word_hi else m.end() + (s.end - word_hi)
                spans.append(Span(start, end, s.category, PRIORITY))
    return spans


def header_spans(text: str) -> list[Span]:
    """Name-shaped cells of a page header or footer (cells split by 2+ spaces, bars or parentheses) next to a
    record number, a DOB or a page number; an ID-shaped cell beside such a name is its record number."""
    spans = []
    pos = 0
    for line in text.split("\n"):
        start, pos = pos, pos + len(line) + 1
        if not _RECORD.search(line):
            continue
        cells, off = [], 0
        for cell in _HEADER_CELLS.split(line):
            at = line.find(cell, off)
            off = at + len(cell)
            c = cell.strip()
            if c:
                cells.append((start + at + cell.index(c), c))
        record = [bool(_RECORD.search(c)) and len(c) <= 30 for _, c in cells]
        for i, (at, c) in enumerate(cells):
            if not (_HEADER_NAME.fullmatch(c) and any(record[max(0, i - 2):i + 3]) and value_ok("NAME", c)
                    and not any(lv._ordinary(w, lv.COMMON_FROM) for w in re.findall(r"[A-Za-z]+", c))):
                continue
            spans.append(Span(at, at + len(c), "NAME", PRIORITY))
            for j in range(max(0, i - 2), min(len(cells), i + 3)):
                bt, d = cells[j]
                if _HEADER_ID.fullmatch(d) and sum(ch.isdigit() for ch in d) >= 6:
                    spans.append(Span(bt, bt + len(d), "ID", PRIORITY))
    return spans


def extracted_text_spans(text: str, detect: Callable[[str], list[Span]]) -> list[Span]:
    """Identifiers damaged by extraction; `detect` is the whole detector, run on repaired lines."""
    spans = spaced_spans(text) + misread_spans(text) + header_spans(text)
    if "-\n" in text or "- \n" in text:
        spans += hyphen_spans(text, detect)
    return spans
