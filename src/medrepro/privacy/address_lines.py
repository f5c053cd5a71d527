"""Addresses by the structure of their lines, and towns named by ordinary words after a place cue (round 10).

Letters, envelopes, forms and registration screens write an address as a block: a street (or box, or unit)
line, then a "Town ST ZIP" line, often with no comma ("Greenbelt MO 11697"), and the street name is any
surname ("al-Qadi Ave"). A town line with a state and a ZIP is an address line by itself; without the ZIP
it counts only under a street line or after a street and a unit on the same line. Addresses abroad end
in a country ("Achaion 131, Korinthos, Greece", "13, rue de Peron\\n88747 Saint Augustin\\nFrance"): the
comma- or line-separated pieces before a country from `COUNTRIES` are taken while each is made of
capitalised words, street-type words, house numbers and postcodes, and one of them holds a number.
Towns that are English words ("Reading", "Golden Valley") are taken after "near" or "outside", and after
another preposition only where a residence or travel word precedes it in the same clause ("lives in",
"drove in from"); never a ward, a department, a month or a clinical word.
"""

from __future__ import annotations

import re

from medrepro.privacy import name_lists as nl
from medrepro.privacy.address_grammar import _DIRECTION, _STATE, _SUFFIX, _UNIT
from medrepro.privacy.countries import COUNTRIES
from medrepro.privacy.lexicon import is_clinical
from medrepro.privacy.rulebase import Span, _trie

PRIORITY = 62  # above the street and city rules: the block is one address
_CAP = (r"(?:[A-Z][a-z'’]+(?:-[A-Z]?[a-z'’]+)*|[A-Z][a-z]*[A-Z][a-z]+|[A-Z]{2,}(?:-[A-Z]{2,})?"
        r"|(?:al|el|Al|El)-[A-Z][a-z]+)")
_TOWN = rf"{_CAP}(?:[ \t]+{_CAP}){{0,3}}"
_ZIP = r"\d{5}(?:-\d{4})?"
# "Town ST ZIP" or "Town, State" as a whole line (the part after a street line and a comma counts too).
_TOWN_LINE = re.compile(rf"(?<![\w'’-])(?P<town>{_TOWN}),?[ \t]+{_STATE}(?:[ \t]+(?P<zip>{_ZIP}))?")
# A state that ends its line, its clause or its sentence ("... MO 11697.  The", "... De Pere CO for the study").
# The separator before the state is consumed, not looked behind at, so the scan skips ahead by character class.
_STATE_END = re.compile(rf"[ \t,](?P<st>(?=[A-Z]){_STATE}(?:[ \t]+{_ZIP})?"
                        rf"(?=[ \t]*(?:$|\n|[.;,)]|[ \t]{{2}}|[ \t]+[a-z]))|(?=[A-Z]){_STATE}[ \t]+{_ZIP}\b)")
_DIGIT = re.compile(r"\d")
_BOX = r"(?i:p\.?[ \t]?o\.?[ \t]*box|post[ \t]+office[ \t]+box|pob|r\.?r\.?|rural[ \t]+route|hc|box)"
_NUMBER_STREET = (rf"\d{{1,6}}[A-Z]?[ \t]+{_DIRECTION}"
                  rf"(?:{_CAP}[ \t]+|(?:de|del|la|le|van|von|der|di|da|du)[ \t]+){{1,4}}{_SUFFIX}")
# A line above a town line: a street, a box or route, or a unit, perhaps after a label ("Home address: ").
_UPPER_LINE = re.compile(
    rf"(?:[A-Za-z][A-Za-z ]{{0,30}}:)?[ \t]*"
    rf"(?P<addr>{_NUMBER_STREET}(?:[ \t]*,?[ \t]*(?:{_UNIT}[ \t]*#?|#)[ \t]*[A-Za-z0-9-]{{1,6}})?"
    rf"|{_BOX}[ \t]*#?[ \t]*\d{{1,6}}(?:,?[ \t]+(?i:box)[ \t]+\d{{1,6}})?"
    rf"|(?:{_UNIT}[ \t]*#?|#)[ \t]*[A-Za-z0-9-]{{1,6}})[ \t]*,?[ \t]*$")
# The street (or box) and the town on one line: "159 al-Qadi Ave Apt 4, De Pere CO", "PO Box 655 New Miss WY".
_INLINE = re.compile(
    rf"(?:(?<![\w-]){_UNIT}[ \t]*#?[ \t]*[A-Za-z0-9-]{{1,6}},?[ \t]+)?(?<![\w.,/-])"
    rf"(?:{_NUMBER_STREET}|{_BOX}[ \t]*#?[ \t]*\d{{1,6}}(?:,?[ \t]+(?i:box)[ \t]+\d{{1,6}})?)"
    rf"(?:,?[ \t]*(?:{_UNIT}[ \t]*#?|#)[ \t]*[A-Za-z0-9-]{{1,6}}\b)?(?P<sep>,?[ \t]+(?:-[ \t]+)?)"
    rf"(?P<town>{_TOWN}),?[ \t]+{_STATE}\b(?:[ \t]+(?P<zip>{_ZIP})\b)?")

_STREET_TYPES = frozenset("""
rue chemin avenue av boulevard bd allee allée impasse place quai route voie cours square passage ulica ul aleja al
plac osiedle os via viale piazza piazzale contrada corso vicolo strada largo borgo calle callejon callejón avenida
avda paseo plaza camino carrera ronda travesia travesía glorieta rua circuito diagonal calzada cerrada privada andador
retorno prolongacion prolongación periferico periférico eje vial interior int exterior ext
""".split())
_PARTICLES = frozenset("de del la le les los las des du di da dos das della van von der den ter am im an y e et i"
                       .split())
_NUMBER_TOKEN = re.compile(r"\d{1,6}[A-Za-z]?(?:[/-]\d{1,6}[A-Za-z]?)?|(?=[A-Z]*\d)[A-Z\d]{2,8}"
                           r"|[A-Z]{1,2}\d[A-Z\d]{0,3}|\d[A-Z\d]{2,3}"
                           r"|[A-Z]\d{2}[A-Z\d]{4}|[A-Z]{2,3}")
_WORD_TOKEN = re.compile(r"[A-Z][a-z]{0,3}\.|[A-Z][a-z'’]+(?:-[A-Za-z][a-z'’]*)*|[A-Z][a-z]*[A-Z][a-z]+"
                         r"|[A-Z]{2,}(?:-[A-Z]{2,})*"
                         r"|[A-Z][a-z]+-[A-Z][a-z]+(?:-[A-Z][a-z]+)*")
_COUNTRY = re.compile(r"(?<=[,\n])[ \t]*(?P<c>" + _trie(sorted({v for c in COUNTRIES for v in (c, c.upper())}))
                      + r")(?![\w-]|[ \t][A-Z])")


def _token_ok(tok: str) -> bool:
    low = tok.lower().rstrip(".")
    return bool(_WORD_TOKEN.fullmatch(tok) or _NUMBER_TOKEN.fullmatch(tok) or low in _STREET_TYPES
                or low in _PARTICLES or re.fullmatch(r"(?:al|el)-[A-Z][a-z]+", tok))


def _piece_tail(piece: str) -> int:
    """Where the address-like tail of `piece` starts (len(piece) when none): its tokens, read from the right."""
    toks = list(re.finditer(r"\S+", piece))
    start = len(piece)
    for t in reversed(toks):
        if len(piece) - t.start() > 60 or not _token_ok(t.group()):
            break
        start = t.start()
    return start


def abroad_spans(text: str) -> list[Span]:
    """Pieces before a country: street and number, postcode and town; the country itself is kept."""
    spans = []
    for m in _COUNTRY.finditer(text):
        end = m.start()
        while end > 0 and text[end - 1] in ", \t\n":
            end -= 1
        lo = max(0, end - 160)
        pieces = list(re.finditer(r"[^,\n]+", text[lo:end]))
        start, has_number, n = end, False, 0
        for p in reversed(pieces[-5:]):
            piece = p.group()
            tail = _piece_tail(piece)
            if tail >= len(piece.rstrip()) or not piece[tail:].strip():
                break
            has_number = has_number or bool(re.search(r"\d", piece[tail:]))
            start, n = lo + p.start() + tail, n + 1
            if piece[:tail].strip():
                break  # the piece had a lead ("Lives at"): the address starts inside it
        if n >= 2 and has_number and not _all_clinical(text[start:end]):
            spans += _with_pieces(text, start, end)
    return spans


def _with_pieces(text: str, start: int, end: int) -> list[Span]:
    """The whole address and, one priority lower, each of its lines and comma pieces: where a labelled
    field rule already took the first line ("Address: 7 Main St"), the rest is still removed."""
    out = [Span(start, end, "ADDRESS", PRIORITY)]
    for p in re.finditer(r"[^,\n]+", text[start:end]):
        lo = start + p.start() + len(p.group()) - len(p.group().lstrip())
        hi = start + p.start() + len(p.group().rstrip())
        if hi > lo:
            out.append(Span(lo, hi, "ADDRESS", PRIORITY - 1))
    return out


def _line_bounds(text: str, pos: int) -> tuple[int, int]:
    lo = text.rfind("\n", 0, pos) + 1
    hi = text.find("\n", pos)
    return lo, len(text) if hi < 0 else hi


def _all_clinical(value: str) -> bool:
    """True when every word is note vocabulary ("Grade Group 2"); one town or street word is enough."""
    words = re.findall(r"[A-Za-z]{3,}", value)
    return all(is_clinical(w) for w in words)


def _town_ok(town: str) -> bool:
    return not (town in nl.US_STATES or town in nl.US_STATES_MULTIWORD or _all_clinical(town))


def block_spans(text: str) -> list[Span]:
    """Town lines ("Greenbelt MO 11697") with the street, box or unit lines above them, and one-line forms.

    Anchored on a state that ends its line (or has a ZIP after it), so the costly grammar runs only on
    the few lines that could be addresses."""
    spans = []
    for anchor in _STATE_END.finditer(text):
        a_start, a_end = anchor.span("st")
        lo, _ = _line_bounds(text, a_start)
        win = max(lo, a_start - 140)
        m = _INLINE.search(text, win, a_end) if _DIGIT.search(text, win, a_start) else None
        if m and m.end() == a_end and _town_ok(m.group("town")) and (
                m.group("zip") or "," in m.group("sep") or re.search(_UNIT, m.group())):
            spans += _with_pieces(text, m.start(), m.end())
            continue
        m = _TOWN_LINE.search(text, max(lo, a_start - 60), a_end)
        while m and m.end() != a_end:
            m = _TOWN_LINE.search(text, m.start() + 1, a_end)
        if not m or not _town_ok(m.group("town")):
            continue
        lead = text[lo:m.start()]
        if lead.strip() and not lead.rstrip().endswith(","):
            continue  # the town must open its line, or follow a street and a comma
        start, line_lo = m.start(), lo
        while line_lo > 0:
            up_lo, up_hi = _line_bounds(text, line_lo - 1)
            up = _UPPER_LINE.fullmatch(text, up_lo, up_hi)
            if not up:
                break
            start, line_lo = up.start("addr"), up_lo
            if up.start("addr") > up_lo + len(text[up_lo:up_hi]) - len(text[up_lo:up_hi].lstrip()):
                break  # a labelled line opens the block
        if start < m.start():
            spans += _with_pieces(text, start, m.end())
        elif m.group("zip"):  # a town line alone is a place, as the city-before-state rule calls it
            spans.append(Span(m.start(), m.end(), "LOCATION", PRIORITY))
    return spans


_PLACE_WORDS = re.compile(
    r"\b(?i:lives?|living|lived|resides?|residing|commut\w*|drives?|drove|driving|moved?|moving|relocat\w*|"
    r"raised|grew[ \t]+up|born|stay\w*|works?|working|farm\w*|ranch|trailer|church|trip|travel\w*|transferred|"
    r"transported|brought|returned|came|visit\w*|flew|flown|EMS|ambulance|helicopter|cousins|relatives|family|"
    r"rents?|owns|house|apartment|hometown)\b")
_PREP_PLACE = re.compile(r"\b(?:in|from|to|near|outside(?:[ \t]+of)?|around)[ \t]+(?P<phi>(?:New[ \t]+)?[A-Z][a-z]{2,}"
                         r"(?:[ \t]+[A-Z][a-z]{2,}){0,2})\b(?![-'’]|[ \t]+[A-Z]|[ \t]*\()")
_WORKS_IN = re.compile(r"\b(?i:works?|working|worked|employed|job|majored|degree|studies|studied)[ \t]*$")
_NOT_PLACE_LAST = frozenset("""
hospital clinic center centre unit room department dept surgery therapy care nursing living stay course home facility
rehab rehabilitation service services ward floor office practice institute medicine lab laboratory radiology pharmacy
house school college university church jail prison shelter hall building wing tower campus team group program
""".split())
_NOT_PLACE_FIRST = frozenset("""
the a an his her their our my your this that these those its dr mr mrs ms miss prof st january february march april
may june july august september october november december monday tuesday wednesday thursday friday saturday sunday
english spanish french german emergency intensive recovery labor same short skilled assisted physical occupational
speech
""".split())


# What may follow a town in a sentence: punctuation, or a word that is not a head noun ("near Broca area",
# "near Bed 14", "Reading glasses" stay).
_AFTER_PLACE = re.compile(r"[ \t]*(?:$|[.,;:!?)\n]|[ \t]+(?:with|and|or|to|for|on|in|at|about|since|last|this|that|"
                          r"every|each|after|before|by|until|where|when|while|who|but|from|near|during|over|three|two|"
                          r"four|several|a|an|the|was|were|is|are|had|has|one|many|some|weekly|daily|monthly|"
                          r"yesterday|today|tonight|recently|alone|now|then|again|because|so|via)\b)")


def cued_place_spans(text: str) -> list[Span]:
    """Title-case towns after a preposition, where a residence or travel word opens the clause."""
    spans = []
    for m in _PREP_PLACE.finditer(text):
        phrase = m.group("phi")
        words = phrase.split()
        if not _AFTER_PLACE.match(text, m.end()):
            continue
        if (words[0].lower() in _NOT_PLACE_FIRST or words[-1].lower() in _NOT_PLACE_LAST
                or phrase in nl.US_STATES or phrase in nl.US_STATES_MULTIWORD or phrase in COUNTRIES
                or any(is_clinical(w) for w in words)):
            continue
        clause_lo = max(text.rfind(c, 0, m.start()) for c in ".;:\n!?")
        clause = text[max(clause_lo + 1, m.start() - 60):m.start()]
        if _WORKS_IN.search(clause):
            continue  # "works in Accounting": a department as often as a town
        if m.group().startswith(("near", "outside")) or _PLACE_WORDS.search(clause):
            spans.append(Span(m.start("phi"), m.end("phi"), "LOCATION", 51))
    return spans


def address_line_spans(text: str) -> list[Span]:
    return block_spans(text) + abroad_spans(text) + cued_place_spans(text)
