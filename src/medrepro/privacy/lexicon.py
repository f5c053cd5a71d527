"""Statistical name detector: a capitalised word that is neither English nor clinical vocabulary is a name.

Why: the cue rules (`names`) miss names with no title, label, relation or credential ("Spoke with Kasimir
Wojcik about the plan"), and no name list covers every locale. Word frequencies tell the rest apart:
a Title-case word whose English frequency (wordfreq's Zipf scale, from its bundled offline data) is low
and which is not in the clinical lexicon (`clinical_terms`: drugs, devices, anatomy from public lists)
is taken as a name, and the Title-case words next to it join the span ("Rafaela Plaza"). Eponyms of the
medical dictionary are surnames too: alone they stay ("Aircast"), beside another name word they go.
Deterministic, CPU only, no model download; the threshold was chosen on development notes and
development name locales only (benchmarks/deid_benchmark.py --split dev).

Split by concern: word tests in `lexicon_vocab`, clinical-context tests in `lexicon_context`, the span
builder here; the names other modules use are re-exported so `lexicon.<name>` keeps working.
"""

from __future__ import annotations

import re

from medrepro.privacy import clinical_terms as ct
from medrepro.privacy import name_lists as nl
from medrepro.privacy.lexicon_context import (
    _HEAD_AFTER,
    _SUBJECT_VERB,
    _eponym_pair,
    _head,
    clinical_context,
)
from medrepro.privacy.lexicon_vocab import (
    _MONTHS_DAYS,
    _POSSESSIVE,
    COMMON_FROM,
    COMMON_JOIN_BELOW,
    NEIGHBOUR_BELOW,
    RARE_BELOW,
    _common,
    _in,
    _lower,
    _ordinary,
    _title_case,
    eponym_compound,
    is_brand_form,
    is_clinical,
    is_drug_like,
    is_eponym,
    zipf,
)
from medrepro.privacy.patterns import NAME_STOP, Span

__all__ = [
    "COMMON_FROM", "RARE_BELOW", "PRIORITY", "_HEAD_AFTER", "_MONTHS_DAYS", "_common", "_head", "_in",
    "_ordinary", "clinical_context", "ct", "eponym_compound", "is_brand_form", "is_clinical", "is_drug_like",
    "is_eponym", "lexicon_name_spans", "nl", "zipf",
]

PRIORITY = 42  # below every cue rule, so cued spans keep their categories and extents

_TOKEN = re.compile(r"(?<![^\W_])[^\W\d_](?:[^\W\d_]|['’](?=[^\W\d_]{2})|-(?=[^\W\d_]))*(?![\w'’-]*\d)")
_PARTICLE_GAP = re.compile(r"[ \t]+(?i:van|von|de|del|della|der|den|la|le|da|di|du|dos|das|ter|ten)[ \t]+")
_INITIAL_BEFORE = re.compile(r"(?<![\w.])[A-Z]\.[ \t]+$")
_TITLE_BEFORE = re.compile(r"(?:Dr|Mr|Mrs|Ms|Prof|St)\.?[ \t]+[A-Z]\.[ \t]+$")
# Arabic, Persian and Hebrew particles, in lower case only ("Fatima bint Salman", "Zia ul Haq"); capitalised,
# "Ben", "Abu", "El" are name words themselves.
_ARABIC_GAP = r"ibn|bint|binti|abu|ben|el|ul|ud"
_SEP = re.compile(r"[ \t]+(?:(?:(?i:van|von|de|del|della|der|den|la|le|da|di|du|dos|das|ter|ten|bin|al)|"
                  + _ARABIC_GAP + r"|[A-Z]\.)[ \t]+){0,2}")
_PARTICLES = frozenset("van von de del della der den la le da di du dos das ter ten bin al".split())
# A lower-case particle joined to a capitalised name by a hyphen or an apostrophe: "al-Rashid", "el-Amin",
# "ad-Din", "bin-Talal", "d'Souza". Such a word is read as Title case.
_PREFIXED = re.compile(r"(?:al|el|ad|ar|as|ash|at|az|an|ud|ul|ibn|bin|bint|abu|ben|bat|bar|d)['’-](?=[A-Z][a-z])")


def _name_case(word: str) -> bool:
    """Title case, or Title case after a lower-case name particle ("al-Rashid")."""
    m = _PREFIXED.match(word)
    return _title_case(word[m.end():] if m else word)


def _poss(text: str, tok: re.Match) -> bool:
    """The token is followed by a possessive 's ("Saidani's"): the name ends there."""
    return text[tok.end():tok.end() + 2] in ("'s", "’s", "'S", "’S") and not text[tok.end() + 2:tok.end() + 3].isalpha()


# A sentence's or a line's first word (not after ":", ";" or ",", which open list items: "Team: Mark Saoudi").
_SENTENCE_OPEN = re.compile(r"(?:^|(?<![ \t][A-Z])[.!?\n•*-]|\d[.)])[ \t\"'(]*$")


def _sentence_start(text: str, pos: int) -> bool:
    return _SENTENCE_START.search(text[max(0, pos - 12):pos]) is not None


def _joins_common(word: str) -> bool:
    """A common English Title-case word that may still be part of a name next to a strong name word."""
    base = _POSSESSIVE.sub("", word)
    low = base.lower()
    return (len(base) >= 2 and low not in NAME_STOP and low not in _MONTHS_DAYS and not _head(word)
            and zipf(base) < COMMON_JOIN_BELOW and not is_clinical(base) and not is_eponym(base)
            and base not in nl.US_STATES and base not in nl.COUNTRIES_AND_REGIONS)


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
    toks = [m for m in _TOKEN.finditer(text) if _name_case(m.group()) and m.group().lower() not in _PARTICLES]
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
