"""Names written as user names: audit and sign-off lines, and the user-name forms of names found elsewhere.

Why: EHR audit trails, scanned-fax banners and nursing notes name people by their login ("Last edited by
r.sharma", "accessed by psharma", "co-signed by anita_rao2"), all lower case and with no capital for the
lexicon test (`lexicon`) to see. Two phenomena, neither tied to a wording:

- an account action ("edited", "accessed", "signed", "viewed", ... "by") before a token shaped like a user
  name: a first.last / f.last / first_last form, or one word with optional digits that is neither English,
  common (Zipf 3) nor clinical ("psharma", "jdoe42");
- a person found anywhere in the note (any rule's NAME span) is also removed where written as a user
  name: first.last, last.first, first_last, flast, firstl, f.last, in any case ("Usha Banarji" found, so
  "usha.banarji" and "ubanarji" go); and the words of a user name found by the first rule are names
  wherever they occur written with a capital ("Banarji" alone in the next line).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from medrepro.privacy import lexicon as lx
from medrepro.privacy.patterns import NAME_STOP, Span

PRIORITY = 45  # a cue rule's: above the lexicon test, below titles and labels
FORM_PRIORITY = 20  # a propagated mention's, as `names._propagate_names`

# A past participle of an account action, then "by": "edited by", "last accessed by", "e-signed by".
_ACTIONS = (
    "accessed|edited|viewed|opened|modified|updated|created|entered|signed|e-signed|esigned|co-signed|cosigned|"
    "printed|exported|logged|authored|charted|documented|amended|addended|released|acknowledged|uploaded|"
    "scanned|faxed|routed|forwarded|closed|deleted|changed|saved|filed|locked|unlocked|submitted|queried|"
    "downloaded|reassigned|assigned|completed|verified|reviewed|transcribed|dictated|initiated|discontinued|"
    "authorized|authorised|approved|accepted|rejected|cancelled|canceled|requested|imported|archived"
)
_HANDLE = r"[a-z][a-z0-9]*(?:[._][a-z][a-z0-9]*){0,2}"
_ACTION_SET = frozenset(_ACTIONS.split("|"))
# "by" (after an action word, checked in code: one regex scan for "by" is far cheaper than one for every action)
_BY_HANDLE = re.compile(rf"(?i:\bby(?:[ \t]+(?:user|username|login|account))?)[ \t]*[:=]?[ \t]*(?P<phi>{_HANDLE})"
                        r"(?![\w@.-]*[\w@])")
_ACTION_BEFORE = re.compile(r"([A-Za-z-]+)[ \t]+(?:(?i:in)[ \t]+)?$")
_PARTS = re.compile(r"[._-]")


@lru_cache(maxsize=1 << 14)
def _ordinary(word: str) -> bool:
    """English, a stop word, clinical, or not rare (Zipf 3): not a user name on its own."""
    low = word.lower()
    return _english(low) or lx.zipf(low) >= lx.RARE_BELOW


@lru_cache(maxsize=1 << 14)
def _english(word: str) -> bool:
    low = word.lower()
    return low in NAME_STOP or low in lx.ct.ENGLISH or lx.zipf(low) >= lx.COMMON_FROM or lx.is_clinical(low)


def _is_handle(token: str) -> bool:
    """Shaped like a user name and not ordinary words: "r.sharma", "anita_rao2", "psharma" ("phone.call",
    "mouth" and "nursing" stay)."""
    if any(c.isdigit() for c in token):
        return True
    parts = [p for p in _PARTS.split(token) if p]
    if len(parts) > 1:  # a given name is often common ("anita"), a pair of English words is not a login
        return not all(len(p) >= 2 and _english(p) for p in parts)
    return len(token) >= 4 and not _ordinary(token)


def handle_name_spans(text: str) -> list[Span]:
    """NAME spans for user names after an account action and "by"."""
    if " by" not in text and "\tby" not in text and " BY" not in text and " By" not in text:
        return []
    spans = []
    for m in _BY_HANDLE.finditer(text):
        action = _ACTION_BEFORE.search(text, max(0, m.start() - 24), m.start())
        if action is None or action.group(1).lower() not in _ACTION_SET or not _is_handle(m.group("phi")):
            continue
        word = m.group("phi")
        if word.isalpha() and word.endswith("ing"):
            continue  # a verb, not a login: "completed by excising the lesion"
        spans.append(Span(m.start("phi"), m.end("phi"), "NAME", PRIORITY))
    return spans


_WORD = re.compile(r"[^\W\d_][^\W\d_'’-]*")
# A token that may be a user name: letters, digits, one "." or "_" inside; not part of an address or a path.
_HANDLE_TOKEN = re.compile(r"(?<![\w.@/-])[A-Za-z][A-Za-z0-9]*(?:[._][A-Za-z][A-Za-z0-9]*)?(?![\w@/-]|\.\w)")


def _forms(first: str, last: str) -> set[str]:
    """User names of one person; the forms without a separator only when they are no ordinary word."""
    f, s = first.lower(), last.lower()
    joined = {f"{f[0]}{s}", f"{f}{s[0]}", f"{f}{s}"}
    return {f"{f}.{s}", f"{s}.{f}", f"{f}_{s}", f"{s}_{f}", f"{f[0]}.{s}"} | {
        j for j in joined if len(j) >= 5 and not _ordinary(j)}


def name_form_spans(text: str, spans: Iterable[Span]) -> list[Span]:
    """Every user-name form of a found person's given name and surname, and the capitalised mentions of a
    user name's parts, as NAME spans (see the module docstring)."""
    forms: set[str] = set()
    words: set[str] = set()
    for s in spans:
        if s.category != "NAME":
            continue
        found = text[s.start:s.end]
        if found.islower() and any(c in found for c in "._-"):
            words.update(p for p in _PARTS.split(found.rstrip("0123456789")) if len(p) >= 3 and not _english(p))
            continue
        names = [w for w in _WORD.findall(found) if len(w) >= 2 and w.lower() not in NAME_STOP]
        if "," in found and len(names) == 2:
            names.reverse()  # "Sharma, Priya": surname first
        if len(names) >= 2:
            forms |= _forms(names[0], names[-1])
    out: list[Span] = []
    if forms:
        for m in _HANDLE_TOKEN.finditer(text):
            if m.group().lower().rstrip("0123456789") in forms:
                out.append(Span(m.start(), m.end(), "NAME", FORM_PRIORITY))
    if words:
        rx = re.compile(r"(?<![\w'’.-])(?:" + "|".join(re.escape(w.title()) + "|" + re.escape(w.upper())
                                                      for w in sorted(words, key=len, reverse=True))
                        + r")(?![\w-])")
        out += [Span(m.start(), m.end(), "NAME", FORM_PRIORITY) for m in rx.finditer(text)]
    return out
