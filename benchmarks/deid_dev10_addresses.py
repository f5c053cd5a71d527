"""Development families for addresses and places: split `dev10-addresses` (round 10).

Development data: tune on these, on development notes only. Written before the round-10 address rules, so
that their gain is measured on wording and values their misses were not read from. Each family draws its
layout, its separators and its wording independently, so no rule keyed to one template passes a family:
- US address blocks on letters, envelopes, registration screens and forms: the street line, then the
  "City ST ZIP" line with or without a comma, units on their own line or after the street, "c/o", P.O.
  boxes and rural routes, street names that are surnames of the development locales;
- addresses abroad from Faker's address providers of `DEV_LOCALES`, each written in its country's order
  (postcode before or after the town, house number before or after the street), on one line or as a block;
- towns in place contexts (lives in, moved to, drove in from, near, transferred from, works in), the towns
  either Faker's or made of ordinary English words ("Golden Valley"-like), so the lexicon test alone cannot
  find them.
The clinical strings are near misses (English-word places in eponyms and diseases, wards a patient moves
to, "Reading glasses") and go into frames with place words ("Back from {c}", "near {c}"), so a rule that
takes every capital after "from" or "near" fails.
"""

from __future__ import annotations

import functools

from deid_dev import DEV_LOCALES  # noqa: F401  (the split's locales)
from deid_harness import STATE_NAMES, STATES, Gen, Planted, _ascii, known_to_detector

_SFX = ("Street", "St", "St.", "Avenue", "Ave", "Ave.", "Road", "Rd", "Drive", "Dr.", "Lane", "Ln", "Court", "Ct",
        "Place", "Way", "Boulevard", "Blvd", "Terrace", "Circle", "Parkway", "Trail")
_UNITS = ("Apt {n}", "Apt. {n}", "Unit {n}", "Suite {n}", "Ste {n}", "#{n}", "Apartment {n}", "Fl {n}", "Lot {n}")
_COUNTRY = {"de_DE": "Germany", "fr_FR": "France", "it_IT": "Italy", "es_ES": "Spain", "pl_PL": "Poland",
            "en_GB": "United Kingdom", "en_IE": "Ireland", "no_NO": "Norway", "es_MX": "Mexico", "de_AT": "Austria",
            "en_AU": "Australia"}
_ZIP_BEFORE_TOWN = frozenset({"de_DE", "fr_FR", "it_IT", "es_ES", "pl_PL", "no_NO", "es_MX", "de_AT"})
_GEO = ("Valley", "Point", "Springs", "Falls", "Heights", "Hills", "Creek", "Harbor", "Grove", "Ridge", "Pass",
        "Bluff", "Junction", "Park", "Crossing", "Prairie", "Rapids", "Landing")


@functools.cache
def _faker(loc: str, seed: int):
    from faker import Faker

    f = Faker(loc)
    f.seed_instance(seed)
    return f


def _fresh(value: str) -> bool:
    words = value.replace("-", " ").replace(".", " ").split()
    return bool(words) and all(w.isalpha() and not known_to_detector(w) for w in words if len(w) > 2)


def _city(f) -> str:
    """Faker's town; a locale whose town list was built from a set (it_IT) is read sorted, so the corpus does not
    depend on PYTHONHASHSEED."""
    cities = getattr(f.provider("faker.providers.address"), "cities", None)
    return f.random_element(sorted(cities)) if isinstance(cities, list) else f.city()


def _loc_faker(g: Gen, loc: str):
    f = _faker(loc, 10)
    f.seed_instance(g.r.randrange(1 << 30))
    return f


def _us_town(g: Gen) -> str:
    """A town: Faker's invented ones, a Faker town of a development locale, or one made of English words."""
    kind = g.r.randrange(3)
    if kind == 0:
        return g.city()
    if kind == 1:
        for _ in range(100):
            town = _ascii(_city(_loc_faker(g, g.r.choice(sorted(_COUNTRY)))))
            if _fresh(town) and len(town) >= 4 and town.replace(" ", "").replace("-", "").isalpha():
                return town
        return g.city()
    words = [w for w in _faker("en_US", 11).get_words_list() if len(w) >= 4 and w.isalpha()]
    word = g.r.choice(words).title()
    return g.r.choice([word, f"{word} {g.r.choice(_GEO)}", f"New {word}", f"{word} {g.r.choice(_GEO)}"])


def _street_name(g: Gen) -> str:
    kind = g.r.randrange(4)
    if kind == 0:
        return g.street()
    if kind == 1:
        return f"{g.first()} {g.surname()}"
    return g.surname()


def _us_parts(g: Gen, fam: str):
    n = str(g.r.randint(1, 19999))
    street = _street_name(g)
    direction = g.r.choice(["", "", "", "N ", "S. ", "West ", "NE "])
    line = f"{n} {direction}{street} {g.r.choice(_SFX)}"
    town = _us_town(g)
    st = g.r.choice(STATES if g.r.random() < 0.8 else STATE_NAMES)
    zip_code = g.digits(5) if g.r.random() < 0.8 else f"{g.digits(5)}-{g.digits(4)}"
    unit = g.r.choice(_UNITS).format(n=g.r.choice([str(g.r.randint(1, 40)), f"{g.r.randint(1, 9)}B", "C"]))
    return line, street, town, st, zip_code, unit


def _us_block(g: Gen) -> tuple[str, list[Planted]]:
    """A US address as a block of lines: letter heads, envelopes, forms and registration screens."""
    fam = "a10_us_block"
    line, street, town, st, zip_code, unit = _us_parts(g, fam)
    comma = g.r.choice([",", "", ""])
    if g.r.random() < 0.3:
        line = f"{line} {unit}" if g.r.random() < 0.5 else f"{line}\n{unit}"
    last = f"{town}{comma} {st} {zip_code}" if g.r.random() < 0.85 else f"{town}{comma} {st}"
    block = f"{line}\n{last}"
    if g.r.random() < 0.2:
        block = block.upper()
    lead = g.r.choice(["Patient address:\n", "Mailing address on file\n", "Send results to:\n",
                       "Envelope returned, addressed to\n", "ADDRESS\n", "Home\n", "Registration: address\n",
                       "c/o her daughter\n", "Guarantor address:\n"])
    tail = g.r.choice(["", "\nPhone on file.", "\n\nThank you for the referral.", "\nUnited States"])
    value = block
    parts = [value, line.split("\n")[0], town, street]
    if zip_code in last:
        parts.append(zip_code)
    if block.isupper():
        parts = [p.upper() for p in parts]
    return lead + block + tail, [Planted("ADDRESS", fam, value, tuple(parts))]


def _us_inline(g: Gen) -> tuple[str, list[Planted]]:
    """A US address on one line: units before or after the street, no ZIP, c/o, in running text."""
    fam = "a10_us_inline"
    line, street, town, st, zip_code, unit = _us_parts(g, fam)
    form = g.r.randrange(5)
    if form == 0:
        value = f"{line} {unit}, {town} {st}"
    elif form == 1:
        value = f"{unit}, {line}, {town}, {st} {zip_code}"
    elif form == 2:
        value = f"{line}, {unit}, {town} {st} {zip_code}"
    elif form == 3:
        value = f"{line}, {town}, {st}"
    else:
        value = f"{line} - {town} {st} {zip_code}"
    s = g.r.choice(["Her new address is {v}.", "Ambulance dispatched to {v} at 0300.", "Address verified: {v}",
                    "Deliver the oxygen concentrator to {v} on Friday.", "Patient gives address as {v}.",
                    "Correspondence c/o her son, {v}.", "Home health visit at {v} went well."])
    parts = [value, line, town, street] + ([zip_code] if zip_code in value else [])
    return s.format(v=value), [Planted("ADDRESS", fam, value, tuple(parts))]


def _us_box(g: Gen) -> tuple[str, list[Planted]]:
    """P.O. boxes, rural routes and highway contract routes with their town line."""
    fam = "a10_us_box"
    town, st, zip_code = _us_town(g), g.r.choice(STATES), g.digits(5)
    n = g.r.randint(1, 9999)
    box = g.r.choice([f"PO Box {n}", f"P.O. Box {n}", f"P O Box {n}", f"RR {g.r.randint(1, 9)} Box {n}",
                      f"Rural Route {g.r.randint(1, 9)}, Box {n}", f"HC {g.r.randint(1, 80)} Box {n}",
                      f"Post Office Box {n}"])
    sep = g.r.choice([", ", "\n", "\n", " "])
    value = f"{box}{sep}{town}{g.r.choice([',', ''])} {st} {zip_code}"
    s = g.r.choice(["Mail to: {v}", "Billing address\n{v}", "Statements go to {v}.", "{v}"])
    return s.format(v=value), [Planted("ADDRESS", fam, value, (value, town, zip_code, box))]


def _abroad_parts(g: Gen):
    for _ in range(100):
        loc = g.r.choice(sorted(_COUNTRY))
        f = _loc_faker(g, loc)
        street, town, post = _ascii(f.street_address()), _ascii(_city(f)), f.postcode()
        if _fresh(town) and len(town) >= 4:
            return loc, street, town, post
    raise RuntimeError("no town abroad outside the detector's lists")


def _abroad(g: Gen) -> tuple[str, list[Planted]]:
    """An address abroad in its country's order, on one line or as a block, the country spelled out."""
    fam = "a10_abroad"
    loc, street, town, post = _abroad_parts(g)
    country = _COUNTRY[loc]
    town_line = f"{post} {town}" if loc in _ZIP_BEFORE_TOWN else f"{town} {post}"
    if loc == "en_AU":
        town_line = f"{town} {g.r.choice(['NSW', 'VIC', 'QLD', 'WA', 'SA', 'TAS'])} {post}"
    lines = [street, town_line, country if g.r.random() < 0.6 else country.upper()]
    if g.r.random() < 0.2:
        lines.insert(0, f"c/o {g.first()} {g.surname()}")
    value = g.r.choice([", ", "\n", "\n"]).join(lines)
    s = g.r.choice(["Address abroad:\n{v}", "Her home address in Europe is {v}.", "Records mailed to {v}.",
                    "Permanent address: {v}", "He spends winters at {v}", "Forwarded from the clinic at\n{v}"])
    return s.format(v=value), [Planted("ADDRESS", fam, value, (value, street, town, post))]


def _abroad_short(g: Gen) -> tuple[str, list[Planted]]:
    """A street and number with a town and a country only, no postcode ("Streetname 184, Town, Country")."""
    fam = "a10_abroad_short"
    loc, street, town, _post = _abroad_parts(g)
    value = f"{street}, {town}, {_COUNTRY[loc]}"
    s = g.r.choice(["Stayed with relatives at {v} until March.", "Address while abroad: {v}",
                    "Contact in case of emergency lives at {v}."])
    return s.format(v=value), [Planted("ADDRESS", fam, value, (value, street, town))]


def _place(g: Gen) -> tuple[str, list[Planted]]:
    """A town alone after a place cue, in wording the earlier splits do not use."""
    fam = "a10_place"
    town = _us_town(g)
    s = g.r.choice([
        "She commutes from {v} three days a week.", "Family farm is just outside {v}.", "Lives alone in {v}.",
        "Her daughter drives up from {v} on weekends.", "He moved here from {v} in the spring.",
        "Works at a warehouse in {v}.", "Travels to {v} every other week for work.",
        "Stayed with cousins near {v} after discharge.", "Was transferred from {v} by helicopter.",
        "Rents a trailer outside of {v}.", "Relocated to {v} after the divorce.",
        "Recently returned from a fishing trip to {v}.", "Attends church in {v}.", "Raised in {v}, dropped out at 16.",
    ])
    return s.format(v=town), [Planted("LOCATION", fam, town, (town,))]


FAMILIES = {
    "ADDRESS": [_us_block, _us_inline, _us_box, _abroad, _abroad_short],
    "ADDRESS2": [_us_block, _abroad, _us_inline],
    "LOCATION": [_place],
    "LOCATION2": [_place],
}

CLINICAL_STRINGS = (
    "Reading glasses", "West Nile virus", "Rocky Mountain spotted fever", "Valley fever", "Lyme disease",
    "Norwalk virus", "Coxsackie virus", "Lassa fever", "Ebola virus", "St. Louis encephalitis", "Wernicke area",
    "Broca area", "Step Down Unit", "Recovery Room", "Physical Therapy", "Labor and Delivery", "Assisted Living",
    "Skilled Nursing", "Short Stay", "Same Day Surgery", "Golden Hour protocol", "Eagle syndrome",
    "Bell palsy", "Marburg virus", "Ross River fever", "Hunter syndrome", "Paget disease", "Lasix 40 mg",
    "Suite 2 of the endoscopy unit", "Bed 14", "Room 12", "Level 2 trauma", "Zone 3 of the neck",
    "Grade 2, Stage IIB", "Gleason 7, Grade Group 2", "Apgar 8, then 9", "Station 4", "Pod B",
    "Hospital Course", "Emergency Department", "Intensive Care Unit", "High Point of the curve",
)

CLINICAL_FRAMES = (
    "Seen in {c} by the team this morning.", "No exposure history suggesting {c}.", "Discussed {c} with the family.",
    "Back from {c}, resting comfortably.", "Workup for {c} was negative.", "Findings near {c} were reviewed.",
    "He lives at home; {c} was discussed.", "Plan: {c}, then reassess.",
)
