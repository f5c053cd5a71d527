"""Value sources of the v5 held-out families (`deid_heldout5.py`): held out like them, never tune on it.

Names come from Faker locales whose names are not written in Latin script, romanized as an English note
writes them (see `deid_heldout5`); towns abroad from the same locales; dates, record numbers and licence
numbers in the formats (and with the check digits) real ones have.
"""

from __future__ import annotations

import datetime
import re
import unicodedata

from deid_harness import known_to_detector

_ROMANIZED = ("ja_JP", "zh_CN", "zh_TW")  # Faker's own romanized names
_TRANSLITERATED = ("ru_RU", "uk_UA", "bg_BG", "mk_MK", "el_GR", "hy_AM", "ka_GE", "ko_KR")  # via anyascii
HELDOUT_LOCALES = _ROMANIZED + _TRANSLITERATED
PATRONYMIC = ("ru_RU", "uk_UA")
_PRE = {  # letters anyascii spells the Russian way, or digraphs it spells letter by letter
    "uk_UA": {"Г": "H", "г": "h", "И": "Y", "и": "y", "Ґ": "G", "ґ": "g", "Є": "Ye", "є": "ie", "Ї": "Yi", "ї": "i"},
    "bg_BG": {"Щ": "Sht", "щ": "sht", "Ъ": "A", "ъ": "a", "Х": "H", "х": "h", "ьо": "yo"},
    "mk_MK": {"Ѓ": "Gj", "ѓ": "gj", "Ќ": "Kj", "ќ": "kj", "Ѕ": "Dz", "ѕ": "dz", "Џ": "Dzh", "џ": "dzh", "Ј": "J",
              "ј": "j", "Ц": "C", "ц": "c", "Х": "H", "х": "h"},
    "el_GR": {"ΟΥ": "OU", "Ου": "Ou", "ου": "ou", "Αυ": "Av", "αυ": "av", "Ευ": "Ev", "ευ": "ev", "Μπ": "B",
              "μπ": "mb", "Γκ": "G", "γκ": "ng", "γγ": "ng"},
    "hy_AM": {"Ու": "U", "ու": "u", "և": "ev", "Ռ": "R", "ռ": "r"},
}
_KO_SURNAMES = dict(w.split(":") for w in (
    "김:Kim 이:Lee 박:Park 최:Choi 정:Jung 강:Kang 조:Cho 윤:Yoon 장:Jang 임:Lim 한:Han 오:Oh 서:Seo 신:Shin 권:Kwon "
    "황:Hwang 안:Ahn 송:Song 류:Ryu 유:Yoo 전:Jeon 홍:Hong 고:Ko 문:Moon 양:Yang 손:Son 배:Bae 백:Baek 허:Heo 남:Nam "
    "심:Shim 노:Noh 하:Ha 곽:Kwak 성:Sung 차:Cha 주:Joo 우:Woo 구:Koo 민:Min 진:Jin 지:Ji 엄:Eom 나:Na").split())
WORD_SURNAMES = ("Song", "Moon", "Bang", "Kong", "Gil", "Won", "Bong", "Ban", "Long", "Pan", "Tang", "Fang", "Gong",
                  "Hang", "Ding", "Chin", "Wing", "Lam", "Tam", "Mock", "Hung", "Fan", "Yam", "Ting", "Sin", "Gee",
                  "Toy", "Dong", "Bing", "Pang", "Sang", "Chew", "Chow")
NICKNAMES = {"Aleksandr": "Sasha", "Aleksandra": "Sasha", "Mikhail": "Misha", "Dmitriy": "Dima", "Nikolay": "Kolya",
              "Ekaterina": "Katya", "Tatyana": "Tanya", "Evgeniy": "Zhenya", "Evgeniya": "Zhenya", "Vladimir": "Vova",
              "Sergey": "Seryozha", "Aleksey": "Lyosha", "Pavel": "Pasha", "Konstantin": "Kostya",
              "Anastasiya": "Nastya", "Lyudmila": "Lyuda", "Mariya": "Masha", "Olga": "Olya", "Svetlana": "Sveta",
              "Grigoriy": "Grisha", "Yuriy": "Yura", "Viktor": "Vitya", "Galina": "Galya", "Valentina": "Valya",
              "Vyacheslav": "Slava", "Irina": "Ira", "Nadezhda": "Nadya", "Lyubov": "Lyuba", "Vasiliy": "Vasya",
              "Konstantinos": "Kostas", "Georgios": "Giorgos", "Ioannis": "Giannis", "Panagiotis": "Panos",
              "Evangelos": "Vangelis", "Athanasios": "Thanasis", "Vasileios": "Vasilis", "Aikaterini": "Katerina",
              "Panagiota": "Giota", "Hovhannes": "Hovo", "Grigor": "Gugo"}
WORD_NICKNAMES = ("Sunny", "Bear", "Peanut", "Tiny", "Butch", "Dusty", "Skip", "Chip", "Ace", "Sparky", "Bunny",
                  "Cookie", "Boots", "Lucky", "Smiley", "Bubba", "Sissy", "Pumpkin", "Tank", "Moose", "Ziggy")
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"]
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
STATES = ("OR", "WI", "NC", "AZ", "VT", "MN", "GA", "MO", "NE", "WV", "ID", "SD")
STATE_NAMES = ("Oregon", "Wisconsin", "Arizona", "Vermont", "Minnesota", "Missouri", "Nebraska", "Montana")
COUNTRIES = {"ru_RU": "Russia", "uk_UA": "Ukraine", "bg_BG": "Bulgaria", "mk_MK": "North Macedonia",
              "el_GR": "Greece", "hy_AM": "Armenia", "ka_GE": "the Republic of Georgia", "zh_CN": "China"}
_FAKERS: dict = {}


def _faker(g, loc):
    from faker import Faker

    fake = _FAKERS.get(loc) or _FAKERS.setdefault(loc, Faker(loc))
    fake.seed_instance(g.r.randrange(1 << 30))
    return fake


def _cap(text):
    return " ".join("-".join(p[:1].upper() + p[1:] for p in w.split("-")) for w in text.split())


def _roman(loc, text):
    """`text` of locale `loc` in Latin letters, spelled the way an English note would write it."""
    from anyascii import anyascii

    if loc == "el_GR":  # accents off first, so that "ού" is a digraph like "ου"
        text = unicodedata.normalize("NFC", "".join(c for c in unicodedata.normalize("NFD", text)
                                                    if not unicodedata.combining(c)))
    for a, b in _PRE.get(loc, {}).items():
        text = text.replace(a, b)
    text = re.sub(r"[\"'`\u02bc\u2019]", "", anyascii(text))
    return _cap(text.lower() if loc == "ka_GE" else text)


def _ko_given(g, hangul):
    from anyascii import anyascii

    syll = [re.sub(r"(?<!n)g$", "k", s.lower()).replace("b", "p") if s[-1:] in "gb" else s.lower()
            for s in re.findall(r"[A-Z][a-z]*", anyascii(hangul))]
    return syll[0].capitalize() + ("-" if g.r.random() < 0.3 else "").join([""] + syll[1:]) if syll else ""


def ok(word):
    parts = re.split(r"[\s-]+", word)
    return bool(word) and all(p.isascii() and p.isalpha() and len(p) >= 2 and not known_to_detector(p) for p in parts)


def person(g, locales=HELDOUT_LOCALES, sex=None):
    """(given name, surname, patronymic or "") of one person of `sex` from one of `locales`, in Latin letters."""
    for _ in range(200):
        loc, sex = g.r.choice(locales), sex or g.r.choice(("male", "female"))
        fake = _faker(g, loc)
        middle = ""
        if loc in _ROMANIZED:
            given = getattr(fake, f"first_romanized_name_{sex}", fake.first_romanized_name)()
            first, last = given.title(), fake.last_romanized_name().title()
        elif loc == "ko_KR":
            hangul = fake.last_name()
            first = _ko_given(g, getattr(fake, f"first_name_{sex}")())
            last = _KO_SURNAMES.get(hangul) or _roman(loc, hangul)
        else:
            first = _roman(loc, getattr(fake, f"first_name_{sex}")())
            last = _roman(loc, getattr(fake, f"last_name_{sex}", fake.last_name)())
            if loc in PATRONYMIC:
                middle = _roman(loc, getattr(fake, f"middle_name_{sex}")())
        if all(ok(w) for w in (first, last, *([middle] if middle else []))):
            return first, last, middle
    raise RuntimeError("no romanized name outside the detector's lists after 200 draws")


def town(g):
    """(town, country) abroad, transliterated, none of whose words a detector list holds (else a US city)."""
    for _ in range(200):
        loc = g.r.choice(sorted(COUNTRIES))
        fake = _faker(g, loc)
        town = _roman(loc, getattr(fake, "city_name", fake.city)())
        if ok(town):
            return town, COUNTRIES[loc]
    return g.city(), "Canada"


def nth(n):
    return f"{n}{'th' if 10 <= n % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"


def date(g, lo=1997, hi=2025):
    """(value, parts) of one date between `lo` and `hi` in one of many spellings."""
    dt = datetime.date(g.r.randint(lo, hi), g.r.randint(1, 12), g.r.randint(1, 28))
    y, mo, d = dt.year, dt.month, dt.day
    m, hh, mi = MONTHS[mo - 1], g.r.randint(0, 23), g.r.randint(0, 59)
    mon, wd, slash = m[:3], _WEEKDAYS[dt.weekday()], f"{mo:02d}/{d:02d}/{y}"
    forms = [(f"{d:02d}{mon.upper()}{y}", ()), (f"{d} {mon.upper()} {y % 100:02d}", ()), (f"{y}{mo:02d}{d:02d}", ()),
             (f"{m} {nth(d)}", ()), (f"{nth(d)} of {m}", ()), (f"{wd}, {m} {d}, {y}", (f"{m} {d}, {y}",)),
             (f"{wd[:3]} {mo}/{d}", (f"{mo}/{d}",)), (f"{mo}.{d}.{y}", ()), (f"{y}.{mo:02d}.{d:02d}", ()),
             (f"{mo}/{d}/{y} {hh:02d}{mi:02d}", (f"{mo}/{d}/{y}",)),
             (f"{slash} @ {hh % 12 + 1}:{mi:02d} {'AM' if hh < 12 else 'PM'}", (slash,)),
             (f"{y}-{mo:02d}-{d:02d}T{hh:02d}:{mi:02d}:00", ()), (f"{mon}. {d}, {y}", ()), (f"{nth(d)} {m} {y}", ()),
             (f"{max(d, 13)}/{mo}/{y}", ()), (f"{m} of {y}", ()), (f"{m.lower()} {d}, {y}", ()),
             (f"{mo}/{d}/{y % 100:02d}", ()), (f"{m} {d}, {y}", ()), (f"{mon} {d}", ()), (f"{mo}-{d}-{y}", ()),
             (f"{mon.upper()} {d} {y}", ()), (f"{slash}", ())]
    v, extra = g.r.choice(forms)
    return v, (v, *extra)


def dob(g):
    """(value, parts) of a date of birth in a form a header or label prints."""
    y, mo, d = g.r.randint(1921, 2012), g.r.randint(1, 12), g.r.randint(1, 28)
    mon = MONTHS[mo - 1][:3]
    v = g.r.choice([f"{mo:02d}/{d:02d}/{y}", f"{mo}/{d}/{y}", f"{d:02d}-{mon}-{y}", f"{y}-{mo:02d}-{d:02d}",
                    f"{MONTHS[mo - 1]} {d}, {y}", f"{mo:02d}-{d:02d}-{y}", f"{d:02d}{mon.upper()}{y}"])
    return v, (v,)


def mrn(g):
    d = g.digits
    return g.r.choice([d(8), f"{d(3)}-{d(4)}", f"E{d(7)}", d(10), f"00{d(6)}"])


def letters(g, n, pool="ABCDEFGHJKLMNPRSTUVWXYZ"):
    return "".join(g.r.choice(pool) for _ in range(n))


def dea(g, surname):
    """A DEA registration number: type letter, surname initial, six digits and the DEA check digit."""
    d = [g.r.randint(0, 9) for _ in range(6)]
    check = (d[0] + d[2] + d[4] + 2 * (d[1] + d[3] + d[5])) % 10
    return f"{g.r.choice('ABFGM')}{surname[0].upper()}{''.join(map(str, d))}{check}"


def _luhn_check(digits):
    total = 0
    for i, ch in enumerate(reversed(digits)):
        n = int(ch) * (2 if i % 2 == 0 else 1)
        total += n - 9 if n > 9 else n
    return str((10 - total % 10) % 10)


def npi(g):
    """A 10-digit NPI with its Luhn check digit (computed over the 80840 prefix, as CMS defines it)."""
    body = g.r.choice("12") + g.digits(8)
    return body + _luhn_check("80840" + body)


_VIN_VALUES = dict(zip("ABCDEFGHJKLMNPRSTUVWXYZ", (1, 2, 3, 4, 5, 6, 7, 8, 1, 2, 3, 4, 5, 7, 9, 2, 3, 4, 5, 6, 7, 8, 9),
                       strict=True))
_VIN_CHARS = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789"


def vin(g):
    """A 17-character VIN (no I, O or Q) with its position-9 check digit."""
    chars = list(g.r.choice(["1HG", "1FT", "2T1", "3VW", "JTD", "KMH", "5YJ", "1G1", "WBA", "4T1"])
                 + "".join(g.r.choice(_VIN_CHARS) for _ in range(5)) + "0"
                 + g.r.choice("ABCDEFGHJKLMNPRSTVWXY123456789") + g.r.choice(_VIN_CHARS) + g.digits(6))
    weights = (8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2)
    rem = sum((int(c) if c.isdigit() else _VIN_VALUES[c]) * w for c, w in zip(chars, weights, strict=True)) % 11
    chars[8] = "X" if rem == 10 else str(rem)
    return "".join(chars)


def mbi(g):
    """A Medicare Beneficiary Identifier in CMS's character pattern, with or without its dashes."""
    let, num = "ACDEFGHJKMNPQRTUVWXY", "0123456789"
    pattern = ("123456789", let, let + num, num, let, let + num, num, let, let, num, num)
    v = "".join(g.r.choice(pool) for pool in pattern)
    return g.r.choice([v, f"{v[:4]}-{v[4:7]}-{v[7:]}"])


_UNITS = ("", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


def age_words(age, r):
    """An age of 90 to 109 in words ("ninety-four", "one hundred and two", "a hundred three")."""
    if age < 100:
        return "ninety" + (f"-{_UNITS[age - 90]}" if age > 90 else "")
    rest = age - 100
    return r.choice(["one hundred", "a hundred"]) + (f" {r.choice(['and ', ''])}{_UNITS[rest]}" if rest else "")
