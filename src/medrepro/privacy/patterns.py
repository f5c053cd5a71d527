"""Regular-expression detectors for identifiers other than names (dates, numbers, contacts, places).

Building blocks (`_trie`, `_cue`), the `Span` every detector returns, and `RULES`: the ordered regex
rules with their priorities. `SCAN_RULES` is the high-precision subset the file scanner reuses.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from medrepro.privacy import name_lists as nl
from medrepro.privacy.ages import AGE_RULES
from medrepro.privacy.dates import DATE_RULES, followed_by_unit
from medrepro.privacy.rulebase import _LO, _UP, Rule, Span, _cue, _rx, _trie  # noqa: F401  (names.py uses them)

CATEGORIES = ("NAME", "DATE", "AGE>89", "PHONE", "EMAIL", "URL", "IP", "ID", "ADDRESS", "LOCATION")
PLACEHOLDER_RE = re.compile(r"\[(?:NAME|DATE|AGE>89|PHONE|EMAIL|URL|IP|ID|ADDRESS|LOCATION)\]")


_STREET = (
    r"(?:(?:Street|Avenue|Road|Boulevard|Lane|Drive|Court|Place|Terrace|Way|Circle|Parkway|Highway|Square|"
    r"Trail|Plaza|Alley|Row|Crescent|Loop|Pike)\b|(?:St|Ave|Rd|Blvd|Ln|Dr|Ct|Pl|Ter|Cir|Pkwy|Hwy|Sq|Trl)\b\.?)"
)

NAME_STOP = nl.NON_NAME_WORDS


def _valid_ip(m: re.Match) -> bool:
    return all(0 <= int(p) <= 255 for p in m.group(0).split("."))


_SPINAL_LEVEL = re.compile(r"[CTLS]\d{1,2}-[CTLS]?\d{1,2}")


def _id_value_ok(m: re.Match) -> bool:
    """At least three digits, so suture sizes (#1-0) and spinal levels (C3-C5) after a cue stay, and no unit
    after it ("Plan: 10-12 weeks")."""
    value = m.group("phi")
    return (sum(ch.isdigit() for ch in value) >= 3 and not followed_by_unit(m.string, m.end("phi"))
            and not _SPINAL_LEVEL.fullmatch(value))


def _not_device_follower(m: re.Match) -> bool:
    rest = m.string[m.end("phi"):m.end("phi") + 24].split()
    return not rest or rest[0].strip(".,;:") not in nl.CITY_FOLLOWERS_TO_KEEP


_AMBIG_ABBR = frozenset(nl.AMBIGUOUS_STATE_ABBREVIATIONS)


def _city_state_ok(m: re.Match) -> bool:
    city = m.group("phi")
    first = city.split()[0]
    if first.lower() in NAME_STOP or city in nl.US_STATES or city in nl.COUNTRIES_AND_REGIONS:
        return False
    state = m.group("st")
    return not (state in _AMBIG_ABBR and not m.group("zip"))


_ID_CUES = _cue(
    "mrn, mr#, mr #, medical record, medical records, med rec, record, chart, acct, account, patient id, "
    "patient number, pt id, id, identifier, license, licence, lic, dea, npi, upin, serial, s/n, device, "
    "device id, lot, policy, member, subscriber, insurance, medicare, medicaid, beneficiary, plan, "
    "certificate, cert, vin, plate, case, accession, specimen, encounter, visit, claim, fin, csn, hicn, "
    "passport, badge, employee, health plan, driver's license, drivers license, driver license"
)
_PHONE_CUES = _cue(
    "phone, telephone, tel, cell, cellphone, mobile, fax, pager, beeper, call, contact, reached at, number, "
    "reached her at, reached him at, reached them at, reach her at, reach him at, reach me at, "
    "can be reached at, extension"
)
_STATE_ABBR = _trie(sorted(nl.STATE_ABBREVIATIONS))
_STATE_NAME = _trie(list(nl.US_STATES) + list(nl.US_STATES_MULTIWORD))
_CITY = _trie(nl.US_CITIES)

_PHONE_NEEDS = ("phone", "tel", "cell", "mobile", "fax", "pager", "beeper", "call", "contact", "reach", "number",
                "extension")
_IPV6_NEEDS = ("::",) + tuple(":" + c for c in "0123456789abcdef")


def _phone_digits_ok(m: re.Match) -> bool:
    """7, 10 or 11 digits (extension aside): not a lab value or a lot number."""
    return sum(c.isdigit() for c in re.split(r"[xe]", m.group("phi"))[0]) in (7, 10, 11)


_RULES: tuple[Rule, ...] = (
    Rule("url", "URL", _rx(r"\b(?:https?://|ftp://|www\.)[^\s<>\"'()\[\]]+[^\s<>\"'()\[\].,;:!?]"), 100,
         scan=False, needs=("://", "www.")),
    Rule(
        "domain", "URL",
        _rx(r"\b(?<![@.])[A-Za-z0-9][A-Za-z0-9-]*(?:\.[A-Za-z0-9-]+)*\.(?:com|org|net|edu|gov|io|info|biz|us)"
            r"\b(?:/[^\s<>\"'()\[\]]*[^\s<>\"'()\[\].,;:!?])?"),
        98, scan=False, needs=(".com", ".org", ".net", ".edu", ".gov", ".io", ".info", ".biz", ".us"),
    ),
    Rule("email", "EMAIL", _rx(r"\b[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b"), 99,
         needs=("@",)),
    Rule("ipv4", "IP", _rx(r"\d(?<![\d.]\d)\d{0,2}\.(?:\d{1,3}\.){2}\d{1,3}(?![\d.]*\d)"), 90,
         check=_valid_ip, scan=False),
    Rule(
        "ipv6", "IP",
        _rx(r"(?<![\w:])(?:[0-9A-Fa-f]{1,4}:){7}[0-9A-Fa-f]{1,4}(?![\w:])"
            r"|(?<![\w:])(?:[0-9A-Fa-f]{1,4}:){1,6}:(?:[0-9A-Fa-f]{1,4})?(?![\w:])"),
        90, check=lambda m: sum(c.isdigit() for c in m.group()) >= 2, scan=False, needs=_IPV6_NEEDS,
    ),
    Rule("ssn", "ID", _rx(r"\d(?<![\d-]\d)\d{2}-\d{2}-\d{4}(?![\d-])"), 88),
    Rule(
        "ssn_cued", "ID",
        _rx(_cue("ssn, ss#, ss #, social security, social security number, social security no, "
                 "social security no., social security #")
            + r"\s*[:#.]?\s*(?P<phi>\d{3}[\s.-]?\d{2}[\s.-]?\d{4})\b"),
        89, needs=("ss", "social"),
    ),
    Rule(
        "phone", "PHONE",
        _rx(r"(?=[+(\d])(?<![\w/.-])(?:\+?1[\s.-]?)?(?:\(\d{3}\)[\s-]?|\d{3}[\s./-])\d{3}[\s.-]\d{4}"
            r"(?:\s*(?:x|ext\.?|extension)\s*\d{1,6})?(?![\w/-])"),
        85,
    ),
    Rule("phone_international", "PHONE",
         _rx(r"(?<![\w+])\+(?:[2-9]\d{0,2}|1)[\s.-]?\(?\d{1,4}\)?(?:[\s.-]?\d{2,4}){2,4}(?![\w-])"), 86,
         check=lambda m: 8 <= sum(c.isdigit() for c in m.group()) <= 15, needs=("+",)),
    Rule(
        "phone_cued", "PHONE",
        _rx(_PHONE_CUES + r"\b\.?\s*(?:(?:number|no\.?|#)\s*)?(?:(?:is|at|of|:)\s*)?[:#]?\s*"
            r"(?P<phi>\+?\d[\d\s().-]{5,16}\d(?:\s*(?:x|ext\.?|extension)\s*\d{1,6})?)(?![\w/]|\.\d)"),
        84, check=_phone_digits_ok, needs=_PHONE_NEEDS,
    ),
    Rule(
        "id_cued", "ID",
        _rx(_ID_CUES + r"\b(?:\s*(?:number|num|no\.?|#|id|code))?\s*[:#.=]?\s*#?\s*"
            r"(?P<phi>[A-Z0-9](?:[A-Z0-9]|-(?=[A-Z0-9])){2,24})(?![\w/-]|\.\w)"),
        80, check=_id_value_ok,
    ),
    Rule("id_hash", "ID", _rx(r"#\s?(?P<phi>\d{5,})\b"), 79, scan=False),
    Rule("id_grouped", "ID", _rx(r"\d(?<![\w-]\d)\d{3}[- ]\d{4}[- ]\d{4}(?:[- ]\d{1,4})?(?![\w-])"), 78,
         scan=False),
    # Card and account numbers written in spaced groups ("1234 567 890"); phones (3-3-4) win by priority.
    Rule("id_letters_groups", "ID", _rx(r"\b[A-Z]{1,4}-\d{3,}-\d{2,}\b"), 77, scan=False),
    Rule("id_spaced", "ID", _rx(r"\d(?<![\w.,/-]\d)\d{1,5}(?:[ -]\d{3,5}){2,3}(?![\w/-]|[.,]\d)"), 77,
         check=lambda m: 9 <= sum(c.isdigit() for c in m.group()) <= 16, scan=False),
    Rule("id_prefixed", "ID", _rx(r"\b[A-Z]{1,4}-?\d{6,}[A-Z]?\b"), 40, scan=False),
    Rule("id_long_number", "ID", _rx(r"\d(?<![\d.,]\d)\d{6,}(?![\d]|[.,]\d)"), 30, scan=False),
    *DATE_RULES,
    *AGE_RULES,
    # Addresses and places.
    Rule(
        "street", "ADDRESS",
        _rx(rf"\b\d{{1,6}}[A-Z]?\s+(?:(?:N|S|E|W|NE|NW|SE|SW|North|South|East|West)\.?\s+)?"
            rf"(?:(?:\d{{1,3}}(?:st|nd|rd|th)|[{_UP}][{_LO}]+|[{_UP}]{{2,}})\s+){{1,3}}{_STREET}"
            rf"(?:,?\s*(?:Apt|Apartment|Unit|Suite|Ste|Room|Rm|Fl|Floor|#)\.?\s*#?\s*[A-Za-z0-9-]+)?"),
        60,
    ),
    Rule("po_box", "ADDRESS", _rx(r"\b(?i:p\.?\s?o\.?\s*box)\s+\d+\b"), 60, needs=("box",)),
    Rule(
        "city_state", "LOCATION",
        _rx(rf"\b(?P<phi>(?:[{_UP}][{_LO}]+[ \t]){{0,2}}[{_UP}][{_LO}]+),[ \t]+"
            rf"(?P<st>{_STATE_ABBR}\b|{_STATE_NAME}\b)(?:[ \t]+(?P<zip>\d{{5}}(?:-\d{{4}})?))?"),
        55, check=_city_state_ok,
    ),
    Rule("zip_after_state", "LOCATION",
         _rx(rf"\b(?=[A-Z])(?:{_STATE_ABBR}|{_STATE_NAME})[ \t]+(?P<phi>\d{{5}}(?:-\d{{4}})?)\b"), 56),
    Rule("zip_cued", "LOCATION",
         _rx(_cue("zip, zip code, zipcode, postal code") + r"\s*[:#]?\s*(?P<phi>\d{5}(?:-\d{4})?)\b"), 56,
         needs=("zip", "postal")),
    Rule("zip_plus4", "LOCATION", _rx(r"\d(?<![\w-]\d)\d{4}-\d{4}(?![\w-])"), 54),
    Rule(
        "city_list", "LOCATION",
        _rx(_cue("in, from, to, near, at, outside, around, visiting, back to") + r"\s+(?P<phi>(?=[A-Z])" + _CITY
            + r")\b(?![-'’])"),
        50, check=_not_device_follower, scan=False,
    ),
)

SCAN_RULES = tuple(r for r in _RULES if r.scan)

_LOCATION_CUE = _rx(
    _cue("live, lives, lived, living, reside, resides, resided, residing, moved, moving, relocated, born, "
         "grew up, raised, is from, was from, are from, were from, originally from, native of, visiting from, "
         "resident of, a resident of, hails from, "
         "returned from, traveled, travelled, trip, vacation, vacationed, vacationing")
    + r"(?:\s+(?:here|back|up|down|over|there))?\s+(?:(?i:in|to|from|at|near|outside|outside\s+of)\s+)?"
    rf"(?P<phi>[{_UP}][{_LO}]+(?:[ \t]+[{_UP}][{_LO}]+){{0,2}})"
)
_PLACE_STOP = NAME_STOP | {w.lower() for w in nl.COUNTRIES_AND_REGIONS} | {
    "home", "school", "college", "church", "prison", "jail", "town", "new",
}

_LOCATION_NEEDS = ("liv", "resid", "mov", "relocat", "born", "grew", "raised", "from", "native", "trav", "trip",
                   "vacation")


def _location_cue_spans(text: str) -> list[Span]:
    out: list[Span] = []
    low = text.lower()
    if not any(n in low for n in _LOCATION_NEEDS):
        return out
    for m in _LOCATION_CUE.finditer(text):
        words = m.group("phi").split()
        keep: list[str] = []
        for w in words:
            if w.lower() in _PLACE_STOP:
                break
            keep.append(w)
        if not keep:
            continue
        phrase = " ".join(keep)
        if phrase in nl.US_STATES or phrase in nl.US_STATES_MULTIWORD or phrase in nl.COUNTRIES_AND_REGIONS:
            continue
        start = m.start("phi")
        end = start + len(" ".join(words[: len(keep)]))
        out.append(Span(start, end, "LOCATION", 52))
    return out


def _rule_spans(text: str, rules: Sequence[Rule]) -> list[Span]:
    spans = []
    low = text.lower()
    for rule in rules:
        if rule.needs and not any(n in low for n in rule.needs):
            continue
        group = "phi" if "phi" in rule.pattern.groupindex else 0
        for m in rule.pattern.finditer(text):
            if rule.check is not None and not rule.check(m):
                continue
            start, end = m.span(group)
            if start < 0:  # the identifier sits in the second alternative's group
                start, end = m.span("phi2")
            if end > start:
                spans.append(Span(start, end, rule.category, rule.priority))
    return spans

