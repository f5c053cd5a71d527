"""Word-level vocabulary tests of the statistical name detector (`lexicon`): English frequency, clinical
vocabulary, eponyms, drug stems and brand spellings.

Why apart from the span builder: these answer "is this one word ordinary?" and are shared by the name,
place and facility rules; the span builder (`lexicon`) and the clinical-context tests (`lexicon_context`)
only combine them.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

from medrepro.privacy import clinical_terms as ct
from medrepro.privacy import name_lists as nl
from medrepro.privacy.patterns import NAME_STOP

# A word is ordinary English at or above this Zipf frequency (5.0 = once per 100,000 words) even when the
# clinical vocabulary lacks it; below it, only the clinical vocabulary (`clinical_terms`) makes it ordinary.
COMMON_FROM = 5.0
# Between RARE_BELOW and COMMON_FROM a word outside the clinical vocabulary ("Login", "Simon") is a name only
# in a name's context: inside a sentence, or as a sentence's subject before a verb ("Tom was placed").
RARE_BELOW = 3.0
# A neighbour of a name joins the span unless it is this common (function words, "The", "Patient").
NEIGHBOUR_BELOW = 5.0
# Next to a strong name word and inside a sentence, a Title-case word this common still joins the name
# ("Abdelkader Field", "Rosenberg Brown", "Gudmunda Long Junisson"), unless it is a stop word, clinical,
# a place or a heading word.
COMMON_JOIN_BELOW = 6.5
# A lower-case word of the medical dictionary rarer than this after a capitalised run makes it an eponym.
EPONYM_HEAD_BELOW = 5.0

_POSSESSIVE = re.compile(r"['’]s$")
_MONTHS_DAYS = frozenset(
    "january february march april june july august september october november december monday tuesday "
    "wednesday thursday friday saturday sunday".split()
)


_CITY_WORDS = frozenset(w for c in nl.US_CITIES for w in c.split())



@lru_cache(maxsize=1)
def _frequencies() -> dict[str, float]:
    from wordfreq import get_frequency_dict

    return get_frequency_dict("en", wordlist="large")


def zipf(word: str) -> float:
    """English Zipf frequency of `word` (0 when unseen); ranges over hyphen parts take the highest."""
    freq = _frequencies()
    low = word.lower()
    f = freq.get(low, 0.0)
    if not f and "-" in low:
        f = min((freq.get(p, 0.0) for p in low.split("-") if p), default=0.0)
    return math.log10(f * 1e9) if f > 0 else 0.0


def _lower(word: str) -> str:
    return _POSSESSIVE.sub("", word.lower())


def _in(low: str, vocab: frozenset[str]) -> bool:
    """In `vocab`, or hyphenated with every part of 3+ letters in it ("Roux-en-Y", "Depo-Medrol")."""
    if low in vocab:
        return True
    parts = [p for p in low.split("-") if len(p) > 2]
    return "-" in low and bool(parts) and all(p in vocab for p in parts)


def is_clinical(word: str) -> bool:
    """True for a drug or a common clinical noun (any case; each part of a hyphenated word counts).

    Eponyms and brands that the medical dictionary writes only capitalised ("Graham", "Aircast") are not
    counted: many are surnames; see `is_eponym`.
    """
    low = _lower(word)
    if _in(low, ct.CLINICAL) and not _in(low, ct.PROPER) or _in(low, ct.DRUGS) or is_drug_like(low):
        return True
    # a regular plural of a clinical noun ("platelets", "stents"): the dictionary lists the singular
    return len(low) > 4 and low.endswith("s") and not low.endswith("ss") and (
        _in(low[:-1], ct.CLINICAL) and not _in(low[:-1], ct.PROPER))


def is_eponym(word: str) -> bool:
    """A capitalised-only word of the medical dictionary (eponym, device brand) that is not a drug."""
    low = _lower(word)
    return _in(low, ct.PROPER) and not _in(low, ct.DRUGS) and not is_drug_like(low)


# Stems the WHO's INN scheme gives whole drug classes (-pril, -olol, -statin, -mab, ...): a word ending in
# one is a drug even when no list has it yet.
_DRUG_STEMS = re.compile(
    r"(?:pril|prilat|sartan|olol|alol|dipine|statin|gliptin|gliflozin|glitazone|mab|cept|tinib|ciclib|parib|"
    r"zomib|cillin|cycline|floxacin|mycin|micin|conazole|azole|prazole|tidine|setron|triptan|lukast|terol|"
    r"profen|coxib|oxetine|triptyline|azepam|azolam|barbital|caine|curium|curonium|dronate|parin|"
    r"xaban|gatran|vudine|navir|previr|asvir|buvir|ciclovir|sone|olone|nide|semide|thiazide|afil|lutamide|"
    r"platin|rubicin|taxel|trexate|tecan|fenac|oprazole|idone|apine|peridol|zodone|amide|dronic|vastatin)$"
)


def is_drug_like(word: str) -> bool:
    low = word.lower()
    return len(low) >= 8 and _DRUG_STEMS.search(low) is not None and zipf(low) < 3.0


@lru_cache(maxsize=1 << 16)
def _common(word: str, below: float = COMMON_FROM) -> bool:
    """Ordinary whatever its neighbours: common English, a stop word, a month, a place, an initial."""
    base = _POSSESSIVE.sub("", word)
    low = base.lower()
    return (zipf(base) >= below or low in NAME_STOP or low in _MONTHS_DAYS or base in nl.US_STATES
            or base in nl.COUNTRIES_AND_REGIONS or base in _CITY_WORDS or len(base) < 2)


@lru_cache(maxsize=1 << 16)
def _ordinary(word: str, below: float) -> bool:
    """A word that is not evidence of a name on its own: common, clinical, or an eponym."""
    return _common(word, below) or is_clinical(word) or is_eponym(word)


def _title_case(word: str) -> bool:
    return word[0].isupper() and not word.isupper()


# A capital after four or more lower-case letters, before a word or a medical stem, is a brand's spelling
# ("PowerPort", "StarClose", "MitraClip", "MediPort"); name prefixes are shorter ("McKenzie", "DeShawn",
# "MacArthur"), and names run together ("SimphiweyiNkosi") have no English word inside.
_INTERCAP = re.compile(r"([A-Z][a-z]{3,})([A-Z][A-Za-z]*)$")


_CAPS_INSIDE = re.compile(r"[a-z][A-Z]{3,}")  # "QuantiFERON", "GeneXPERT": no name is spelled so


def is_brand_form(word: str) -> bool:
    if _CAPS_INSIDE.search(word):
        return True
    m = _INTERCAP.match(word)
    return m is not None and not word.startswith("Fitz") and any(
        zipf(part) >= RARE_BELOW or is_clinical(part) for part in m.groups())


def eponym_compound(word: str) -> bool:
    """A hyphenated eponym ("Dix-Hallpike", "Mallory-Weiss", "Hill-Sachs"): one part is an eponym of the
    medical dictionary and no part is a rare unknown word, as the parts of a double surname often are."""
    parts = [p for p in _lower(word).split("-") if p]
    return len(parts) > 1 and any(is_eponym(p) for p in parts) and all(
        is_eponym(p) or is_clinical(p) or zipf(p) >= RARE_BELOW for p in parts)
