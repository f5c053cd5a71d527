"""Names told by their place in a sentence, with no title, label or list: a name-position grammar.

Why: nursing handoffs and messages name people bare ("Amal ambulated to the bathroom", "held per Okafor",
"Handed over to Baker"), often with a name that is an ordinary English word, which the lexicon test
(`lexicon`) keeps on purpose. Clinical English capitalises a word inside a sentence only for a proper
noun, a heading, a brand or a service, so a Title-case word is a person's name when it stands where a
person stands and is none of the others (not clinical, service, place, month, brand or drug vocabulary):
- the subject of a verb only people do ("denies", "ambulated", "voided", "prefers", "is eating"),
- the object of a preposition or verb that takes a person ("per", "with", "to", "from", "by", "paged",
  "reassured", "assisted"), ending at the clause (punctuation, or a lower-case word that is no head noun),
- a cell under a person column of a table ("Name", "Visitor", "Staff" in a tab or pipe header),
and a lower-case name in a message after a self-introduction or a sign-off ("hi its amal again",
"thanks so much, amal", "my husband dawid"). A Title-case heading line is not prose and is skipped.
"""

from __future__ import annotations

import re

from medrepro.privacy import lexicon as lx
from medrepro.privacy.name_messages import _lower_ok, _upper_ok
from medrepro.privacy.patterns import NAME_STOP, Span

PRIORITY = 41  # below the lexicon test, whose longer spans ("Juan de la Fuente") win
_COMMON_TOP = 6.0  # Zipf: words above this ("Home", "Today", "The") are never taken by position alone

_W = r"[A-Z][a-z]+(?:['’][A-Z][a-z]+)?(?:-[A-Z][a-z]+)?"
_RUN = rf"(?P<phi>{_W}(?:[ \t]+(?:[A-Z]\.[ \t]+)?{_W})?)"
# Verbs (and verb phrases) only a person is the subject of in clinical prose ("Hardware was found",
# "Aspiration demonstrated" have other subjects, so such verbs are not here).
_PERSON_VERB = (
    r"ambulated|ambulates|voided|voids|slept|sleeps|denies|denied|refused|refuses|declined|declines|"
    r"tolerated|tolerates|walked|walks|ate|eats|drank|drinks|stayed|stays|brought|brings|helped|helps|"
    r"prefers|preferred|agrees|agreed|reports|reported|states|stated|says|said|complains|complained|"
    r"verbalized|verbalizes|understands|understood|wants|wanted|called|calls|pulled|pulls|"
    r"needs[ \t]+(?:reminders|assistance|help|encouragement|cueing|cues|redirection|prompting)|"
    r"(?:is|was|has[ \t]+been)[ \t]+(?:eating|sleeping|resting|walking|ambulating|asking|requesting|refusing|"
    r"checking|taking|using|wearing|crying|complaining|talking|sitting|calling|doing)|"
    r"was[ \t]+found[ \t]+(?:sitting|lying|walking|on)|was[ \t]+(?:restless|calm|agitated|tearful|anxious|"
    r"pleasant|cooperative|reluctant|reminded|assisted|educated|instructed)|"
    r"is[ \t]+(?:alert|calm|pleasant|tearful|anxious)"
)
# Found verb first (far fewer matches than capitalised words), then the name run right before it.
_SUBJECT_VERB = re.compile(rf"[ \t]+(?:{_PERSON_VERB})\b|:[ \t]+(?:tolerating|ambulating|resting|sleeping|refusing|"
                           r"requesting|eating|voiding|denies|reports|states|c/o)\b")
_RUN_BEFORE = re.compile(rf"(?<![\w'’-]){_RUN}$")
# Words before a person object: prepositions and verbs whose object is a person.
_OBJECT_CUE = (
    r"per|with|to|from|by|for|paged|page|called|call|told|asked|reassured|reminded|assisted|turned|helped|"
    r"informed|notified|updated|instructed|educated|taught|met|visited|thanked|repositioned|bathed|fed|"
    r"walked|ambulated|transferred|encouraged|examined|evaluated|saw"
)
_OBJECT = re.compile(rf"(?<![\w'’-])(?i:{_OBJECT_CUE})[ \t]+\(?{_RUN}(?![\w'’-])")
# After the object: a clause boundary, or a lower-case word (checked not to be a clinical head).
_OBJECT_END = re.compile(r"(?:['’]s\b|[ \t]*(?:[.,;:!?)\]]|\n|$)|[ \t]+(?:at|in|on|for|from|about|regarding|re|to|"
                         r"today|tonight|back|again|by|with|who|that|when|while|once|if|over|during|after|before|every|"
                         r"since|until|via|this|yesterday|tomorrow|as|whom|whose|was|is|has|had|will)\b)")
# A cue that only a person follows: "per", or a verb of talking or handing over before the preposition
# ("Spoke to Aubert", "Case reviewed with Bloch", "callback from Furst"), within the clause.
_PERSON_CUE = re.compile(r"(?i:\b(?:per|paged?|called|told|informed|notified|updated|thanked)[ \t]+[A-Z]"
                         r"|\b(?:spoke|spoken|talked|discussed|reviewed|clarified|handed|deferred?|callback|"
                         r"conferred|consulted|agreed|sign-out|signed[ \t]+out)\b[^.;:\n]*$)")
_RARE_BELOW = 3.0  # Zipf: rarer words are the lexicon test's (`lexicon`), with its drug and brand vetoes
_LIST_RARE_BELOW = 3.5  # Zipf: a list or a slash pair holding a word this rare is a list of people
_EPONYM_BELOW = 3.6  # and so are the medical dictionary's capitalised words up to here ("to Foley")
_SLASHED = re.compile(rf"(?<![\w'’-])(?:(?:RN|MD|NP|PA|PT|OT|SW|CM|LPN|CNA|RT|DO)/{_RUN}|\[{_RUN}\])(?![\w'’-])"
                      .replace("(?P<phi>", "(?:"))
# Two people in one slot ("Handoff Leyva/Noel", "Kreusel/Rose"): one of them a rare name word.
_PAIR = re.compile(rf"(?<![\w'’/-])(?P<a>{_W})/(?P<b>{_W})(?![\w'’/-])")
_EXCLUDED = frozenset(
    "nothing everything everyone everybody someone somebody anyone anybody none nobody overnight tonight today "
    "yesterday tomorrow morning evening afternoon night noon midnight daily weekly then later also again staff "
    "family patient patients pt team nursing nurse doctor physician provider service services unit floor clinic "
    "mother father mom dad wife husband son daughter brother sister parent parents child baby infant spouse "
    "caregiver resident residents client guardian friend neighbor visitor interpreter chaplain pharmacist "
    "he she they we it this that these those who which what there here god st saint mount mon tue tues wed thu "
    "thur thurs fri sat sun jan feb mar apr jun jul aug sep sept oct nov dec records".split())
# A header cell over a column of people's names.
_PERSON_HEADER = frozenset("name names patient visitor visitors staff provider nurse contact attendee member "
                           "caller person who clinician physician signer witness".split())


_VERB_FORM = re.compile(rf"(?:{_PERSON_VERB}|appears|seems|include|includes|show|shows|notes|presents)")
_ADVERB_OR_ING = re.compile(r"[a-z]{3,}(?:ing|ly)")  # "Having", "Specifically"; not "King", "Lily"


def _word_ok(word: str) -> bool:
    """A Title-case word that may be a person's name when it stands in a person's place: not a verb opening
    a sentence with its subject left out ("Denies", "Appears", "Having")."""
    base = re.sub(r"['’]s$", "", word)
    low = base.lower()
    return (len(base) >= 2 and _upper_ok(base) and low not in _EXCLUDED and low not in NAME_STOP
            and not _VERB_FORM.fullmatch(low)
            and not (_ADVERB_OR_ING.fullmatch(low) and (lx._in(low, lx.ct.ENGLISH) or lx.zipf(low) >= 4.5))
            and lx.zipf(base) < _COMMON_TOP and base not in lx.nl.COUNTRIES_AND_REGIONS
            and base not in lx.nl.US_CITIES)


def _run_start(text: str, m: re.Match) -> int | None:
    """Start of the name in the matched run, leading non-name words dropped ("Overnight Miles"); None
    when a word of what is left may not be a name."""
    words = list(re.finditer(r"\S+", m.group("phi")))
    while words and words[0].group().lower() in _EXCLUDED:
        words.pop(0)
    if not words or not all(_word_ok(w.group()) for w in words if not re.fullmatch(r"[A-Z]\.", w.group())):
        return None
    return m.start("phi") + words[0].start()


def _heading_line(text: str, pos: int) -> bool:
    """The line is a Title-case heading ("Follow Up With Cardiology"), not a sentence."""
    lo = max(text.rfind("\n", 0, pos) + 1, pos - 80)
    hi = text.find("\n", pos, pos + 80)
    words = re.findall(r"[A-Za-z]{2,}", text[lo:hi if hi >= 0 else pos + 80])
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.75 * len(words)


def _sentence_start(text: str, pos: int) -> bool:
    return re.search(r"(?:^|[.!?:;\n]|\d[.)])[ \t\"'(\[-]*$", text[max(0, pos - 8):pos]) is not None


def _position_spans(text: str) -> list[Span]:
    spans: list[Span] = []
    for v in _SUBJECT_VERB.finditer(text):
        m = _RUN_BEFORE.search(text, max(0, v.start() - 60), v.start())
        if m is None:
            continue
        start = _run_start(text, m)
        if (start is not None and not _heading_line(text, start)
                and not lx.clinical_context(text, start, m.end("phi"))):
            spans.append(Span(start, m.end("phi"), "NAME", PRIORITY))
    for m in _OBJECT.finditer(text):
        start, end = _run_start(text, m), m.end("phi")
        nxt = _OBJECT_END.match(text, end)
        if nxt is None or start is None or _heading_line(text, start):
            continue
        if not _PERSON_CUE.search(text, max(0, m.start() - 40), end) and any(
                lx.zipf(w) < _RARE_BELOW or (lx.is_eponym(w) and lx.zipf(w) < _EPONYM_BELOW)
                for w in text[start:end].split() if len(w) > 2):
            continue  # "with Surgicel", "to Keppra": rare words need a verb of talking to a person
        if lx.clinical_context(text, start, end):
            continue
        spans.append(Span(start, end, "NAME", PRIORITY))
    for m in _PAIR.finditer(text):
        a, b = m.group("a"), m.group("b")
        if (min(len(a), len(b)) > 2 and _word_ok(a) and _word_ok(b) and (_rare(a) or _rare(b))
                and not lx.clinical_context(text, m.start(), m.end())):
            spans.append(Span(m.start(), m.end(), "NAME", PRIORITY))
    for m in _SLASHED.finditer(text):
        for w in re.finditer(_W, m.group()):
            if _word_ok(w.group()) and not _sentence_start(text, m.start() + w.start()):
                spans.append(Span(m.start() + w.start(), m.start() + w.end(), "NAME", PRIORITY))
    return spans


_SPLIT = re.compile(r"\t|[ \t]*\|[ \t]*")


def _last_word(cell: str) -> str:
    """A header cell's head word: "Patient Name" -> "name", "2.  Visitor" -> "visitor"."""
    words = re.findall(r"[a-z]+", cell.lower())
    return words[-1] if words else ""


def _column_spans(text: str) -> list[Span]:
    """Cells under a person header in a tab- or pipe-separated table."""
    spans: list[Span] = []
    lines = text.split("\n")
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line) + 1)
    cols: set[int] = set()
    width = 0
    for i, line in enumerate(lines):
        if "\t" not in line and line.count("|") < 2:
            cols = set()
            continue
        lead = line.find("|") + 1 if "|" in line else 0  # a pipe table starts at its first bar
        cells = _SPLIT.split(line[lead:].strip())
        heads = {j for j, c in enumerate(cells) if _last_word(c) in _PERSON_HEADER}
        if heads:
            cols, width = heads, len(cells)
            continue
        if len(cells) < width:  # a narrower row is another table ("Test<TAB>Result" under a name table)
            cols = set()
        pos = offsets[i] + lead
        for j, cell in enumerate(cells):
            at = text.find(cell, pos) if cell else -1
            if at < 0:
                continue
            pos = at + len(cell)
            if j in cols:
                for w in re.finditer(_W, cell):
                    if _upper_ok(w.group()) and lx.zipf(w.group()) < _COMMON_TOP:
                        spans.append(Span(at + w.start(), at + w.end(), "NAME", PRIORITY))
    return spans


_L = r"[a-z]{2,}(?:-[a-z]{2,})?"
_LOWER_CUE = re.compile(
    rf"(?:(?<![\w'’])(?:it's|it’s|i'm|i’m|i[ \t]+am|this[ \t]+is|my[ \t]+name[ \t]+is)"
    rf"|(?:(?<![\w'’])(?i:hi|hello|hey)[ \t,]+|(?:^|(?<=[:\n]))[ \t]*)(?:its|im))[ \t]+"
    rf"(?P<a>{_L}(?:[ \t]+(?!(?:again|here|calling|from)\b){_L})?)(?=[ \t]*[,.!\n]|[ \t]+(?:again|here|calling|from)\b)"
    rf"|(?:^|(?<=[:\n]))[ \t]*(?P<b>{_L}(?:[ \t]+(?!here\b){_L})?)[ \t]+here\b"
    rf"|(?<![\w'’])(?i:thanks|thank[ \t]+you)(?:[ \t]+(?:so[ \t]+much|a[ \t]+lot|again))?[ \t]*,[ \t]*"
    rf"(?P<c>{_L}(?:[ \t]+{_L})?)(?=[ \t]*(?:\n|$|[ \t]{{2}}))"
    rf"|(?<![\w'’])(?i:my|his|her)[ \t]+(?:husband|wife|son|daughter|mother|father|mom|dad|brother|sister|"
    rf"partner|friend|neighbor|caregiver)[ \t]+(?P<d>{_L}(?:[ \t]+{_L})?)(?=[ \t]+(?:will|is|was|can|has|"
    rf"wants|said|says|called|picked|drove)\b|[ \t]*[,.])"
)
_LOWER_WORDS = frozenset("again here calling from doc doctor nurse everyone all guys team bye you will is was "
                         "can has wants said says called picked drove".split())


def _lower_name_ok(word: str) -> bool:
    """Lower case after an introduction or sign-off: not English (or, if English, an uncommon word)."""
    return word not in _LOWER_WORDS and word not in NAME_STOP and (
        _lower_ok(word) or (lx.zipf(word) < 4.9 and not lx.is_clinical(word) and not lx._head(word)))


def _lower_spans(text: str) -> list[Span]:
    spans: list[Span] = []
    for m in _LOWER_CUE.finditer(text):
        key = next(k for k in "abcd" if m.group(k))
        value = m.group(key)
        words = value.split()
        strict = key == "a" and not re.match(r"[ \t]+(?:again|here|calling|from)\b", text[m.end():])
        second_ok = len(words) < 2 or (words[1] not in _LOWER_WORDS and words[1] not in NAME_STOP
                                       and lx.zipf(words[1]) < _COMMON_TOP and not lx.is_clinical(words[1]))
        if not second_ok or not (_lower_name_ok(words[0]) and (_lower_ok(words[0]) or not strict)):
            continue
        start = m.start(key)
        spans.append(Span(start, start + len(" ".join(words)), "NAME", PRIORITY))
    return spans


_ITEM = rf"{_W}(?:[ \t]+{_W})?"
_LIST = re.compile(rf"(?<![\w'’-]){_ITEM}(?:,[ \t]*{_ITEM}){{0,5}},?[ \t]+(?:and|&)[ \t]+{_ITEM}(?![\w'’-])")
# "- G. Black (bed 4)", "; T. White": an initial and a surname opening a list item or a line.
_INITIAL_ITEM = re.compile(rf"(?:^|(?<=\n)|(?<=[,;:(/]))[ \t]*(?:[-*•]|\d{{1,2}}[.)])?[ \t]*[A-Z]\.[ \t]?(?P<phi>{_W})"
                           r"(?=[ \t]*(?:[,;()\n]|$))")
# A line that is only a name with a middle initial: "Mark H. Madrid".
_INITIAL_LINE = re.compile(rf"(?m:(?:^|(?<=[.!?][ \t]{{2}}))[ \t]*(?P<phi>{_W}[ \t]+[A-Z]\.[ \t]+{_W})[ \t]*$)")


def _rare(word: str) -> bool:
    return lx.zipf(word) < _LIST_RARE_BELOW and not lx._in(word.lower(), lx.ct.ENGLISH)


def _list_spans(text: str) -> list[Span]:
    """Every item of a coordinated list of Title-case words is a name when one item is a rare name word
    ("Arturo, Rocky and Patience") and none is clinical, a place or a function word; a pair with an
    eponym of the medical dictionary is a test or a grade ("Weber and Rinne", "Hunt and Hess")."""
    spans: list[Span] = []
    for m in _LIST.finditer(text):
        items = list(re.finditer(_ITEM, m.group()))
        words = [w for it in items for w in it.group().split()]
        pair = len(items) == 2 and any(lx.is_eponym(w) and lx.zipf(w) < _EPONYM_BELOW for w in words)
        if (pair or not all(_word_ok(w) for w in words) or not any(_rare(w) for w in words)
                or lx.clinical_context(text, m.start(), m.end()) or _heading_line(text, m.start())):
            continue
        spans += [Span(m.start() + it.start(), m.start() + it.end(), "NAME", PRIORITY) for it in items]
    for rx in (_INITIAL_ITEM, _INITIAL_LINE):
        for m in rx.finditer(text):
            words = [w for w in m.group("phi").split() if not re.fullmatch(r"[A-Z]\.", w)]
            if all(_upper_ok(w) and w.lower() not in _EXCLUDED for w in words) and not lx.clinical_context(
                    text, m.start("phi"), m.end("phi")):
                spans.append(Span(m.start("phi"), m.end("phi"), "NAME", PRIORITY))
    return spans


def position_name_spans(text: str) -> list[Span]:
    """NAME spans for names in a person's place: subject, object, list, table column, lower-case message name."""
    return _position_spans(text) + _list_spans(text) + _column_spans(text) + _lower_spans(text)
