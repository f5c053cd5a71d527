"""Drug shape: tell a coined drug, brand or device word from a person's name by its letters.

Why: the lexicon test (`lexicon`) takes a rare capitalised word that no vocabulary holds for a name, and
new brands ("Biktarvy", "Lagevrio", "Cabenuva") reach notes before any list has them. Brands are coined
to a shape that names seldom have; a logistic regression on character n-grams (drug_shape.json, trained
from public word lists by benchmarks/build_drug_shape.py) scores it.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from medrepro.privacy import lexicon as lx
from medrepro.privacy import name_lists as nl
from medrepro.privacy.patterns import Span

MODEL = Path(__file__).with_name("drug_shape.json")
BRANDS = Path(__file__).with_name("drug_brands.txt")
NGRAMS = (2, 5)
_POSSESSIVE = re.compile(r"['’]s$")


@lru_cache(maxsize=1)
def _model() -> tuple[dict[str, float], float]:
    data = json.loads(MODEL.read_text(encoding="utf-8"))
    return data["weights"], float(data["intercept"])


def _ngrams(word: str) -> set[str]:
    """The n-grams sklearn's char_wb analyzer takes from one word (padded by a space each side)."""
    padded = f" {word.lower()} "
    return {padded[i:i + n] for n in range(NGRAMS[0], NGRAMS[1] + 1) for i in range(len(padded) - n + 1)}


@lru_cache(maxsize=1)
def brands() -> frozenset[str]:
    """Drug brand names of public drug dictionaries (drug_brands.txt; sources in its header)."""
    lines = BRANDS.read_text(encoding="utf-8").split("\n")
    return frozenset(w for w in lines if w and not w.startswith("#"))


@lru_cache(maxsize=1 << 16)
def drug_score(word: str) -> float:
    """Log-odds that `word` is a drug or brand word rather than a name word (> 0: drug)."""
    weights, intercept = _model()
    return intercept + sum(weights.get(g, 0.0) for g in _ngrams(word))


# In a medication or device context, letters that lean this far towards a drug make a word one. Alone, the
# letters never decide: surnames ("Prevost", "Pruvost") score as high as brands (measured on dev-names).
CONTEXT_FROM = 0.5

_WORD = re.compile(r"[A-Za-z](?:[A-Za-z]|['’-](?=[A-Za-z]))*")
# "started on X", "switched to X", "a dose of X", "prescribed X", "dressed with X", "placed a X". Not
# "taking"/"took": "took Maria home" (people are taken, given and seen too).
_MED_BEFORE = re.compile(
    r"(?i:\b(?:(?:(?:started|continued|maintained|restarted|resumed|switched|changed|transitioned|titrated|"
    r"initiated|kept)[ \t]+(?:back[ \t]+)?(?:on|to)|prescribed|dispensed|"
    r"(?:dose|doses|tablets?|capsules?|course|trial|injections?|infusions?|refills?|puffs?)[ \t]+of|"
    r"(?:treated|treatment|therapy|dressed|dressing|packed)[ \t]+with|applied)[ \t]+(?:an?[ \t]+|the[ \t]+)?"
    r"|(?:placed|implanted|inserted)[ \t]+(?:an?|the)[ \t]+))$")
# "X 50 mg", "X po", "X twice daily", "X 2 puffs", "X inhaler"; not a bare "twice" or a time ("seen with
# Okafor twice", "Betancourt 10:42").
_MED_AFTER = re.compile(
    r"[ \t]+(?:\d+(?:\.\d+)?(?:/\d+)?[ \t]*(?:mg|mcg|g|units?|ml|mL|mEq|meq|%|puffs?|tabs?|tablets?|capsules?)\b"
    r"(?![ \t]+of\b)|"  # "Gave Zofia 650 mg of acetaminophen": the dose is the next word's
    r"(?i:po|iv|im|sq|subq|sl|inh|bid|tid|qid|qd|qhs|qam|qpm|prn|(?:once|twice)[ \t]+(?:a[ \t]+)?(?:daily|day|weekly)|"
    r"nightly|puffs?|inhaler|tablets?|capsules?|ointment|cream|patch)\b)")
# Device brands coined from a Greek or Latin combining form and a noun: "Mediport", "Fibroscan".
_COMBINING = re.compile(
    r"(?:aero|aqua|angio|arthro|broncho|cardio|cryo|cysto|derma|dermo|electro|endo|entero|fibro|gastro|"
    r"glyco|haemo|hemo|hepato|hydro|immuno|lipo|medi|micro|myo|nephro|neuro|onco|ortho|osteo|pneumo|pulmo|"
    r"sono|thermo|uro|vaso)([a-z]{3,})")
# An eponym, a hyphenated modifier and a head ("Neer two-part fracture"); a staging acronym and a class
# numeral after one eponym ("Lauge-Hansen SER IV").
_ACRONYM_MODIFIER = re.compile(r"[A-Z]{2,}[0-9]*(?:-[a-z]+)+")
_MODIFIER = re.compile(r"[ \t][a-z0-9]+-[a-z]+(?=[ \t])")
_ACRONYM_CLASS = re.compile(r"[ \t][A-Z]{2,5}[ \t](?:I{1,3}|IV|VI{0,3}|IX|X)\b")


def _known_name(word: str) -> bool:
    title = word.title()
    return title in nl.FIRST_NAMES or title in nl.SURNAMES or title in nl.EPONYM_FIRST_NAMES


def coined_device(word: str) -> bool:
    """A combining form joined to an English or clinical noun ("Mediport", "Fibroscan", "Aquaseal"), or an
    acronym joined to a lower-case modifier ("MSI-high", "HER2-low"): no name is spelt so."""
    if _ACRONYM_MODIFIER.fullmatch(word):
        return True
    m = _COMBINING.fullmatch(word.lower())
    return m is not None and (lx.zipf(m.group(1)) >= 3.5 or lx._head(m.group(1)))


# Verbs whose first object is a person: "Handed Aedan Baier cream samples", "Showed Ana Roe pump alarms".
_PERSON_OBJECT = re.compile(
    r"(?i:\b(?:gave|give|gives|handed|hands|showed|taught|teach|teaches|reminded|remind|reminds|told|tell|"
    r"tells|offered|offer|asked|ask|helped|instructed|educated|counseled|counselled|encouraged|thanked)[ \t]+)")
_PERSON_OBJECT_BEFORE = re.compile(_PERSON_OBJECT.pattern + "$")


def person_object(text: str, start: int) -> bool:
    """The span is (or opens with) the first object of a verb that takes a person there ("Showed Zofia
    robot video"; a sentence-initial verb may be inside a Title-case span)."""
    return _PERSON_OBJECT_BEFORE.search(text[max(0, start - 16):start]) is not None or (
        _PERSON_OBJECT.match(text, start) is not None)


def medication_context(text: str, start: int, end: int) -> bool:
    """A medication or device cue before the span ("continued on", "placed a") or a dose, route,
    frequency or form after it ("twice daily", "po", "2 puffs", "inhaler"); not after a verb whose object
    is a person ("Handed Zofia cream samples")."""
    if person_object(text, start):
        return False
    return _MED_BEFORE.search(text[max(0, start - 40):start]) is not None or _MED_AFTER.match(text, end) is not None


def _classification(text: str, start: int, end: int) -> bool:
    """An eponym before a hyphenated modifier and a head ("Neer two-part fracture"), or one eponym before
    a staging acronym and a class numeral ("Lauge-Hansen SER IV")."""
    mod = _MODIFIER.match(text, end)
    if mod is not None and lx.clinical_context(text, start, mod.end(), numbers=False):
        return True
    if _ACRONYM_CLASS.match(text, end) is not None:
        return not re.search(r"\s", text[start:end])
    last = text[start:end].rsplit(None, 1)
    # the acronym inside the span after one Title-case eponym: "Lauge-Hansen SER" before "IV" (not "ROB LAW III")
    return len(last) == 2 and _ACRONYM_CLASS.match(" " + last[1] + text[end:end + 6]) is not None and (
        not re.search(r"\s", last[0])) and not last[0].isupper()


def clinical_span(text: str, start: int, end: int) -> bool:
    """The name span text[start:end] of the lexicon test reads as a drug, brand, device or classification.

    Every word that made it a name (rare, or an eponym, which many surnames are) must look coined: drug
    letters (`drug_score`), more leniently in a medication context, or a device compound. A word on the
    detector's own name lists keeps the span a name."""
    words = [_POSSESSIVE.sub("", w) for w in _WORD.findall(text[start:end])]
    if any(_known_name(w) for w in words):
        return False
    if _classification(text, start, end):
        return True
    evidence = [w for w in words if len(w) >= 3 and (lx.is_eponym(w) or not (lx._common(w) or lx.is_clinical(w)))]
    if not evidence:
        return False
    context = medication_context(text, start, end)
    return all(w.lower() in brands() or coined_device(w) or (context and drug_score(w) >= CONTEXT_FROM)
               for w in evidence)


def drop_clinical(text: str, spans: list[Span]) -> list[Span]:
    """The name spans of the statistical tests less those that read as drugs, brands or devices."""
    return [s for s in spans if not clinical_span(text, s.start, s.end)]
