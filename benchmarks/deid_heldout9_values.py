"""Value sources of the v9 held-out families (`deid_heldout9.py`): held out like them, never tune on it.

How the v9 documents write dates, record numbers, phones and e-mail handles (POLST and DOT forms, bills and
remittances, registry printouts, treatment and code records, evidence forms), besides plain narrative.
Names are drawn in `deid_heldout9_names`.
"""

from __future__ import annotations

import datetime
import re

from deid_harness import Planted, name, parts_of_digits
from deid_heldout9_names import person, words_of

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def nth(n: int) -> str:
    return "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


def nm(template: str, value: str, *words: str) -> Planted:
    return name(template, value, [p for w in words for p in words_of(w)])


def full(g, sex=None) -> tuple[str, str, str]:
    first, last = person(g, sex)
    return first, last, f"{first} {last}"


def idp(template: str, v: str) -> Planted:
    return Planted("ID", template, v, (v, *parts_of_digits(v)))


def datep(template: str, v: str) -> Planted:
    return Planted("DATE", template, v, (v,))


def day(g, lo: int = 1996, hi: int = 2026) -> datetime.date:
    return datetime.date(g.r.randint(lo, hi), g.r.randint(1, 12), g.r.randint(1, 28))


def date(g, d: datetime.date | None = None) -> str:
    """A day-level date in spellings of forms, bills, registries and narrative, some no earlier split
    printed ("2023-03-04T09:15", "MAR 04 2023", "04 March, 2023", "3/4", "Mar. 4th")."""
    d = d or day(g)
    m = MONTHS[d.month - 1]
    mon = m[:3]
    forms = [f"{d.month}/{d.day}/{d.year}", f"{d.month:02d}/{d.day:02d}/{d.year}", f"{m} {d.day}, {d.year}",
             f"{mon.upper()} {d.day:02d} {d.year}", f"{d.day:02d} {m}, {d.year}", f"{d.month}/{d.day}",
             f"{mon}. {d.day}{nth(d.day)}", f"{d.year}-{d.month:02d}-{d.day:02d}T{g.r.randint(0, 23):02d}:15",
             f"{d.month}-{d.day}-{d.year}", f"{d.day} {mon} {d.year % 100:02d}", f"{mon} {d.day}, '{d.year % 100:02d}",
             f"{d.month:02d}{d.day:02d}{d.year}", f"{DAYS[d.weekday()]} {d.month}/{d.day}/{d.year % 100:02d}"]
    return g.r.choice(forms)


def dob(g) -> str:
    d = day(g, 1925, 2024)
    return g.r.choice([f"{d.month}/{d.day}/{d.year}", f"{d.month:02d}-{d.day:02d}-{d.year}",
                       f"{MONTHS[d.month - 1][:3]} {d.day}, {d.year}", f"{d.year}{d.month:02d}{d.day:02d}"])


def clock_date(g) -> str:
    """A date with a clock time, as code records, dialysis machines and evidence forms stamp it."""
    d = day(g, 2014)
    hh, mm = g.r.randint(0, 23), g.r.randint(0, 59)
    return g.r.choice([f"{d.month}/{d.day}/{d.year} {hh:02d}{mm:02d}",
                       f"{d.year}-{d.month:02d}-{d.day:02d} {hh:02d}:{mm:02d}",
                       f"{MONTHS[d.month - 1][:3].upper()}-{d.day:02d}-{d.year} {hh:02d}:{mm:02d}",
                       f"{d.month:02d}/{d.day:02d}/{d.year % 100:02d} @ {hh:02d}:{mm:02d}"])


def letters(g, n: int, pool: str = "ABCDEFGHJKLMNPQRSTUVWXYZ") -> str:
    return "".join(g.r.choice(pool) for _ in range(n))


def mrn(g) -> str:
    d = g.digits
    return g.r.choice([d(7), d(8), f"{d(2)}{letters(g, 1)}{d(5)}", f"E{d(7)}", f"{d(4)}-{d(4)}",
                       f"{d(3)} {d(3)} {d(3)}", f"{d(10)}"])


def phone(g) -> tuple[str, tuple[str, ...]]:
    """(value, parts) of a US phone number, spelled as bills, letters and call records write it."""
    a = g.r.choice("23456789") + g.digits(2)
    b = g.r.choice("23456789") + g.digits(2)
    c = g.digits(4)
    v = g.r.choice([f"{a}-{b}-{c}", f"({a}) {b}-{c}", f"{a}.{b}.{c}", f"1-{a}-{b}-{c}", f"{a} {b} {c}",
                    f"({a}) {b}-{c}, ext {g.digits(4)}", f"+1 ({a}) {b}-{c}", f"{a}{b}{c}"])
    return v, (v, *parts_of_digits(v), *((f"{b}-{c}",) if f"{b}-{c}" in v else ()))


def handle(g, first: str, last: str) -> str:
    f = re.sub(r"[^a-z]", "", first.lower())
    la = re.sub(r"[^a-z]", "", words_of(last)[-1].lower())
    return g.r.choice([f"{f}{la}", f"{f}_{la}", f"{la}.{f}", f"{f[0]}.{la}{g.digits(2)}", f"{la}{g.digits(3)}",
                       f"{f}.{la[0]}"])
