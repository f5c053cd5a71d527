"""Facility names by the grammar of their head noun, in Title case and in capitals (round 7).

A facility is named as one or more name words before a head noun: "Woodville Memorial Hospital",
"AMBERBOROUGH REGIONAL MEDICAL CENTER", "Chaudhri Dialysis Unit", "DANIELMOUTH HEALTH & REHAB", or the
reverse, a head before "of" and a place ("Hospital of Westberg", "CLINIC OF NORTH BRANDY"). Transfer forms,
fax banners and requisitions print them in capitals, where the case says nothing, so the run must hold a
word that is neither generic ("Regional", "Community", "Cardiology"), clinical, an English word of the
word list, nor common (Zipf 4.5 and above): "the INTENSIVE CARE UNIT", "DIAGNOSTIC IMAGING", "BLOOD BANK
UNIT" and "NORTH CLINIC" stay.
Words of one run share one case; the run stops at a function word ("TRANSFERRED TO X HOSPITAL"), and a
run in capitals before a colon is a section heading. A saint's name is a name ("ST. MARY'S HOSPITAL").
"""

from __future__ import annotations

import re

from medrepro.privacy.clinical_terms import ENGLISH
from medrepro.privacy.lexicon import is_clinical, zipf
from medrepro.privacy.name_lists import NON_NAME_WORDS as NAME_STOP
from medrepro.privacy.rulebase import Span, _trie

PRIORITY = 53
# Words of services and kinds that do not name one facility ("Regional", "Cardiology", "Pain Clinic").
GENERIC = frozenset("""
the a an of and general memorial community regional county state university children's childrens women's
womens veterans family medical health city central district national international pain cardiology
orthopedic orthopaedic pediatric pediatrics surgical surgery eye dental dialysis cancer heart urgent care
primary outpatient inpatient internal medicine neurology oncology psychiatric mental behavioral sleep
wound diabetes endocrine allergy spine sports vein vascular fertility women men's mens rehab rehabilitation
physical therapy occupational speech hearing skin dermatology gi urology ob-gyn ob/gyn obstetrics
elementary middle high junior senior school college university academy
associates practice pharmacy living retirement imaging physicians laboratories technical vocational graduate
law business art arts science sciences technology institute research trauma burn breast infusion birth
treatment diagnostic wellness dental radiology kidney transplant stroke memory vision christian support study
blood age control focus working peer
home men's mental public sexual global occupational environmental student employee police fire sheriff
department district correctional prison detention
gynecology coumadin anticoagulation lipid hypertension hospital clinic center centre our their his her this
that same local nearby another outside private public teaching methodist baptist presbyterian lutheran
catholic adventist jewish mercy good samaritan shriners va emergency er icu new north south east west
adult day funeral group kidney reference home
""".split())
_HEADS = (
    "Hospital", "Hospitals", "Medical Center", "Medical Centre", "Health Center", "Health Centre", "Health System",
    "Health Services", "Healthcare", "Health Care", "Clinic", "Clinics", "Infirmary", "Institute", "Surgery Center",
    "Surgical Center", "Surgicenter", "Dialysis", "Dialysis Unit", "Dialysis Center", "Dialysis Clinic",
    "Kidney Center", "Unit", "Imaging", "Imaging Center", "Radiology", "Diagnostics", "Laboratory", "Laboratories",
    "Pharmacy", "Hospice", "Hospice House", "Nursing Home", "Nursing Center", "Skilled Nursing",
    "Skilled Nursing Facility", "Nursing Facility", "Health & Rehab", "Health and Rehab", "Health & Rehabilitation",
    "Health and Rehabilitation", "Nursing & Rehab", "Nursing and Rehabilitation", "Rehab", "Rehabilitation",
    "Rehab Center", "Rehabilitation Center", "Behavioral Health", "Health", "Urgent Care", "Medical Group",
    "Medical Associates", "Family Practice", "Family Medicine", "Memorial", "Manor", "Sanatorium", "Care Center",
    "Assisted Living", "Senior Living", "Home Health", "Orthopedics", "Pediatrics", "Physicians", "Medical Office",
    "Center", "Centre", "Cancer Center", "Convalescent Center", "Specialty Hospital", "Surgical Hospital",
)
_STOP = frozenset("""
a an the to at from in into of for with by on and or is was were are be been sent seen via per than then
as our their his her this that these those its your my we she he they it transferred transfer discharged
admitted referred outside prior previous nearest local
""".split())
_TITLE_WORD = (r"(?:St\.|Mt\.|Ft\.|[A-Z][a-z][\w'’.-]*|(?:al|el|ad|ar|as|at|az|an|ud|ul|bin|ibn|abu)-[A-Z][a-z]+"
               r"|[A-Z]\.?)")
_CAPS_WORD = r"(?:ST\.|MT\.|FT\.|[A-Z][A-Z'’.-]*[A-Z]|[A-Z])"
_SP = r"[ \t]"


def _grammar(word: str, heads: list[str]) -> re.Pattern:
    """A run of up to five words of one case before a head noun of the same case."""
    run = rf"(?P<run>{word}(?:{_SP}+(?:{word}|&)){{0,4}}?)"
    return re.compile(rf"(?<![\w'’.&-]){run}{_SP}+(?P<head>{_trie(heads)})(?![\w'’-]|{_SP}+&)")


def _reverse(word: str, heads: list[str], of: str) -> re.Pattern:
    """The reverse form: a head, "of", and a place of up to four words ("Hospital of Westberg")."""
    return re.compile(rf"(?<![\w-])(?:{_trie(heads)}){_SP}+{of}{_SP}+(?:(?i:the){_SP}+)?"
                      rf"(?P<run>{word}(?:{_SP}+(?:{of}{_SP}+)?{word}){{0,3}})(?![\w'’-])")


_REVERSE_HEADS = ["Hospital", "Medical Center", "Clinic", "Infirmary", "Institute", "Health System", "Hospice"]
_TITLE = _grammar(_TITLE_WORD, list(_HEADS))
_CAPS = _grammar(_CAPS_WORD, [h.upper() for h in _HEADS])
_TITLE_REV = _reverse(_TITLE_WORD, _REVERSE_HEADS, "of")
_CAPS_REV = _reverse(_CAPS_WORD, [h.upper() for h in _REVERSE_HEADS], "OF")
_TITLE_NEEDS = ("Hospital", "Cent", "Clinic", "Infirmary", "Institute", "Surgi", "Dialysis", "Unit", "Imaging",
                "Radiology", "Diagnostics", "Laborator", "Pharmacy", "Hospice", "Nursing", "Rehab", "Health", "Urgent",
                "Medical", "Family", "Memorial", "Manor", "Sanatorium", "Living", "Orthopedics", "Pediatrics",
                "Physicians")
# Heads that only an organisation takes (round 10): before them any Title-case word names one, an English
# word too ("Grants Pass Funeral Home", "Brewing Distribution", "Compass Home Care"), so long as the run
# does not open a sentence with one word that may be a verb ("Called Pharmacy").
_ORG_HEADS = (
    "Funeral Home", "Funeral Homes", "Funeral Chapel", "Funeral Service", "Funeral Services", "Mortuary",
    "Nursing and Rehab", "Nursing and Rehabilitation", "Nursing & Rehab", "Nursing & Rehabilitation",
    "Distribution", "Distributors", "Logistics", "Freight", "Trucking", "Manufacturing", "Staffing", "Church",
    "Baptist Church", "Lutheran Church", "Methodist Church", "Catholic Church", "Group Home", "Home Care",
    "Kidney Care", "Dialysis Unit", "Dialysis Center", "Reference Lab", "Reference Laboratory", "Laboratories",
    "Drugs", "Pharmacy", "Apothecary", "Elementary School", "Middle School", "High School", "Adult Day Center",
    "Day Center", "Surgery Center",
)
_ORG = re.compile(rf"(?<![\w'’.&-])(?P<run>{_TITLE_WORD}(?:{_SP}+(?:{_TITLE_WORD}|&)){{0,3}}?){_SP}+"
                  rf"(?P<head>{_trie(list(_ORG_HEADS))})(?![\w'’-]|{_SP}+&)")
_ORG_NEEDS = ("Funeral", "Mortuary", "Rehab", "Distribut", "Logistics", "Freight", "Trucking", "Manufacturing",
              "Staffing", "Church", "Home", "Care", "Dialysis", "Lab", "Drugs", "Pharmacy", "Apothecary", "School",
              "Center")
_SENTENCE_END_WORD = re.compile(r"[a-z]{3}\.$")  # "Blood Bank.  Pharmacy label": the run stops at a sentence
_SENTENCE_OPEN = re.compile(r"(?:^|[.!?:;\n]|\d[.)])[ \t\"'(\[-]*$")


def _org_start(text: str, m: re.Match) -> int | None:
    """Start of an organisation's name before an `_ORG_HEADS` head, or None: the run after its last function
    word must hold a word that is neither generic nor clinical, and one word opening a sentence must be
    one that names (`_named`)."""
    words = [(w.start(), w.group()) for w in re.finditer(r"\S+", m.group("run"))]
    first = len(words)
    while first > 0 and words[first - 1][1].lower() not in _STOP and not _SENTENCE_END_WORD.search(words[first - 1][1]):
        first -= 1
    kept = [(o, w) for o, w in words[first:] if w != "&"]
    if not kept:
        return None
    lows = [w.lower().strip(".,").removesuffix("'s") for _, w in kept]
    if all(low in GENERIC or low in {"st", "mt", "ft", "saint"} or is_clinical(low) for low in lows):
        return None
    start = m.start("run") + kept[0][0]
    if len(kept) == 1 and _SENTENCE_OPEN.search(text, max(0, start - 8), start) and not _named(kept[0][1]):
        return None
    return start


_HEADING_AFTER = re.compile(r"[ \t]*:")  # "MYOCARDIAL PERFUSION IMAGING:" heads a section
_CAPS_NEEDS = tuple(n.upper() for n in _TITLE_NEEDS)


def _named(word: str) -> bool:
    """A word that names a facility: not generic, clinical, an English word of the word list or common
    (Zipf 4.5): "Chaudhri", "Woodville"; not "Intensive", "Perfusion", "Examining"."""
    low = word.lower().strip(".,'’").removesuffix("'s").removesuffix("’s")
    if len(low) < 2 or low in GENERIC or low in _STOP or low in {"st", "mt", "ft", "saint"}:
        return False
    return not (low in NAME_STOP or low in ENGLISH or is_clinical(low) or zipf(low) >= 4.5)


def _run_start(run: str) -> int | None:
    """Offset in `run` where the facility's name begins (after a function word), or None when no word of
    what is left names a facility."""
    words = [(m.start(), m.group()) for m in re.finditer(r"\S+", run)]
    start = len(words)
    while start > 0 and words[start - 1][1].lower() not in _STOP:
        start -= 1
    kept = words[start:]
    while kept and kept[0][1] == "&":
        kept.pop(0)
    saint = len(kept) > 1 and kept[0][1].lower().rstrip(".") in {"st", "saint"}  # "ST. MARY'S HOSPITAL"
    if not kept or not (saint or any(_named(w) for _, w in kept)):
        return None
    return kept[0][0]


def facility_grammar_spans(text: str) -> list[Span]:
    spans: list[Span] = []
    passes = []
    if any(k in text for k in _TITLE_NEEDS):
        passes += [(_TITLE, False), (_TITLE_REV, True)]
    if any(k in text for k in _CAPS_NEEDS):
        passes += [(_CAPS, False), (_CAPS_REV, True)]
    if any(k in text for k in _ORG_NEEDS):
        for m in _ORG.finditer(text):
            start = _org_start(text, m)
            if start is not None:
                spans.append(Span(start, m.end(), "LOCATION", PRIORITY))
    for rx, reverse in passes:
        for m in rx.finditer(text):
            if reverse:
                if any(_named(w) for w in m.group("run").split() if w.lower() != "of"):
                    spans.append(Span(m.start("run"), m.end("run"), "LOCATION", PRIORITY))
                continue
            offset = _run_start(m.group("run"))
            if offset is not None and not (rx is _CAPS and _HEADING_AFTER.match(text, m.end())):
                spans.append(Span(m.start("run") + offset, m.end(), "LOCATION", PRIORITY))
    return spans
