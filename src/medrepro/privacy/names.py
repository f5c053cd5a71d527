"""Name detection by cue: titles, labels, credentials, relations, age statements, letter openers.

Also the first-name and surname lists (`name_lists`) and propagation of a found name to its other
mentions in the same note. Names without any cue are the job of `medrepro.privacy.lexicon`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from medrepro.privacy import lexicon as lx
from medrepro.privacy import name_lists as nl
from medrepro.privacy.patterns import _LO, _UP, NAME_STOP, Span, _cue, _rx, _trie

_WORD = (
    rf"(?:[{_UP}]['’][{_UP}][{_LO}]+|[{_UP}][{_LO}]{{0,2}}[{_UP}][{_LO}]+|[{_UP}][{_LO}]+)(?:-[{_UP}][{_LO}]+)*"
    rf"|[{_UP}]['’][{_UP}]{{2,}}|[{_UP}]{{2,}}(?:-[{_UP}]{{2,}})*"
)
_PARTICLES = r"(?i:van|von|de|del|della|der|den|la|le|da|di|du|dos|das)"
_NAME_TOKEN = re.compile(
    rf"(?:{_WORD})(?![\w'’-]*\d)(?!-[a-z])|[{_UP}]\.(?=\s)|[{_UP}](?=[ \t](?:[{_UP}]|{_PARTICLES}[ \t]))"
)
_COMMA_SEP = re.compile(r",[ \t]*")
# Arabic, Persian and Hebrew particles in lower case, spaced ("bint Salman") or hyphenated ("al-Rashid").
_ARABIC_SPACED = r"ibn|bint|binti|bin|abu|ben|al|el|ul|ud"
_ARABIC_HYPHEN = r"(?:al|el|ad|ar|as|ash|at|az|an|ud|ul|ibn|bin|bint|abu|ben|bat|bar|d)['’-](?=[A-Z][a-z])"
_LEADING_PARTICLES = re.compile(r"(?:(?:van|von|de|del|della|der|den|la|le|da|di|du|dos|das|" + _ARABIC_SPACED
                                + r")[ \t]+|" + _ARABIC_HYPHEN + r"){1,2}(?=[A-Z])")
_NAME_SEP = re.compile(r"[ \t]+(?:(?:(?i:van|von|de|del|della|der|den|la|le|da|di|du|dos|das)|" + _ARABIC_SPACED
                       + r")[ \t]+){0,2}(?:" + _ARABIC_HYPHEN + r")?")
_NAME_LIKE = re.compile(rf"(?:{_WORD})")

_CRED = (
    r"(?:M\.D\.|MD|D\.O\.|DO|R\.N\.|RN|NP|PA-C|PA|Ph\.D\.|PhD|DPM|DDS|DMD|CRNA|LPN|MSW|LCSW|PharmD|"
    r"FACS|FACP|FACC|MBBS|CNM|APRN|FNP|DNP|PsyD|MPH|LPC|RPh|CNA)"
)

_TITLE_STOP = frozenset(
    "a an the and or of to in on at for with by from is was he she his her they this that".split()
) | frozenset(c.lower() for c in ("MD", "DO", "RN", "NP", "PA", "PhD", "Jr", "Sr"))


_RELATIONS = _trie(
    "wife husband spouse partner son daughter mother father mom dad brother sister sibling aunt uncle niece "
    "nephew cousin grandson granddaughter grandmother grandfather grandma grandpa stepson stepdaughter "
    "stepmother stepfather boyfriend girlfriend fiance fiancee fiancé fiancée friend neighbor neighbour "
    "roommate caregiver guardian sponsor son-in-law daughter-in-law mother-in-law father-in-law".split()
)
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
    _rx(r"\b(?i:name)[ \t]+(?:is|was)[ \t]+(?=[A-Z])"),  # "Mother's name is Lina", "her name was Ines"
)
_LABEL_NEEDS = ((), (" by",), ("sincerely", "regards", "respectfully", "cordially", "thank you"), ("cc:",),
                ("name is", "name was"))
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
# "Grace (her sister) was at the bedside", "Anton Sales (son)": a relation in brackets after the name.
_RELATION_AFTER = _rx(
    rf"(?<![\w'’-])(?P<phi>(?:{_WORD})(?:[ \t]+(?:[{_UP}]\.?|{_WORD})){{0,2}})[ \t]*\([ \t]*"
    r"(?:(?i:his|her|their|the\s+patient's|patient's|pt's)[ \t]+)?(?i:" + _RELATIONS + r")[ \t]*\)"
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
    if "(" in text:
        for m in _RELATION_AFTER.finditer(text):
            add(m.start("phi"), m.end("phi"), 45)
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
        if lx.clinical_context(text, m.start(), end, numbers=False):
            continue  # "Ann Arbor stage IIA", "Addison disease": an eponym before a clinical head noun
        add(m.start(), end, 43)
    return spans


_LOWER_NEXT = re.compile(r"[ \t]+[a-z]{2,}")
_OPENS = re.compile(r"(?:^|[.!?:;,\n]|\d[.)])[ \t\"'(]*$")


def _propagate_names(text: str, spans: Iterable[Span], rare_only: bool = False) -> list[Span]:
    """Every word already found inside a name span is a name wherever else it occurs in the note; with
    `rare_only` (spans of the lexicon and context tests), only Title-case words of names of two or more
    words that are not common or clinical, and only where a lower-case word follows ("Later Simon
    confirmed" after "Simon Knudsen"; not "Mark", "Rose", "Ordered CBC", "CMV")."""
    words: set[str] = set()
    for s in spans:
        if s.category != "NAME":
            continue
        found = _NAME_LIKE.findall(text[s.start:s.end])
        for w in found:
            if rare_only and (len(found) < 2 or w.isupper() or lx._common(w, lx.COMMON_FROM) or lx.is_clinical(w)):
                continue
            if len(w) >= 2 and not _is_stop(w) and w.title() not in nl.US_STATES:
                words.add(w)
                if not rare_only:
                    words.add(w.upper())
    if not words:
        return []
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    pattern = re.compile(r"(?<![\w'’-])(?:" + _ARABIC_HYPHEN + r")?(?:" + alternatives
                         + r")(?![\w-])")
    # A word found as a person ("signed out to Bowman") stays the eponym before a head noun ("Bowman capsule").
    return [Span(m.start(), m.end(), "NAME", 20) for m in pattern.finditer(text)
            if not (text[m.end():m.end() + 1] == " " and lx.clinical_context(text, m.start(), m.end(), numbers=False))
            and not (rare_only and (not _LOWER_NEXT.match(text, m.end())
                                    or _OPENS.search(text, max(0, m.start() - 6), m.start())))]

