"""v8 held-out families, checked at the generator level only (no detector ever runs on them): names from a
source no other split uses (mimesis, not Faker), romanized as a US note spells them and unknown to the
detector's lists; sentences that hold what they plant; new clinical strings; new document kinds; and a corpus
that rebuilds identically for a seed."""

from __future__ import annotations

import importlib
import random
import sys
from pathlib import Path

import pytest
from conftest import REFERENCE_DATA

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "benchmarks"))

import deid_harness as harness  # noqa: E402
import deid_heldout8 as v8  # noqa: E402
import deid_heldout8_names as names  # noqa: E402

OTHER_SPLITS = ("deid_dev", "deid_dev_hipaa", "deid_dev_names", "deid_dev_patterns", "deid_heldout", "deid_heldout2",
                "deid_heldout3", "deid_heldout4", "deid_heldout5", "deid_heldout6", "deid_heldout7")
CATEGORIES = {"NAME", "DATE", "ID", "PHONE", "EMAIL", "URL", "IP", "ADDRESS", "LOCATION", "FACILITY", "AGE>89"}


def _gen(seed: int) -> harness.Gen:
    return harness.Gen(random.Random(seed), v8.GEN_LOCALES)


def _mimesis_vocabulary() -> set[str]:
    """Every word of every mimesis given and family name of the v8 locales, romanized the v8 way."""
    from mimesis import Person
    from mimesis.enums import Locale

    out: set[str] = set()
    for loc in v8.HELDOUT_LOCALES:
        data = Person(Locale(loc))._dataset
        for key, surname in (("names", False), ("surnames", True)):
            values = data[key]
            values = [v for vs in values.values() for v in vs] if isinstance(values, dict) else values
            out |= {w.lower() for v in values for w in names.words_of(names.romanize(v, loc, surname=surname))}
    return out


def test_names_come_from_mimesis_locales_no_other_split_uses():
    from mimesis.enums import Locale

    assert len(v8.HELDOUT_LOCALES) >= 15
    assert set(v8.HELDOUT_LOCALES) <= {loc.value for loc in Locale}
    others = set()
    for mod in map(importlib.import_module, OTHER_SPLITS):
        others |= set(getattr(mod, "HELDOUT_LOCALES", ())) | set(getattr(mod, "DEV_LOCALES", ()))
    assert not set(v8.HELDOUT_LOCALES) & others
    assert {"ru", "el", "ja", "ko", "zh"} <= set(v8.HELDOUT_LOCALES)  # non-Latin scripts, romanized


def test_drawn_names_are_mimesis_words_and_drawing_them_never_touches_faker(monkeypatch):
    gen = _gen(0)
    monkeypatch.setitem(sys.modules, "faker", None)  # any import of Faker now fails
    drawn = [w for _ in range(300) for v in v8.person(gen) for w in names.words_of(v)]
    drawn += [w for _ in range(100) for w in names.words_of(names.given(gen))]
    monkeypatch.undo()
    vocabulary = _mimesis_vocabulary()
    assert not {w.lower() for w in drawn} - vocabulary


@pytest.mark.parametrize(("raw", "loc", "surname", "latin"), [
    ("Щекин", "ru", True, "Shchekin"), ("Аристарх", "ru", False, "Aristarkh"), ("Рогніда", "uk", False, "Rohnida"),
    ("Вікторія", "uk", False, "Viktoriya"), ("Тәжібаева", "kk", True, "Tazhibaeva"),
    ("Θεοδοσίου", "el", True, "Theodosiou"), ("Ευθύμης", "el", False, "Evthymis"), ("子昊", "zh", False, "Zihao"),
    ("闾丘", "zh", True, "Luqiu"), ("서연", "ko", False, "Seoyeon"), ("김", "ko", True, "Kim"),
    ("적", "ko", True, "Juk"), ("앵", "ko", True, "Aeng"), ("はな", "ja", False, "Hana"),
    ("Məhərrəmli", "az", True, "Meherremli"),
    ("Kulaksızoğlu", "tr", True, "Kulaksizoglu"), ("Rad (Radan)", "uk", False, "Rad"),
])
def test_romanization_spells_names_as_a_us_note_does(raw, loc, surname, latin):
    assert names.romanize(raw, loc, surname=surname) == latin


def test_drawn_names_are_latin_varied_and_on_no_detector_list():
    gen = _gen(1)
    people = [v8.person(gen) for _ in range(300)]
    words = [w for p in people for v in p for w in names.words_of(v)]
    words += [w for _ in range(200) for w in names.words_of(names.given(gen))]
    assert all(w.isascii() and w.isalpha() and w[0].isupper() for w in words)
    assert not [w for w in words if harness.known_to_detector(w)]
    assert all(any(c in "aeiouy" for c in w.lower()) for w in words)
    assert len(set(people)) > 290 and len(set(words)) > 600


@pytest.mark.parametrize("category", sorted(CATEGORIES))
def test_every_family_plants_values_its_sentence_holds(category):
    assert set(v8.FAMILIES) == CATEGORIES
    assert not harness.family_plant_problems(v8.FAMILIES[category], _gen(7), 150, CATEGORIES)


def test_a_quarter_of_the_families_are_document_kinds_no_earlier_split_used():
    families = {f for fams in v8.FAMILIES.values() for f in fams}
    new = {f for f in families if (f.__doc__ or "").startswith("NEW")}
    assert len(new) >= 0.25 * len(families)
    earlier = "\n".join((REPO / "benchmarks" / f"{m}.py").read_text(encoding="utf-8") for m in OTHER_SPLITS)
    sentences = " ".join(f(_gen(seed))[0] for f in new for seed in range(40))
    for word in ("(0010,0010)", "Pedigree", "verified at bedside", "PDMP", "Whiteboard", "FMLA", "Funeral Home",
                 "EBM label", "Envelope ID", "Bottle label", "POLYSOMNOGRAM"):
        assert word.lower() in sentences.lower() and word.lower() not in earlier.lower(), word


def test_clinical_strings_are_new_and_plenty():
    earlier = {c.lower() for mod in map(importlib.import_module, OTHER_SPLITS) for c in mod.CLINICAL_STRINGS}
    mine = [c.lower() for c in v8.CLINICAL_STRINGS]
    assert len(mine) >= 120 and len(set(mine)) == len(mine)
    assert not set(mine) & earlier
    assert not {c.split()[0] for c in mine} & {c.split()[0] for c in earlier}  # not even a new dose of an old brand


@pytest.mark.reference_data("mtsamples.csv")
def test_corpus_builds_deterministically_and_the_identity_system_leaks_everything():
    notes = harness.split_notes(harness.read_notes(REFERENCE_DATA / "mtsamples.csv"))[1]

    def build(seed):
        return harness.build_corpus(notes, n=40, seed=seed, families=v8.FAMILIES, clinical=v8.CLINICAL_STRINGS,
                                    locales=v8.GEN_LOCALES)

    a, b, c = build(0), build(0), build(1)
    assert a.notes == b.notes and a.planted == b.planted
    assert a.notes != c.notes
    assert sum(len(p) for p in a.planted) > 40 * 15  # v7's volume: more than 15 identifiers per note
    report = harness.score(a, lambda t: t)
    assert report["recall"] == 0.0 and set(report["planted_by_category"]) == CATEGORIES
    assert report["other_tokens_kept"] == 1.0 and report["clinical_strings_kept"] == 1.0
