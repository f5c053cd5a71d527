"""v9 held-out families, checked at the generator level only (no detector ever runs on them): names from
mimesis locales no other split used and never a raw value v8's locales hold, romanized as a US note spells
them and unknown to the detector's lists; sentences that hold what they plant; new clinical strings; new
document kinds; and a corpus that rebuilds identically for a seed."""

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
import deid_heldout9 as v9  # noqa: E402
import deid_heldout9_docs as docs  # noqa: E402
import deid_heldout9_names as names  # noqa: E402

EARLIER = sorted(p.stem for p in (REPO / "benchmarks").glob("deid_*.py")
                 if not p.stem.startswith(("deid_heldout9", "deid_heldout10", "deid_dev10_"))  # v9 and later files
                 and p.stem != "deid_benchmark")
CATEGORIES = {"NAME", "DATE", "ID", "PHONE", "EMAIL", "URL", "IP", "ADDRESS", "LOCATION", "FACILITY", "AGE>89"}


def _gen(seed: int) -> harness.Gen:
    return harness.Gen(random.Random(seed), v9.GEN_LOCALES)


def _values(loc: str, key: str) -> list[str]:
    from mimesis import Person
    from mimesis.enums import Locale

    data = Person(Locale(loc))._dataset[key]
    return [v for vs in data.values() for v in vs] if isinstance(data, dict) else list(data)


def _v9_vocabulary() -> set[str]:
    """Romanized given and family names of the v9 locales, without any raw value a v8 locale holds."""
    import deid_heldout8_names as v8

    v8_raw = {v for loc in v8.HELDOUT_LOCALES for key in ("names", "surnames") for v in _values(loc, key)}
    return {names.romanize(v, loc) for loc in v9.HELDOUT_LOCALES for key in ("names", "surnames")
            for v in _values(loc, key) if v not in v8_raw}


def test_names_come_from_mimesis_locales_no_other_split_uses():
    from mimesis.enums import Locale

    assert len(v9.HELDOUT_LOCALES) >= 15
    assert set(v9.HELDOUT_LOCALES) <= {loc.value for loc in Locale}
    others = set()
    for mod in map(importlib.import_module, EARLIER):
        others |= set(getattr(mod, "HELDOUT_LOCALES", ())) | set(getattr(mod, "DEV_LOCALES", ()))
    assert "tr" in others and "en_US" in others  # v8's mimesis codes and the Faker codes are both counted
    assert not set(v9.HELDOUT_LOCALES) & others
    assert {loc for loc in v9.HELDOUT_LOCALES if loc.startswith("ar-")}  # a non-Latin script, romanized


def test_drawn_names_are_v9_values_v8_never_held_and_drawing_them_never_touches_faker(monkeypatch):
    gen = _gen(0)
    monkeypatch.setitem(sys.modules, "faker", None)  # any import of Faker now fails
    drawn = [v for _ in range(400) for v in v9.person(gen)]
    drawn += [names.given(gen) for _ in range(100)] + [names.surname(gen) for _ in range(100)]
    monkeypatch.undo()
    assert not set(drawn) - _v9_vocabulary()
    assert sum(v.lower().startswith(("al-", "el-", "al ")) for v in drawn) > 20  # Arabic family names drawn


@pytest.mark.parametrize(("raw", "loc", "latin"), [
    ("Květoslava", "sk", "Kvetoslava"), ("Łukasz", "pl", "Lukasz"), ("Karlström", "sv", "Karlstrom"),
    ("Øvergaard", "no", "Overgaard"), ("Szőcs", "hu", "Szocs"), ("Conceição", "pt-br", "Conceicao"),
    ("ter Horst", "nl", "ter Horst"), ("الحلواني", "ar-eg", "al-Halwani"), ("الحناشي", "ar-tn", "El-Hanachi"),
    ("كوشاح", "ar-dz", "Kouchah"), ("آل الصباغ", "ar-ae", "Al-Sabagh"),
])
def test_romanization_spells_names_as_a_us_note_does(raw, loc, latin):
    assert names.romanize(raw, loc) == latin


def test_drawn_names_are_latin_varied_and_on_no_detector_list():
    gen = _gen(1)
    people = [v9.person(gen) for _ in range(300)]
    words = [w for p in people for v in p for w in names.words_of(v)]
    words += [w for _ in range(200) for w in names.words_of(names.given(gen))]
    assert all(w.isascii() and w.isalpha() and w[0].isupper() for w in words)
    assert not [w for w in words if harness.known_to_detector(w)]
    assert len(set(people)) > 290 and len(set(words)) > 500


@pytest.mark.parametrize("category", sorted(CATEGORIES))
def test_every_family_plants_values_its_sentence_holds(category):
    assert set(v9.FAMILIES) == CATEGORIES
    assert not harness.family_plant_problems(v9.FAMILIES[category], _gen(7), 150, CATEGORIES)


def test_a_quarter_of_the_families_are_document_kinds_no_earlier_split_used_but_most_names_are_ordinary():
    families = {f for fams in v9.FAMILIES.values() for f in fams}
    new = {f for f in families if (f.__doc__ or "").startswith("NEW")}
    assert len(new) >= 0.25 * len(families)
    assert len(docs.ORDINARY_NAME) > len(docs.NEW_NAME)  # most name volume in ordinary notes and paperwork
    earlier = "\n".join((REPO / "benchmarks" / f"{m}.py").read_text(encoding="utf-8") for m in EARLIER).lower()
    sentences = " ".join(f(_gen(seed))[0] for f in new for seed in range(40)).lower()
    for word in ("POLST", "Safety event", "ROI log", "Itemized statement", "immunization registry", "Newborn screen",
                 "HD treatment record", "Code record", "Anesthesia staff", "Spectacle Rx", "Birth worksheet",
                 "APS report", "MAR signature legend", "Chain of custody", "Poison center", "Valuables envelope",
                 "Medical Examiner's Certificate", "VAERS", "fit test", "AUDIOGRAM"):
        assert word.lower() in sentences and word.lower() not in earlier, word


def test_clinical_strings_are_new_and_plenty():
    earlier = [c.lower() for mod in map(importlib.import_module, EARLIER) for c in getattr(mod, "CLINICAL_STRINGS", ())]
    assert len(earlier) > 2000
    mine = [c.lower() for c in v9.CLINICAL_STRINGS]
    assert len(mine) >= 120 and len(set(mine)) == len(mine)
    assert not set(mine) & set(earlier)
    leads = [c.split()[0] for c in mine]
    assert not set(leads) & {c.split()[0] for c in earlier} and len(set(leads)) == len(leads)


@pytest.mark.reference_data("mtsamples.csv")
def test_corpus_builds_deterministically_and_the_identity_system_leaks_everything():
    notes = harness.split_notes(harness.read_notes(REFERENCE_DATA / "mtsamples.csv"))[1]

    def build(seed):
        return harness.build_corpus(notes, n=40, seed=seed, families=v9.FAMILIES, clinical=v9.CLINICAL_STRINGS,
                                    locales=v9.GEN_LOCALES)

    a, b, c = build(0), build(0), build(1)
    assert a.notes == b.notes and a.planted == b.planted
    assert a.notes != c.notes
    assert sum(len(p) for p in a.planted) > 40 * 15  # v8's volume: about 17 identifiers per note
    report = harness.score(a, lambda t: t)
    assert report["recall"] == 0.0 and set(report["planted_by_category"]) == CATEGORIES
    assert report["other_tokens_kept"] == 1.0 and report["clinical_strings_kept"] == 1.0


def test_v9_brings_its_own_frames_and_they_plant_its_strings():
    import deid_heldout9
    import deid_heldout9_frames

    assert deid_heldout9.CLINICAL_FRAMES is deid_heldout9_frames.CLINICAL_FRAMES
    for frame in deid_heldout9.CLINICAL_FRAMES[:10]:
        for c in deid_heldout9.CLINICAL_STRINGS[:20]:
            assert c in frame.format(c=c)
