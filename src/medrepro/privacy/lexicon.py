"""Statistical name detector: a capitalised word that is neither English nor clinical vocabulary is a name.

Why: the cue rules (`names`) miss names with no title, label, relation or credential ("Spoke with Kasimir
Wojcik about the plan"), and no name list covers every locale. Word frequencies tell the rest apart:
a Title-case word whose English frequency (wordfreq's Zipf scale, from its bundled offline data) is low
and which is not in the clinical lexicon (`clinical_terms`: drugs, devices, anatomy from public lists)
is taken as a name, and the Title-case words next to it join the span ("Rafaela Plaza"). Eponyms of the
medical dictionary are surnames too: alone they stay ("Aircast"), beside another name word they go.
Deterministic, CPU only, no model download; the threshold was chosen on development notes and
development name locales only (benchmarks/deid_benchmark.py --split dev).
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

from medrepro.privacy import clinical_terms as ct
from medrepro.privacy import name_lists as nl
from medrepro.privacy.patterns import NAME_STOP, Span

# A word is ordinary English at or above this Zipf frequency (5.0 = once per 100,000 words) even when the
# clinical vocabulary lacks it; below it, only the clinical vocabulary (`clinical_terms`) makes it ordinary.
COMMON_FROM = 5.0
# Between RARE_BELOW and COMMON_FROM a word outside the clinical vocabulary ("Login", "Simon") is a name only
# in a name's context: inside a sentence, or as a sentence's subject before a verb ("Tom was placed").
RARE_BELOW = 3.0
# A neighbour of a name joins the span unless it is this common (function words, "The", "Patient").
NEIGHBOUR_BELOW = 5.0
PRIORITY = 42  # below every cue rule, so cued spans keep their categories and extents

_TOKEN = re.compile(r"(?<![^\W_])[^\W\d_](?:[^\W\d_]|['’](?=[^\W\d_]{2})|-(?=[^\W\d_]))*(?![\w'’-]*\d)")
_PARTICLE_GAP = re.compile(r"[ \t]+(?i:van|von|de|del|della|der|den|la|le|da|di|du|dos|das|ter|ten)[ \t]+")
_INITIAL_BEFORE = re.compile(r"(?<![\w.])[A-Z]\.[ \t]+$")
_TITLE_BEFORE = re.compile(r"(?:Dr|Mr|Mrs|Ms|Prof|St)\.?[ \t]+[A-Z]\.[ \t]+$")
_SEP = re.compile(r"[ \t]+(?:(?:(?i:van|von|de|del|della|der|den|la|le|da|di|du|dos|das|ter|ten|bin|al)|[A-Z]\.)"
                  r"[ \t]+){0,2}")
_PARTICLES = frozenset("van von de del della der den la le da di du dos das ter ten bin al".split())
_POSSESSIVE = re.compile(r"['’]s$")
# A capitalised word right before one of these is an eponym, a brand or a score, not a person
# ("Kernig sign", "Gelpi retractor", "Kenalog 40 mg", "Karnofsky 80").
_CLINICAL_HEADS = (
    "sign signs test tests maneuver manoeuvre position syndrome disease disorder phenomenon fracture lesion "
    "contracture repair procedure operation forceps retractor retractors clamp clamps scissors catheter drain "
    "tube valve stent filter needle trocar stapler scale score class type grade stage classification "
    "criteria depth ring diverticulum neuroma cyst palsy tumor tumour lymphoma sarcoma virus dementia "
    "thyroiditis esophagus point incision line reflex suture sutures dressing drape roll prosthesis drill "
    "plate pacemaker stem lead monitor ultrasound smear bandage wrap balloon device system pump graft mesh "
    "screw screws nail rod pin wire implant collar splint boot brace cast shunt port electrode probe scope "
    "blade knife elevator curette rongeur osteotome dilator speculum tenaculum anesthesia block technique "
    "approach hernia triangle canal duct ligament space nerve muscle fascia gland node nodes pouch angle cell "
    "cells stain infection solution cream ointment tablet tablets drops spray inhaler patch injection "
    "suction irrigation tip coma stapler hugger saver scalpel shears mattress pillow bed sling stockings hose "
    "dissector dissectors dilator dilators nodule nodules level impingement xl xr sr cr er ds hct odt cd la mg mcg "
    "units unit ml"
).split()
_HEADS = frozenset(_CLINICAL_HEADS)
_HEAD_AFTER = re.compile(r"(?:['’]s)?[ \t]+(?:(?i:" + "|".join(_CLINICAL_HEADS) + r")\b|\d+(?:\.\d+)?(?:/\d+)?\b)")
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


def _head(word: str) -> bool:
    return word.lower() in _HEADS


_NEXT_WORD = re.compile(r"[ \t]+([a-z][a-z-]+)")  # not after "'s": "Jane Roe's mammogram"


def _eponym_after(text: str, end: int) -> bool:
    """A clinical head noun, a dose, or a rare lower-case medical word follows ("Neer impingement sign",
    "Penfield dissector"); verbs ("tolerated", "presents") are not heads."""
    if _HEAD_AFTER.match(text, end):
        return True
    nxt = _NEXT_WORD.match(text, end)
    if nxt is None:
        return False
    w = nxt.group(1)
    return (w in ct.MED_LOWER and zipf(w) < 4.0 and not w.endswith(("ed", "ing", "es"))
            and _SUBJECT_VERB.match(" " + w) is None)


def _joins(word: str) -> bool:
    """A Title-case neighbour joins a name unless it is common English or a clinical head noun: clinical
    vocabulary and place words do not stop it, since "Dawn", "Gunn", "Foley", "Diego" are names too."""
    base = _POSSESSIVE.sub("", word)
    low = base.lower()
    return not (zipf(base) >= NEIGHBOUR_BELOW or low in NAME_STOP or low in _MONTHS_DAYS or len(base) < 2
                or _head(word))


def lexicon_name_spans(text: str) -> list[Span]:
    """NAME spans for runs of adjacent Title-case words that hold a word unknown to both lexicons, or
    two or more words one of which is an eponym ("Jean Foley"), unless a clinical head or a dose follows."""
    spans: list[Span] = []
    # Particles ("De Bie", "Van Der Berg") are part of the gap between name words (`_SEP`), not words.
    toks = [m for m in _TOKEN.finditer(text) if _title_case(m.group()) and m.group().lower() not in _PARTICLES]
    i = 0
    while i < len(toks):
        m = toks[i]
        word = m.group()
        if _head(word) or not _joins(word):
            i += 1
            continue
        anchor = not (_ordinary(word, COMMON_FROM) or (_ordinary(word, RARE_BELOW) and not _name_context(text, m)))
        start, end = m.start(), m.end()
        j = i - 1
        while j >= 0 and _adjacent(text, toks[j].end(), start) and _joins(toks[j].group()):
            start = toks[j].start()
            j -= 1
        k = i + 1
        while k < len(toks) and _adjacent(text, end, toks[k].start()) and (
                _joins(toks[k].group()) or _PARTICLE_GAP.fullmatch(text, end, toks[k].start())):
            end = toks[k].end()  # after a particle any word is the name's ("De Winter")
            k += 1
        run = [t.group() for t in toks[j + 1:k]]
        if anchor and _lower(word) in ct.ENGLISH:
            # An English word in a name's place ("Scientific", "Page") needs a name word beside it that is
            # neither English nor a place: "Boston Scientific" stays, "Luca Page" goes.
            anchor = any(w is not word and _lower(w) not in ct.ENGLISH and not _common(w, COMMON_FROM)
                         for w in run)
        initial = _INITIAL_BEFORE.search(text, max(0, start - 4), start)
        if not anchor and initial and len(word) > 3 and not is_clinical(word):
            anchor = not _TITLE_BEFORE.search(text, max(0, start - 12), start)  # "M. Gravel", not "Dr. X."
        if not anchor:
            anchor = len(run) >= 2 and any(is_eponym(w) and not _common(w) for w in run) and not any(
                _in(_lower(w), ct.DRUGS) or is_drug_like(w) for w in run)
        if not anchor or _eponym_after(text, end):
            i += 1 if not anchor else k - i
            continue
        word_end = _POSSESSIVE.search(text[start:end])
        spans.append(Span(start, end - (len(word_end.group()) if word_end else 0), "NAME", PRIORITY))
        i = k
    return spans


_SUBJECT_VERB = re.compile(
    r"(?:['’]s\b|[ \t]+(?:was|is|has|had|reports|reported|presented|presents|denies|denied|states|stated|"
    r"underwent|tolerated|came|comes|returns|returned|complains|complained|and|who|will|would|can|could|"
    r"did|does|feels|felt|lives|lived|works|worked|says|said|arrived|agrees|agreed|understands)\b)")
_SENTENCE_START = re.compile(r"(?:^|(?<![ \t][A-Z])[.!?:;\n•*-]|\d[.)])[ \t\"'(]*$")


def _name_context(text: str, m: re.Match) -> bool:
    """Inside a sentence, or a sentence's first word right before a verb of a subject."""
    if not _SENTENCE_START.search(text[max(0, m.start() - 12):m.start()]):
        return True
    # Opening a sentence, an English word ("Driver's license", "Ensure was given") is read as the word.
    return _SUBJECT_VERB.match(text, m.end()) is not None and _lower(m.group()) not in ct.ENGLISH


_CAPS_RUN = re.compile(r"(?<![\w'’-])[A-Z]{2,}(?:,?[ \t]+(?:[A-Z]\.[ \t]+)?[A-Z]{2,}){1,3}(?![\w'’-])")


_LAST_FIRST = re.compile(r"(?<![A-Z])[A-Z]{2,}(?:-[A-Z]{2,})?,[ \t]+[A-Z]{2,}(?:[ \t]+[A-Z]\.)?")


def caps_name_spans(text: str) -> list[Span]:
    """All-caps names ("PATIENT PAVLINA ARSLAN SEEN", "ABENI D. RISCH"): a run of 2-4 upper-case words that
    are neither common English nor clinical, one of them rare or an eponym; middle initials stay inside.
    Headings and abbreviations are vocabulary and stay."""
    spans = []
    for m in _CAPS_RUN.finditer(text):
        for lf in _LAST_FIRST.finditer(m.group()):  # "TACK, AYLA": the comma makes a pair a name
            pair = re.findall(r"[A-Z]{2,}", lf.group())
            if any(not _ordinary(w, RARE_BELOW) for w in pair) and not any(
                    _in(w.lower(), ct.DRUGS) or _head(w) or w.lower() in NAME_STOP for w in pair):
                spans.append(Span(m.start() + lf.start(), m.start() + lf.end(), "NAME", PRIORITY))
        words = [w for w in re.finditer(r"[A-Z]+", m.group()) if len(w.group()) >= 2]
        unknown = [w for w in words if not _common(w.group(), COMMON_FROM) and not is_clinical(w.group())]
        i = 0
        while i < len(words):
            if words[i] not in unknown:
                i += 1
                continue
            j = i
            while j + 1 < len(words) and words[j + 1] in unknown:
                j += 1
            run = words[i:j + 1]
            end = m.start() + run[-1].end()
            rare = any(not _ordinary(w.group(), RARE_BELOW) for w in run)
            if len(run) >= 2 and (rare or any(is_eponym(w.group()) for w in run) and not _HEAD_AFTER.match(text, end)):
                spans.append(Span(m.start() + run[0].start(), end, "NAME", PRIORITY))
            i = j + 1
    return spans


def _adjacent(text: str, end: int, start: int) -> bool:
    gap = _SEP.fullmatch(text, end, start)
    return gap is not None
