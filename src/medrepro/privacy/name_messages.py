"""Names told by the way people write to and about each other: nicknames, messages, initials, capitals.

Why: portal messages and nursing notes name people in shapes the cue rules (`names`) and the lexicon
test (`lexicon`) never see: a quoted nickname between a first name and a surname (Ada "Bubba" Roe,
Jie ('Tiny') Wan), "goes by"/"known as" before a nickname, a greeting or a sign-off around a name that
is often typed in lower case ("hi dr roe, this is ada lin", "Thanks, Tao", "... call back - mei"), a
sender after "from patient", a patient's initials after "Pt", and an all-caps possessive ("ALLA'S MEDS").
Each rule is a whole phenomenon, not a template's wording; lower-case words count as names only when
they are neither English nor clinical vocabulary, Title-case words only when they are not stop,
heading or clinical words. The spans join the cue rules' names, so every other mention in the note
is removed too (`names._propagate_names`).
"""

from __future__ import annotations

import re

from medrepro.privacy import lexicon as lx
from medrepro.privacy.patterns import NAME_STOP, Span

PRIORITY = 45  # a cue rule's: above the lexicon test, below titles and labels
NICK_PRIORITY = 47

_T = r"[A-Z][a-z]+(?:-[A-Za-z][a-z]+)*"  # Title case, "Cheng-Han", "Ye-ji"
_C = r"[A-Z]{2,}(?:-[A-Z]{2,})*"
_L = r"[a-z]{2,}(?:-[a-z]{2,})*"
_ANY = rf"(?:{_T}|{_C}|{_L})"
_UPPER = rf"(?:{_T}|{_C})"
# A quoted nickname between name words: “Nick”, "Nick", 'Nick', ('Nick'), ("Nick").
_QUOTED = (r"(?:\([ \t]*[\"“‘'](?P<n1>{w})[\"”’'][ \t]*\)|[\"“](?P<n2>{w})[\"”]|[‘'](?P<n3>{w})[’'])"
           .format(w=rf"{_UPPER}(?:[ \t]{_UPPER})?"))
_NICK = re.compile(rf"(?<![\w'’-])(?P<a>{_UPPER})[ \t]+{_QUOTED}[ \t]+(?P<b>{_UPPER})(?![\w'’-])")
_GOES_BY = re.compile(r"(?i:\b(?:goes|go|went)[ \t]+by|\balso[ \t]+known[ \t]+as|\ba\.?k\.?a\.?|\bnicknamed|\bnickname"
                      r"(?:[ \t]+is)?:?|\b(?:prefers|likes|asks)[ \t]+to[ \t]+be[ \t]+called)[ \t]+[\"“‘']?"
                      rf"(?P<phi>{_UPPER})[\"”’']?(?![\w-])")
_GREETING = re.compile(r"(?:^|(?<=[\s.!?,;]))(?i:hi|hello|hey|dear|good[ \t]+(?:morning|afternoon|evening))"
                       r"[ \t,]+(?:(?i:dr|doctor|mr|mrs|ms|miss|nurse)\.?[ \t]+)?"
                       rf"(?P<phi>{_ANY}(?:[ \t]+{_ANY}){{0,2}}?)(?=[ \t]*(?:[,!.:;\n]|-[ \t]|$))")
_INTRO = re.compile(r"(?:^|(?<=[\s.!?,;]))(?i:this[ \t]+is|my[ \t]+name[ \t]+is|it['’]s)[ \t]+"
                    rf"(?P<phi>{_ANY}(?:[ \t]+{_ANY}){{0,2}}?)"
                    r"(?=[ \t]*(?:[,;!\n]|\.(?:[ \t]|$)|$)|[ \t]+(?i:from|calling|here)\b)")
_SIGN_OFF = re.compile(r"(?i:\b(?:thanks|thank[ \t]+you|thx|regards|best[ \t]+regards|best|cheers|sincerely|love)\b)"
                       rf"[ \t]*[,!.]?[ \t]*\n?[ \t]*(?P<phi>{_ANY}(?:[ \t]+{_ANY}){{0,2}}?)[.!]?"
                       r"(?=[ \t]*(?:\n|$)|[ \t]{2})")
# A sign-off's name ends its line, the text or its sentence (two spaces end a sentence, as in
# `lexicon._adjacent`); a name after a dash ends its line or the text ("BLOOD  -  OPIATES-ETS  -  INC" is a
# table, not a signature) and is not in capitals.
_DASH_SIGN = re.compile(rf"(?<=\S)[ \t]+[-–—~][ \t]*(?P<phi>(?:{_T}|{_L})(?:[ \t]+(?:{_T}|{_L}))?)[.!]?"
                        r"(?=[ \t]*(?:\n|$))")
_SENDER = re.compile(r"(?i:\b(?:from|by|behalf[ \t]+of))[ \t]+(?i:the[ \t]+)?(?i:patient|pt|proxy|caller|caregiver|"
                     rf"guardian|parent)[ \t]+(?P<phi>{_UPPER}(?:[ \t]+{_UPPER}){{0,2}})(?=[ \t]*[:(,.;\n]|$)")
_FROM_LABEL = re.compile(rf"(?im:^[ \t]*from[ \t]*:[ \t]*(?P<phi>{_ANY}(?:[ \t]+{_ANY}){{0,2}}?)"
                         r"(?=[ \t]*(?:[,(<\n]|$)))")
# Abbreviations written as initials: "B.P.", "I.V.", "P.O.", not a patient's.
_ABBREV = frozenset("A.M. P.M. B.P. I.V. P.O. N.P.O. Q.D. B.I.D. T.I.D. Q.I.D. P.R.N. H.S. O.D. O.S. O.U. "
                    "U.S. M.D. D.O. R.N. N.P. E.R. I.M. S.C. S.Q. G.I. G.U. E.D. O.R. I.C.U.".split())
_PT_INITIALS = re.compile(r"(?<![\w'’-])(?i:pt\.?|patient)[ \t]+(?P<phi>(?:[A-Z]\.){2,3})(?![\w])")
_CAPS_POSSESSIVE = re.compile(r"(?<![\w'’-])(?P<phi>[A-Z]{2,}(?:-[A-Z]{2,})?)['’]S[ \t]+[A-Z]{2,}")


def _upper_ok(word: str) -> bool:
    """A Title-case or all-caps word that may be a name: not a stop, heading, role or clinical word."""
    low = word.lower()
    return not (low in NAME_STOP or lx.is_clinical(word) or lx._head(word) or low in lx._MONTHS_DAYS
                or word in lx.nl.US_STATES or lx.is_brand_form(word) or lx._in(low, lx.ct.DRUGS)
                or lx.is_drug_like(word))


def _lower_ok(word: str) -> bool:
    """A lower-case word that is a name: neither English, common nor clinical ("lambaryan", "mei")."""
    return not (word in NAME_STOP or lx._in(word, lx.ct.ENGLISH) or lx._common(word, lx.COMMON_FROM)
                or lx.is_clinical(word) or lx._head(word) or word in lx._MONTHS_DAYS)


def _words_ok(value: str, rare_upper: bool = False) -> bool:
    """Every word may be a name; with `rare_upper`, a Title-case word must also not be common English."""
    words = value.split()
    for w in words:
        base = w.strip("-")
        if base.islower():
            if not _lower_ok(base):
                return False
        elif not _upper_ok(base) or (rare_upper and lx._common(base, lx.COMMON_FROM)):
            return False
    return bool(words)


def message_name_spans(text: str) -> list[Span]:
    """NAME spans for nicknames, greetings, self-introductions, sign-offs, senders, patient initials and
    all-caps possessives (the module docstring says why each is a name)."""
    spans: list[Span] = []

    def add(start: int, end: int) -> None:
        spans.append(Span(start, end, "NAME", PRIORITY))

    if any(q in text for q in "\"“'‘"):
        for m in _NICK.finditer(text):
            nick = m.group("n1") or m.group("n2") or m.group("n3")
            if _words_ok(m.group("a")) and _words_ok(m.group("b")) and _words_ok(nick):
                # A title's or label's priority, so the whole name wins over "Patient: Jie" alone.
                spans.append(Span(m.start("a"), m.end("b"), "NAME", NICK_PRIORITY))
    low = text.lower()
    if any(c in low for c in ("by", "known", "nickname", "called", "aka", "a.k.a")):
        for m in _GOES_BY.finditer(text):
            if _words_ok(m.group("phi")):
                add(m.start("phi"), m.end("phi"))
    for rx, rare in ((_GREETING, False), (_INTRO, True), (_SIGN_OFF, False), (_DASH_SIGN, True),
                     (_FROM_LABEL, False), (_SENDER, False)):
        for m in rx.finditer(text):
            value = m.group("phi")
            if _words_ok(value, rare_upper=rare) and not lx.clinical_context(text, m.start("phi"), m.end("phi")):
                add(m.start("phi"), m.end("phi"))
    for m in _PT_INITIALS.finditer(text):
        if m.group("phi") not in _ABBREV:
            add(m.start("phi"), m.end("phi"))
    if "'S" in text or "’S" in text:
        folded = text.replace("'S", "'s").replace("’S", "’s")  # same offsets; "QUERVAIN'S RELEASE" is a head
        for m in _CAPS_POSSESSIVE.finditer(text):
            word = m.group("phi")
            title = word.title()
            if (_upper_ok(word) and not lx._common(title, lx.COMMON_FROM)
                    and not lx.clinical_context(folded, m.start("phi"), m.end("phi"))):
                # The lexicon's priority: a longer all-caps run ("ALLA PETROVA'S") wins over this one word.
                spans.append(Span(m.start("phi"), m.end("phi"), "NAME", lx.PRIORITY))
    return spans
