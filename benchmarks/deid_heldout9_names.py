"""Name source of the v9 held-out families (`deid_heldout9.py`): held out like them, never tune on it.

Every Faker person locale served an earlier split and v8 took 19 `mimesis` locales, so v9 takes the
mimesis (22.2.0) locales v8 left: Hungarian, Slovak, Polish, Swedish, Norwegian, Italian, Mexican Spanish,
Brazilian Portuguese, Swiss, Dutch and French in Latin script, and ten Arabic-script locales (Egypt, Syria,
Jordan, Oman, Kuwait, Qatar, Emirates, Saudi Arabia, Algeria, Tunisia). Several Arabic locales share their
given-name lists with v8's Moroccan and Yemeni ones, so every raw value any v8 locale holds is dropped:
no name v8 could draw is drawn here. The Arabic-script locales are the only non-Latin ones mimesis has
left; the Cyrillic, Greek, kana, Hangul, Han and Persian data all went to v8.
Spelling, as a US note writes it:
- Latin script: accents and letters outside ASCII folded by anyascii ("Sződy" -> "Szody", "ł" -> "l",
  "ø" -> "o", "ß" -> "ss"); Dutch and French particles kept lower case and not counted as name words.
- Arabic script: v7's romanizer (`deid_heldout7_roman.roman`): English spelling for the Mashriq and Gulf
  (vowels restored between consonants, "al-" article), the French habit ("ou", "dj", "ch") for Algeria and
  Tunisia.
Every name word the detector's lists hold (`known_to_detector`) is rejected.
"""

from __future__ import annotations

import functools
import re

from anyascii import anyascii
from deid_harness import _PARTICLES, known_to_detector
from deid_heldout7_roman import roman
from deid_heldout8_names import HELDOUT_LOCALES as V8_LOCALES

LATIN = ("hu", "sk", "pl", "sv", "no", "it", "es-mx", "pt-br", "de-ch", "nl", "fr")
ARABIC = {"ar-eg": "ar_SA", "ar-sy": "ar_SA", "ar-jo": "ar_SA", "ar-om": "ar_SA", "ar-kw": "ar_SA",
          "ar-qa": "ar_SA", "ar-ae": "ar_SA", "ar-sa": "ar_SA", "ar-dz": "ar_DZ", "ar-tn": "ar_DZ"}
HELDOUT_LOCALES = (*LATIN, *ARABIC)
PARTICLES = frozenset(_PARTICLES | set("al el bin ibn ben bint abu bou umm ould".split()))
SEXES = ("female", "male")


def romanize(value: str, loc: str) -> str:
    """A mimesis name of locale `loc` in Latin letters, as a US note spells it (see module doc)."""
    value = re.sub(r"\s*\(.*?\)", "", value).strip()
    if loc in ARABIC:
        return re.sub(r"\bAl al-", "Al-", roman(value, ARABIC[loc]))  # Gulf "Al" + article: "Al-Sabagh"
    return anyascii(value).replace("'", "").strip()


def words_of(value: str) -> list[str]:
    """The distinctive words of a name (particles aside), as the scorer's parts."""
    return [w for w in re.split(r"[\s-]+", value) if len(w) >= 2 and w.lower() not in PARTICLES]


def usable(value: str) -> bool:
    words = [w for w in re.split(r"[\s-]+", value) if w and w.lower() not in PARTICLES]
    return bool(words) and all(len(w) >= 2 and w.isascii() and w.isalpha() and w[0].isupper() and w[1:].islower()
                               and any(c in "aeiouy" for c in w.lower()) and not known_to_detector(w)
                               for w in words)


def _raw(loc: str, key: str, sex: str) -> list[str]:
    from mimesis import Person
    from mimesis.enums import Locale

    values = Person(Locale(loc))._dataset[key]
    return list(values.get(sex, ())) if isinstance(values, dict) else list(values)


@functools.cache
def v8_raw_values() -> frozenset[str]:
    """Every raw given and family name of every v8 locale."""
    return frozenset(v for loc in V8_LOCALES for key in ("names", "surnames") for sex in SEXES
                     for v in _raw(loc, key, sex))


@functools.cache
def pool(kind: str, sex: str, loc: str) -> tuple[str, ...]:
    """The romanized, usable given (kind "first") or family ("last") names of `loc` that v8 never held."""
    key = "names" if kind == "first" else "surnames"
    taken = v8_raw_values()
    out = {romanize(v, loc) for v in _raw(loc, key, sex) if v not in taken}
    return tuple(sorted(v for v in out if usable(v)))


@functools.cache
def _choices(kind: str, sex: str, loc: str) -> tuple[str, ...]:
    """The locale's own pool, or, where fewer than 30 names are left after v8's (Arabic given names, which
    the Arabic locales share; Brazilian given names, which Portuguese held), its script's pools together."""
    own = pool(kind, sex, loc)
    if len(own) >= 30:
        return own
    group = ARABIC if loc in ARABIC else LATIN
    return tuple(sorted({v for other in group for v in pool(kind, sex, other) if len(v.split()) == 1}))


def _locale(g) -> str:
    """A Latin-script locale four times in five, else an Arabic one (their given names are few)."""
    return g.r.choice(sorted(ARABIC) if g.r.random() < 0.2 else LATIN)


def draw(g, kind: str, loc: str, sex: str) -> str:
    choices = _choices(kind, sex, loc)
    if not choices:
        raise RuntimeError(f"no {kind} name of mimesis locale {loc} ({sex}) outside v8 and the detector's lists")
    return g.r.choice(choices)


def person(g, sex: str | None = None) -> tuple[str, str]:
    """(given, family) of one person of one v9 locale; the family name agrees with the sex where the
    language inflects it (Polish "-ska", Slovak "-ova")."""
    sex = sex or g.r.choice(SEXES)
    loc = _locale(g)
    return draw(g, "first", loc, sex), draw(g, "last", loc, sex)


def given(g, sex: str | None = None) -> str:
    sex = sex or g.r.choice(SEXES)
    return draw(g, "first", _locale(g), sex)


def surname(g) -> str:
    return draw(g, "last", _locale(g), g.r.choice(SEXES))


def faker_overlap(n: int = 2000, seed: int = 0) -> float:
    """Share of drawn v9 name words (distinct, lower case) that any Faker locale's name lists also hold."""
    import random

    from deid_harness import _ascii
    from faker import Faker
    from faker.config import AVAILABLE_LOCALES

    class _G:
        r = random.Random(seed)

    faker_words: set[str] = set()
    for loc in AVAILABLE_LOCALES:
        try:
            provider = next(p for p in Faker(loc).providers if ".person" in type(p).__module__)
        except (AttributeError, StopIteration):
            continue
        for attr in ("first_names", "first_names_male", "first_names_female", "last_names", "last_names_male",
                     "last_names_female"):
            faker_words |= {w.lower() for v in getattr(provider, attr, ()) for w in _ascii(str(v)).split()}
    words = {w.lower() for _ in range(n) for v in person(_G) for w in words_of(v)}
    return len(words & faker_words) / len(words)
