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
# Next to a strong name word and inside a sentence, a Title-case word this common still joins the name
# ("Abdelkader Field", "Rosenberg Brown", "Gudmunda Long Junisson"), unless it is a stop word, clinical,
# a place or a heading word.
COMMON_JOIN_BELOW = 6.5
# A lower-case word of the medical dictionary rarer than this after a capitalised run makes it an eponym.
EPONYM_HEAD_BELOW = 5.0
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
    "wave release "
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
    "dissector dissectors dilator dilators nodule nodules level impingement mg mcg "
    "units unit ml pattern tear deformity injury lesions respirations triad crunch lines fissure sump lift "
    "holder casting esophagectomy murmur rub effect reaction phenomenon index ratio criteria protocol regimen "
    "view projection classification staging body bodies"
).split()
# Heads follow after one space (two spaces end a sentence). Release forms after a brand, in capitals only
# ("Toprol XL"; "Sr." after a name is a suffix).
_RELEASE_FORMS = "XL|XR|SR|CR|ER|DS|HCT|ODT|CD|LA"
_HEADS = frozenset(_CLINICAL_HEADS)
_HEAD_AFTER = re.compile(r"(?:['’]s)?[ \t](?:(?i:" + "|".join(_CLINICAL_HEADS) + r")s?\b|(?:" + _RELEASE_FORMS
                         + r")\b|\d+(?:\.\d+)?(?:/\d+)?\b(?!:\d))")  # a time ("10:42") is not a dose
_HEAD_WORD_AFTER = re.compile(r"(?:['’]s)?[ \t](?:(?i:" + "|".join(_CLINICAL_HEADS) + r")s?|" + _RELEASE_FORMS
                              + r")\b")
# A lower-case compound ending in a head noun: "Terumo glidewire", "Olympus videoscope".
_COMPOUND_HEAD = re.compile(r"[ \t][a-z]{3,}(?:" + "|".join(h for h in _CLINICAL_HEADS if len(h) >= 4) + r")\b")
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


def _joins_common(word: str) -> bool:
    """A common English Title-case word that may still be part of a name next to a strong name word."""
    base = _POSSESSIVE.sub("", word)
    low = base.lower()
    return (len(base) >= 2 and low not in NAME_STOP and low not in _MONTHS_DAYS and not _head(word)
            and zipf(base) < COMMON_JOIN_BELOW and not is_clinical(base) and not is_eponym(base)
            and base not in nl.US_STATES and base not in nl.COUNTRIES_AND_REGIONS)


def eponym_compound(word: str) -> bool:
    """A hyphenated eponym ("Dix-Hallpike", "Mallory-Weiss", "Hill-Sachs"): one part is an eponym of the
    medical dictionary and no part is a rare unknown word, as the parts of a double surname often are."""
    parts = [p for p in _lower(word).split("-") if p]
    return len(parts) > 1 and any(is_eponym(p) for p in parts) and all(
        is_eponym(p) or is_clinical(p) or zipf(p) >= RARE_BELOW for p in parts)


_EPONYM_PAIR_AFTER = re.compile(r"[ \t]+(?:and|or|&)[ \t]+([A-Z][a-z]+(?:-[A-Z][a-z]+)*)(?![ \t]+[A-Z])")
_EPONYM_PAIR_BEFORE = re.compile(
    r"(?<![A-Za-z][ \t])(?<![A-Za-z])([A-Z][a-z]+(?:-[A-Z][a-z]+)*)[ \t]+(?:and|or|&)[ \t]+$")


def _eponym_pair(text: str, start: int, end: int) -> bool:
    """A lone word paired with a lone eponym by "and"/"or" is an eponym too: "Weber and Rinne" (tests)."""
    word = text[start:end]
    if " " in word or zipf(word) < RARE_BELOW:
        return False
    after = _EPONYM_PAIR_AFTER.match(text, end)
    before = _EPONYM_PAIR_BEFORE.search(text, max(0, start - 30), start)
    return any(m is not None and (is_eponym(m.group(1)) or eponym_compound(m.group(1))) for m in (after, before)) or (
        after is not None and _eponym_after(text, after.end()))  # "Hunt and Hess grade 2"


def _poss(text: str, tok: re.Match) -> bool:
    """The token is followed by a possessive 's ("Saidani's"): the name ends there."""
    return text[tok.end():tok.end() + 2] in ("'s", "’s", "'S", "’S") and not text[tok.end() + 2:tok.end() + 3].isalpha()


# A sentence's or a line's first word (not after ":", ";" or ",", which open list items: "Team: Mark Saoudi").
_SENTENCE_OPEN = re.compile(r"(?:^|(?<![ \t][A-Z])[.!?\n•*-]|\d[.)])[ \t\"'(]*$")


def _sentence_start(text: str, pos: int) -> bool:
    return _SENTENCE_START.search(text[max(0, pos - 12):pos]) is not None


def _head(word: str) -> bool:
    return word.lower() in _HEADS


_NEXT_WORD = re.compile(r"[ \t]([a-z][a-z-]+)")  # not after "'s": "Jane Roe's mammogram"
# Capitalised words between a run and its head noun: "Morse [Fall] Scale 45", "Ann Arbor [Staging] stage".
_CAPS_BEFORE_HEAD = re.compile(r"(?: [A-Z][\w'’-]*){1,3}(?=(?:['’]s)? (?:[A-Za-z]|\d))")
# "Circle of Willis", "ampulla of Vater": a medical noun and "of" before the run make it an anatomical eponym.
_OF_BEFORE = re.compile(r"(?<![\w-])([A-Za-z]+)[ \t]+of[ \t]+$")


def _eponym_after(text: str, end: int, numbers: bool = True) -> bool:
    """A clinical head noun, a dose, or a lower-case medical noun follows, maybe after more capitalised
    words ("Neer impingement sign", "Morse Fall Scale 45", "Wolff-Parkinson-White pattern"); verbs
    ("tolerated", "presents") are not heads."""
    head = _HEAD_AFTER if numbers else _HEAD_WORD_AFTER
    if head.match(text, end):
        return True
    caps = _CAPS_BEFORE_HEAD.match(text, end)  # one space apart: two spaces end a sentence
    if caps is not None and head.match(text, caps.end()) and not any(
            w.lower() in NAME_STOP for w in caps.group().split()):
        return True
    if _COMPOUND_HEAD.match(text, end):
        return True
    nxt = _NEXT_WORD.match(text, end)
    if nxt is None:
        return False
    w = nxt.group(1)
    return (w in ct.MED_LOWER and w not in _PERSON_NOUNS and zipf(w) < EPONYM_HEAD_BELOW
            and not w.endswith(("ed", "ing", "es")) and _SUBJECT_VERB.match(" " + w) is None)


# Nouns for people after a name or a place are not clinical heads: "a Thorswick resident", "the Nowak twins".
_PERSON_NOUNS = frozenset(
    "resident residents native natives family families twins twin couple household relatives children child "
    "baby infant boy girl man woman men women patient patients physician surgeon nurse student students "
    "worker workers employee employees retiree veteran citizen visitor".split())


def _eponym_of(text: str, start: int) -> bool:
    """Right after "<medical noun> of" ("Circle of Willis", "sphincter of Oddi", "tetralogy of Fallot")."""
    m = _OF_BEFORE.search(text, max(0, start - 30), start)
    return m is not None and m.group(1).lower() in ct.MED_LOWER


# A model code ("Dexcom G6", "Zoll X3") after any run; a Roman-numeral class ("Gustilo IIIA", "Cox-Maze IV")
# after one word (a generational suffix follows two: "Ira Star III"); a medical word and a class letter or
# numeral before the run ("Factor V Leiden", "Chiari II Arnold").
_MODEL_AFTER = re.compile(r"[ \t][A-Z]{1,3}\d{1,3}[A-Za-z]?\b")
_CLASS_AFTER = re.compile(r"[ \t](?:I{2,3}|IV|VI{0,3}|IX|I[A-D])[A-D]?\b")  # not "I": "Thanks Mei I will"
_CLASS_BEFORE = re.compile(r"(?<![\w-])([A-Za-z]+)[ \t]+(?:[IVX]{1,4}|[A-Z])[ \t]+$")


def _classified(text: str, start: int, end: int) -> bool:
    if _MODEL_AFTER.match(text, end) or (_CLASS_AFTER.match(text, end) and not re.search(r"\s", text[start:end])):
        return True
    m = _CLASS_BEFORE.search(text, max(0, start - 30), start)
    return m is not None and m.group(1).lower() in ct.MED_LOWER and m.group(1).lower() not in NAME_STOP


def clinical_context(text: str, start: int, end: int, numbers: bool = True) -> bool:
    """The span text[start:end] reads as an eponym, brand or score, not a person: a clinical head noun (or,
    with `numbers`, a number or a model code) follows, a class numeral follows one word, or a medical noun
    and "of" (or a class numeral) come before it."""
    return (_eponym_after(text, end, numbers) or _eponym_of(text, start)
            or (numbers and _classified(text, start, end)))


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
        if _head(word) or not _joins(word) or is_brand_form(word):
            i += 1
            continue
        rare = not (_ordinary(word, COMMON_FROM) or (_ordinary(word, RARE_BELOW) and not _name_context(text, m))
                    or eponym_compound(word))
        anchor = rare
        start, end = m.start(), m.end()
        j = i - 1
        while j >= 0 and _adjacent(text, toks[j].end(), start) and _joins(toks[j].group()) and not (
                _poss(text, toks[j])):
            start = toks[j].start()
            j -= 1
        k = i + 1
        while (k < len(toks) and not _poss(text, toks[k - 1])
               and _adjacent(text, end, toks[k].start()) and (
                _joins(toks[k].group()) or _PARTICLE_GAP.fullmatch(text, end, toks[k].start()))):
            end = toks[k].end()  # after a particle any word is the name's ("De Winter")
            k += 1
        run = [t.group() for t in toks[j + 1:k]]
        if anchor and _lower(word) in ct.ENGLISH:
            # An English word in a name's place ("Scientific", "Page") needs a name word beside it that is
            # neither English nor a place: "Boston Scientific" stays, "Luca Page" goes; a possessive inside
            # a sentence is a person's ("Per Derrick's wishes").
            anchor = any(w is not word and _lower(w) not in ct.ENGLISH and not _common(w, COMMON_FROM)
                         for w in run) or (_poss(text, m) and not _sentence_start(
                             text, m.start()))
        strong = anchor
        initial = _INITIAL_BEFORE.search(text, max(0, start - 4), start)
        if not anchor and initial and len(word) > 3 and not is_clinical(word):
            anchor = not _TITLE_BEFORE.search(text, max(0, start - 12), start)  # "M. Gravel", not "Dr. X."
        if not anchor:
            anchor = len(run) >= 2 and any(is_eponym(w) and not _common(w) for w in run) and not any(
                _in(_lower(w), ct.DRUGS) or is_drug_like(w) for w in run)
        # A strong name word: rare and not English; or an eponym inside a sentence, which only takes a
        # common surname after it ("and Rosenberg Brown"), never a drug.
        eponym_only = not anchor and is_eponym(word) and zipf(word) < 4.0 and not _sentence_start(
            text, m.start()) and not any(_in(_lower(w), ct.DRUGS) or is_drug_like(w) for w in run)
        if anchor or eponym_only:
            before = k
            while (k < len(toks) and not _poss(text, toks[k - 1])
                   and _adjacent(text, end, toks[k].start()) and (
                       _joins(toks[k].group()) or _joins_common(toks[k].group()))):
                end = toks[k].end()
                k += 1
            anchor = anchor or k > before
        if strong:
            # Common words before a strong name word join inside a sentence ("and Mark Saoudi"), and at a
            # sentence's start only before a possessive ("Hope Raman's mammogram").
            while (j >= 0 and _adjacent(text, toks[j].end(), start) and _joins_common(toks[j].group())
                   and not _poss(text, toks[j]) and (_poss(text, toks[k - 1]) or not _SENTENCE_OPEN.search(
                       text, max(0, toks[j].start() - 12), toks[j].start()))):
                start = toks[j].start()
                j -= 1
        if not anchor or clinical_context(text, start, end) or any(is_brand_form(t.group()) for t in toks[j + 1:k]) or (
                k - j == 2 and _eponym_pair(text, start, end)):
            i += 1 if not anchor else k - i
            continue
        word_end = _POSSESSIVE.search(text[start:end])
        spans.append(Span(start, end - (len(word_end.group()) if word_end else 0), "NAME", PRIORITY))
        i = k
    return spans


_SUBJECT_VERB = re.compile(
    r"(?:['’]s\b|[ \t]+(?:was|is|has|had|reports|reported|presented|presents|denies|denied|states|stated|"
    r"underwent|tolerated|came|comes|returns|returned|complains|complained|and|who|will|would|can|could|"
    r"did|does|feels|felt|lives|lived|works|worked|says|said|arrived|agrees|agreed|understands|"
    r"ate|drank|slept|went|got|took|fell|sat|ran|gave|made|told|wrote|spoke|woke)\b)")  # irregular pasts
_SENTENCE_START = re.compile(r"(?:^|(?<![ \t][A-Z])[.!?:;\n•*-]|\d[.)])[ \t\"'(]*$")


def _name_context(text: str, m: re.Match) -> bool:
    """Inside a sentence, or a sentence's first word right before a verb of a subject."""
    if not _SENTENCE_START.search(text[max(0, m.start() - 12):m.start()]):
        return True
    # Opening a sentence, an English word ("Driver's license", "Ensure was given") is read as the word.
    return _SUBJECT_VERB.match(text, m.end()) is not None and _lower(m.group()) not in ct.ENGLISH


def _adjacent(text: str, end: int, start: int) -> bool:
    """One name continues across spaces, particles and initials, not across two spaces (a new sentence)."""
    gap = _SEP.fullmatch(text, end, start)
    return gap is not None and "  " not in text[end:start]
