"""Names told by the grammar around them rather than by a list (round 10).

- Baby and twin labels: the surname after "Baby Boy", "Infant Girl", "Twin B", "BG" is a name whatever
  the word ("Baby Girl Hall"), as a newborn has no given name yet.
- Role labels: the word after "Charge RN:", "Attending of record:", "MD:" is a person, however short or
  ordinary ("MD: Xi", "Charge RN: Ga"), unless it is a value such a field also holds ("None", "Pending").
- An eponym used as a person: "Kupffer is covering", "signed out to Whipple", "Per Crohn, hold ...": the
  dictionary's capitalised word stands where only a person stands, with no clinical head noun after it
  ("Kupffer cells" stays).
- Particles (`extend_particles`, run on the resolved spans): a found name takes in the particle and the
  name word beside it ("Manjad al-" + "Harthi", "Macarena" + " ter Hurtado", "Chad" + " bat " +
  "Huertas"), and a surname opening with a particle takes the given name after its comma ("al-Amri, Sahib").
"""

from __future__ import annotations

import re

from medrepro.privacy import lexicon as lx
from medrepro.privacy.lexicon_context import clinical_context
from medrepro.privacy.name_lists import NON_NAME_WORDS as NAME_STOP
from medrepro.privacy.rulebase import Span

PRIORITY = 48  # above a title's (47): "Dr. Baby Boy Tamm" is one label, not the name "Baby"
_W = r"[A-Z][a-z]+(?:['’][A-Z][a-z]+)?(?:-[A-Z][a-z]+)?"
_WC = rf"(?:{_W}|[A-Z]{{2,}})"
_FUNCTION = frozenset("the a an and or of to in on at for with by from is was has had born delivered".split())
_END = r"(?=[ \t]*(?:[.,;:)\]\n]|$)|[ \t]{2}|[ \t]+[a-z(\d])"

_BABY = re.compile(r"(?<![\w'’-])(?:(?i:baby|infant|newborn)[ \t]+(?i:boy|girl)(?:[ \t]+(?:[A-D]|[12]))?"
                   r"|(?i:twin)[ \t]+(?:[A-D]|[12]|One|Two)|B[BG])[ \t]+(?P<phi>" + _WC + r")(?![\w'’-])")
_ROLE_BEFORE = re.compile(
    r"(?<![\w/-])(?:(?i:charge|primary|covering|bedside|night|day|triage|float|assigned|on-call)[ \t]+)?"
    r"(?:RN|MD|DO|NP|PA|LPN|CNA|(?i:nurse|attending|resident|fellow|intern|hospitalist|pharmacist|therapist|"
    r"scribe|interpreter|chaplain|surgeon|provider))(?:[ \t]+(?i:of[ \t]+record|on[ \t]+call))?[ \t]*$")
_ROLE_VALUE = re.compile(r":[ \t]*(?P<phi>" + _W + r"(?: " + _W + r")?)" + _END)
_ROLE_VALUES = frozenset("none na pending same unknown tbd yes no ok okay aware notified present absent vacant "
                         "covering self other agency float see per off on call team staff resident fellow "
                         "attending nurse to be determined not assigned n/a".split())
_EPONYM_VERB = re.compile(
    r"[ \t]+(?:is[ \t]+(?:covering|on[ \t]+call|aware|at[ \t]+bedside)|was[ \t]+(?:paged|notified|called|updated)|"
    r"paged[ \t]+back|called[ \t]+back|agreed|agrees|signed[ \t]+out|recommends|recommended|"
    r"will[ \t]+(?:see|follow|call|round))\b")
_WORD_BEFORE = re.compile(r"(?<![\w'’-])(?P<phi>" + _W + r")$")
_EPONYM_OBJECT = re.compile(
    r"\b(?i:signed[ \t]+out[ \t]+to|handed[ \t]+(?:off|over)[ \t]+to|paged|per|discussed[ \t]+with|"
    r"spoke[ \t]+(?:with|to)|d/w)[ \t]+(?P<phi>" + _W + r")(?=[ \t]*[,;.]|[ \t]+(?:at|who|this|today|tonight|and)\b)")
_SERVICE = re.compile(r"(?:ology|ics|ery|ine|ing|ion|ist|ists|team|staff|unit|service)$")
_BABY_NEEDS = ("baby", "infant", "newborn", "twin")


def _value_word(word: str) -> bool:
    """A word that may be the name in a labelled slot: not a function word, the clinical vocabulary, or
    very common English ("Will" is lost; "Hall", "Ga", "Xi" are kept as names)."""
    low = word.lower()
    return low not in _FUNCTION and not lx.is_clinical(word) and lx.zipf(low) < 5.5


def _eponym_person(text: str, m: re.Match, strong: bool) -> bool:
    """The dictionary's capitalised word (or, after a verb or cue only a person takes, a clinical word
    that is not a drug: "Hashimoto paged back") stands as a person, with no clinical head noun after it."""
    word = m.group("phi")
    low = word.lower()
    if strong:  # any word but a drug or a service ("Cardiology agreed")
        dictionary = not (lx._in(low, lx.ct.DRUGS) or lx.is_drug_like(low) or _SERVICE.search(low))
    else:
        dictionary = (lx.is_eponym(word) or low in NAME_STOP) and not lx.is_clinical(word)
    return (dictionary and lx.zipf(word) < 4.2
            and not clinical_context(text, m.start("phi"), m.end("phi")))


def grammar_name_spans(text: str) -> list[Span]:
    spans: list[Span] = []
    low = text.lower()
    if any(k in low for k in _BABY_NEEDS) or "BB " in text or "BG " in text:
        for m in _BABY.finditer(text):
            if _value_word(m.group("phi")):
                spans.append(Span(m.start("phi"), m.end("phi"), "NAME", PRIORITY))
    for m in _ROLE_VALUE.finditer(text):
        if _ROLE_BEFORE.search(text, max(0, m.start() - 40), m.start()):
            words = m.group("phi").split()
            if " ".join(words).lower() not in _ROLE_VALUES and all(
                    _value_word(w) and w.lower() not in _ROLE_VALUES for w in words):
                spans.append(Span(m.start("phi"), m.end("phi"), "NAME", PRIORITY))
    return spans


def eponym_person_spans(text: str) -> list[Span]:
    """Eponyms standing as people; not propagated, since the same word elsewhere is the eponym."""
    found = [(m, True) for v in _EPONYM_VERB.finditer(text)
             if (m := _WORD_BEFORE.search(text, max(0, v.start() - 40), v.start())) is not None]
    found += [(m, m.group().lower().startswith(("signed", "handed"))) for m in _EPONYM_OBJECT.finditer(text)]
    return [Span(m.start("phi"), m.end("phi"), "NAME", PRIORITY - 7) for m, strong in found
            if _eponym_person(text, m, strong)]


_SPACED = r"(?:van|von|de|del|della|der|den|la|le|da|di|du|dos|das|ter|ten|bin|bint|binti|ibn|abu|ben|bat|al|el)"
_SPACED_SET = frozenset(_SPACED[3:-1].split("|"))
_HYPHEN = r"(?:al|el|ad|ar|as|ash|at|az|an|ud|ul|ibn|bin|bint|abu|ben|bat|bar|d)['’-]"
_LEFT_HYPHEN = re.compile(rf"(?:(?P<w>{_W})[ \t]+)?{_HYPHEN}$")
_LEFT_SPACED = re.compile(rf"(?P<w>{_W})[ \t]+(?:{_SPACED}[ \t]+){{1,2}}$")
_RIGHT = re.compile(rf"(?:[ \t]+{_SPACED}){{1,2}}[ \t]+(?:{_HYPHEN})?(?P<w>{_W})(?![\w'’-])|[ \t]+{_HYPHEN}(?P<h>{_W})"
                    r"(?![\w'’-])")
_COMMA_GIVEN = re.compile(rf",[ \t]*(?P<w>{_W})(?=[ \t]*(?:[;,.)\n]|$)|[ \t]{{2}})")
_STARTS_PARTICLE = re.compile(rf"(?:{_HYPHEN}|{_SPACED}[ \t]+)[A-Z]")


def _particle_word(word: str, after: bool = True) -> bool:
    """A word beside a particle that joins the name: not a function word, clinical, very common, or (after
    the particle) an eponym ("de Quervain" after a name stays a disease; "Konrad bin" before one joins)."""
    return (word.lower() not in _FUNCTION and word.lower() not in NAME_STOP and not lx.is_clinical(word)
            and not (after and lx.is_eponym(word)) and lx.zipf(word) < 5.0)


def extend_particles(text: str, spans: list[Span]) -> list[Span]:
    """Grow each name across the particles beside it (spans sorted and non-overlapping; merged where they
    meet)."""
    out: list[Span] = []
    for i, s in enumerate(spans):
        if s.category != "NAME":
            out.append(s)
            continue
        lo_limit = out[-1].end if out else 0
        nxt = spans[i + 1] if i + 1 < len(spans) else None
        hi_limit = len(text) if nxt is None else nxt.end if nxt.category == "NAME" else nxt.start
        start, end = s.start, s.end
        before = text[max(lo_limit, start - 60):start]
        m = None
        if before.endswith(("-", "'", "’")):
            m = _LEFT_HYPHEN.search(before)
        elif before.endswith((" ", "\t")) and before.rstrip().rpartition(" ")[2] in _SPACED_SET:
            m = _LEFT_SPACED.search(before)
        if m is not None and (m.group("w") is None or _particle_word(m.group("w"), after=False)):
            start -= len(before) - (m.start("w") if m.group("w") else m.start())
        r = _RIGHT.match(text, end, hi_limit) if text[end:end + 1] in (" ", "\t") else None
        if r is not None and _particle_word(r.group("w") or r.group("h")):
            end = r.end()
        if text[end:end + 1] == "," and _STARTS_PARTICLE.match(text, start):
            c = _COMMA_GIVEN.match(text, end, hi_limit)
            if c is not None and _particle_word(c.group("w")):
                end = c.end("w")
        if out and out[-1].category == "NAME" and (out[-1].end >= start or re.fullmatch(
                r"[ \t]*", text[out[-1].end:start])):
            prev = out.pop()
            start, end = prev.start, max(end, prev.end)
        out.append(Span(start, end, "NAME", s.priority))
    return out
