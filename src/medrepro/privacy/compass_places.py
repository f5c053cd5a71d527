"""Town names made of a compass or settlement prefix and one more word, after a place cue (round 9).

US and UK towns are often "East Orange", "West Chester", "North Bergen", "Port Huron", "Fort Lee": the
second word is frequently an ordinary word or a given name ("East Mark", "South Jimmy"), so neither the
city list nor the lexicon test finds them. After a place cue ("in", "from", "near", "area:") such a pair is
a town unless it is a state, a country or region ("New York", "South Africa", "East Asia") or a part of a
building or a body ("East Wing", "North Tower").
"""

from __future__ import annotations

import re

from medrepro.privacy import name_lists as nl
from medrepro.privacy.rulebase import Span

PRIORITY = 5  # below every other rule: a longer place ("South Andrewton, 22856") keeps its ZIP
_PAIR = re.compile(r"\b(?:[Ii]n|[Ff]rom|[Nn]ear|[Tt]o|[Aa]rea:)\s+(?P<phi>(?:North|South|East|West|Port|Fort|Mount)"
                   r"\s+[A-Z][a-z]{2,})\b(?!\s+[A-Z]|-)")
_NOT_TOWN = frozenset("America Africa Asia Europe Pacific Atlantic Coast Side End Wing Tower Building Campus Hall "
                      "Pavilion Unit Entrance Lobby Annex Clinic Hospital Center Centre Street Avenue Road Gate "
                      "Texas Florida Korea Sudan Timor Ossetia Macedonia Island Islands Pole Bank".split())


def compass_place_spans(text: str) -> list[Span]:
    spans = []
    for m in _PAIR.finditer(text):
        phrase = m.group("phi")
        second = phrase.split()[-1]
        if phrase in nl.US_STATES_MULTIWORD or second in _NOT_TOWN or second in nl.COUNTRIES_AND_REGIONS:
            continue
        spans.append(Span(m.start("phi"), m.end("phi"), "LOCATION", PRIORITY))
    return spans
