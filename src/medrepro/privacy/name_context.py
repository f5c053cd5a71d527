"""Names told by their form or their place in a sentence, even when every word is common English.

Why: "Heather Page", "Rose King", "B.K. Walker" pass the lexicon test (`lexicon`) because each word is
ordinary English. What gives them away is generic: initials before a surname ("B.K. Walker"), the
"Last, F." order, a relation or role noun in front ("Son Rose King", "the interpreter, Aya Little,"),
a person's preposition before a pair of capitalised words inside a sentence ("with Heather Page."),
and a list whose other items are names ("Team: Sonny Brown, Randver Vormsdottir"). None of these
rules looks at a particular template's wording; each keeps clinical words, heading words and eponyms
followed by a clinical head noun out ("Ann Arbor stage", "with Physical Therapy").
"""

from __future__ import annotations

import re

from medrepro.privacy import lexicon as lx
from medrepro.privacy.patterns import NAME_STOP, Span

PRIORITY = 41  # below the lexicon test and every cue rule

_W = r"[A-Z][a-z]+(?:-[A-Z][a-z]+)?"
# Initials that are abbreviations, not a person's: "U.S. Army", "P.O. Box", "M.D. Anderson".
_ABBREV_INITIALS = frozenset("U.S. P.O. M.D. D.O. R.N. N.P. A.M. P.M. B.S. B.A. M.A. M.S. D.C. L.A. N.Y. U.K.".split())
_INITIALS = re.compile(rf"(?<![\w.])((?:[A-Z]\.){{2,3}})[ \t]?(?P<phi>{_W})(?![\w'’-]*\d)")
_LAST_INITIAL = re.compile(rf"(?<![\w'’-])(?P<phi>{_W}),[ \t]+[A-Z]\.(?=[ \t]*(?:$|[\n,;)]|[ \t]{{2}}|[ \t][a-z(]))")
_RELATION_WORDS = (
    "wife husband spouse partner son daughter mother father mom dad brother sister aunt uncle niece nephew "
    "cousin grandson granddaughter grandmother grandfather stepson stepdaughter boyfriend girlfriend fiance "
    "fiancee friend neighbor neighbour roommate caregiver guardian interpreter translator chaplain"
).split()
_RELATION_CUE = re.compile(r"(?<![\w'’-])(?i:" + "|".join(_RELATION_WORDS) + r")(?:,[ \t]*|[ \t]+)(?P<phi>"
                           + _W + r"(?:[ \t]+" + _W + r"){0,2})(?![\w'’-])")
_PERSON_PREP = re.compile(r"(?<![\w'’-])(?:with|by|per|to|from|and|for|saw|see|called|told|asked)[ \t]+(?P<phi>"
                          + _W + r"[ \t]+" + _W + r")(?=[ \t]*[.,;:)]|[ \t]+(?:and|who|about|on|at|of|in|the|"
                          r"without|with|regarding|for|to|today|was|is|will|has|had|[a-z]+ed|[a-z]+s)\b)")
_SUBJECT_PAIR = re.compile(r"(?:^|(?<=[.!?]\s)|(?<=[.!?]\s\s)|(?<=\n))(?P<phi>" + _W + r"[ \t]+" + _W + r")"
                           r"(?=['’]s[ \t]|[ \t]+(?:was|is|has|had|says|said|will|would|tolerated|chose|brought|"
                           r"reports|reported|states|stated|denies|denied|agrees|agreed|understands|lives|works)\b)")
_LIST_SEP = r"(?:[ \t]*[,;][ \t]*(?:and[ \t]+)?|[ \t]+and[ \t]+)"
_NEXT_ITEM = re.compile(_LIST_SEP + r"(?P<phi>" + _W + r"(?:[ \t]+" + _W + r"){1,2})(?=[ \t]*(?:[.,;:)\n]|and\b|$))")
# "Heeb, Jade", "Nagele, Adeniyi": one name word found, the other across a comma (not in a longer list).
_COMMA_AFTER = re.compile(r",[ \t]+(?P<phi>" + _W + r")(?=[ \t]+[a-z(]|[ \t]*(?:[.;:)\n]|$)|[ \t]+[A-Z]\.)")
_COMMA_BEFORE = re.compile(r"(?<![,;][ \t])(?<![\w'’-])(?P<phi>" + _W + r"),[ \t]+$")
_PREV_ITEM = re.compile(r"(?:^|(?<=[:\s]))(?P<phi>" + _W + r"(?:[ \t]+" + _W + r"){1,2})" + _LIST_SEP + r"$")


_PLACES = frozenset(lx.nl.US_STATES_MULTIWORD) | frozenset(lx.nl.US_CITIES)


def _plain_word(word: str) -> bool:
    """A capitalised word that may be a person's: not a stop/heading word, clinical, a head noun or a month."""
    low = word.lower()
    return not (low in NAME_STOP or lx.is_clinical(word) or lx._head(word) or low in lx._MONTHS_DAYS
                or word in lx.nl.US_STATES or word in lx.nl.COUNTRIES_AND_REGIONS or lx.is_brand_form(word))


def _person_run(text: str, start: int, end: int, eponyms: bool = True) -> bool:
    words = re.findall(r"[A-Za-z]+", text[start:end])
    value = text[start:end]
    return (bool(words) and all(_plain_word(w) for w in words) and value not in _PLACES
            and (eponyms or not any(lx.is_eponym(w) and lx.zipf(w) < 4.0 for w in words))
            and not lx.clinical_context(text, start, end))


def context_name_spans(text: str, found: list[Span]) -> list[Span]:
    """NAME spans told by form or sentence place; `found` are the names the other rules found (for lists)."""
    spans: list[Span] = []

    def add(m: re.Match, eponyms: bool = True) -> None:
        if _person_run(text, m.start("phi"), m.end("phi"), eponyms):
            spans.append(Span(m.start("phi"), m.end("phi"), "NAME", PRIORITY))

    if "." in text:
        for m in _INITIALS.finditer(text):
            if m.group(1) not in _ABBREV_INITIALS:
                add(m)
        for m in _LAST_INITIAL.finditer(text):
            add(m)
    for m in _RELATION_CUE.finditer(text):
        add(m)
    for m in _PERSON_PREP.finditer(text):
        add(m, eponyms=False)
    for m in _SUBJECT_PAIR.finditer(text):
        add(m, eponyms=False)
    for s in sorted([s for s in found if s.category == "NAME"] + spans, key=lambda s: s.start):
        if not re.fullmatch(_W, text[s.start:s.end]):
            continue
        for m in (_COMMA_AFTER.match(text, s.end), _COMMA_BEFORE.search(text, max(0, s.start - 40), s.start)):
            if m is not None:
                add(m)
    names = sorted([s for s in found if s.category == "NAME"] + spans, key=lambda s: s.start)
    seen = {(s.start, s.end) for s in names}
    while names:
        more = []
        for s in names:
            nxt = _NEXT_ITEM.match(text, s.end)
            prev = _PREV_ITEM.search(text, max(0, s.start - 60), s.start)
            for m in (nxt, prev):
                if m is not None and (m.start("phi"), m.end("phi")) not in seen and _person_run(
                        text, m.start("phi"), m.end("phi")):
                    seen.add((m.start("phi"), m.end("phi")))
                    more.append(Span(m.start("phi"), m.end("phi"), "NAME", PRIORITY))
        spans += more
        names = more
    return spans
