"""Identifiers told by their shape and by their place in a label block (round 7), with no cue word.

Requisitions, wristbands and EHR banners print numbers as "label#value", "label #: value" or as a field
between runs of spaces ("Das Birat  5443 3867  2/12/1988  F"), and record systems add check digits and
year prefixes ("298309-50", "12-22064", "3903.4933"). None of these shapes is a clinical quantity: a
measurement has no four decimals on a four-digit number, CPT codes with a modifier have five digits
("CPT code 22851-59" stays), suture sizes ("#3-0") and ranges ("normal 232-1137") have too few digits.
"""

from __future__ import annotations

import re

from medrepro.privacy.dates import followed_by_unit
from medrepro.privacy.rulebase import Rule


def _digits(s: str) -> int:
    return sum(c.isdigit() for c in s)


def _no_unit(m: re.Match) -> bool:
    return not followed_by_unit(m.string, m.end())


# A double space or a line break after a value opens the next field or sentence: no unit can follow.
_NEXT_FIELD = re.compile(r"[ \t]*\n|[ \t]{2,}")
_CODE_LABEL = re.compile(r"(?i)\b(?:cpt|icd(?:-?\d+)?|drg|hcpcs|ndc|model|part|catalog|cat|product|item|size|ref)$")


def _label_value_ok(m: re.Match) -> bool:
    """6+ digits after a label that is not a billing, drug or product code's ("CPT #: 99213-25" stays)."""
    label = m.string[max(0, m.start() - 12):m.start()]
    return _digits(m.group("phi")) >= 6 and _no_unit(m) and _CODE_LABEL.search(label) is None


def _check_groups_ok(m: re.Match) -> bool:
    return _digits(m.group()) >= 10 and (_NEXT_FIELD.match(m.string, m.end()) is not None or _no_unit(m))


def _field_ok(m: re.Match) -> bool:
    return _digits(m.group("phi")) >= 7 and _no_unit(m)


ID_BLOCK_RULES: tuple[Rule, ...] = (
    # Four or more digits on both sides of a dot: CSNs and accession numbers, never a measurement.
    Rule("id_dotted", "ID", re.compile(r"\d(?<![\w.,]\d)\d{3,}\.\d{4,}(?![\w/-]|[.,]\d)"), 77, scan=False,
         check=_no_unit),
    # A check-digit suffix after six or more digits, or a year or site prefix before five or more.
    Rule("id_check_digits", "ID",
         re.compile(r"\d(?<![\w.,/-]\d)(?:\d{5,}-\d{1,3}|\d{1,2}-\d{5,})(?![\w/-]|[.,]\d)"), 77, scan=False,
         check=_no_unit),
    # National and record numbers in three hyphenated groups with a check digit ("579-962519-4" as Iran's
    # Code Melli prints it, "4336-101620-2"): a middle group of five or more digits; ten or more in all.
    Rule("id_check_groups", "ID",
         re.compile(r"\d(?<![\w.,/-]\d)\d{1,4}-\d{5,8}-\d{1,2}(?![\w/-]|[.,]\d)"), 77, scan=False,
         check=_check_groups_ok),
    # Numbers grouped by dots in threes ("27.698.713", as DNI and cédula numbers are written): never a
    # measurement, which has one decimal point, nor an IPv4 address, which has four parts.
    Rule("id_dot_groups", "ID",
         re.compile(r"\d(?<![\w.,]\d)\d{0,2}\.\d{3}\.\d{3}(?![\w/-]|[.,]\d)"), 77, scan=False, check=_no_unit),
    # "Adm#157-7617", "Hosp #: 3579 3188", "MR#40567224": a label word, "#", and digit groups (6+ digits).
    Rule("id_label_hash", "ID",
         re.compile(r"(?<=[A-Za-z])[ \t]?#[ \t]*:?[ \t]*(?P<phi>\d{1,8}(?:[ -]\d{2,8}){0,2})(?![\w/-]|[.,]\d)"),
         77, scan=False, check=_label_value_ok, needs=("#",)),
    # Two digit groups (7+ digits) as a whole field: after a label's colon or a run of spaces, before a run
    # of spaces, ";", "," or the line's end ("Record: 5019 9665  DOB: ...", "Das Birat  5443 3867  2/12/1988").
    Rule("id_field", "ID",
         re.compile(r"(?:(?<=[:#])|(?<=^)|(?<=[ \t]{2}))[ \t]*(?P<phi>\d{3,5} \d{3,5})"
                    r"(?=[ \t]*(?:[;,]|$)|[ \t]{2})", re.M), 77, scan=False, check=_field_ok),
)
