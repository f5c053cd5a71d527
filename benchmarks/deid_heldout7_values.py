"""Value sources of the v7 held-out families (`deid_heldout7.py`): held out like them, never tune on it.

Names from Faker's Arabic (Gulf, Levant, Maghreb), Persian, Hebrew, Thai and Sinhala locales, romanized by
`deid_heldout7_roman`; dates, record numbers with check characters, national numbers and phones of those
countries in the forms the v7 documents (HL7 segments, export rows, e-mail headers, wristbands, claims,
run sheets) print them.
"""

from __future__ import annotations

import datetime
import functools
import importlib
import re

from deid_harness import _ascii, known_to_detector, parts_of_digits
from deid_heldout7_roman import ARABIC, roman

HELDOUT_LOCALES = (*ARABIC, "fa_IR", "he_IL", "th_TH", "si_LK")
PARTICLES = frozenset("al el bin ibn ben bint bat abu bou umm".split())
EARLIER_SPLITS = ("deid_dev", "deid_dev_hipaa", "deid_dev_names", "deid_dev_patterns", "deid_heldout", "deid_heldout2",
                  "deid_heldout3", "deid_heldout4", "deid_heldout5", "deid_heldout6")
_NAME_LISTS = ("first_names", "first_names_male", "first_names_female", "last_names", "last_names_male",
               "last_names_female")


@functools.cache
def earlier_name_words() -> frozenset[str]:
    """Every word (lower case, accents folded) of the Faker name lists of the locales earlier splits drew from.

    Those splits are development data now, so a v7 name word must be new to all of them, not only to the
    detector's lists (fr_DZ, en_PK and en_TH, for instance, already hold many Arabic and Thai names).
    """
    from faker import Faker

    locales = {loc for mod in map(importlib.import_module, EARLIER_SPLITS)
               for loc in (*getattr(mod, "HELDOUT_LOCALES", ()), *getattr(mod, "DEV_LOCALES", ()))}
    words: set[str] = set()
    for loc in sorted(locales):
        provider = next(p for p in Faker(loc).providers if ".person" in type(p).__module__)
        for attr in _NAME_LISTS:
            for value in getattr(provider, attr, ()):
                words.update(w.lower() for w in re.split(r"[\s-]+", _ascii(value)) if w)
    return frozenset(words)


def ok(word: str) -> bool:
    """True when every distinctive word of `word` is plain ASCII letters and on no detector list."""
    parts = [p for p in re.split(r"[\s-]+", word) if p.lower() not in PARTICLES]
    return bool(parts) and all(p.isascii() and p.isalpha() and len(p) >= 2 and not known_to_detector(p)
                               for p in parts)


def words_of(value: str) -> list[str]:
    """The distinctive words of a name (kin particles and the article aside), as the scorer's parts."""
    return [p for p in re.split(r"[\s-]+", value) if p and p.lower() not in PARTICLES]


_FAKERS: dict = {}


def _faker(g, loc):
    from faker import Faker

    fake = _FAKERS.get(loc) or _FAKERS.setdefault(loc, Faker(loc))
    fake.seed_instance(g.r.randrange(1 << 30))
    return fake


def person(g, sex=None, locales=HELDOUT_LOCALES, compound=True):
    """(given name, surname) of one person of `sex` from one of `locales`, romanized, on no detector list.

    Surnames may carry the article or a kin particle ("al-", "bin", "Abu", "Ben") unless `compound` is off;
    no word is on a detector list or in an earlier split's Faker name lists.
    """
    for _ in range(300):
        loc, s = g.r.choice(locales), sex or g.r.choice(("male", "female"))
        fake = _faker(g, loc)
        first = roman(getattr(fake, f"first_name_{s}", fake.first_name)(), loc)
        last = roman(getattr(fake, f"last_name_{s}", fake.last_name)(), loc)
        if " " in first or (not compound and (" " in last or "-" in last)) or len(last.split()) > 3:
            continue
        distinct = words_of(first) + words_of(last)
        if (ok(first) and ok(last) and len(set(distinct)) == len(distinct)
                and not {w.lower() for w in distinct} & earlier_name_words()):
            return first, last
    raise RuntimeError("no romanized name outside the detector's lists after 300 draws")


MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def nth(n):
    return "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


def date(g, lo=1998, hi=2026, day=None):
    """(value, parts) of one day in the forms v7's documents print: ISO-8601 with time and zone, HL7
    timestamps, written-out and weekday forms, European day-first forms."""
    dt = day or datetime.date(g.r.randint(lo, hi), g.r.randint(1, 12), g.r.randint(1, 28))
    y, mo, d = dt.year, dt.month, dt.day
    m, wd = MONTHS[mo - 1], DAYS[dt.weekday()]
    hh, mi, ss = g.r.randint(0, 23), g.r.randint(0, 59), g.r.randint(0, 59)
    iso = f"{y}-{mo:02d}-{d:02d}"
    zone = g.r.choice(["Z", "-05:00", "-06:00", "+03:00", "+02:00", "+05:30", "+07:00", "-0400"])
    forms = [
        (f"{iso}T{hh:02d}:{mi:02d}:{ss:02d}{zone}", ()), (f"{iso}T{hh:02d}:{mi:02d}Z", ()),
        (f"{y}{mo:02d}{d:02d}{hh:02d}{mi:02d}{ss:02d}", ()), (f"{y}{mo:02d}{d:02d}", ()),
        (f"the {d}{nth(d)} of {m}", (f"{d}{nth(d)} of {m}",)), (f"{m} the {d}{nth(d)}", (f"{m} the {d}{nth(d)}",)),
        (f"{d}{nth(d)} {m} {y}", ()), (f"{wd}, {d} {m} {y}", (f"{d} {m} {y}",)),
        (f"{wd[:3]}, {m[:3]} {d}, {y}", (f"{m[:3]} {d}, {y}",)), (f"{d:02d}/{mo:02d}/{y}", ()),
        (f"{d:02d}-{m[:3]}-{y % 100:02d}", ()), (f"{mo:02d}/{d:02d}/{y} {hh:02d}{mi:02d}", (f"{mo:02d}/{d:02d}/{y}",)),
        (f"{y}.{mo:02d}.{d:02d}", ()), (f"{m[:3].upper()} {d:02d} {y}", ()), (f"{mo}/{d}/{y}", ()),
        (f"{d} {m[:3]}. {y}", ()), (f"{m} {d}{nth(d)}, {y}", ()),
        (f"{y}-{mo:02d}-{d:02d} {hh:02d}:{mi:02d} EST", (iso,)),
    ]
    v, extra = forms[g.r.randrange(len(forms))]
    return v, (v, *extra)


def hl7_ts(g):
    """(value, parts) of an HL7 v2 timestamp (YYYYMMDDHHMM[SS][+ZZZZ])."""
    y, mo, d = g.r.randint(1998, 2026), g.r.randint(1, 12), g.r.randint(1, 28)
    v = f"{y}{mo:02d}{d:02d}{g.r.randint(0, 23):02d}{g.r.randint(0, 59):02d}" + g.r.choice(["", "00", "-0500", "+0300"])
    return v, (v,)


def mail_date(g):
    """(value, parts) of the date in a mail client's quoted-reply line ("Tue, Mar 3, 2026 at 9:14 AM")."""
    dt = datetime.date(g.r.randint(2008, 2026), g.r.randint(1, 12), g.r.randint(1, 28))
    day = f"{MONTHS[dt.month - 1][:3]} {dt.day}, {dt.year}"
    clock = f"{g.r.randint(1, 12)}:{g.r.randint(0, 59):02d} {g.r.choice(['AM', 'PM'])}"
    v = g.r.choice([f"{DAYS[dt.weekday()][:3]}, {day} at {clock}", f"{day}, at {clock}",
                    f"{dt.month}/{dt.day}/{dt.year} {clock}"])
    return v, (v, day) if day in v else (v,)


def date_pair(g):
    start = datetime.date(g.r.randint(1998, 2025), g.r.randint(1, 12), g.r.randint(1, 28))
    end = start + datetime.timedelta(days=g.r.randint(1, 60))
    state = g.r.getstate()
    a = date(g, day=start)
    g.r.setstate(state)
    return a, date(g, day=end)


def dob(g):
    y, mo, d = g.r.randint(1926, 2016), g.r.randint(1, 12), g.r.randint(1, 28)
    v = g.r.choice([f"{y}{mo:02d}{d:02d}", f"{y}-{mo:02d}-{d:02d}", f"{mo:02d}/{d:02d}/{y}", f"{d:02d}.{mo:02d}.{y}",
                    f"{d}-{MONTHS[mo - 1][:3].upper()}-{y}"])
    return v, (v,)


def luhn_digit(digits: str) -> str:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        n = int(ch) * (2 if i % 2 == 0 else 1)
        total += n - 9 if n > 9 else n
    return str((10 - total % 10) % 10)


def national_id(g):
    """(value, label) of a national number of the v7 countries, with its check digit or letter."""
    d = g.digits
    kind = g.r.randrange(5)
    if kind == 0:  # Israeli identity number: 8 digits and a Luhn-type check digit
        body = f"{g.r.randint(0, 3)}{d(7)}"
        return body + luhn_digit(body), "Teudat Zehut"
    if kind == 1:  # Saudi national ID (1...) or iqama (2...), 10 digits, Luhn check
        body = f"{g.r.choice('12')}{d(8)}"
        return body + luhn_digit(body), g.r.choice(["Iqama no.", "National ID"])
    if kind == 2:  # Sri Lankan NIC, old form with its check letter, or the 12-digit form
        return (f"{d(9)}{g.r.choice('VX')}" if g.r.random() < 0.6 else f"{g.r.randint(1940, 2005)}{d(8)}"), "NIC"
    if kind == 3:  # Iranian national code, printed in groups
        v = d(10)
        return f"{v[:3]}-{v[3:9]}-{v[9]}", "Code Melli"
    return f"{d(9)}", "Palestinian ID"


def mrn(g):
    d = g.digits
    return g.r.choice([d(8), f"{d(7)}-{g.r.choice('0123456789X')}", f"E{d(9)}", f"{d(3)}{d(3)}{d(2)}",
                       f"MR{d(7)}", f"{d(2)}.{d(3)}.{d(3)}"])


_CC = {"SA": ("+966", [(2, 3, 4)], "5"), "IL": ("+972", [(2, 3, 4)], "5"), "IR": ("+98", [(3, 3, 4)], "9"),
       "LK": ("+94", [(2, 3, 4)], "7"), "PS": ("+970", [(2, 3, 4)], "5"), "DZ": ("+213", [(1, 2, 2, 2, 2)], "5"),
       "TH": ("+66", [(2, 3, 4)], "8")}


def phone(g):
    """(value, parts) of a phone number: US forms new to v7, or an international mobile of a v7 country."""
    if g.r.random() < 0.45:
        a, b, c = g.r.choice("2345678") + g.digits(2), g.r.choice("2345678") + g.digits(2), g.digits(4)
        v = g.r.choice([f"({a}) {b} {c}", f"{a}-{b}{c}", f"+1-{a}-{b}-{c}", f"1.{a}.{b}.{c}", f"{a} - {b} - {c}",
                        f"+1 ({a}) {b}-{c}", f"tel:+1{a}{b}{c}"])
        if v.startswith("tel:"):
            return v, (v, v[4:], f"{a}{b}{c}")
        return v, (v, *parts_of_digits(v))
    cc, shapes, lead = _CC[g.r.choice(sorted(_CC))]
    groups = [g.digits(n) for n in g.r.choice(shapes)]
    groups[0] = lead + groups[0][1:]
    sep = g.r.choice([" ", "-", " "])
    local = sep.join(groups)
    v = g.r.choice([f"{cc} {local}", f"{cc}{''.join(groups)}", f"00{cc[1:]} {local}", f"011-{cc[1:]}-{local}",
                    f"0{groups[0]}-{''.join(groups[1:])}"])
    return v, (v, *parts_of_digits(v))


def slug(first, last):
    return re.sub(r"[^a-z]", "", f"{first[0]}{last}".lower())


def handle(g, first, last):
    f, last_word = first.lower(), re.sub(r"[^a-z]", "", words_of(last)[-1].lower())
    return g.r.choice([f"{f}.{last_word}", f"{f}_{last_word}", f"{f}{last_word}{g.digits(2)}", f"{f[0]}{last_word}",
                       f"{last_word}.{f}", f"{f}{last_word[0]}{g.digits(3)}"])


def letters_of(g, n, pool="ABCDEFGHJKLMNPRSTUVWXYZ"):
    return "".join(g.r.choice(pool) for _ in range(n))
