"""Value sources of the v8 held-out families (`deid_heldout8.py`): held out like them, never tune on it.

Dates, record numbers, phones and handles in the forms the v8 documents print them: instrument headers
(ECG carts, DICOM headers, sleep and lung-function reports), blood-bank and milk-bank labels, registry
abstracts, forms and chat exports, beside ordinary narrative. Names come from `deid_heldout8_names`.
"""

from __future__ import annotations

import datetime
import re

from deid_harness import Planted, name, parts_of_digits
from deid_heldout8_names import words_of

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_ROMAN = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii")


def nth(n: int) -> str:
    return "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


def nm(template: str, value: str, *words: str) -> Planted:
    """A planted name whose parts are the value and its distinctive words."""
    return name(template, value, [p for w in words for p in words_of(w)])


def idp(template: str, v: str) -> Planted:
    return Planted("ID", template, v, (v, *parts_of_digits(v)))


def datep(template: str, v: str) -> Planted:
    return Planted("DATE", template, v, (v,))


def day(g, lo: int = 1995, hi: int = 2026) -> datetime.date:
    return datetime.date(g.r.randint(lo, hi), g.r.randint(1, 12), g.r.randint(1, 28))


def date(g, d: datetime.date | None = None) -> str:
    """A day-level date in the spellings instruments, forms and narrative use, including forms no earlier
    split printed ("04MAR2023", "4.iii.2023", "Sat 4 Mar 2023", "2023.03.04", "March the fourth")."""
    d = d or day(g)
    mon, m = MONTHS[d.month - 1][:3], MONTHS[d.month - 1]
    forms = [f"{d.day:02d}{mon.upper()}{d.year}", f"{d.day}.{_ROMAN[d.month - 1]}.{d.year}",
             f"{DAYS[d.weekday()][:3]} {d.day} {mon} {d.year}", f"{d.year}.{d.month:02d}.{d.day:02d}",
             f"{d.month}/{d.day}/{d.year}", f"{m} {d.day}, {d.year}", f"{d.month:02d}/{d.day:02d}/{d.year % 100:02d}",
             f"{mon} {d.day} {d.year}", f"{d.day}-{mon}-{d.year % 100:02d}", f"{d.year}-{d.month:02d}-{d.day:02d}",
             f"{DAYS[d.weekday()]}, {m} {d.day}", f"{m} {d.day}{nth(d.day)}", f"{d.month}.{d.day}.{d.year % 100:02d}"]
    return g.r.choice(forms)


def stamp(g) -> str:
    """A date with a clock time, as devices and message exports print it."""
    d = day(g, 2012)
    hh, mm = g.r.randint(0, 23), g.r.randint(0, 59)
    forms = [f"{d.month:02d}/{d.day:02d}/{d.year} {hh:02d}:{mm:02d}",
             f"{d.year}{d.month:02d}{d.day:02d} {hh:02d}{mm:02d}",
             f"{d.day:02d}-{MONTHS[d.month - 1][:3]}-{d.year} {hh:02d}:{mm:02d}:{g.r.randint(0, 59):02d}",
             f"{d.month}/{d.day}/{d.year % 100:02d}, {(hh % 12) or 12}:{mm:02d} {'AM' if hh < 12 else 'PM'}"]
    return g.r.choice(forms)


def dicom_date(g) -> str:
    d = day(g)
    return f"{d.year}{d.month:02d}{d.day:02d}"


def dob(g) -> str:
    d = day(g, 1924, 2022)
    return g.r.choice([f"{d.month:02d}/{d.day:02d}/{d.year}", f"{d.day:02d}{MONTHS[d.month - 1][:3].upper()}{d.year}",
                       f"{d.year}-{d.month:02d}-{d.day:02d}", f"{d.month}/{d.day}/{d.year}"])


def letters(g, n: int, pool: str = "ABCDEFGHJKLMNPRSTUVWXYZ") -> str:
    return "".join(g.r.choice(pool) for _ in range(n))


def mrn(g) -> str:
    d = g.digits
    return g.r.choice([d(7), d(8), f"{d(3)}-{d(4)}", f"M{d(8)}", f"{d(2)}-{d(6)}", f"{letters(g, 1)}{d(7)}",
                       f"{d(9)}"])


def phone(g) -> tuple[str, tuple[str, ...]]:
    """(value, parts) of a US phone in the forms pagers, forms and chats print, extensions included."""
    a = g.r.choice("23456789") + g.digits(2)
    b = g.r.choice("23456789") + g.digits(2)
    c = g.digits(4)
    v = g.r.choice([f"{a}-{b}-{c}", f"({a}){b}-{c}", f"{a}.{b}.{c}", f"{a} {b}-{c} ext. {g.digits(3)}",
                    f"1 {a} {b} {c}", f"{a}/{b}-{c}", f"({a}) {b}-{c} x{g.digits(4)}", f"+1.{a}.{b}.{c}"])
    return v, (v, *parts_of_digits(v), *((f"{b}-{c}",) if f"{b}-{c}" in v else ()))


def handle(g, first: str, last: str) -> str:
    f = re.sub(r"[^a-z]", "", first.lower())
    la = re.sub(r"[^a-z]", "", words_of(last)[-1].lower())
    return g.r.choice([f"{f}.{la}", f"{f[0]}{la}", f"{la}{f[0]}{g.digits(2)}", f"{f}-{la}", f"{f}{g.digits(4)}",
                       f"{la}.{f[0]}"])
