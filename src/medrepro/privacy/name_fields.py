"""A name without a cue in a patient block: the words before a birth date or a record number on one line.

Why: requisitions, wristband labels, fax cover sheets and report headers print the patient as
"KHALIL, RAMI  DOB 01/02/1950  MRN 555123" or "Rami Khalil | MRN 555123", with no label before the name;
when the name's words are moderately common ("Rami", "Khalil" have Zipf 3-4) the lexicon test (`lexicon`)
keeps them. The phenomenon is the field order of such blocks, not a wording: two or three capitalised
words (or "Last, First") that open a line or a field (after two spaces, "|" or ";") and are followed on the
same line by an identifier field (DOB, MRN, account, chart, record, encounter, sex) or a numeric date.
Every word must be a plausible name word (`name_context._plain_word`, or a clinical word that is no drug:
"Rami"), and one of them neither an English nor a clinical word, so headings ("PROGRESS NOTE  MRN ...",
"Final Report  DOB ...") stay.
"""

from __future__ import annotations

import re

from medrepro.privacy import lexicon as lx
from medrepro.privacy.name_context import _PLACES, _plain_word
from medrepro.privacy.patterns import Span

PRIORITY = 44  # a list rule's: above the lexicon test, below the cue rules

_W = r"(?:[A-Z][a-z]+|[A-Z]{2,})(?:-(?:[A-Z][a-z]+|[A-Z]{2,}))?"
_RUN = rf"{_W}(?:,[ \t]*{_W}|(?:[ \t]+(?:[A-Z]\.[ \t]*)?{_W}){{1,2}})"
# The leading character class lets the scan skip most positions fast (the whole note is scanned).
_FIELD = (r"(?<!\w)(?=[DdBbMmAaCcRrHhFfEeVvSsGg])(?i:dob|d\.o\.b\.?|date[ \t]+of[ \t]+birth|born|mrn|mr[ \t]*#|"
          r"mr[ \t]+no|med[ \t]*rec|acct|account|chart|record|hosp(?:ital)?[ \t]*(?:#|no)|csn|fin|encounter|"
          r"visit[ \t]*#|sex|gender)\b|(?<!\d)\d{1,2}[/-]\d{1,2}[/-]\d{2,4}\b")
_FIELD_RX = re.compile(_FIELD)
# The name before a field, on the field's line: it opens the line or follows two spaces, "|" or ";".
_BEFORE_FIELD = re.compile(r"(?:^|(?<=[ \t]{2})|(?<=[|;]))[ \t]*(?P<phi>" + _RUN + r")"
                           r"(?:[ \t]{2,}|[ \t]*[|/;,(][ \t]*)(?:[MFU][ \t]+|[A-Z]{1,2}[ \t]*[/|,][ \t]*)?$",
                           re.M)


def _name_words(value: str) -> bool:
    """Plausible name words (a clinical word may be one, "Rami", but not all), one neither English nor
    clinical, and no drug."""
    words = re.findall(r"[A-Za-z]+", value)
    titled = [w.title() if w.isupper() else w for w in words if len(w) > 1]
    odd = [w for w in titled if w.lower() not in lx.ct.ENGLISH and lx.zipf(w) < lx.COMMON_FROM
           and not lx.is_clinical(w)]
    return (len(titled) >= 2 and bool(odd) and value.title() not in _PLACES
            and all(_plain_word(w) or (lx.is_clinical(w) and not _drug(w)) for w in titled))


def _drug(word: str) -> bool:
    return lx._in(word.lower(), lx.ct.DRUGS) or lx.is_drug_like(word)


def field_name_spans(text: str) -> list[Span]:
    """NAME spans for the name that opens a patient block (see the module docstring)."""
    spans: list[Span] = []
    for f in _FIELD_RX.finditer(text):  # a few per note: look back from each field, within its line
        lo = max(text.rfind("\n", 0, f.start()) + 1, f.start() - 80)
        m = _BEFORE_FIELD.search(text, lo, f.start())
        if m is not None and _name_words(m.group("phi")):
            spans.append(Span(m.start("phi"), m.end("phi"), "NAME", PRIORITY))
    return spans
