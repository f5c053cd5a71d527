"""Rule-based de-identification of clinical notes (HIPAA Safe Harbor identifiers found in free text).

No models and no downloads: regular expressions, the hand-written word lists in `name_lists`, and
context cues. Every detector proposes spans; overlaps are settled by priority, then length, and each
kept span is replaced by a typed placeholder such as ``[NAME]`` or ``[DATE]``.

What is removed (placeholder: what it covers):
  [NAME]      people after a title (Dr./Mr./Mrs./Ms./Miss/Prof.), after a label ("Patient name:",
              "Dictated by", "Surgeon:", "cc:"), before a credential ("Jane Roe, MD"), after a relation
              ("his wife, Linda"), as the subject of an age statement ("Jane Roe is a 45-year-old"),
              after a letter opener ("pleasure of seeing"), known first names (+ the following
              surname), "J. Smith", "Smith, John"; a word once found as a name is removed everywhere
              else in that note.
  [DATE]      day-level or month-level dates in numeric, ISO and spelled-out forms, partial dates
              after a cue ("on 07/24", "on the 24th"), month names after a time cue ("in March").
  [AGE>89]    the number of an age over 89 ("92-year-old" -> "[AGE>89]-year-old", "aged 95").
  [PHONE]     phone, fax and pager numbers (US forms, extensions, +country forms, 7 digits after a cue).
  [EMAIL], [URL], [IP]
  [ID]        SSNs, medical record / account / licence / serial / lot / member numbers after a cue,
              bare runs of 7+ digits and letter-prefixed numbers of 6+ digits.
  [ADDRESS]   street addresses with a street suffix, P.O. boxes.
  [LOCATION]  a city before a state ("Fresno, CA", "Eastchester, New York"), ZIP codes after a
              state or "ZIP", places after "lives in"/"moved to"/"is from"/"resident of", a list of
              large US cities after a place preposition.
Kept on purpose: years alone, states and countries, ages up to 89, doses, vitals, lab values,
spinal levels (C5-C6), suture sizes (4-0), fractions and scores (5/5, 2/6) without a date cue,
eponyms (Jackson-Pratt, Kelly clamp, Miami J collar).
Not found: a name with none of the cues above and not in the first-name list ("The history was
obtained from Ottilie Ryrkard"); hospital and employer names.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from medrepro.privacy import name_lists as nl

CATEGORIES = ("NAME", "DATE", "AGE>89", "PHONE", "EMAIL", "URL", "IP", "ID", "ADDRESS", "LOCATION")
PLACEHOLDER_RE = re.compile(r"\[(?:NAME|DATE|AGE>89|PHONE|EMAIL|URL|IP|ID|ADDRESS|LOCATION)\]")

_UP = "A-ZÀ-ÖØ-Þ"
_LO = "a-zß-öø-ÿ"
# One name-shaped word: Smith, McDonald, O'Brien, Smith-Jones, SMITH; not "Smith's" (possessive).
_WORD = (
    rf"(?:[{_UP}]['’][{_UP}][{_LO}]+|[{_UP}][{_LO}]{{0,2}}[{_UP}][{_LO}]+|[{_UP}][{_LO}]+)(?:-[{_UP}][{_LO}]+)*"
    rf"|[{_UP}]['’][{_UP}]{{2,}}|[{_UP}]{{2,}}(?:-[{_UP}]{{2,}})*"
)
_PARTICLES = r"(?i:van|von|de|del|della|der|den|la|le|da|di|du|dos|das)"
_NAME_TOKEN = re.compile(
    rf"(?:{_WORD})(?![\w'’-]*\d)(?!-[a-z])|[{_UP}]\.(?=\s)|[{_UP}](?=[ \t](?:[{_UP}]|{_PARTICLES}[ \t]))"
)
_COMMA_SEP = re.compile(r",[ \t]*")
_LEADING_PARTICLES = re.compile(r"(?:(?:van|von|de|del|della|der|den|la|le|da|di|du|dos|das)[ \t]+){1,2}(?=[A-Z])")
_NAME_SEP = re.compile(r"[ \t]+(?:(?i:van|von|de|del|della|der|den|la|le|da|di|du|dos|das)[ \t]+){0,2}")
_NAME_LIKE = re.compile(rf"(?:{_WORD})")

_MONTH_WORDS = (
    "January February March April May June July August September October November December "
    "Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec"
).split()
_MONTH = "(?:" + "|".join(sorted({w for m in _MONTH_WORDS for w in (m, m.upper())}, key=len, reverse=True)) + r")\.?"
_FULL_MONTH_NOT_MAY = "(?:" + "|".join(m for m in _MONTH_WORDS[:12] if m != "May") + ")"
_DAY = r"(?:0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]\d{2}|20\d{2})"
_YEAR_FIRST = r"[12](?:(?<=1)[89]|(?<=2)0)\d{2}"  # _YEAR, written to start with a character class
_MM = r"(?:0?[1-9]|1[0-2])"
_DD = r"(?:0?[1-9]|[12]\d|3[01])"
_STREET = (
    r"(?:(?:Street|Avenue|Road|Boulevard|Lane|Drive|Court|Place|Terrace|Way|Circle|Parkway|Highway|Square|"
    r"Trail|Plaza|Alley|Row|Crescent|Loop|Pike)\b|(?:St|Ave|Rd|Blvd|Ln|Dr|Ct|Pl|Ter|Cir|Pkwy|Hwy|Sq|Trl)\b\.?)"
)
_CRED = (
    r"(?:M\.D\.|MD|D\.O\.|DO|R\.N\.|RN|NP|PA-C|PA|Ph\.D\.|PhD|DPM|DDS|DMD|CRNA|LPN|MSW|LCSW|PharmD|"
    r"FACS|FACP|FACC|MBBS|CNM|APRN|FNP|DNP|PsyD|MPH|LPC|RPh|CNA)"
)

NAME_STOP = nl.NON_NAME_WORDS
_TITLE_STOP = frozenset(
    "a an the and or of to in on at for with by from is was he she his her they this that".split()
) | frozenset(c.lower() for c in ("MD", "DO", "RN", "NP", "PA", "PhD", "Jr", "Sr"))


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    category: str
    priority: int


@dataclass(frozen=True)
class DeidResult:
    """De-identified text and how many spans of each category were replaced (never the values)."""

    text: str
    counts: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Rule:
    """One regex detector: the `phi` group (or the whole match) is the identifier."""

    name: str
    category: str
    pattern: re.Pattern
    priority: int
    check: Callable[[re.Match], bool] | None = None
    scan: bool = True  # also used by the PHI scanner on arbitrary files
    needs: tuple[str, ...] = ()  # skip the regex unless one of these occurs in the lower-cased text


def _rx(pattern: str, flags: int = 0) -> re.Pattern:
    return re.compile(pattern, flags)


def _valid_ip(m: re.Match) -> bool:
    return all(0 <= int(p) <= 255 for p in m.group(0).split("."))


def _valid_numeric_date(m: re.Match) -> bool:
    a, b = int(m.group("a")), int(m.group("b"))
    return 1 <= a <= 31 and 1 <= b <= 31 and (a <= 12 or b <= 12)


def _valid_month(m: re.Match) -> bool:
    return 1 <= int(m.group("m")) <= 12


def _id_value_ok(m: re.Match) -> bool:
    """At least three digits, so suture sizes (#1-0) and spinal levels (C3-C5) after a cue stay."""
    return sum(ch.isdigit() for ch in m.group("phi")) >= 3


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


def _trie(phrases: Iterable[str]) -> str:
    """A regex alternation of literal phrases built as a trie: far faster than a flat `a|b|c` in `re`.

    A space in a phrase matches any whitespace run.
    """
    root: dict = {}
    for phrase in phrases:
        node = root
        for ch in phrase:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        alts = [(r"\s+" if ch == " " else re.escape(ch)) + build(node[ch]) for ch in sorted(node) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if "" in node:
            body = f"(?:{body})?" if len(alts) == 1 else body + "?"
        return body

    return "(?:" + build(root) + ")"


def _cue(phrases: str) -> str:
    """Case-insensitive trie of comma-separated cue phrases, anchored at a word start.

    The pattern opens with a character class of the first letters, which lets `re` skip every other
    position quickly (about three times faster than a leading word boundary on these notes).
    """
    by_first: dict[str, list[str]] = {}
    for phrase in (p.strip() for p in phrases.split(",")):
        if phrase:
            by_first.setdefault(phrase[0].lower(), []).append(phrase[1:])
    firsts = "".join(sorted(c + c.upper() for c in by_first))
    branches = [f"(?<=[{c}{c.upper()}])(?i:{_trie(rest)})" for c, rest in sorted(by_first.items())]
    return rf"[{firsts}](?<![\w][{firsts}])(?:" + "|".join(branches) + ")"


_RELATIONS = _trie(
    "wife husband spouse partner son daughter mother father mom dad brother sister sibling aunt uncle niece "
    "nephew cousin grandson granddaughter grandmother grandfather grandma grandpa stepson stepdaughter "
    "stepmother stepfather boyfriend girlfriend fiance fiancee fiancé fiancée friend neighbor neighbour "
    "roommate caregiver guardian sponsor son-in-law daughter-in-law mother-in-law father-in-law".split()
)
_ID_CUES = _cue(
    "mrn, mr#, mr #, medical record, medical records, med rec, record, chart, acct, account, patient id, "
    "patient number, pt id, id, identifier, license, licence, lic, dea, npi, upin, serial, s/n, device, "
    "device id, lot, policy, member, subscriber, insurance, medicare, medicaid, beneficiary, plan, "
    "certificate, cert, vin, plate, case, accession, specimen, encounter, visit, claim, fin, csn, hicn, "
    "passport, badge, employee, health plan, driver's license, drivers license, driver license"
)
_DATE_CUES = _cue(
    "on, dated, since, until, till, thru, through, effective, beginning, starting, admitted, discharged, "
    "seen, dob, d.o.b, d.o.b., date of birth, date of service, date of admission, date of discharge, "
    "date of surgery, date of procedure, date of visit, date of injury, date of death, date, dos, doa, dod, "
    "born"
)
_MONTH_CUES = _cue(
    "in, since, during, until, till, through, from, by, early, mid, late, last, next, this, before, after, of"
)
_PHONE_CUES = _cue(
    "phone, telephone, tel, cell, cellphone, mobile, fax, pager, beeper, call, contact, reached at, number, "
    "reached her at, reached him at, reached them at, reach her at, reach him at, reach me at, "
    "can be reached at, extension"
)
_AGE_CUES = _cue("age, aged, age of, ages")
_STATE_ABBR = _trie(sorted(nl.STATE_ABBREVIATIONS))
_STATE_NAME = _trie(list(nl.US_STATES) + list(nl.US_STATES_MULTIWORD))
_CITY = _trie(nl.US_CITIES)

_MONTH_NEEDS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
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
    Rule("id_prefixed", "ID", _rx(r"\b[A-Z]{1,4}-?\d{6,}[A-Z]?\b"), 40, scan=False),
    Rule("id_long_number", "ID", _rx(r"\d(?<![\d.,]\d)\d{6,}(?![\d]|[.,]\d)"), 30, scan=False),
    # Dates.
    Rule(
        "date_numeric", "DATE",
        _rx(r"(?P<a>\d(?<![\w/.-]\d)\d?)(?P<s>[/.-])(?P<b>\d{1,2})(?P=s)(?:\d{4}|\d{2})(?![\w/-]|\.\d)"),
        70, check=_valid_numeric_date,
    ),
    Rule("date_iso", "DATE",
         _rx(rf"{_YEAR_FIRST}(?<![\w/.-]\d{{4}})(?P<s>[-/.]){_MM}(?P=s){_DD}(?![\w/-]|\.\d)"), 70),
    Rule("date_compact", "DATE",
         _rx(rf"{_YEAR_FIRST}(?<![\w.-]\d{{4}})(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])(?![\w.-])"), 72,
         scan=False),
    Rule("date_month_year_numeric", "DATE", _rx(rf"(?P<m>\d(?<![\w/.-]\d)\d?)[/-]{_YEAR}(?![\w/-])"), 69,
         check=_valid_month),
    Rule("date_day_month", "DATE",
         _rx(rf"\b{_DAY}(?:\s+of)?[\s-]+{_MONTH}(?:,?[\s-]+(?:{_YEAR}|'\d{{2}}))?(?![\w])"), 71,
         needs=_MONTH_NEEDS),
    Rule("date_month_day", "DATE", _rx(rf"\b{_MONTH}\s+{_DAY}\b(?:,?\s+(?:{_YEAR}|'\d{{2}})\b)?"), 71,
         needs=_MONTH_NEEDS),
    Rule("date_month_numeric", "DATE", _rx(rf"\b{_MONTH}(?P<s>[-/]){_DD}(?P=s)(?:{_YEAR}|\d{{2}})\b"), 71,
         needs=_MONTH_NEEDS),
    Rule("date_month_year", "DATE", _rx(rf"\b{_MONTH},?\s+(?:of\s+)?(?:{_YEAR}|'\d{{2}})\b"), 71,
         needs=_MONTH_NEEDS),
    Rule(
        "date_month_cued", "DATE",
        _rx(_MONTH_CUES + rf"[\s-]+(?P<phi>{_FULL_MONTH_NOT_MAY}|{_FULL_MONTH_NOT_MAY.upper()})\b"),
        60, scan=False, needs=_MONTH_NEEDS,
    ),
    Rule(
        "date_partial_cued", "DATE",
        _rx(_DATE_CUES + rf"\b\.?\s*:?\s*(?P<phi>{_MM}[/-](?:{_DD}|\d{{2}}))(?![\w/-]|\.\d)"), 68, scan=False,
    ),
    Rule(
        "date_ordinal_cued", "DATE",
        _rx(_cue("on the, since the, until the, by the, from the, dated the")
            + r"\s+(?P<phi>(?:0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th))\b(?=\s*(?:[.,;:)]|$|of\b|at\b|and\b))"),
        67, scan=False,
    ),
    # Ages over 89: only the number goes, "-year-old" stays.
    Rule(
        "age_years", "AGE>89",
        _rx(r"(?P<phi>[19](?<![\d.][19])(?:(?<=9)\d|(?<=1)[0-4]\d))"
            r"(?=\s*-?\s*(?:(?:years?|yrs?|y)\s*-?\s*(?:old|of\s+age|o\b)|y/o|yo\b|y\.o\.|year-old))", re.I),
        65,
    ),
    Rule("age_cued", "AGE>89", _rx(_AGE_CUES + r"\s*:?\s*(?P<phi>9\d|1[0-4]\d)(?![\d%]|\.\d)"), 65,
         needs=("age",)),
    Rule(
        "age_words", "AGE>89",
        _rx(r"(?i)\b(?P<phi>ninety(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine))?|one\s+hundred"
            r"(?:\s+and\s+\w+)?)(?=[\s-]+years?[\s-]+old)"
            r"|(?i:\b(?:aged?|age\s+of)\s+)(?P<phi2>ninety(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine))?"
            r"|one\s+hundred(?:\s+and\s+\w+)?)\b"),
        65, needs=("ninety", "hundred")),
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

# Upper-case titles need a period and an upper-case name (MR. SMITH), since "MR", "MS" are also
# mitral regurgitation, multiple sclerosis and morphine sulfate.
_TITLE = _rx(
    r"\b(?:(?:Dr|Mr|Mrs|Ms|Mx|Prof)\b\.?|(?:Doctor|Miss|Professor)\b)[ \t]*"
    r"|\b(?:DR|MR|MRS|MS|PROF)\.[ \t]*(?=[A-Z]{2}|[A-Z]\.)"
)
_LABELS = (
    _rx(_cue("patient name, patient's name, pt name, pt. name, name of patient, patient, pt, name, attending, "
             "attending physician, surgeon, cosurgeon, co-surgeon, assistant, assistant surgeon, assistants, "
             "first assistant, anesthesiologist, anesthetist, referring physician, referring doctor, referring "
             "provider, primary care physician, primary care provider, pcp, physician, provider, doctor, nurse, "
             "resident, fellow, intern, witness, guardian, emergency contact, contact person, next of kin, "
             "interpreter, translator, transcriptionist, scribe, signed, copy to, copies to, consultant, "
             "therapist, pharmacist, dietitian, chaplain, parent, mother, father, wife's name, husband's name, "
             "nurse practitioner, physician assistant, np, midwife, social worker, case manager, dictating physician")
        + r"\s*[:#]\s*"),
    _rx(_cue("dictated, transcribed, signed, reviewed, approved, authenticated, accompanied, referred, "
             "interpreted, verified, witnessed, attested, co-signed, cosigned, electronically signed")
        + r"(?:\s+and\s+\w+)?\s+by\s*:?\s*"),
    _rx(_cue("sincerely, regards, respectfully, cordially, thank you") + r",?\s*\n?\s*"),
    _rx(r"[cC][cC]:\s*(?=(?:Dr|Mr|Mrs|Ms)\b|[A-Z][a-z]+\s+[A-Z][a-z]+)"),
)
_LABEL_NEEDS = ((), (" by",), ("sincerely", "regards", "respectfully", "cordially", "thank you"), ("cc:",))
_LABEL_NOT_AFTER = frozenset("model brand device product trade generic drug file study user street".split())
_RELATION = _rx(
    _cue("his, her, their, the patient's, patient's, pt's, my, your, whose") + r"\s+(?i:" + _RELATIONS + ")"
    r"(?:,\s*|\s*\(\s*|\s+named\s+|\s+is\s+named\s+|'s\s+name\s+is\s+|\s+)"
)
# "Jane Roe is a 45-year-old ...": the subject of an age statement at the start of a sentence.
_AGE_STATEMENT = _rx(
    rf"(?:^|(?<=[.!?:,]\s)|(?<=[.!?:]\s\s)|(?<=\n))(?P<phi>(?:{_WORD})(?:[ \t]+(?:[{_UP}]\.?|{_WORD})){{0,2}})"
    r"[ \t]+(?:is|was)[ \t]+an?[ \t]+(?:[\w-]+[ \t]+){0,2}?\d{1,3}[ -](?:year|yr|month|week|day)s?[ -]old"
)
_LETTER_CUE = _rx(
    _cue("pleasure of seeing, pleasure of evaluating, pleasure of meeting, thank you for referring, "
         "thank you for allowing me to see, thank you for allowing me to evaluate, thank you for asking me to see, "
         "i saw, we saw, i had the pleasure of seeing")
    + r"[ \t]+"
)
_CREDENTIAL = _rx(rf"(?:,[ \t]*{_CRED}|[ \t]+(?:M\.D\.|MD))(?![\w])")
_NAME_RUN_BEFORE = _rx(rf"(?:{_WORD})(?:[ \t]+(?:[{_UP}]\.?|{_WORD})){{0,3}}$")
_INITIAL_BEFORE = _rx(rf"(?:^|[^\w.])[{_UP}]\.[ \t]?(?:[{_UP}]\.[ \t]?)?$")
_SINGLE_INITIAL = _rx(rf"[{_UP}](?![\w])")
_PLACE_PREFIX = _rx(r"\b(?:San|Santa|St\.?|Saint|Mount|Mt\.?|Fort|Ft\.?|Lake|Port)[ \t]+$")
_FIRST_AFTER_COMMA = _rx(rf",[ \t]*(?:{_WORD})\b")
_CANDIDATE = _rx(rf"(?<![\w'’-])(?:{_WORD})(?![\w'’-]*\d)")


def _is_stop(word: str, stop: frozenset[str] = NAME_STOP) -> bool:
    return word.lower().strip(".") in stop


def _consume_name(text: str, pos: int, max_words: int = 4, first_stop: frozenset[str] = NAME_STOP,
                  allow_comma: bool = False) -> int | None:
    """Return the end of a run of name tokens starting at `pos`, or None when none starts there."""
    end = None
    words = 0
    lead = _LEADING_PARTICLES.match(text, pos)  # "Ms. van der Hoelm", "Dr. de la Cruz"
    i = lead.end() if lead else pos
    while words < max_words:
        m = _NAME_TOKEN.match(text, i)
        if not m:
            break
        tok = m.group()
        stop = first_stop if words == 0 else NAME_STOP
        if len(tok.rstrip(".")) > 1 and _is_stop(tok, stop):
            break
        end = m.end()
        words += 1
        sep = _NAME_SEP.match(text, end)
        if sep is not None and tok.endswith(".") and len(tok) == 2 and sep.end() - end > 1:
            break  # "Dr. X.  Once the ..." : two spaces after an initial end the sentence
        if sep is None and allow_comma and words == 1:
            sep = _COMMA_SEP.match(text, end)
        if sep is None:
            break
        i = sep.end()
    if end is None:
        return None
    # An initial alone is not a name ("Dr. J" is kept only with a surname after it).
    if len(text[pos:end].strip(" .")) < 2:
        return None
    return end


def _name_spans(text: str, lists: bool = True) -> list[Span]:
    spans: list[Span] = []

    def add(start: int, end: int | None, priority: int) -> None:
        if end is not None and end > start:
            spans.append(Span(start, end, "NAME", priority))

    for m in _TITLE.finditer(text):
        end = _consume_name(text, m.end(), first_stop=_TITLE_STOP)
        if end is None:
            single = _SINGLE_INITIAL.match(text, m.end())  # "Dr. X", "Mr. T's"
            end = single.end() if single else None
        add(m.end(), end, 47)
    low = text.lower()
    labels = [rx for rx, needs in zip(_LABELS, _LABEL_NEEDS, strict=True) if not needs or any(n in low for n in needs)]
    for m in (m for rx in labels for m in rx.finditer(text)):
        before = text[max(0, m.start() - 20):m.start()].split()
        if _TITLE.match(text, m.end()) or (before and before[-1].lower() in _LABEL_NOT_AFTER):
            continue
        add(m.end(), _consume_name(text, m.end(), allow_comma=True), 46)
    for m in _RELATION.finditer(text):
        add(m.end(), _consume_name(text, m.end(), max_words=3), 46)
    if any(n in low for n in ("pleasure", "thank you", "saw")):
        for m in _LETTER_CUE.finditer(text):
            if not _TITLE.match(text, m.end()):
                add(m.end(), _consume_name(text, m.end(), max_words=3), 45)
    if "old" in low:
        for m in _AGE_STATEMENT.finditer(text):
            add(m.start("phi"), _consume_name(text, m.start("phi"), max_words=3), 45)
    for m in _CREDENTIAL.finditer(text):
        # Look back from "..., MD" for the run of name words it belongs to.
        lo = max(0, m.start() - 80)
        run = _NAME_RUN_BEFORE.search(text, lo, m.start())
        if run is None:
            continue
        words = list(_NAME_TOKEN.finditer(text, run.start(), run.end()))
        while words and (_is_stop(words[0].group()) or len(words[0].group().rstrip(".")) == 1):
            words.pop(0)
        if words and any(len(w.group()) > 1 for w in words) and not _is_stop(words[-1].group()):
            add(words[0].start(), words[-1].end(), 46)
    if not lists:
        return spans
    for m in _CANDIDATE.finditer(text):
        word = m.group()
        title = word if not word.isupper() else word.title()
        if title in nl.SURNAMES:
            # "J. Smith", "J.R. Smith" and "Smith, John" with a listed surname.
            ini = _INITIAL_BEFORE.search(text, max(0, m.start() - 8), m.start())
            if ini is not None:
                add(ini.start() + (0 if text[ini.start()].isupper() else 1), m.end(), 44)
            comma = _FIRST_AFTER_COMMA.match(text, m.end())
            if comma is not None and comma.group().lstrip(", \t").title() in nl.FIRST_NAMES:
                add(m.start(), comma.end(), 44)
        if title not in nl.FIRST_NAMES:
            continue
        if _PLACE_PREFIX.search(text, max(0, m.start() - 8), m.start()):
            continue  # Santa Barbara, St. Luke's, San Jose: places, not people
        if word.isupper() and len(word) > 1:
            # All-caps first names only count in front of another all-caps word (PATIENT: JOHN DOE).
            nxt = _NAME_TOKEN.match(text, m.end() + 1) if text[m.end():m.end() + 1] == " " else None
            if nxt is None or not nxt.group().isupper() or _is_stop(nxt.group()):
                continue
        end = _consume_name(text, m.start(), max_words=4)
        if end is None:
            continue
        if end == m.end() and title not in nl.FIRST_NAMES_ALONE:
            continue
        add(m.start(), end, 43)
    return spans


def _propagate_names(text: str, spans: Iterable[Span]) -> list[Span]:
    """Every word already found inside a name span is a name wherever else it occurs in the note."""
    words: set[str] = set()
    for s in spans:
        if s.category != "NAME":
            continue
        for w in _NAME_LIKE.findall(text[s.start:s.end]):
            if len(w) >= 2 and not _is_stop(w) and w.title() not in nl.US_STATES:
                words.add(w)
                words.add(w.upper())
    if not words:
        return []
    pattern = re.compile(r"(?<![\w'’-])(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
                         + r")(?![\w-])")
    return [Span(m.start(), m.end(), "NAME", 20) for m in pattern.finditer(text)]


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


def _resolve(text: str, spans: list[Span]) -> list[Span]:
    """Keep the highest-priority, then longest, spans that do not overlap a span already kept."""
    kept: list[Span] = []
    taken = bytearray()
    for s in sorted(spans, key=lambda s: (-s.priority, -(s.end - s.start), s.start)):
        if len(taken) < s.end:
            taken.extend(b"\0" * (s.end - len(taken)))
        if any(taken[s.start:s.end]):
            continue
        taken[s.start:s.end] = b"\1" * (s.end - s.start)
        kept.append(s)
    kept.sort(key=lambda s: s.start)
    merged: list[Span] = []
    for s in kept:
        # "John A. Smith" found piecewise becomes one [NAME].
        if (merged and merged[-1].category == s.category == "NAME"
                and re.fullmatch(r"[ \t.]*", text[merged[-1].end:s.start])):
            merged[-1] = Span(merged[-1].start, s.end, "NAME", merged[-1].priority)
        else:
            merged.append(s)
    return merged


def find_phi(text: str, rules: Sequence[Rule] | None = None, names: str = "all",
             locations: bool = True) -> list[Span]:
    """All non-overlapping PHI spans in `text`, sorted by position.

    names: "all" (cues, word lists and propagation), "cued" (titles, labels, credentials, relations
    only: what the file scanner uses) or "none".
    """
    spans = _rule_spans(text, _RULES if rules is None else rules)
    spans = [s for s in spans if not _inside_placeholder(text, s)]
    if locations:
        spans += _location_cue_spans(text)
    if names != "none":
        name_spans = _name_spans(text, lists=names == "all")
        spans += name_spans
        if names == "all":
            spans += _propagate_names(text, name_spans)
    return _resolve(text, spans)


SCAN_RULES = tuple(r for r in _RULES if r.scan)


def _inside_placeholder(text: str, span: Span) -> bool:
    return text[max(0, span.start - 1):span.start] == "[" and text[span.end:span.end + 1] == "]"


def deidentify(text: str) -> DeidResult:
    """Replace every PHI span in `text` by its typed placeholder; deterministic and offline."""
    if not isinstance(text, str) or not text:
        return DeidResult("" if not isinstance(text, str) else text, {})
    spans = find_phi(text)
    out: list[str] = []
    pos = 0
    counts: Counter[str] = Counter()
    for s in spans:
        out.append(text[pos:s.start])
        out.append(f"[{s.category}]")
        counts[s.category] += 1
        pos = s.end
    out.append(text[pos:])
    return DeidResult("".join(out), dict(sorted(counts.items())))


def deidentify_frame(df, column: str):
    """De-identify one text column of a DataFrame; returns (new frame, summed counts per category)."""
    if column not in df.columns:
        from medrepro.errors import InputError

        raise InputError(f"column '{column}' not found; columns are {list(df.columns)}")
    total: Counter[str] = Counter()
    texts = []
    for value in df[column].tolist():
        if isinstance(value, str):
            res = deidentify(value)
            texts.append(res.text)
            total.update(res.counts)
        else:
            texts.append(value)
    out = df.copy()
    out[column] = texts
    return out, {c: int(total.get(c, 0)) for c in CATEGORIES}


def format_counts(counts: dict[str, int]) -> str:
    return ", ".join(f"{k}={v}" for k, v in counts.items())


def deid_main(argv: Sequence[str] | None = None) -> int:
    """CLI: medrepro deid IN.csv OUT.csv --column transcription (atomic output, prints counts only)."""
    import pandas as pd

    from medrepro.errors import InputError
    from medrepro.io import write_csv

    parser = argparse.ArgumentParser(prog="medrepro deid", description="Replace PHI in one CSV text column.")
    parser.add_argument("input", type=Path)
    parser.add_argument("output", type=Path)
    parser.add_argument("--column", default="transcription")
    args = parser.parse_args(argv)
    if not args.input.is_file():
        raise InputError(f"{args.input}: file not found")
    try:
        df = pd.read_csv(args.input, dtype=str, keep_default_na=False, encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"{args.input}: not UTF-8 at byte {exc.start}; re-save the file as UTF-8") from exc
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise InputError(f"{args.input}: not a readable CSV ({exc.__class__.__name__}); check the quoting") from exc
    out, counts = deidentify_frame(df, args.column)
    write_csv(args.output, out)
    print(f"de-identified {len(out)} rows of column '{args.column}' -> {args.output}")
    print("placeholders: " + format_counts(counts))
    return 0


if __name__ == "__main__":
    sys.exit(deid_main())
