"""Hospital, clinic and employer names: places that identify a patient as surely as a street does.

Two detectors, both [LOCATION] (as i2b2's HOSPITAL and ORGANIZATION subtypes of LOCATION):
- a run of capitalised words before a facility noun ("Kowalczyk Memorial Hospital", "St. Aurel's
  Medical Center", "Brightwater Family Clinic"), kept when every word of the run is generic ("the Pain
  Clinic", "General Hospital", "Cardiology Clinic" stay);
- the capitalised run after "works at", "employed by", "is a cashier at" ("Davis, Quigley and Brown").
"""

from __future__ import annotations

import re

from medrepro.privacy.facility_grammar import GENERIC as _GENERIC
from medrepro.privacy.facility_grammar import facility_grammar_spans
from medrepro.privacy.lexicon import is_clinical, zipf
from medrepro.privacy.patterns import NAME_STOP, Span, _cue

PRIORITY = 53
_FACILITY_NOUN = (
    r"(?:Hospitals?|Medical\s+Cent(?:er|re)|Health\s+(?:Cent(?:er|re)|System|Services|Clinic)|Healthcare|Clinic|"
    r"Infirmary|Nursing\s+(?:Home|Cent(?:er|re)|Facility)|Rehabilitation\s+(?:Cent(?:er|re)|Hospital|Institute)|"
    r"Rehab(?:ilitation)?\s+Cent(?:er|re)|Surg(?:ery|ical)\s+Cent(?:er|re)|Cancer\s+(?:Cent(?:er|re)|Institute)|"
    r"Heart\s+Institute|(?:Eye|Medical|Research|Neurological|Orthopa?edic|Spine|Vision|Health)\s+Institute|Institute|"
    r"Dental(?:\s+(?:Care|Group|Associates|Office|Clinic|Center))?|Veterans\s+Home|Sanatorium|Hospice|Care\s+Cent(?:er|re)|Medical\s+Group|Urgent\s+Care|Assisted\s+Living|"
    r"Cent(?:er|re)|Memorial|Manor|Senior\s+Living|Retirement\s+(?:Home|Community|Village)|"
    r"(?:Elementary|Middle|High|Junior\s+High|Primary|Secondary|Grade|Charter|Medical|Nursing|Law)\s+School|"
    r"College|University|Academy|Preschool|Daycare|Day\s+Care|Orthopa?edics|Pediatrics|Associates|"
    r"Family\s+(?:Practice|Medicine)|Pharmacy|Physicians|Health|(?:Police|Fire|Sheriff'?s?)\s+Department|"
    r"School\s+District|Correctional\s+(?:Facility|Center|Institution)|Prison|Detention\s+Center)"
)
_RUN = r"(?:(?:St|Mt|Ft)\.?[ \t]+|Saint[ \t]+)?[A-Z][\w'’.-]*(?:[ \t]+(?:[A-Z][\w'’.-]*|of|and|&)){0,4}?"
_FACILITY = re.compile(rf"(?<![\w'’-])(?P<phi>{_RUN})[ \t]+{_FACILITY_NOUN}\b")
_EMPLOYER_RUN = r"(?:the[ \t]+)?(?P<phi>[A-Z][\w'’&.-]*(?:,?[ \t]+(?:[A-Z][\w'’&.-]*|and|&|of)){0,5})"
# More employer cues, each opening with `_cue`'s character class (fast): "retired from X", "Employer: X",
# "former machinist with X", "worked 30 years for X", "Occupation: accountant at X".
_EMPLOYER_MORE = tuple(re.compile(cue + _EMPLOYER_RUN) for cue in (
    _cue("retired from, resigned from, laid off from, fired from, owns, owned, founded") + r"[ \t]+",
    _cue("employer, company, workplace, place of employment") + r"[ \t]*:[ \t]*",
    _cue("former, worked, works, working, occupation") + r"(?:[ \t]*:)?[ \t]+(?:\d+[ \t]+)?[a-z]+(?:[ \t]+[a-z]+)?"
    r"[ \t]+(?:with|at|for)[ \t]+",
))
_COMPANY = re.compile(
    r"(?P<phi>[A-Z](?<![\w'’-][A-Z])[\w'’&-]*(?:,?[ \t]+(?:[A-Z][\w'’&-]*|and|&)){0,4}),?[ \t]+"
    r"(?:Inc\.?|LLC|L\.L\.C\.|Ltd\.?|Corp\.?|Corporation|PLC|LLP|Group)(?![\w-])"
)
_EMPLOYER_MORE_NEEDS = ("retir", "resign", "laid", "fired", "employ", "company", "workplace", "owns", "owned",
                        "founded", "former", "work", "occupation")
_COMPANY_NEEDS = ("inc", "llc", "l.l.c", "ltd", "corp", "plc", "llp", "group")
_UNIVERSITY_OF = re.compile(r"\b(?:University|College)[ \t]+of[ \t]+(?P<phi>[A-Z][a-z]+(?:[ \t][A-Z][a-z]+)?)")
_EMPLOYER = re.compile(
    r"\b(?:(?i:works?|worked|working|employed|employee|job)(?:[ \t]+(?i:as)[ \t]+(?:an?[ \t]+)?[a-z][a-z -]{0,30}?)?"
    r"|(?:is|was|works\s+as)[ \t]+an?[ \t]+[a-z]+(?:[ \t]+[a-z]+)?)"
    r"[ \t]+(?i:at|for|by|with)[ \t]+(?:the[ \t]+)?"
    r"(?P<phi>[A-Z][\w'’&.-]*(?:,?[ \t]+(?:[A-Z][\w'’&.-]*|and|&|of)){0,5})"
)
_SENTENCE_END = re.compile(r"\.(?=\s)")  # a run never crosses into the next sentence
_TRAILING_JUNK = re.compile(r"(?:[ \t]+(?:of|and|&))+$")


def _specific(words: list[str]) -> bool:
    """At least one word of the run is not generic: a name, not a service ("Cardiology Clinic")."""
    for w in words:
        low = w.lower().strip(".,")
        if low in _GENERIC or low in {"st", "mt", "ft", "saint"}:
            continue
        if low in NAME_STOP and zipf(low) >= 4.0 or is_clinical(low) and zipf(low) >= 3.0:
            continue  # a rare word of the medical dictionary in a facility's name is taken for a name
        return True
    return False


def facility_spans(text: str) -> list[Span]:
    spans: list[Span] = []
    if any(k in text for k in ("Hospital", "Cent", "Clinic", "Health", "Infirmary", "Nursing", "Rehab",
                               "Institute", "Sanatorium", "Hospice", "Medical Group", "Urgent", "Assisted",
                               "Memorial", "Manor", "Living", "Retirement", "School", "College", "University",
                               "Academy", "Preschool", "Day", "Ortho", "Pediatrics", "Associates", "Family",
                               "Pharmacy", "Physicians", "Department", "District", "Correctional", "Prison",
                               "Detention", "Institute", "Dental", "Veterans")):
        for m in _FACILITY.finditer(text):
            words = m.group("phi").split()
            ends = [i for i, w in enumerate(words) if re.search(r"[a-z]{3}\.$", w)]
            words = words[ends[-1] + 1:] if ends else words  # "Blood Bank.  Pharmacy label": one sentence
            while words and words[0].lower() in {"the", "a", "an", "at", "to", "from", "in"}:
                words.pop(0)
            if words and _specific(words):
                start = m.start("phi") + m.group("phi").index(words[0])
                spans.append(Span(start, m.end(), "LOCATION", PRIORITY))
    low = text.lower()
    checks = [(rx, _EMPLOYER_MORE_NEEDS) for rx in _EMPLOYER_MORE]
    for rx, needs in (*checks, (_COMPANY, _COMPANY_NEEDS), (_UNIVERSITY_OF, ("university", "college"))):
        if not any(n in low for n in needs):
            continue
        for m in rx.finditer(text):
            phi = _TRAILING_JUNK.sub("", _SENTENCE_END.split(m.group("phi"))[0]).rstrip(".,")
            if phi and _specific(phi.replace(",", " ").split()):
                end = m.end() if rx is _COMPANY else m.start("phi") + len(phi)
                spans.append(Span(m.start("phi"), end, "LOCATION", PRIORITY))
    if any(k in low for k in ("work", "employ", "job", " a ", " an ")):
        for m in _EMPLOYER.finditer(text):
            phi = _TRAILING_JUNK.sub("", _SENTENCE_END.split(m.group("phi"))[0]).rstrip(".,")
            if phi and _specific(phi.replace(",", " ").split()):
                spans.append(Span(m.start("phi"), m.start("phi") + len(phi), "LOCATION", PRIORITY))
    return spans + facility_grammar_spans(text)
