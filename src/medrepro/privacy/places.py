"""Places that the state-anchored rules in `patterns` miss: a city before a bare ZIP code ("Annhaven 61152"),
counties ("Kern County", "X Township"),
rural routes and numbered roads ("RR 2 Box 41", "1505 State Route 285"), P.O. box
spellings ("POB 12", "Post Office Box 12") and a street named without a number after a preposition ("lives
on Maple Street").

A city before a ZIP is taken only when its last word is neither common English (wordfreq Zipf >= 5) nor
note vocabulary, nor a word that labels a number ("CPT 99213", "Room 40312"), and no unit follows the
number ("Platelets 25000", "heparin 25000 units" stay).
"""

from __future__ import annotations

import re

from medrepro.privacy.dates import followed_by_unit
from medrepro.privacy.lexicon import is_clinical, zipf
from medrepro.privacy.patterns import Span, _cue

PRIORITY = 55
_CITY_PREFIX = r"(?:(?:North|South|East|West|New|Lake|Port|Mount|Fort|Saint|St\.|Mt\.|Ft\.|El|La|Los|Las|San)[ \t]+)"
_ZIP = re.compile(r"\d(?<![\w/.,-]\d)\d{4}(?:-\d{4})?(?![\w/-]|[.,]\d)")
_CITY_BEFORE = re.compile(rf"(?<![\w'’.-])(?P<city>{_CITY_PREFIX}?[A-Z][a-z]+(?:[ \t][A-Z][a-z]+)?),?[ \t]+$")
_NUMBER_LABELS = frozenset("""
cpt icd code codes room rm suite ste unit box lot batch case claim account acct policy group order ref reference
accession specimen report item model serial part catalog cat product stock protocol study trial form line bed
station extension ext pager page route highway hwy number no visit encounter grade stage type class version
level id mrn badge member plan ticket invoice check cheque receipt voucher ndc upc sku pin dea npi medicaid
medicare total count score dose weight
""".split())
_COUNTY = re.compile(r"(?P<phi>[A-Z](?<![\w'’-][A-Z])[a-z]*(?:[ \t][A-Z][a-z]+){0,2})[ \t]+"
                     r"(?:County|Parish|Borough|Township)\b")
_COUNTY_STOP = frozenset("the this that our same local which each every any another adjacent neighboring".split())
_ROADS = re.compile(
    r"\b(?:(?:Rural[ \t]+Route|R\.?R\.?)[ \t]*#?[ \t]*\d{1,3},?[ \t]+Box[ \t]+\d{1,5}|Rural[ \t]+Route[ \t]+\d{1,3}"
    r"|(?:\d{1,6}[ \t]+)?(?:State|County|US|U\.S\.|Farm[ \t]+to[ \t]+Market|FM)[ \t]+"
    r"(?:Route|Road|Rd\.?|Highway|Hwy\.?)[ \t]+\d{1,4}[A-Z]?"
    r"|(?:P\.?[ \t]?O\.?[ \t]*|Post[ \t]+Office[ \t]+)(?i:box)[ \t]*#?[ \t]*\d{1,6}|POB[ \t]*#?[ \t]*\d{1,6})\b"
)
_STREET_WORDS = ("Street", "Avenue", "Boulevard", "Lane", "Drive", "Road", "Court", "Terrace", "Parkway", "Place",
                 "Way", "Circle", "Highway")
_STREET_NAMED = re.compile(
    r"\b(?i:on|off|at|near|along)[ \t]+(?P<phi>(?:[A-Z][a-z]+[ \t]){1,2}(?:" + "|".join(_STREET_WORDS) + r"))\b"
)


# More place cues ("Works in North Brandy", "Brought in by ambulance from Westberg", "the town of X", "a
# Westberg resident"). Without a state or ZIP to anchor them, the place must start with a compass or "New"/
# "Port"-like prefix, or its last word must be rare (Zipf < 4: "Accounting", "Finance" stay) and not clinical.
_PLACE_MORE = re.compile(
    _cue("works in, working in, employed in, works out of, ambulance from, transported from, transferred from, "
         "flown in from, town of, city of, village of, township of, outside, just outside, outside of")
    + rf"[ \t]+(?:the[ \t]+)?(?P<phi>{_CITY_PREFIX}?[A-Z][a-z]+(?:[ \t][A-Z][a-z]+)?)\b(?![-'’])"
)
_RESIDENT = re.compile(rf"\b(?:[Aa]n?|[Tt]he|[Ll]ifelong|[Ll]ong-?time)[ \t]+(?P<phi>{_CITY_PREFIX}?[A-Z][a-z]+"
                       r"(?:[ \t][A-Z][a-z]+)?)[ \t]+(?:resident|native)\b")
_PREFIXED = re.compile(_CITY_PREFIX)
# The second place of a move ("moved from Dayton to North Brandy", "relocated from Ohio to Westberg").
_MOVED_TO = re.compile(
    _cue("moved, moving, relocated, relocating, emigrated, immigrated, migrated, came, returned")
    + rf"[ \t]+(?:here[ \t]+|back[ \t]+)?from[ \t]+(?:the[ \t]+)?{_CITY_PREFIX}?[A-Z][a-z]+(?:[ \t][A-Z][a-z]+)?"
    + rf",?[ \t]+to[ \t]+(?:the[ \t]+)?(?P<phi>{_CITY_PREFIX}?[A-Z][a-z]+(?:[ \t][A-Z][a-z]+)?)\b(?![-'’])"
)


def _cued_place_ok(place: str) -> bool:
    last = place.split()[-1]
    if is_clinical(last) or last.lower() in _NUMBER_LABELS:
        return False
    return zipf(last.lower()) < (5.0 if _PREFIXED.match(place) else 4.0)


def _city_ok(city: str) -> bool:
    last = city.split()[-1]
    low = last.lower()
    return low not in _NUMBER_LABELS and zipf(low) < 5.0 and not is_clinical(last)


def place_spans(text: str) -> list[Span]:
    spans: list[Span] = []
    for z in _ZIP.finditer(text):
        lo = max(0, z.start() - 60)
        m = _CITY_BEFORE.search(text, lo, z.start())
        if m and _city_ok(m.group("city")) and not followed_by_unit(text, z.end()):
            spans.append(Span(m.start("city"), z.end(), "LOCATION", PRIORITY))
    if any(k in text for k in ("County", "Parish", "Borough", "Township")):
        for m in _COUNTY.finditer(text):
            words = m.group("phi").split()
            while words and words[0].lower() in _COUNTY_STOP:
                words.pop(0)
            if words and not all(is_clinical(w) for w in words):
                start = m.end("phi") - len(" ".join(words))
                spans.append(Span(start, m.end(), "LOCATION", PRIORITY))
    low = text.lower()
    if any(k in low for k in ("works", "working", "employed", "ambulance", "transported", "transferred", "flown",
                              "town", "city", "village", "resident", "native", "outside", "mov", "relocat", "migrated",
                              "came", "returned")):
        for rx in (_PLACE_MORE, _RESIDENT, _MOVED_TO):
            spans += [Span(m.start("phi"), m.end("phi"), "LOCATION", 52) for m in rx.finditer(text)
                      if _cued_place_ok(m.group("phi"))]
    if any(k in low for k in ("route", "box", "road", "rd", "highway", "hwy", "pob")):
        spans += [Span(m.start(), m.end(), "ADDRESS", 60) for m in _ROADS.finditer(text)]
    if any(k in text for k in _STREET_WORDS):
        spans += [Span(m.start("phi"), m.end("phi"), "ADDRESS", 58) for m in _STREET_NAMED.finditer(text)]
    return spans
