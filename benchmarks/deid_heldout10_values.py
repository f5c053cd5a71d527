"""Value sources of the v10 held-out families (`deid_heldout10.py`): held out like them, never tune on it.

How v10's documents write dates, record numbers, phones and mail handles: narrative and ordinary paperwork,
and the spellings of registries, handoff tools, census boards, home-health and legal forms (names are drawn
in `deid_heldout10_names`).
"""

from __future__ import annotations

import datetime
import re

from deid_harness import Planted, name, parts_of_digits
from deid_heldout10_names import person, words_of

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def suffix(n: int) -> str:
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


def day(g, lo: int = 1997, hi: int = 2026) -> datetime.date:
    return datetime.date(g.r.randint(lo, hi), g.r.randint(1, 12), g.r.randint(1, 28))


def date(g, d: datetime.date | None = None) -> str:
    """A day-level date as notes, registries and forms print it, some in spellings no earlier split used
    (year.month.day with dots, day-MON-year, day.roman-month.year, a weekday in brackets)."""
    d = d or day(g)
    m = MONTHS[d.month - 1]
    ab = m[:3]
    roman = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")[d.month - 1]
    forms = [f"{d.month}/{d.day}/{d.year}", f"{d.month:02d}/{d.day:02d}/{d.year}", f"{m} {d.day}, {d.year}",
             f"{d.year}.{d.month:02d}.{d.day:02d}", f"{d.day:02d}-{ab.upper()}-{d.year}", f"{ab} {d.day} {d.year}",
             f"{d.day}.{roman}.{d.year}", f"{d.month}/{d.day}/{d.year} ({DAYS[d.weekday()][:3]})",
             f"{d.year}{d.month:02d}{d.day:02d}", f"{'Sept' if d.month == 9 else ab}. {d.day}, {d.year}",
             f"{d.month}/{d.day}/{d.year % 100:02d}", f"{ab}-{d.day}",
             f"{DAYS[d.weekday()]}, {m} {d.day}", f"{d.day} {m} {d.year}"]
    return g.r.choice(forms)


def dob(g) -> str:
    d = day(g, 1924, 2025)
    return g.r.choice([f"{d.month}/{d.day}/{d.year}", f"{d.month:02d}/{d.day:02d}/{d.year}",
                       f"{d.day:02d}-{MONTHS[d.month - 1][:3].upper()}-{d.year}",
                       f"{d.year}-{d.month:02d}-{d.day:02d}"])


def stamp(g) -> str:
    """A date with a time, as census boards, secure chats and rapid-response records stamp it."""
    d = day(g, 2016)
    hh, mm = g.r.randint(0, 23), g.r.randint(0, 59)
    h12 = (hh % 12) or 12
    return g.r.choice([f"{d.month}/{d.day}/{d.year} {h12}:{mm:02d} {'AM' if hh < 12 else 'PM'}",
                       f"{d.year}-{d.month:02d}-{d.day:02d}T{hh:02d}:{mm:02d}:00",
                       f"{d.day:02d}{MONTHS[d.month - 1][:3].upper()}{d.year % 100:02d} {hh:02d}{mm:02d}",
                       f"{MONTHS[d.month - 1][:3]} {d.day}, {d.year} at {hh:02d}{mm:02d}h"])


def caps(g, n: int, pool: str = "ABCDEFGHJKLMNPRSTUVWXYZ") -> str:
    return "".join(g.r.choice(pool) for _ in range(n))


def record(g) -> str:
    d = g.digits
    return g.r.choice([d(7), d(8), f"{d(3)}-{d(2)}-{d(2)}", f"M{d(8)}", f"{caps(g, 2)}{d(6)}", f"{d(6)}/{d(2)}",
                       f"00{d(7)}", f"{d(2)}.{d(3)}.{d(3)}"])


def phone(g) -> tuple[str, tuple[str, ...]]:
    """(value, parts) of a US phone number as messages, census boards, forms and cards spell it."""
    a = g.r.choice("23456789") + g.digits(2)
    b = g.r.choice("23456789") + g.digits(2)
    c = g.digits(4)
    v = g.r.choice([f"{a}-{b}-{c}", f"({a}) {b}-{c}", f"{a}.{b}.{c}", f"{a}/{b}-{c}", f"+1-{a}-{b}-{c}",
                    f"({a}){b}-{c}", f"{a}-{b}-{c} x{g.digits(3)}", f"1 ({a}) {b} {c}", f"+1{a}{b}{c}"])
    return v, (v, *parts_of_digits(v), *((f"{b}-{c}",) if f"{b}-{c}" in v else ()))


def handle(g, first: str, last: str) -> str:
    f = re.sub(r"[^a-z]", "", first.lower())
    la = re.sub(r"[^a-z]", "", words_of(last)[-1].lower())
    return g.r.choice([f"{f}.{la}", f"{f}{la[0]}{g.digits(2)}", f"{la}_{f[0]}", f"{f[0]}{la}", f"{f}-{la}",
                       f"{la}{f}{g.digits(4)}"])
