"""PHI-injection benchmark: plant known identifiers into real notes, de-identify, count what survives.

Why: the notes in MTSamples are already scrubbed, so measuring a de-identifier on them says little.
Planting identifiers with known values gives a recall that can be computed exactly.

Honesty rules (see `POOLS_NOTE`):
- Surnames, cue-context first names and city names are drawn from pools that are disjoint from the
  de-identifier's word lists (`name_lists`): a held-out list of real names plus names generated from
  syllables. Only the "bare name" template (no title, no label) uses a first name from the
  de-identifier's own first-name list, because a bare "Firstname Surname" can only be found by a list;
  its surname is still held out. The result reports recall per template so this is visible.
- Every planted value (and each of its parts) is checked to be absent from the de-identified
  original note and from the template words, so "still present" always means "leaked".

The templates were written by the author of the rules, and several were added after seeing the rules
miss them; read the recall as a regression check of the documented coverage, not as an estimate on
unseen text. The stress templates show what cue-free names cost.

Definitions:
- recall: over all templates except the stress ones (a held-out first name and surname with no title,
  label, credential, relation or age statement: "The history was obtained from Ottilie Ryrkard"),
  which no cue-based rule set can find and which are reported apart as stress_recall; it is the
  share of planted identifiers none of whose parts (the value; for names each name word; for
  phone and ID values each run of 4+ digits; for "City, ST 12345" the city and the ZIP) occurs in the
  de-identified output (case-insensitive, whole words).
- tokens_kept: the expected non-PHI tokens are the tokens of deidentify(original note) plus the
  template words around the planted values; tokens_kept = sum over tokens of min(count in the output,
  expected count) / expected total. Identifiers that MTSamples itself holds ("Dr. Chang", dates) are
  removed in both and so do not count against it. Placeholders are not tokens.
- original_tokens_kept: the same measure between the raw and the de-identified original note, i.e.
  everything deid removes from MTSamples (its own identifiers and any false positives).
"""

from __future__ import annotations

import random
import re
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from medrepro.privacy import name_lists as nl
from medrepro.privacy.deid import PLACEHOLDER_RE, deidentify

POOLS_NOTE = (
    "surnames, cue-context first names and cities come from held-out and syllable-generated pools "
    "disjoint from the de-identifier's lists; the bare-name template uses a listed first name with a "
    "held-out surname"
)

_HELDOUT_FIRST = """
Thaddeus Ignatius Philippa Araminta Leopold Cornelius Octavia Percival Ottilie Bartholomew Cressida
Evander Florian Griselda Hortense Isidore Jacinta Leander Marisol Nikolai Oriana Perpetua Quentin
Rosalind Soren Tobias Ursula Valentina Wilhelmina Yannick Zebulon Anselm Benedikt Cosima Desmond
Eulalia Fenella Gideon Honora Imogen Jasper Kasimir Lorcan Mirela Niamh Osric Petronella Radomir
Saoirse Tamsin Ulrich Vesna Wendell Ximena Yevgenia Zinaida Aurelio Bronwen Caspian Dagny Elspeth
Fabian Gunnar Hamish Ingrid Jolanta Kirsi Ludovic Magnus Nerys Odette Piers Rhiannon Sigrid Thorsten
Vaclav Wolfgang Xanthe Zoltan Alaric Beatrix Clemence Dorothea Emeric Fiorella Gwendolen Horatio
Isolde Jocasta Lazarus Melisande Norberto Ophelia Peregrine Rosamund Seraphina Tiberius Ulysses
Violetta Winifred Ysolde Zenobia Ambrose Bertrand Cyprian Delphine Eustace Felicity Godfrey Hermione
""".split()

_HELDOUT_SURNAMES = """
Abernathy Quigley Dunsmore Featherstone Hollingsworth Kowalczyk Nakamura Okonkwo Przybylski
Thistlewood Ashcombe Blackstock Coldwell Drummond Eversole Fairweather Hargreave Inglethorpe
Jablonski Kettleborough Lindqvist Nowakowski Oyelaran Pemberton Quarles Rutherford Szymanski
Tolliver Umberger Vandermeer Whitcombe Yarborough Zielinski Ashworth Brightwell Cartwright
Delacroix Eckhardt Fairbanks Gallagher Haverford Ironside Jorgensen Kimbrough Lockhart Merriweather
Northcott Ostrowski Pendergast Quimby Radcliffe Stanhope Thackeray Underhill Vanderbilt Wadsworth
Yablonsky Zwicker Achterberg Birkenfeld Castellanos Dziedzic Etheridge Fitzwilliam Grunewald
Hashimoto Ikeda Juszczak Kuroda Lemaire Matsumoto Nieminen Oyelowo Papadakis Quintanilla Rautio
Sokolowski Takahashi Uchida Valtonen Wojcik Yamaguchi Zamfir Adeyemi Bjornstad Chukwu Dimitrov
Eriksen Fonseca Gunawardena Hakimi Ivanova Jankowski Kaminski Laszlo Moreau Nwosu Obuya Petrovic
""".split()

_SYL_ON = ["B", "Br", "C", "Cr", "D", "Dr", "F", "G", "Gr", "H", "K", "Kr", "L", "M", "N", "P", "Pr", "Qu", "R",
           "S", "St", "T", "Tr", "V", "W", "Z"]
_SYL_VOWEL = ["a", "e", "i", "o", "u", "ai", "ea", "ou", "y"]
_SYL_CODA = ["", "l", "n", "r", "s", "th", "v", "nd", "rk", "lv"]
_SYL_END = ["son", "ley", "ford", "wick", "ton", "berg", "mann", "ez", "ski", "ova", "by", "ham", "well", "dale",
            "stein", "ard", "ell", "ing", "vic", "ridge"]

_HELDOUT_CITIES = """
Millbrook Ashford Dunmore Fairhaven Glenrock Harwick Ivydale Kettering Larchmont Maplewood Northfield
Oakhurst Pinebluff Quarryville Redfield Stonybrook Thornbury Underwood Valleyview Westbrook Yorkshire
Zephyrhills Brookhaven Cedarburg Driftwood Elmhurst Foxborough Greendale Hollister Kingsport Lakemont
Meadowvale Newcastle Oxbow Plainview Riverbend Sandwich Tamarack Vinewood Wrenfield
""".split()
_CITY_PARTS = (["Ash", "Birch", "Cedar", "Elm", "Fern", "Glen", "Hazel", "Iron", "Lark", "Mill", "Oak", "Pine",
                "Red", "Stone", "Thorn", "Willow", "Wolf", "Briar", "Clear", "Deer"],
               ["brook", "field", "haven", "ridge", "ville", "ton", "burg", "dale", "wood", "port", "ford", "mont"])
_STREET_WORDS = ["Maple", "Cedar", "Juniper", "Sycamore", "Hawthorn", "Larkspur", "Quarry", "Orchard", "Meadow",
                 "Falcon", "Heron", "Bluebell", "Copper", "Granite", "Harbor", "Lantern", "Millstone", "Sparrow"]
_STREET_SUFFIX = ["Street", "St.", "Avenue", "Ave", "Road", "Rd.", "Boulevard", "Blvd", "Lane", "Drive", "Court",
                  "Place", "Way", "Terrace", "Circle", "Parkway"]
_STATES = sorted(nl.STATE_ABBREVIATIONS - {"DC"})
_STATE_NAMES = sorted(nl.US_STATES | set(nl.US_STATES_MULTIWORD) - {"District of Columbia"})
_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"]
_ORD = {1: "st", 2: "nd", 3: "rd", 21: "st", 22: "nd", 23: "rd", 31: "st"}
_WORD_RE = re.compile(r"[A-Za-z0-9]+")


@dataclass(frozen=True)
class Planted:
    category: str
    template: str
    value: str
    parts: tuple[str, ...]


def _known(word: str) -> bool:
    low = word.lower()
    return (word in nl.FIRST_NAMES or word in nl.SURNAMES or low in nl.NON_NAME_WORDS
            or word in nl.US_STATES or word in nl.COUNTRIES_AND_REGIONS or word in nl.EPONYM_FIRST_NAMES)


HELDOUT_FIRST = sorted({n for n in _HELDOUT_FIRST if not _known(n)})
HELDOUT_SURNAMES = sorted({n for n in _HELDOUT_SURNAMES if not _known(n)})
HELDOUT_CITIES = sorted({c for c in _HELDOUT_CITIES if c not in nl.US_CITIES and not _known(c)})


class _Gen:
    """Draws identifier values; every name or city it returns is outside the de-identifier's lists."""

    def __init__(self, rng: random.Random) -> None:
        self.r = rng

    def surname(self) -> str:
        if self.r.random() < 0.5:
            return self.r.choice(HELDOUT_SURNAMES)
        while True:
            word = "".join(self.r.choice(_SYL_ON) + self.r.choice(_SYL_VOWEL) + self.r.choice(_SYL_CODA)
                           for _ in range(self.r.randint(1, 2))).capitalize() + self.r.choice(_SYL_END)
            if not _known(word):
                return word

    def first(self) -> str:
        return self.r.choice(HELDOUT_FIRST)

    def listed_first(self) -> str:
        return self.r.choice(sorted(nl.FIRST_NAMES_ALONE))

    def city(self) -> str:
        if self.r.random() < 0.5:
            return self.r.choice(HELDOUT_CITIES)
        while True:
            word = self.r.choice(_CITY_PARTS[0]) + self.r.choice(_CITY_PARTS[1])
            if word not in nl.US_CITIES and not _known(word):
                return word

    def digits(self, n: int) -> str:
        return str(self.r.randint(1, 9)) + "".join(str(self.r.randint(0, 9)) for _ in range(n - 1))

    def date(self) -> tuple[str, str]:
        """(value, format name) for a random day-level date in many spellings."""
        y, mo, d = self.r.randint(1990, 2023), self.r.randint(1, 12), self.r.randint(1, 28)
        month = _MONTHS[mo - 1]
        ordinal = f"{d}{_ORD.get(d, 'th')}"
        forms = {
            "mm/dd/yyyy": f"{mo:02d}/{d:02d}/{y}", "m/d/yy": f"{mo}/{d}/{y % 100:02d}",
            "m-d-yy": f"{mo}-{d}-{y % 100:02d}", "mm-dd-yyyy": f"{mo:02d}-{d:02d}-{y}",
            "month d, yyyy": f"{month} {d}, {y}", "mon d, yyyy": f"{month[:3]} {d}, {y}",
            "mon. d, yyyy": f"{month[:3]}. {d}, {y}", "d month yyyy": f"{d} {month} {y}",
            "d mon yyyy": f"{d} {month[:3]} {y}", "mon dth": f"{month[:3]} {ordinal}",
            "month dth, yyyy": f"{month} {ordinal}, {y}", "yyyy-mm-dd": f"{y}-{mo:02d}-{d:02d}",
            "yyyy/mm/dd": f"{y}/{mo:02d}/{d:02d}", "mm.dd.yyyy": f"{mo:02d}.{d:02d}.{y}",
            "d-mon-yyyy": f"{d}-{month[:3]}-{y}", "month yyyy": f"{month} {y}", "mm/yyyy": f"{mo:02d}/{y}",
            "dth of month, yyyy": f"{ordinal} of {month}, {y}", "month d": f"{month} {d}",
            "MONTH D, YYYY": f"{month.upper()} {d}, {y}", "m/d/yyyy hh:mm": f"{mo}/{d}/{y} at 14:{d:02d}",
            "mon-dd-yyyy": f"{month[:3]}-{d:02d}-{y}", "dd.mm.yyyy": f"{max(d, 13)}.{mo:02d}.{y}",
            "yyyy/m/d": f"{y}/{mo}/{d}", "month dth yyyy": f"{month} {ordinal} {y}",
            "mon d 'yy": f"{month[:3]} {d} '{y % 100:02d}", "dd/mm/yyyy": f"{max(d, 13)}/{mo:02d}/{y}",
        }
        name = self.r.choice(sorted(forms))
        return forms[name], name


def _digit_parts(value: str) -> tuple[str, ...]:
    return tuple(g for g in re.findall(r"\d+", value) if len(g) >= 4)


# Each template: (category, name, function(gen) -> (sentence, [Planted...])).
Template = Callable[[_Gen], tuple[str, list[Planted]]]


def _name(template: str, value: str, words: Sequence[str]) -> Planted:
    return Planted("NAME", template, value, (value, *[w for w in words if len(w) >= 2]))


def _t_title(g: _Gen) -> tuple[str, list[Planted]]:
    last, title = g.surname(), g.r.choice(["Dr.", "Dr", "Mr.", "Mrs.", "Ms.", "Miss", "Mr", "Doctor"])
    s = g.r.choice(["{t} {n} was seen in the clinic today.", "The case was discussed with {t} {n}.",
                    "Follow up with {t} {n} in two weeks.", "{t} {n}'s office will call with results."])
    return s.format(t=title, n=last), [_name("title_surname", last, [last])]


def _t_title_full(g: _Gen) -> tuple[str, list[Planted]]:
    first, last = g.first(), g.surname()
    title = g.r.choice(["Dr.", "Mr.", "Mrs.", "Ms.", "Dr", "DR.", "MR."])
    variant = g.r.randrange(6)
    if variant == 1:
        last = f"{last}-{g.surname()}"
    elif variant == 2:
        last = "O'" + last
    elif variant == 3:
        last = g.r.choice(["van der ", "de la ", "Mac", "Mc"]) + last
    value = f"{first} {last}" if g.r.random() < 0.7 else f"{first} {g.r.choice('ABCDEFGHJKLMNPRSTW')} {last}"
    if title.isupper():
        value = value.upper()
    words = [w for w in re.split(r"[\s-]+", value) if w.lower() not in {"van", "der", "de", "la"}]
    s = g.r.choice(["Discussed with {t} {v} by phone.", "Per {t} {v}, the dose was increased.",
                    "{t} {v}'s note was reviewed."])
    return s.format(t=title, v=value), [_name("title_full", value, words)]


def _t_label(g: _Gen) -> tuple[str, list[Planted]]:
    first, last = g.first(), g.surname()
    label = g.r.choice(["Patient name:", "PATIENT NAME:", "Name:", "Patient:", "Attending:", "Surgeon:",
                        "Referring physician:", "Primary care physician:", "Emergency contact:", "Assistant:",
                        "Signed:", "Pt name:", "Witness:", "Guardian:"])
    value = f"{first} {last}" if g.r.random() < 0.8 else f"{first} {g.r.choice('ABCDEFGHJKLMNPRSTW')}. {last}"
    return f"{label} {value}.", [_name("label_full", value, [first, last])]


def _t_label_caps(g: _Gen) -> tuple[str, list[Planted]]:
    first, last = g.first().upper(), g.surname().upper()
    value = f"{last}, {first}"
    return f"PATIENT: {value}.", [_name("label_caps_last_first", value, [first, last])]


def _t_signature(g: _Gen) -> tuple[str, list[Planted]]:
    first, last, initial = g.first(), g.surname(), g.r.choice("ABCDEFGHJKLMNPRSTW")
    cred = g.r.choice(["MD", "M.D.", "DO", "RN", "NP", "PA-C", "PhD"])
    lead = g.r.choice(["Dictated by:", "Electronically signed by", "Transcribed by:", "Reviewed by",
                       "Sincerely,", "cc:"])
    value = f"{first} {initial}. {last}" if g.r.random() < 0.5 else f"{first} {last}"
    return f"{lead} {value}, {cred}.", [_name("signature", value, [first, last])]


def _t_credential(g: _Gen) -> tuple[str, list[Planted]]:
    first, last = g.first(), g.surname()
    cred = g.r.choice(["RN", "MD", "NP", "LPN", "CRNA"])
    value = f"{first} {last}"
    return f"{value}, {cred}, reviewed the discharge instructions.", [_name("credential", value, [first, last])]


def _t_relation(g: _Gen) -> tuple[str, list[Planted]]:
    rel = g.r.choice(["wife", "husband", "daughter", "son", "mother", "sister", "brother", "friend",
                      "caregiver", "neighbor"])
    poss = g.r.choice(["his", "her", "the patient's"])
    if g.r.random() < 0.5:
        first = g.first()
        return (f"She came with {poss} {rel}, {first}, who helps at home.",
                [_name("relation_first", first, [first])])
    first, last = g.first(), g.surname()
    value = f"{first} {last}"
    return f"The patient lives with {poss} {rel} {value}.", [_name("relation_full", value, [first, last])]


def _t_bare(g: _Gen) -> tuple[str, list[Planted]]:
    first, last = g.listed_first(), g.surname()
    value = f"{first} {last}"
    s = g.r.choice(["{v} was seen today for follow-up.", "Results were reviewed with {v}.",
                    "Consent was obtained from {v} at the bedside."])
    return s.format(v=value), [_name("bare_listed_first", value, [first, last])]


def _t_repeat(g: _Gen) -> tuple[str, list[Planted]]:
    last = g.surname()
    title = g.r.choice(["Mr.", "Mrs.", "Ms."])
    return (f"{title} {last} was admitted overnight. {last} tolerated the procedure well.",
            [_name("second_mention", last, [last])])


def _t_letter(g: _Gen) -> tuple[str, list[Planted]]:
    first, last = g.first(), g.surname()
    kind = g.r.randrange(5)
    if kind == 0:
        value = f"{first} {last}"
        return (f"Seen in consultation at the request of Dr. {value}.", [_name("letter", value, [first, last])])
    if kind == 1:
        value = f"{last}, {first}"
        return f"Patient Name: {value}", [_name("letter", value, [first, last])]
    if kind == 2:
        value = f"{first[0]}. {last}"
        return f"Thank you for referring Ms. {value} to our clinic.", [_name("letter", value, [last])]
    if kind == 3:
        value = f"{first} {last}"
        return f"Sincerely,\n{value}, MD", [_name("letter", value, [first, last])]
    value = last
    return f"Dear Dr. {value}:", [_name("letter", value, [last])]


def _t_stress_bare(g: _Gen) -> tuple[str, list[Planted]]:
    """A held-out name with no title, label or credential: only sentence context can reveal it."""
    first, last = g.first(), g.surname()
    kind = g.r.randrange(4)
    if kind == 0:
        value = f"{first} {last}"
        return f"{value} is a 45-year-old man seen for back pain.", [_name("stress_bare", value, [first, last])]
    if kind == 1:
        value = f"{first} {last}"
        return f"I had the pleasure of seeing {value} today.", [_name("stress_bare", value, [first, last])]
    if kind == 2:
        return f"{first} was placed under general anesthesia.", [_name("stress_bare", first, [first])]
    value = f"{first} {last}"
    return f"The history was obtained from {value} and the chart.", [_name("stress_bare", value, [first, last])]


def _t_date2(g: _Gen) -> tuple[str, list[Planted]]:
    y, mo, d = g.r.randint(1990, 2023), g.r.randint(1, 12), g.r.randint(1, 28)
    month = _MONTHS[mo - 1]
    forms = {
        "the dth of month yyyy": f"the {d}{_ORD.get(d, 'th')} of {month} {y}",
        "weekday, month d, yyyy": f"{g.r.choice(['Monday', 'Friday'])}, {month} {d}, {y}",
        "m/d": f"{mo}/{d}", "mm/dd/yy hh:mm": f"{mo:02d}/{d:02d}/{y % 100:02d} 08:15",
        "MON-DD-YY": f"{month[:3].upper()}-{d:02d}-{y % 100:02d}", "yyyymmdd": f"{y}{mo:02d}{d:02d}",
    }
    name = g.r.choice(sorted(forms))
    value = forms[name]
    s = g.r.choice(["Follow-up visit {d}.", "Labs drawn {d} were normal.", "Admission date: {d}."])
    if name == "m/d":
        s = "Labs drawn on {d} were normal."
    return s.format(d=value), [Planted("DATE", f"date2:{name}", value, (value,))]


def _t_contact2(g: _Gen) -> tuple[str, list[Planted]]:
    a, b, c = g.digits(3), g.digits(3), g.digits(4)
    kind = g.r.randrange(4)
    if kind == 0:
        value = f"+1 ({a}) {b}-{c}"
        return f"Mobile {value}.", [Planted("PHONE", "phone2", value, (value, c))]
    if kind == 1:
        value = f"{a}.{b}.{c}"
        return f"Please page {value} if needed.", [Planted("PHONE", "phone2", value, (value, c))]
    if kind == 2:
        value = f"{g.surname().lower()}@{g.surname().lower()}.com"
        return f"Send records to <{value}>.", [Planted("EMAIL", "email2", value, (value,))]
    value = f"{g.r.randint(10, 99)}.{g.r.randint(0, 255)}.{g.r.randint(0, 255)}.{g.r.randint(1, 254)}"
    return f"Telehealth session from {value}.", [Planted("IP", "ip2", value, (value,))]


def _t_place2(g: _Gen) -> tuple[str, list[Planted]]:
    city = g.city()
    kind = g.r.randrange(4)
    if kind == 0:
        value = f"{g.r.randint(10, 9999)} {g.r.choice(_STREET_WORDS)} {g.r.choice(_STREET_SUFFIX)}, {city}, "
        value += f"{g.r.choice(_STATES)} {g.digits(5)}"
        parts = (value.split(",")[0], city)
        return f"Home: {value}.", [Planted("ADDRESS", "address2", value, parts)]
    if kind == 1:
        return f"She grew up in {city} and works as a teacher.", [Planted("LOCATION", "place2", city, (city,))]
    if kind == 2:
        return f"He was transferred from {city}, {g.r.choice(_STATE_NAMES)}.", [
            Planted("LOCATION", "place2", city, (city,))]
    age = g.r.randint(90, 104)
    value = f"{age}-year-old"
    return f"A pleasant {value} resident of a nursing home.", [Planted("AGE>89", "age2", value, (value,))]


def _t_date(g: _Gen) -> tuple[str, list[Planted]]:
    value, fmt = g.date()
    s = g.r.choice(["Seen on {d}.", "Date of service: {d}.", "Surgery was performed {d}.",
                    "He was admitted on {d} with chest pain.", "DOB: {d}.", "Last seen {d}.",
                    "Colonoscopy {d} was normal.", "Started metformin ({d})."])
    return s.format(d=value), [Planted("DATE", f"date:{fmt}", value, (value,))]


def _t_date_partial(g: _Gen) -> tuple[str, list[Planted]]:
    mo, d = g.r.randint(1, 12), g.r.randint(1, 28)
    value = g.r.choice([f"{mo:02d}/{d:02d}", f"{mo}/{d}"])
    return f"Sutures were removed on {value} without difficulty.", [Planted("DATE", "date:on mm/dd", value, (value,))]


def _t_phone(g: _Gen) -> tuple[str, list[Planted]]:
    a, b, c = g.digits(3), g.digits(3), g.digits(4)
    forms = [f"({a}) {b}-{c}", f"{a}-{b}-{c}", f"{a}.{b}.{c}", f"{a} {b} {c}", f"+1 {a} {b} {c}",
             f"1-{a}-{b}-{c}", f"{a}-{b}-{c} ext. {g.digits(3)}", f"({a}){b}-{c}", f"{b}-{c}",
             f"({a})-{b}-{c}", f"{a}/{b}-{c}", f"{a} {b}-{c}", f"{a}{b}{c}", f"{a}-{b}-{c} x{g.digits(4)}"]
    value = g.r.choice(forms)
    lead = g.r.choice(["Call", "Phone:", "Fax:", "Her cell phone is", "Pager", "Contact number:", "Tel.",
                       "cell:", "Reached her at", "Daughter's number is"])
    return f"{lead} {value} with any questions.", [Planted("PHONE", "phone", value, (value, *_digit_parts(value)))]


def _t_email(g: _Gen) -> tuple[str, list[Planted]]:
    user = (g.first() + g.r.choice([".", "_", ""]) + g.surname()).lower() + g.r.choice(["", g.digits(2)])
    value = f"{user}@{g.surname().lower()}{g.r.choice(['mail.com', '.org', 'health.net', '.edu'])}"
    return f"Email: {value}.", [Planted("EMAIL", "email", value, (value,))]


def _t_id(g: _Gen) -> tuple[str, list[Planted]]:
    kind = g.r.choice(["ssn", "ssn_space", "ssn_plain", "mrn", "mrn_alpha", "mr_hash", "account", "acct",
                       "member", "license", "serial", "plan", "medicare", "dea", "npi", "mrn_dashed"])
    d = g.digits
    sentences = {
        "ssn": ("SSN: {v}.", f"{d(3)}-{d(2)}-{d(4)}"),
        "ssn_space": ("Social security number {v} on file.", f"{d(3)} {d(2)} {d(4)}"),
        "ssn_plain": ("SSN {v}.", d(9)),
        "mrn": ("MRN: {v}.", "00" + d(6)),
        "mrn_alpha": ("Medical record number: {v}.", g.r.choice("ABKMX") + d(7)),
        "mr_hash": ("MR# {v}", d(7)),
        "account": ("Account #: {v}.", d(8)),
        "acct": ("Acct no. {v}.", f"{d(4)}-{d(4)}"),
        "member": ("Insurance member ID: {v}.", "XK" + d(9)),
        "license": ("Driver's license number {v}.", g.r.choice("DFKW") + d(7)),
        "serial": ("Pacemaker serial number {v} was recorded.", "PX" + d(6)),
        "plan": ("Health plan ID {v}.", f"{d(4)}-{d(4)}-{d(2)}"),
        "medicare": ("Medicare number {v} verified.", f"{d(1)}EG{d(1)}-TE{d(1)}-MK{d(2)}"),
        "dea": ("DEA# {v}.", "AB" + d(7)),
        "npi": ("NPI {v}.", d(10)),
        "mrn_dashed": ("MRN {v}", f"{d(2)}-{d(3)}-{d(3)}"),
    }
    s, value = sentences[kind]
    return s.format(v=value), [Planted("ID", f"id:{kind}", value, (value, *_digit_parts(value)))]


def _t_address(g: _Gen) -> tuple[str, list[Planted]]:
    street = g.r.choice(_STREET_WORDS) + (" " + g.r.choice(_STREET_WORDS) if g.r.random() < 0.3 else "")
    direction = g.r.choice(["", "", "North ", "W. ", "East "])
    value = f"{g.r.randint(1, 9999)} {direction}{street} {g.r.choice(_STREET_SUFFIX)}"
    if g.r.random() < 0.3:
        value += g.r.choice([", Apt 4B", ", Suite 210", " #12"])
    if g.r.random() < 0.15:
        value = f"P.O. Box {g.r.randint(10, 99999)}"
        return f"Mail goes to {value}.", [Planted("ADDRESS", "po_box", value, (value,))]
    lead = g.r.choice(["She lives at", "Address:", "Home address is", "He was found at"])
    return f"{lead} {value}.", [Planted("ADDRESS", "street", value, (value,))]


def _t_location(g: _Gen) -> tuple[str, list[Planted]]:
    city = g.city()
    kind = g.r.choice(["city_st_zip", "city_state", "lives_in", "moved_to", "zip"])
    if kind == "city_st_zip":
        zip_code = g.digits(5) if g.r.random() < 0.7 else f"{g.digits(5)}-{g.digits(4)}"
        value = f"{city}, {g.r.choice(_STATES)} {zip_code}"
        return f"She lives in {value}.", [Planted("LOCATION", kind, value, (city, zip_code))]
    if kind == "city_state":
        value = f"{city}, {g.r.choice(_STATE_NAMES + _STATES)}"
        return f"He is originally from {value}.", [Planted("LOCATION", kind, value, (city,))]
    if kind == "lives_in":
        return f"She lives in {city} with her family.", [Planted("LOCATION", kind, city, (city,))]
    if kind == "moved_to":
        return f"He moved to {city} last year.", [Planted("LOCATION", kind, city, (city,))]
    zip_code = g.digits(5)
    return f"ZIP code {zip_code}.", [Planted("LOCATION", kind, zip_code, (zip_code,))]


def _t_url(g: _Gen) -> tuple[str, list[Planted]]:
    host = g.surname().lower() + g.r.choice(["clinic", "health", "care", "med"])
    value = g.r.choice([f"https://www.{host}.com/patients/{g.digits(6)}", f"www.{host}.org",
                        f"http://portal.{host}.net/login", f"{host}.com/records",
                        f"https://{host}.org/chart?id={g.digits(5)}"])
    return f"Records are available at {value} for review.", [Planted("URL", "url", value, (value,))]


def _t_ip(g: _Gen) -> tuple[str, list[Planted]]:
    value = ".".join(str(g.r.randint(1, 254)) for _ in range(4))
    lead = g.r.choice(["The portal logged access from IP address", "Device IP", "Remote session from"])
    return f"{lead} {value}.", [Planted("IP", "ip", value, (value,))]


def _t_age(g: _Gen) -> tuple[str, list[Planted]]:
    age = g.r.randint(90, 104)
    forms = [f"{age}-year-old", f"{age} year old", f"{age}-year old", f"{age} y/o", f"{age} yo",
             f"{age} years old", f"{age}yo", f"{age}-yr-old", f"{age} yrs old"]
    phrase = g.r.choice(forms)
    if g.r.random() < 0.3:
        phrase = g.r.choice([f"aged {age}", f"age {age}", f"age: {age}", f"{age} years of age"])
        sentence = f"She was {phrase} at admission."
    else:
        sentence = f"This {phrase} woman presents for evaluation."
    return sentence, [Planted("AGE>89", "age", phrase, (phrase,))]


TEMPLATES: dict[str, list[Template]] = {
    "NAME": [_t_title, _t_title_full, _t_label, _t_label_caps, _t_signature, _t_credential, _t_relation,
             _t_bare, _t_repeat],
    "DATE": [_t_date, _t_date, _t_date, _t_date_partial],
    "PHONE": [_t_phone], "EMAIL": [_t_email], "ID": [_t_id], "ADDRESS": [_t_address],
    "LOCATION": [_t_location], "URL": [_t_url], "IP": [_t_ip], "AGE>89": [_t_age],
    "LETTER": [_t_letter], "DATE2": [_t_date2], "CONTACT2": [_t_contact2], "PLACE2": [_t_place2],
    "STRESS": [_t_stress_bare],
}
# Templates whose identifiers carry no cue a rule set can use; reported apart from the headline recall.
STRESS_TEMPLATES = frozenset({"stress_bare"})
_EXTRA = {"NAME": 2, "DATE": 1}  # more names and dates per note, as in real notes


def _present(part: str, text_lower: str) -> bool:
    return re.search(r"(?<![A-Za-z0-9])" + re.escape(part.lower()) + r"(?![A-Za-z0-9])", text_lower) is not None


def _insertion_points(text: str) -> list[int]:
    points = [m.end() for m in re.finditer(r"[.!?]\s+(?=[A-Z,])", text)]
    return points or [len(text)]


def plant(text: str, rng: random.Random, reference: str) -> tuple[str, list[Planted], list[str]]:
    """Insert one sentence per category (+ extra names and dates) into `text`.

    `reference` is the de-identified original; values whose parts already occur there are redrawn.
    Returns the planted note, what was planted, and the template sentences with values removed.
    """
    gen = _Gen(rng)
    ref_lower = reference.lower()
    sentences: list[tuple[str, list[Planted]]] = []
    used: list[str] = []  # parts planted so far in this note: values must not share words
    for category, templates in TEMPLATES.items():
        for _ in range(1 + _EXTRA.get(category, 0)):
            for _attempt in range(50):
                sentence, planted = rng.choice(templates)(gen)
                parts = [p for item in planted for p in item.parts]
                context = sentence
                for item in planted:
                    context = context.replace(item.value, " ")
                clash = any(_present(p, ref_lower) or _present(p, context.lower()) for p in parts)
                clash = clash or any(_present(p, u.lower()) or _present(u, p.lower()) for p in parts for u in used)
                if not clash:
                    break
            used.extend(p for item in planted for p in item.parts)
            sentences.append((sentence, planted))
    points = _insertion_points(text)
    chosen = sorted(rng.choice(points) for _ in sentences)
    out, pos = [], 0
    planted_all: list[Planted] = []
    skeletons: list[str] = []
    for point, (sentence, planted) in zip(chosen, sentences, strict=True):
        out.append(text[pos:point])
        out.append(sentence + "  ")
        pos = point
        planted_all.extend(planted)
        skeleton = sentence
        for item in planted:
            skeleton = skeleton.replace(item.value, " ")
        skeletons.append(skeleton)
    out.append(text[pos:])
    if points == [len(text)]:
        out.insert(len(out) - 1, " ")
    return "".join(out), planted_all, skeletons


def _tokens(text: str) -> Counter[str]:
    return Counter(w.lower() for w in _WORD_RE.findall(PLACEHOLDER_RE.sub(" ", text)))


def run_benchmark(notes: Sequence[str], n: int = 500, seed: int = 0) -> dict:
    """Plant identifiers into `n` notes drawn (with `seed`) from the non-empty `notes`; return the report."""
    pool = [t for t in notes if isinstance(t, str) and t.strip()]
    if not pool:
        raise ValueError("no non-empty notes to plant identifiers into")
    rng = random.Random(seed)
    chosen = rng.sample(pool, min(n, len(pool)))
    planted_total: Counter[str] = Counter()
    removed_total: Counter[str] = Counter()
    per_template: dict[str, Counter[str]] = {}
    placeholders: Counter[str] = Counter()
    expected_tokens = kept_tokens = raw_tokens = raw_kept = 0
    seconds = 0.0
    for text in chosen:
        reference = deidentify(text).text
        raw, ref_tokens = _tokens(text), _tokens(reference)
        raw_tokens += sum(raw.values())
        raw_kept += sum(min(c, ref_tokens[t]) for t, c in raw.items())
        planted_text, planted, skeletons = plant(text, rng, reference)
        start = time.perf_counter()
        result = deidentify(planted_text)
        seconds += time.perf_counter() - start
        placeholders.update(result.counts)
        out_lower = result.text.lower()
        for item in planted:
            gone = not any(_present(p, out_lower) for p in item.parts)
            if item.template not in STRESS_TEMPLATES:
                planted_total[item.category] += 1
                removed_total[item.category] += gone
            stats = per_template.setdefault(item.template, Counter())
            stats["planted"] += 1
            stats["removed"] += gone
        expected = _tokens(reference) + _tokens(" ".join(skeletons))
        got = _tokens(result.text)
        expected_tokens += sum(expected.values())
        kept_tokens += sum(min(c, got[t]) for t, c in expected.items())
    core = {k: v for k, v in per_template.items() if k not in STRESS_TEMPLATES}
    stress = {k: v for k, v in per_template.items() if k in STRESS_TEMPLATES}
    n_planted = sum(v["planted"] for v in core.values())
    n_removed = sum(v["removed"] for v in core.values())
    n_stress = sum(v["planted"] for v in stress.values())
    return {
        "n_notes": len(chosen),
        "seed": seed,
        "n_planted": n_planted,
        "n_removed": n_removed,
        "recall": n_removed / n_planted if n_planted else None,
        "n_stress_planted": n_stress,
        "stress_recall": sum(v["removed"] for v in stress.values()) / n_stress if n_stress else None,
        "tokens_expected": expected_tokens,
        "tokens_kept": kept_tokens / expected_tokens if expected_tokens else None,
        "original_tokens_kept": raw_kept / raw_tokens if raw_tokens else None,
        "deid_seconds_planted": round(seconds, 3),
        "recall_by_category": {c: removed_total[c] / planted_total[c] for c in sorted(planted_total)},
        "planted_by_category": dict(sorted(planted_total.items())),
        "removed_by_category": dict(sorted(removed_total.items())),
        "recall_by_template": {k: v["removed"] / v["planted"] for k, v in sorted(per_template.items())},
        "planted_by_template": {k: v["planted"] for k, v in sorted(per_template.items())},
        "placeholders_by_category": dict(sorted(placeholders.items())),
        "pools": POOLS_NOTE,
    }
