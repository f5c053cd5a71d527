"""Clinical shapes around a name span that no vocabulary holds: organisms, device products, trial names.

Why: the statistical name tests (`lexicon`, `name_context`) take a rare capitalised word for a name, and
`drug_shape` and the lexicon's head nouns only know drugs, brands and eponyms before a clinical head.
Three more shapes of real clinical text tell a coined word from a person by what stands beside it:
- a Latin binomial: a genus before a lower-case species epithet that no English or clinical lexicon has
  ("Elizabethkingia meningoseptica", "Talaromyces marneffei"); a person's name is never followed by one;
- a device product: a name-shaped word before a device noun, possibly after adjectives ("Aveir leadless
  pacemaker", "Amulet occluder", "SYMPLICITY SPYRAL catheter", "Mako robot"), a coined
  word ending in one ("Hydrus Microstent"), or before a model code ("Evolut PRO+");
- a trial acronym joined to a Title-case arm ("EMPEROR-Preserved", "DAPA-Heart").
A word on the detector's own name lists keeps the span a name, as in `drug_shape`.
"""

from __future__ import annotations

import re

from medrepro.privacy import clinical_terms as ct
from medrepro.privacy import lexicon as lx
from medrepro.privacy.drug_shape import _known_name, person_object
from medrepro.privacy.patterns import Span

# Nouns that name an implanted or worn device; people are not "pacemakers" or "occluders". Words that
# also follow people ("line", "lead", "system", "monitor") are left out: "Marta lead the walk".
DEVICE_NOUNS = frozenset(
    "pacemaker pacemakers occluder occluders catheter catheters stent stents endograft endografts graft grafts "
    "sheath sheaths defibrillator defibrillators stimulator stimulators neurostimulator clip clips sensor sensors "
    "implant implants valve valves shunt shunts pump pumps electrode electrodes prosthesis recorder lvad icd "
    "coil coils filter filters scaffold scaffolds oxygenator cannula cannulas".split())
# Heads that follow a one-word product ("Mako robot", "Vivity lens"); after two words a person is as likely
# ("Kasimir Wojcik lens was cleaned"), so those are read only after a single word. Acronym heads ("IOL",
# "IVL") are not read at all: a surname stands before them as often ("Consent: Roe IOL discussion" cost
# 4% of that family's names on dev10-clinical).
ONE_WORD_HEADS = frozenset("robot robots balloon balloons cryoballoon bronchoscope endoprosthesis lens lenses".split())
# A coined product word that ends in a device noun ("Microstent", "MicroShunt", "Alfapump"): no surname is
# spelt so. Short or name-like endings ("port": Davenport, "lens", "line") are left out.
_COMPOUND = re.compile(r"[A-Za-z]{3,}(?:stent|shunt|pump|graft|valve|balloon|catheter|sheath|clip|coil|scope)")
# Adjectives before a device noun, by their endings ("leadless", "transcatheter", "subcutaneous", "dual-
# chamber"); a plain noun between ("Zofia insulin pump settings") is not taken: a person may stand there.
_ADJECTIVE = re.compile(r"[a-z]+(?:less|ic|al|ous|ive|ary|ar|ed|eter|able)|[a-z]+-[a-z]+")
_NEXT = re.compile(r"[ \t]+([A-Za-z][A-Za-z-]*)")
# A model code after a product word: "PRO+", "G4", "E3", "AV2", "X2"; capitals with a digit or a plus.
_MODEL_CODE = re.compile(r"[ \t]+(?:[A-Z]{2,}\+|[A-Z]{1,4}\d{1,4}[A-Z]?|[A-Z]{1,4}-\d{1,4})(?![\w+-])")
# A Latin species epithet: lower-case, five letters or more, a Latin ending.
_EPITHET = re.compile(
    r"[ \t]+([a-z]{3,}(?:ae|ii|i|us|um|is|a|ensis|oides|ans|ens|ica|ata|ium|es|ei|ix|ex|or|ar)|sp|spp|species)"
    r"\b(?![-'’])")
_TRIAL = re.compile(r"[A-Z]{3,}-(?:[A-Z][a-z]{3,}|[A-Z]{2,})")


def _epithet(text: str, end: int) -> bool:
    """A species epithet right after the span: Latin-shaped and in no English list (or a clinical word:
    "Klebsiella pneumoniae")."""
    m = _EPITHET.match(text, end)
    if m is None:
        return False
    w = m.group(1)
    if w in ("sp", "spp", "species"):
        return True
    return len(w) >= 5 and w not in ct.ENGLISH and lx.zipf(w) < 2.5 and not w.endswith("ed")


def binomial(text: str, start: int, end: int) -> bool:
    """One capitalised genus word followed by a species epithet ("Talaromyces marneffei")."""
    word = text[start:end]
    return re.fullmatch(r"[A-Z][a-z]{3,}", word) is not None and _epithet(text, end)


def device_product(text: str, start: int, end: int) -> bool:
    """A product word before a device noun, after at most two adjectives ("Aveir leadless pacemaker"), a
    coined word ending in a device noun ("Hydrus Microstent"), or a Title-case (not ALL CAPS) product word
    before a model code ("Evolut PRO+"); a lower-case head such as "robot" only after one word; never as
    the first object of a verb that takes a person."""
    if person_object(text, start):
        return False  # "Showed Zofia Roe robot arm video": a person is shown things
    words = text[start:end].split()
    if any(_COMPOUND.fullmatch(w) for w in words):
        return True
    last = words[-1] if len(words) == 2 else ""
    if last.lower() in DEVICE_NOUNS | ONE_WORD_HEADS and (last.islower() or last.isupper()):
        return True  # one product word and its head inside the span: "Mako robot" taken whole
    pos = end
    for _ in range(3):
        m = _NEXT.match(text, pos)
        if m is None:
            return False
        w = m.group(1)
        if w.lower() in DEVICE_NOUNS and (w.islower() or w.isupper()):
            return True
        if w.lower() in ONE_WORD_HEADS and (w.islower() or w.isupper()) and len(words) == 1:
            return True
        if not _ADJECTIVE.fullmatch(w) or w in ct.ENGLISH and not lx.is_clinical(w):
            break
        pos = m.end()
    span = text[start:end]
    return not span.isupper() and _MODEL_CODE.match(text, end) is not None


def trial_name(text: str, start: int, end: int) -> bool:
    """A trial acronym joined to its arm by a hyphen ("EMPEROR-Preserved", "PARADIGM-HF")."""
    return _TRIAL.fullmatch(text[start:end]) is not None


def clinical_shape(text: str, start: int, end: int) -> bool:
    """The name span text[start:end] reads as an organism, a device product or a trial, and no word of it
    is on the detector's name lists."""
    words = re.findall(r"[A-Za-z]+", text[start:end])
    if not words or any(_known_name(w) for w in words):
        return False
    return binomial(text, start, end) or device_product(text, start, end) or trial_name(text, start, end)


def drop_shapes(text: str, spans: list[Span]) -> list[Span]:
    """The statistical name spans less those that read as organisms, device products or trials."""
    return [s for s in spans if not clinical_shape(text, s.start, s.end)]
