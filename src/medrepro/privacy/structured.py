"""Identifiers inside structured records pasted into notes: HL7 v2 segments and delimited export rows (round 8).

Interfaces paste HL7 v2 segments into notes ("PID|1||E858802553^^^MAIN^MR||ROE^JANE^^^^L||19780205|F"):
fields split by '|', repetitions by '~', components by '^'. Prose rules miss their values because the
separators glue them together and the names are in capitals without a cue. The field's position in its
segment says what it holds (HL7 v2.5 chapters 2, 3, 4, 6), and its data type says which components are
identifiers: a person name (XPN: family^given^middle), a person with an ID (XCN: id^family^given^middle),
an extended ID (CX: id^^^authority^type: only the id), an address (XAD: street^other^city^state^zip^country:
all but the country), a phone (XTN: number, e-mail, area code and local number), a timestamp (TS:
YYYYMMDD[HHMM[SS]][+ZZZZ]; a year alone is kept) or a plain identifier. Codes (CBC^Complete blood count),
locations (4W^442^A), sex and the assigning authority stay.

Export rows (CSV, pipe- or semicolon-delimited) give an address as street, unit, city, state and ZIP in
separate fields ("9577 Butler Ave,Apt 21,Youngchester,TX,83406"; XAD written with any one delimiter), and
record numbers as digit groups ("38.892.924"): a street address field followed by a city field and a state
field, a field that is only 7+ digits in dotted or dashed groups, and in a registry row the name fields
between a record number and a date of birth ("MR6675556","Harab","Atid","1942-09-23"), are taken.
"""

from __future__ import annotations

import re

from medrepro.privacy.address_grammar import _CITY, _DIRECTION, _STATE, _SUFFIX, _UNIT, _WORD
from medrepro.privacy.rulebase import Span

PRIORITY = 92  # a field's type is known: above the prose rules whose extents it would otherwise split

# Field positions and their HL7 v2.5 data types. MSH fields are numbered from the separator (MSH-1 = '|').
_XPN, _XCN, _CX, _XAD, _XTN, _TS, _ID, _EI = "XPN", "XCN", "CX", "XAD", "XTN", "TS", "ID", "EI"
_FIELDS: dict[str, dict[int, str]] = {
    "MSH": {7: _TS, 10: _EI},
    "EVN": {2: _TS, 3: _TS, 5: _XCN, 6: _TS},
    "PID": {2: _CX, 3: _CX, 4: _CX, 5: _XPN, 6: _XPN, 7: _TS, 9: _XPN, 11: _XAD, 13: _XTN, 14: _XTN,
            18: _CX, 19: _ID, 20: _ID, 21: _CX, 29: _TS},
    "PD1": {4: _XCN},
    "MRG": {1: _CX, 2: _CX, 3: _CX, 4: _CX, 5: _CX, 6: _CX, 7: _XPN},
    "NK1": {2: _XPN, 4: _XAD, 5: _XTN, 6: _XTN, 16: _TS, 30: _XPN, 31: _XTN, 32: _XAD, 33: _CX, 37: _ID},
    "PV1": {7: _XCN, 8: _XCN, 9: _XCN, 17: _XCN, 19: _CX, 44: _TS, 45: _TS, 50: _CX, 52: _XCN},
    "PV2": {8: _TS, 9: _TS, 13: _XCN},
    "ORC": {2: _EI, 3: _EI, 4: _EI, 9: _TS, 10: _XCN, 11: _XCN, 12: _XCN, 14: _XTN, 15: _TS, 19: _XCN,
            22: _XAD, 23: _XTN, 24: _XAD},
    "OBR": {2: _EI, 3: _EI, 6: _TS, 7: _TS, 8: _TS, 10: _XCN, 14: _TS, 16: _XCN, 17: _XTN, 22: _TS,
            28: _XCN, 32: _XCN, 33: _XCN, 34: _XCN, 35: _XCN, 36: _TS},
    "OBX": {14: _TS, 16: _XCN, 19: _TS},
    "SPM": {2: _EI, 3: _EI, 17: _TS, 18: _TS},
    "TXA": {4: _TS, 5: _XCN, 6: _TS, 7: _TS, 8: _TS, 9: _XCN, 10: _XCN, 11: _XCN, 12: _EI, 22: _XCN},
    "DG1": {5: _TS, 16: _XCN},
    "PR1": {5: _TS, 11: _XCN, 12: _XCN},
    "AL1": {6: _TS},
    "RXE": {13: _XCN},
    "RXO": {14: _XCN},
    "IN1": {16: _XPN, 18: _TS, 19: _XAD, 36: _ID, 49: _CX},
    "GT1": {2: _CX, 3: _XPN, 5: _XAD, 6: _XTN, 7: _XTN, 8: _TS, 12: _ID},
    "AIP": {3: _XCN},
    "SCH": {12: _XCN, 16: _XCN},
}
# Components (1-based) holding an identifier, per type, and the category of each.
_PARTS: dict[str, tuple[tuple[tuple[int, ...], str], ...]] = {
    _XPN: (((1, 2, 3), "NAME"),),
    _XCN: (((1,), "ID"), ((2, 3, 4), "NAME")),
    _CX: (((1,), "ID"),),
    _EI: (((1,), "ID"),),
    _ID: (((1,), "ID"),),
    _XAD: (((1, 2, 3, 4, 5), "ADDRESS"),),
    _XTN: (((1,), "PHONE"), ((4,), "EMAIL"), ((6, 7), "PHONE")),
    _TS: (((1,), "DATE"),),
}
_SEGMENT = re.compile(r"(?<![A-Za-z0-9])(?P<seg>" + "|".join(sorted(_FIELDS)) + r")\|")
# A pasted segment ends at a line break, at a run of spaces (the prose that follows) or at the next segment.
_SEGMENT_END = re.compile(r"\r|\n|[ \t]{2,}|(?<![A-Za-z0-9])(?:" + "|".join(sorted(_FIELDS)) + r")\|")
_TS_VALUE = re.compile(r"\d{6}(?:\d{2}(?:\d{2,6}(?:\.\d{1,4})?)?)?(?:[+-]\d{4})?")


_NAME_PART = re.compile(r"[^\W\d_]+(?:[ '-][^\W\d_]+)*")
# HL7 table 0396 coding systems: "22298006^Myocardial infarction^SCT" is a code, not a doctor.
_CODING_SYSTEMS = frozenset("SCT SNM SNM3 LN I9 I9C I9CDX I10 I10C I10P C4 C5 CPT CPT4 HCPCS NDC RXNORM "
                            "UMLS MDC ICD9 ICD10 HL7 L".split())


def _xcn_shaped(value: str) -> bool:
    """A field of another type that holds a person with an ID (id^family^given...), as some senders shift
    fields: 6+ digits, then two name-shaped components, the second no coding system."""
    comps = value.split("^")
    return (len(comps) >= 3 and comps[0].isdigit() and len(comps[0]) >= 6
            and all(_NAME_PART.fullmatch(c) for c in comps[1:3]) and comps[2].upper() not in _CODING_SYSTEMS)


def _component_spans(kind: str, start: int, value: str) -> list[Span]:
    """Spans for the identifying components of one field repetition starting at text offset `start`."""
    comps, offs, pos = value.split("^"), [], start
    if kind == _XCN and comps[0] and not any(ch.isdigit() for ch in comps[0]):
        kind = _XPN  # no ID number: the sender wrote family^given^middle
    for c in comps:
        offs.append(pos)
        pos += len(c) + 1
    spans: list[Span] = []
    for indices, category in _PARTS[kind]:
        present = [i for i in indices if i <= len(comps) and comps[i - 1].strip()]
        if category in ("ID", "PHONE"):
            present = [i for i in present if any(ch.isdigit() for ch in comps[i - 1])]
        elif category == "EMAIL":
            present = [i for i in present if "@" in comps[i - 1]]
        elif category == "DATE":
            present = [i for i in present if _TS_VALUE.fullmatch(comps[i - 1]) or "/" in comps[i - 1]
                       or "-" in comps[i - 1]]
        elif category == "NAME":
            present = [i for i in present if any(ch.isalpha() for ch in comps[i - 1])]
        if not present:
            continue
        if category in ("ADDRESS", "NAME"):  # one span over the run, so "AL SAUD^YAZID" goes as one name
            lo, hi = present[0], present[-1]
            spans.append(Span(offs[lo - 1], offs[hi - 1] + len(comps[hi - 1]), category, PRIORITY))
        else:
            spans.extend(Span(offs[i - 1], offs[i - 1] + len(comps[i - 1]), category, PRIORITY) for i in present)
    return spans


def hl7_spans(text: str) -> list[Span]:
    """Identifier spans in the HL7 v2 segments of `text`, by each field's position and data type."""
    if "|" not in text:
        return []
    spans: list[Span] = []
    for m in _SEGMENT.finditer(text):
        end_m = _SEGMENT_END.search(text, m.end())
        end = end_m.start() if end_m else len(text)
        table = _FIELDS[m.group("seg")]
        offset = 1 if m.group("seg") == "MSH" else 0
        pos = m.end()
        for n, field in enumerate(text[m.end():end].split("|"), start=1):
            kind = table.get(n + offset)
            if kind is None and _xcn_shaped(field):
                kind = _XCN
            if kind is not None and field:
                rep_pos = pos
                for rep in field.split("~"):
                    spans.extend(_component_spans(kind, rep_pos, rep))
                    rep_pos += len(rep) + 1
            pos += len(field) + 1
    return spans


# An address written as delimited fields: street[, unit], city, state[, ZIP], one delimiter throughout.
# Street suffixes: the prose grammar's, and USPS Publication 28 suffixes that are ordinary words in prose
# (taken here only before the city and state fields).
_USPS = r"(?:Run|Path|Pass|Walk|Bend|Cove|Glen|Ridge|Point|Crossing|Xing|Mews|Hollow|Creek|Heights|Hts)\b"
_Q = r'"?'
_DELIMITED_ADDRESS = re.compile(
    rf"(?<![\w.,/-])\d{{1,6}}[A-Z]?[ \t]+{_DIRECTION}(?:{_WORD}[ \t]+){{1,3}}(?:{_SUFFIX}|(?i:{_USPS})){_Q}"
    rf"(?P<d>[,;|^\t]){_Q}(?:(?:{_UNIT}[ \t]*#?|#)[ \t]*[A-Za-z0-9-]{{1,6}}{_Q}(?P=d){_Q}|(?P=d){_Q})?"
    rf"{_CITY}{_Q}(?P=d){_Q}{_STATE}\b{_Q}(?:(?P=d){_Q}\d{{5}}(?:-\d{{4}})?\b)?")
# A record-number field: 7+ digits in dotted or dashed groups, alone between delimiters or quotes.
_GROUPED_ID = re.compile(r'(?<![\w.-])(?P<phi>\d{1,3}(?P<s>[.-])\d{3}(?:(?P=s)\d{3})+)(?=[,;|\t"]|$)',
                         re.M)
# A registry row: a record number, one to three name fields (surname, given, middle), then a date of birth.
_ROW_ID = r'(?:[A-Z]{0,3}\d{6,}|\d{1,3}([.-])\d{3}(?:\1\d{3})+)'
_ROW_NAME = r"[A-Z][A-Za-z'-]*(?: [A-Z][A-Za-z'-]*){0,2}"
_ROW_DATE = (r"(?:\d{4}-\d{2}-\d{2}|(?:19|20)\d\d(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])"
             r"|\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{1,2}-[A-Za-z]{3}-\d{4})")
_PERSON_ROW = re.compile(
    rf'(?<![\w.-])"?{_ROW_ID}"?(?P<d>[,;|\t])(?P<names>(?:"?{_ROW_NAME}"?(?P=d)){{1,3}})"?{_ROW_DATE}"?(?![\w])')
_ROW_FIELDS = 4  # a row has at least this many delimited fields, so a number in prose is never a field


def export_row_spans(text: str) -> list[Span]:
    """ADDRESS spans for delimited addresses and ID spans for grouped record numbers in export rows."""
    spans = [Span(m.start(), m.end(), "ADDRESS", PRIORITY) for m in _DELIMITED_ADDRESS.finditer(text)]
    for m in _GROUPED_ID.finditer(text):
        line_lo = text.rfind("\n", 0, m.start()) + 1
        line_hi = text.find("\n", m.end())
        line = text[line_lo:len(text) if line_hi < 0 else line_hi]
        if max(line.count(d) for d in ",;|\t") >= _ROW_FIELDS - 1:
            spans.append(Span(m.start("phi"), m.end("phi"), "ID", PRIORITY))
    for m in _PERSON_ROW.finditer(text):
        pos, d = m.start("names"), m.group("d")
        for field in m.group("names").split(d)[:-1]:
            value = field.strip('"')
            lo = pos + field.find(value)
            spans.append(Span(lo, lo + len(value), "NAME", PRIORITY))
            pos += len(field) + 1
    return spans


def structured_spans(text: str) -> list[Span]:
    """All identifier spans found by the grammar of structured records (HL7 v2 segments, export rows)."""
    return hl7_spans(text) + export_row_spans(text)
