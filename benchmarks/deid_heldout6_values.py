"""Value sources of the v6 held-out families (`deid_heldout6.py`): held out like them, never tune on it.

Names come from Faker's South Asian locales, written in Brahmic scripts, romanized as an English note
writes them (see `deid_heldout6`); dates, record numbers, phones and towns in the forms the v6 documents
(operative and radiology headers, requisitions, labels, letters, faxes, audit lines) print them.
"""

from __future__ import annotations

import datetime
import re
import unicodedata

from deid_harness import known_to_detector, parts_of_digits

HELDOUT_LOCALES = ("hi_IN", "mr_IN", "ne_NP", "gu_IN", "bn_BD", "or_IN", "ta_IN")
_NO_FINAL_SCHWA = frozenset(HELDOUT_LOCALES) - {"ta_IN"}  # Tamil writes its own final consonants
_VOWEL_LETTERS = frozenset("A AA I II U UU E EE AI O OO AU".split())
# English spellings of Indic letters where anyascii keeps the scholarly ones (c, s, vowel-sign digraphs)
_CONSONANT = {"CA": "ch", "CHA": "chh", "SHA": "sh", "SSA": "sh", "NNA": "n", "TTA": "t", "DDA": "d", "TTHA": "th",
              "DDHA": "dh", "NGA": "n", "NYA": "n", "YYA": "y", "LLA": "l", "LLLA": "zh", "RRA": "r"}
_TAMIL_CONSONANT = {"CA": "s", "TTA": "t", "TA": "th", "KA": "k", "PA": "p", "LLA": "l", "RRA": "r", "NNNA": "n"}
_SIGN = {"AA": "a", "I": "i", "II": "i", "U": "u", "UU": "u", "E": "e", "EE": "e", "AI": "ai", "O": "o", "OO": "o",
         "AU": "au", "CANDRA O": "o", "CANDRA E": "e", "VOCALIC R": "ri", "AU LENGTH MARK": "au"}
_CODA = {"ANUSVARA": "n", "CANDRABINDU": "n", "VISARGA": "h"}


def _unit(ch: str, loc: str) -> tuple[str, str]:
    """(kind, Latin) of one Brahmic character: C consonant, M vowel sign, X virama, V vowel, N coda, O other."""
    from anyascii import anyascii

    uname = unicodedata.name(ch, "")
    if " SIGN NUKTA" in uname:
        return "O", ""
    if uname.endswith(("SIGN VIRAMA", "SIGN HALANT")):
        return "X", ""
    sign = re.search(r" (?:VOWEL|DEPENDENT VOWEL) SIGN (.+)$", uname)
    if sign:
        return "M", _SIGN.get(sign.group(1), anyascii(ch))
    coda = re.search(r" SIGN (\w+)$", uname)
    if coda and coda.group(1) in _CODA:
        return "N", _CODA[coda.group(1)]
    letter = re.search(r" LETTER (\w+)$", uname)
    if letter and " VOCALIC " not in uname:
        key = letter.group(1)
        if key in _VOWEL_LETTERS:
            return "V", _SIGN.get(key, key.lower())[:2] if key != "A" else "a"
        table = _TAMIL_CONSONANT if loc == "ta_IN" else {}
        return "C", table.get(key) or _CONSONANT.get(key) or anyascii(ch).lower()
    return "O", anyascii(ch).lower().replace("'", "")


def _word(word: str, loc: str) -> str:
    units = [_unit(ch, loc) for ch in word]
    seq: list[list[str]] = []  # [kind, latin], with "I" for an inherent vowel
    for i, (kind, latin) in enumerate(units):
        if not latin:
            continue
        seq.append([kind, latin])
        if kind == "C":
            nxt = next((k for k, lat in units[i + 1:] if lat or k == "X"), None)
            if nxt not in ("M", "X"):
                seq.append(["I", "a"])
    vowel = ("V", "M", "I")
    if loc in _NO_FINAL_SCHWA and len(seq) > 3 and seq[-1][0] == "I" and seq[-3][0] != "C":
        seq.pop()  # Hindi-type final schwa deletion, kept after a cluster ("Indra")
    if loc in _NO_FINAL_SCHWA:
        for i in range(len(seq) - 3, 1, -1):  # medial schwa deletion, right to left: VC_CV
            if (seq[i][0] == "I" and seq[i - 1][0] == "C" and seq[i - 2][0] in vowel
                    and seq[i + 1][0] == "C" and i + 2 < len(seq) and seq[i + 2][0] in vowel):
                del seq[i]
    text = "".join(lat for _, lat in seq)
    return text[:1].upper() + text[1:]


def roman(text: str, loc: str) -> str:
    """`text` of locale `loc` in Latin letters, spelled the way a US note writes South Asian names."""
    return " ".join(_word(w, loc) for w in unicodedata.normalize("NFC", text).split())


def ok(word: str) -> bool:
    parts = re.split(r"[\s-]+", word)
    return bool(word) and all(p.isascii() and p.isalpha() and len(p) >= 2 and not known_to_detector(p) for p in parts)


_FAKERS: dict = {}


def _faker(g, loc):
    from faker import Faker

    fake = _FAKERS.get(loc) or _FAKERS.setdefault(loc, Faker(loc))
    fake.seed_instance(g.r.randrange(1 << 30))
    return fake


def person(g, sex=None, locales=HELDOUT_LOCALES):
    """(given name, surname) of one person of `sex` from one of `locales`, romanized, on no detector list."""
    for _ in range(300):
        loc, s = g.r.choice(locales), sex or g.r.choice(("male", "female"))
        fake = _faker(g, loc)
        first = roman(getattr(fake, f"first_name_{s}", fake.first_name)(), loc)
        last = roman(getattr(fake, f"last_name_{s}", fake.last_name)(), loc)
        if " " not in first and " " not in last and ok(first) and ok(last) and first != last:
            return first, last
    raise RuntimeError("no romanized name outside the detector's lists after 300 draws")


MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")


def date(g, lo=1996, hi=2026, day=None, form=None):
    """(value, parts) of one day (`day`, else drawn) in form number `form` (else drawn) of those that headers,
    labels, faxes and audit logs print."""
    dt = day or datetime.date(g.r.randint(lo, hi), g.r.randint(1, 12), g.r.randint(1, 28))
    y, mo, d = dt.year, dt.month, dt.day
    m, hh, mi, ss = MONTHS[mo - 1], g.r.randint(0, 23), g.r.randint(0, 59), g.r.randint(0, 59)
    mon = m[:3]
    slash = f"{mo:02d}/{d:02d}/{y}"
    forms = [
        (slash, ()), (f"{mo}/{d}/{y}", ()), (f"{mo:02d}/{d:02d}/{y % 100:02d}", ()), (f"{y}-{mo:02d}-{d:02d}", ()),
        (f"{m} {d}, {y}", ()), (f"{mon} {d}, {y}", ()), (f"{d}-{mon.upper()}-{y}", ()), (f"{d} {mon} {y}", ()),
        (f"{mon.upper()}-{d:02d}-{y}", ()), (f"{slash} {hh:02d}:{mi:02d}:{ss:02d}", (slash,)),
        (f"{y}-{mo:02d}-{d:02d} {hh:02d}:{mi:02d}", (f"{y}-{mo:02d}-{d:02d}",)),
        (f"{mo:02d}-{d:02d}-{y % 100:02d}", ()), (f"{mon}-{d}-{y}", ()), (f"{d}.{mo}.{y}", ()),
        (f"{m.upper()} {d}, {y}", ()), (f"{mo}/{d}", ()), (f"{y}{mo:02d}{d:02d}{hh:02d}{mi:02d}", ()),
        (f"{mon} '{y % 100:02d}", ()), (f"the {d}{_nth(d)} of {m}", (f"{d}{_nth(d)} of {m}",)),
    ]
    v, extra = forms[g.r.randrange(len(forms)) if form is None else form % len(forms)]
    return v, (v, *extra)


def date_pair(g):
    """Two dates in one form, the second 1-90 days after the first, as a period or a sequence prints them."""
    start = datetime.date(g.r.randint(1996, 2025), g.r.randint(1, 12), g.r.randint(1, 28))
    form = g.r.randrange(64)
    end = start + datetime.timedelta(days=g.r.randint(1, 90))
    return date(g, day=start, form=form), date(g, day=end, form=form)


def _nth(n):
    return "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


def dob(g):
    y, mo, d = g.r.randint(1924, 2015), g.r.randint(1, 12), g.r.randint(1, 28)
    v = g.r.choice([f"{mo:02d}/{d:02d}/{y}", f"{mo}/{d}/{y}", f"{d}-{MONTHS[mo - 1][:3]}-{y}", f"{y}-{mo:02d}-{d:02d}",
                    f"{MONTHS[mo - 1][:3]} {d}, {y}"])
    return v, (v,)


def mrn(g):
    d = g.digits
    return g.r.choice([d(7), d(9), f"M{d(8)}", f"{d(2)}-{d(5)}", f"H{d(6)}", f"000{d(7)}", f"{d(4)} {d(4)}"])


def phone(g):
    """(value, parts) of a US phone number in one of the ways forms and fax banners print it."""
    a, b, c = g.r.choice("2345678") + g.digits(2), g.r.choice("2345678") + g.digits(2), g.digits(4)
    v = g.r.choice([f"({a}) {b}-{c}", f"{a}-{b}-{c}", f"{a}.{b}.{c}", f"1-{a}-{b}-{c}", f"+1 {a} {b} {c}",
                    f"({a}){b}-{c}", f"{a} {b} {c}", f"{a}/{b}-{c}", f"1 ({a}) {b}-{c}", f"{a}{b}{c}"])
    return v, (v, *parts_of_digits(v))


def slug(first, last):
    return f"{first[0].lower()}{last.lower()}"


def letters_of(g, n, pool="ABCDEFGHJKLMNPRSTUVWXYZ"):
    return "".join(g.r.choice(pool) for _ in range(n))
