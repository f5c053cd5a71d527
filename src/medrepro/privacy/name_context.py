"""Names told by their form or their place in a sentence, even when every word is common English.

Why: "Heather Page", "Rose King", "B.K. Walker" pass the lexicon test (`lexicon`) because each word is
ordinary English. What gives them away is generic: initials before a surname ("B.K. Walker"), the
"Last, F." order, a capitals surname before a given name ("KIMURA Shota"), a relation or role noun in
front ("Son Rose King", "the interpreter, Aya Little,"),
a person's preposition before a pair of capitalised words inside a sentence ("with Heather Page."),
and a list whose other items are names ("Team: Sonny Brown, Randver Vormsdottir"). None of these
rules looks at a particular template's wording; each keeps clinical words, heading words and eponyms
followed by a clinical head noun out ("Ann Arbor stage", "with Physical Therapy"). ALL-CAPS text is read
twice, the second time folded to Title case (`fold_caps`). The all-caps run test (`caps_name_spans`) is
here too.
"""

from __future__ import annotations

import re

from medrepro.privacy import lexicon as lx
from medrepro.privacy.patterns import NAME_STOP, Span

PRIORITY = 42  # the lexicon test's: the longer span wins ("Hope G. Warren" over "Warren"); cue rules win

_W = r"[A-Z][a-z]+(?:-[A-Z][a-z]+)?"
# Initials that are abbreviations, not a person's: "U.S. Army", "P.O. Box", "M.D. Anderson".
_ABBREV_INITIALS = frozenset("U.S. P.O. M.D. D.O. R.N. N.P. A.M. P.M. B.S. B.A. M.A. M.S. D.C. L.A. N.Y. U.K.".split())
_INITIALS = re.compile(rf"(?<![\w.])((?:[A-Z]\.){{2,3}})[ \t]?(?P<phi>{_W})(?![\w'’-]*\d)")
_LAST_INITIAL = re.compile(rf"(?<![\w'’-])(?P<phi>{_W}),[ \t]+[A-Z]\.(?=[ \t]*(?:$|[\n,;.)]|[ \t]{{2}}|[ \t][a-z(]))")
# "M. Rock asked", "C. Law.": one initial and a surname, after a lower-case word or a cue, not after a
# capitalised word ("Vitamin D. Rock" would be a sentence end) and not "A. The".
_INITIAL_SURNAME = re.compile(rf"(?<![\w.])[A-Z]\.[ \t](?P<phi>{_W})(?![\w'’-])(?=[ \t]+(?:and|or|who|was|is|has|"
                             r"had|will|would|can|could|did|does|said|says|[a-z]+ed|[a-z]+ly)\b|[ \t]*[.,;:)])")
_WORD_BEFORE = re.compile(rf"(?<![\w'’-])({_W}) $")
_PREV_WORD = re.compile(r"(\S+)[ \t]+$")
_RELATION_WORDS = (
    "wife husband spouse partner son daughter mother father mom dad brother sister aunt uncle niece nephew "
    "cousin grandson granddaughter grandmother grandfather stepson stepdaughter boyfriend girlfriend fiance "
    "fiancee friend neighbor neighbour roommate caregiver guardian interpreter translator chaplain manager "
    "therapist physician nurse worker coordinator pharmacist dietitian technician aide counselor advocate proxy "
    "surgeon doctor provider attending paramedic midwife sitter companion"
).split()
# Words after a role noun that name a role, not a person: "nurse Practitioner", "physician Assistant".
_ROLE_WORDS = frozenset("practitioner assistant associate extender navigator educator specialist liaison "
                        "on-call".split()) | frozenset(_RELATION_WORDS)
# What a person, not an eponym, has: an eponym's possessive before one of these is a name ("Hall's husband").
_OWNED = re.compile(r"(?:" + "|".join(_RELATION_WORDS) + r"|request|wishes|permission|consent|insurance|pharmacy|"
                    r"home|house|apartment|phone|car|appointment|family|children|kids|medications|behalf|job|"
                    r"employer|school|dog|cat|birthday|funeral|estate)\b")
_RELATION_CUE = re.compile(r"(?<![\w'’-])(?i:" + "|".join(_RELATION_WORDS) + r")(?:,[ \t]*|[ \t]+)(?P<phi>"
                           + _W + r"(?:[ \t]+" + _W + r"){0,2})(?![\w'’-])")
_PERSON_PREP = re.compile(r"(?<![\w'’-])(?:with|by|per|to|from|and|for|saw|see|call|called|told|asked|paged|"
                          r"reminded|reassured|informed|notified|contacted|thanked|met|visited)[ \t]+(?P<phi>"
                          + _W + r"(?:[ \t]+[A-Z]\.)?[ \t]+" + _W + r")(?=[ \t]*[.,;:)]|[ \t]+(?:and|who|about|on|at|"
                          r"of|in|the|without|with|regarding|for|to|today|was|is|will|has|had|[a-z]+ed|[a-z]+s|[a-z]+ly)\b)")
# "Reviewed Hay's home log", "Frank's gait has improved": a possessive before a lower-case word.
_POSSESSOR = re.compile(rf"(?<![\w'’.-])(?P<phi>{_W})['’]s[ \t]+(?=[a-z])")
# "Ira Star Jr.", "Buck Law III": a generational suffix after two or three capitalised words.
_SUFFIXED = re.compile(r"(?<![\w'’-])(?P<phi>" + _W + r"(?:[ \t]+(?:[A-Z]\.[ \t]+)?" + _W + r"){1,2}),?[ \t]+"
                       r"(?:(?i:jr|sr)\b\.?|(?i:ii|iii|iv)\b(?=[ \t]*[,.;:)]|[ \t]+(?:and|who|was|is|has|had|will|"
                       r"[a-z]+ed|[a-z]+s)\b))")
_SUBJECT_PAIR = re.compile(r"(?:^|(?<=[.!?]\s)|(?<=[.!?]\s\s)|(?<=\n)|(?<=\w\s\s))(?P<phi>" + _W + r"[ \t]+" + _W + r")"
                           r"(?=['’]s[ \t]|[ \t]+(?:was|is|has|had|says|said|will|would|tolerated|chose|brought|"
                           r"reports|reported|states|stated|denies|denied|agrees|agreed|understands|lives|works)\b)")
_LIST_SEP = r"(?:[ \t]*[,;/&][ \t]*(?:and[ \t]+)?|[ \t]+and[ \t]+)"
_NEXT_ITEM = re.compile(_LIST_SEP + r"(?P<phi>" + _W + r"(?:[ \t]+" + _W + r"){1,2})"
                        r"(?=[ \t]*(?:[.,;:/&)\n]|$)|[ \t]+[a-z])")
# "Heeb, Jade", "Nagele, Adeniyi": one name word found, the other across a comma (not in a longer list).
_COMMA_AFTER = re.compile(r",[ \t]+(?P<phi>" + _W + r")"
                          r"(?=[ \t]+[a-z(]|[ \t]*(?:[.;:)\n]|$)|[ \t]+[A-Z]\.|,[ \t]+[a-z]|[ \t]{2})")
_COMMA_BEFORE = re.compile(r"(?<![,;][ \t])(?<![\w'’-])(?P<phi>" + _W + r"),[ \t]+$")
_CAPS_SURNAME = re.compile(r"(?<![\w'’-])(?<![A-Z]{2}[ \t])(?P<phi>[A-Z]{2,}(?:-[A-Z]{2,})?)[ \t]$")
_PREV_ITEM = re.compile(r"(?:^|(?<=[:\s]))(?P<phi>" + _W + r"(?:[ \t]+" + _W + r"){1,2})" + _LIST_SEP + r"$")


_PLACES = frozenset(lx.nl.US_STATES_MULTIWORD) | frozenset(lx.nl.US_CITIES)


def _plain_word(word: str) -> bool:
    """A capitalised word that may be a person's: not a stop/heading word, clinical, a head noun or a month."""
    low = word.lower()
    return not (low in NAME_STOP or low in _ROLE_WORDS or lx.is_clinical(word) or lx._head(word)
                or low in lx._MONTHS_DAYS or word in lx.nl.US_STATES or word in lx.nl.COUNTRIES_AND_REGIONS
                or lx.is_brand_form(word))


def _person_run(text: str, start: int, end: int, eponyms: bool = True) -> bool:
    words = re.findall(r"[A-Za-z]+", text[start:end])
    value = text[start:end]
    return (bool(words) and all(_plain_word(w) for w in words) and value not in _PLACES
            and (eponyms or not any(lx.is_eponym(w) and lx.zipf(w) < 4.0 for w in words))
            and not lx.clinical_context(text, start, end))


# A possessive ends the run: "DALIA SAIDANI'S DISCHARGE SUMMARY".
_CAPS_W = r"[A-Z]{2,}(?:-[A-Z]{2,})?"  # "SHORE-GOMEZ" is one word
_CAPS_RUN = re.compile(r"(?<![\w'’-])" + _CAPS_W + r"(?:,?[ \t]+(?:[A-Z]\.[ \t]+)?" + _CAPS_W + r"){1,3}"
                       r"(?:['’]S)?(?![\w'’-])")


_LAST_FIRST = re.compile(r"(?<![A-Z])[A-Z]{2,}(?:-[A-Z]{2,})?,[ \t]+[A-Z]{2,}(?:[ \t]+[A-Z]\.)?")


def caps_name_spans(text: str) -> list[Span]:
    """All-caps names ("PATIENT PAVLINA ARSLAN SEEN", "ABENI D. RISCH"): a run of 2-4 upper-case words that
    are neither common English nor clinical, one of them rare or an eponym; middle initials stay inside, a
    common name word beside a rare one joins, a possessive ends the run. Headings and abbreviations stay."""
    spans = []
    for m in _CAPS_RUN.finditer(text):
        for lf in _LAST_FIRST.finditer(m.group()):  # "TACK, AYLA": the comma makes a pair a name
            pair = re.findall(r"[A-Z]{2,}", lf.group())
            if any(not lx._ordinary(w, lx.RARE_BELOW) for w in pair) and not any(
                    lx._in(w.lower(), lx.ct.DRUGS) or lx._head(w) or w.lower() in NAME_STOP for w in pair):
                spans.append(Span(m.start() + lf.start(), m.start() + lf.end(), "NAME", lx.PRIORITY))
        words = [w for w in re.finditer(r"[A-Z]+(?:-[A-Z]+)*", m.group()) if len(w.group()) >= 2]
        unknown = [w for w in words if not lx._common(w.group(), lx.COMMON_FROM) and not lx.is_clinical(w.group())]
        rare_at = [not lx._ordinary(w.group(), lx.RARE_BELOW) for w in words]
        i = 0
        while i < len(words):
            if words[i] not in unknown:
                i += 1
                continue
            j = i
            while j + 1 < len(words) and words[j + 1] in unknown:
                j += 1
            if any(rare_at[i:j + 1]):
                # A common surname or first name beside a rare one: "DJAMEL BROWN'S", "MARK ZERROUKI".
                while i > 0 and lx._joins_common(words[i - 1].group().title()):
                    i -= 1
                while j + 1 < len(words) and lx._joins_common(words[j + 1].group().title()):
                    j += 1
            run = words[i:j + 1]
            end = m.start() + run[-1].end()
            rare = any(not lx._ordinary(w.group(), lx.RARE_BELOW) for w in run)
            if len(run) >= 2 and (rare or any(lx.is_eponym(w.group()) for w in run)
                                  and not lx._HEAD_AFTER.match(text, end)):
                spans.append(Span(m.start() + run[0].start(), end, "NAME", lx.PRIORITY))
            i = j + 1
    return spans


_CAPS_WORD = re.compile(r"(?<![\w'’-])[A-Z]{2,}(?:-[A-Z]{2,})*(?:['’]S)?(?![\w'’-])")
_FUNCTION = frozenset("with by for to from and or of at in on the a an per seen saw".split())


def fold_caps(text: str) -> str:
    """ALL-CAPS words in Title case, stop and heading words in lower case (same length, same offsets), so
    the rules read "SEEN WITH RUBY BRAND TODAY" as "seen with Ruby Brand today"."""
    def fold(m: re.Match) -> str:
        word = m.group()
        low = word.lower()
        if low in ("ii", "iii", "iv"):
            return word
        if low in NAME_STOP or low in _FUNCTION:
            return low
        return "-".join(p[:1] + p[1:].lower() for p in word.split("-")).replace("'S", "'s").replace("’S", "’s")
    return _CAPS_WORD.sub(fold, text)


def context_name_spans(text: str, found: list[Span]) -> list[Span]:
    """NAME spans told by form or sentence place; `found` are the names the other rules found (for lists).
    ALL-CAPS text is read a second time folded to Title case (`fold_caps`)."""
    spans = _context_spans(text, found)
    folded = fold_caps(text)
    if folded != text:
        seen = {(s.start, s.end) for s in spans}
        spans += [s for s in _context_spans(folded, found) if (s.start, s.end) not in seen]
    return spans


def _context_spans(text: str, found: list[Span]) -> list[Span]:
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
        for m in _INITIAL_SURNAME.finditer(text):
            prev = _PREV_WORD.search(text, max(0, m.start() - 30), m.start())
            if prev is None or not prev.group(1)[0].isupper() or prev.group(1)[-1] in ".:,;":
                add(m)
    for m in _RELATION_CUE.finditer(text):
        add(m)
    if "'" in text or "’" in text:
        for m in _POSSESSOR.finditer(text):
            owned = _OWNED.match(text, m.end())
            if not _person_run(text, m.start("phi"), m.end("phi")) or (
                    lx.is_eponym(m.group("phi")) and owned is None) or (
                    m.group("phi").lower() in lx.ct.ENGLISH and lx._sentence_start(text, m.start())):
                continue  # "Parkinson's", "Quervain's release" stay; so does "Driver's license" opening a sentence
            start = m.start("phi")
            for _ in range(2):  # the first names before it: "Destiny Blank's"
                prev = _WORD_BEFORE.search(text, max(0, start - 30), start)
                if prev is None or not _plain_word(prev.group(1)):
                    break
                start = prev.start(1)
            spans.append(Span(start, m.end("phi"), "NAME", PRIORITY))
    for m in _PERSON_PREP.finditer(text):
        add(m, eponyms=False)
    for m in _SUBJECT_PAIR.finditer(text):
        add(m, eponyms=False)
    for m in _SUFFIXED.finditer(text):
        add(m)
    for s in sorted([s for s in found if s.category == "NAME"] + spans, key=lambda s: s.start):
        if not re.fullmatch(_W + r"(?:[ \t]" + _W + ")?", text[s.start:s.end]):
            continue  # one or two words ("Cosigned Schonauer, Sky"), not a longer run
        for m in (_COMMA_AFTER.match(text, s.end), _COMMA_BEFORE.search(text, max(0, s.start - 40), s.start)):
            if m is not None:
                add(m)
    for s in found:
        # "KIMURA Shota", "MAO Guiying": a surname in capitals before a given name, as East Asian names are
        # written; not after another capitalised word (a heading) and not an English or clinical word.
        m = _CAPS_SURNAME.search(text, max(0, s.start - 30), s.start)
        if s.category == "NAME" and m is not None and text[s.start:s.start + 2].istitle() and _person_run(
                text, m.start("phi"), m.end("phi")) and not lx._common(m.group("phi").title(), lx.COMMON_FROM):
            spans.append(Span(m.start("phi"), s.end, "NAME", PRIORITY))
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
