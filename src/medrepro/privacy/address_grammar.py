"""Street addresses by their own grammar, in Title case and in capitals (round 7).

An address is a house number, an optional direction, one to three street words and a street suffix, then
optionally a secondary unit (Apt, Unit, Suite, Lot, Space, Trailer, Bldg, "#"; also before the number, "Apt
4B, 1220 Oak St") and a city and a state (abbreviated or spelled out), with or without a ZIP: "7339 ROGERS
LANE, LOT 69, ELLISONTON, AL 29828", "2989 ANNA CT #46, NANCYBERG, NM 89254", "8354 Jasmine Lane, Tinahaven
IA". Shipping labels, registration forms and transfer packets print the whole line in capitals, and the unit
sits between the street and the city, which breaks the simpler street and city/state rules. The city is
taken only before a state, so an address never runs into the next words of a sentence; the suffix and the
unit are matched in either case.
"""

from __future__ import annotations

import re

from medrepro.privacy import name_lists as nl
from medrepro.privacy.dates import followed_by_unit
from medrepro.privacy.rulebase import Rule, _trie

_FULL = ("Street", "Avenue", "Road", "Boulevard", "Lane", "Drive", "Court", "Place", "Terrace", "Way", "Circle",
         "Parkway", "Highway", "Square", "Trail", "Plaza", "Alley", "Row", "Crescent", "Loop", "Pike")
_ABBR = ("St", "Ave", "Rd", "Blvd", "Ln", "Dr", "Ct", "Pl", "Ter", "Cir", "Pkwy", "Hwy", "Sq", "Trl")
# Only an abbreviation takes a dot ("DR. UNIT 407"); after "Road" the dot ends the sentence.
_SUFFIX = (f"(?:{_trie(sorted({w for s in _FULL for w in (s, s.upper())}))}\\b"
           f"|{_trie(sorted({w for s in _ABBR for w in (s, s.upper())}))}\\b\\.?)")
_UNIT = r"(?i:apt|apartment|unit|suite|ste|room|rm|fl|floor|lot|space|spc|trlr|trailer|bldg|building)\b\.?"
_WORD = r"(?:[A-Z][a-z]+|[A-Z]{2,}|\d{1,3}(?i:st|nd|rd|th))"
_DIRECTION = r"(?:(?:N|S|E|W|NE|NW|SE|SW|North|South|East|West|NORTH|SOUTH|EAST|WEST)\.?[ \t]+)?"
_CITY = r"(?:[A-Z][a-z]+|[A-Z]{2,})(?:[ \t]+(?:[A-Z][a-z]+|[A-Z]{2,})){0,2}"
_STATE_NAMES = (*nl.US_STATES, *nl.US_STATES_MULTIWORD)
_STATE = "(?:" + _trie(sorted({*nl.STATE_ABBREVIATIONS, *_STATE_NAMES, *(n.upper() for n in _STATE_NAMES)})) + ")"

# Addresses abroad put the house number after the street (round 8). The street type comes first in French,
# Spanish, Portuguese, Italian, Hebrew, Thai, Persian, Arabic, Malay and Indonesian ("Rue Farhat 61",
# "Soi Nitiya 46", "Rehov Orin 53", "Kucheh-ye Hasti 191", "Calle Mayor 5", "Jalan Ampang 12") and last in
# Sinhala, German and Dutch ("Gamage Mawatha 132", "Hauptstrasse 5"); a unit and a city may follow.
_TYPE_BEFORE = _trie(["Rue", "Avenue", "Av.", "Boulevard", "Bd", "Calle", "Carrera", "Avenida", "Rua", "Via", "Viale",
                      "Piazza", "Rehov", "Rechov", "Derech", "Sderot", "Soi", "Thanon", "Kucheh", "Kuche",
                      "Khiyaban", "Khiaban", "Kuy", "Sharia", "Shari", "Tariq", "Jalan", "Jln", "Jl.", "Lorong",
                      "Ulica", "Ul.", "Strada", "Calea", "Odos", "Sokak", "Caddesi"])
_TYPE_AFTER = _trie(["Mawatha", "Marg", "Marga", "Veediya", "Strasse", "Straße", "Gasse", "Weg", "Allee",
                     "Platz", "Straat", "Laan", "Gracht", "Plein", "Vej", "Gade", "Gatan", "Gata", "Vegen",
                     "Veien", "Katu", "Sokak", "Caddesi"])
_NAME = r"(?:[A-Z][a-z'’]+(?:-[A-Za-z][a-z'’]+)*|al-[A-Z][a-z'’]+)"
# A town's words are one space apart: two spaces open the next sentence ("..., Blida  These are").
_TOWN = r"(?:[A-Z][a-z]+|[A-Z]{2,})(?: (?:[A-Z][a-z]+|[A-Z]{2,})){0,2}"
_PARTICLE = r"(?:(?:de|des|du|la|le|les|del|da|dos|das|di|della|van|von|der)[ \t]+)"
_NUMBER_AFTER = (rf"[ \t]+\d{{1,5}}[A-Za-z]?(?:/\d{{1,4}})?(?![\w/-]|[.,]\d)"
                 rf"(?:,?[ \t]*{_UNIT}[ \t]*#?[ \t]*[A-Za-z0-9-]{{1,6}}\b)?"
                 rf"(?:,[ \t]+(?:\d{{4,6}}[ \t]+)?{_TOWN}(?:[ \t]+\d{{4,6}}\b)?)?")

ADDRESS_RULES: tuple[Rule, ...] = (
    Rule("address_number_after", "ADDRESS", re.compile(
        rf"\b(?:{_TYPE_BEFORE}(?:-(?:ye|e|i))?\b(?:[ \t]+{_PARTICLE}?{_NAME}){{1,3}}"
        rf"|{_NAME}(?:[ \t]+{_NAME}){{0,2}}[ \t]+{_TYPE_AFTER}\b"
        rf"|{_NAME}(?:strasse|straße|straat|gasse|weg|laan|vej|gatan|vegen|katu)\b)"
        + _NUMBER_AFTER), 61, scan=False, check=lambda m: not followed_by_unit(m.string, m.end())),
    # A post-office box with a city and a postal code after it ("P.O. Box 6012, Chiang Rai 89143").
    Rule("po_box_city", "ADDRESS", re.compile(
        rf"\b(?i:p\.?[ \t]?o\.?[ \t]*box)[ \t]+\d{{1,6}},[ \t]+{_TOWN}(?:[ \t]+\d{{4,6}}\b)?"), 61, scan=False),

    Rule("address_grammar", "ADDRESS", re.compile(
        rf"(?:(?<![\w-]){_UNIT}[ \t]*#?[ \t]*[A-Za-z0-9-]{{1,6}},?[ \t]+)?"
        rf"(?<![\w.,/-])\d{{1,6}}[A-Z]?[ \t]+{_DIRECTION}(?:{_WORD}[ \t]+){{1,3}}{_SUFFIX}"
        rf"(?:,?[ \t]*(?:{_UNIT}[ \t]*#?|#)[ \t]*[A-Za-z0-9-]{{1,6}}\b)?"
        rf"(?:,?[ \t]+{_CITY},?[ \t]+{_STATE}\b(?:[ \t]+\d{{5}}(?:-\d{{4}})?\b)?)?"), 61, scan=False),
)
