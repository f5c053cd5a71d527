"""v7 held-out families, checked at the generator level only (no detector ever runs on them): locales no
other split uses, names the detector lists cannot know, sentences that hold what they plant, new clinical
strings, and a corpus that rebuilds identically for a seed."""

from __future__ import annotations

import ast
import importlib
import random
import re
import sys
from pathlib import Path

import pytest
from conftest import REFERENCE_DATA

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "benchmarks"))

import deid_harness as harness  # noqa: E402
import deid_heldout7 as v7  # noqa: E402
from deid_heldout7_roman import roman  # noqa: E402

OTHER_SPLITS = ("deid_dev", "deid_dev_hipaa", "deid_dev_names", "deid_dev_patterns", "deid_heldout", "deid_heldout2",
                "deid_heldout3", "deid_heldout4", "deid_heldout5", "deid_heldout6")
PARTICLES = {"al", "el", "bin", "ben", "abu", "bou", "ibn", "bint", "umm"}
CATEGORIES = {"NAME", "DATE", "ID", "PHONE", "EMAIL", "URL", "IP", "ADDRESS", "LOCATION", "FACILITY", "AGE>89"}


def _other_locales() -> set[str]:
    out: set[str] = set()
    for mod in map(importlib.import_module, OTHER_SPLITS):
        out |= set(getattr(mod, "HELDOUT_LOCALES", ())) | set(getattr(mod, "DEV_LOCALES", ()))
    return out


def test_locales_are_disjoint_from_every_other_split_and_installed():
    from faker import Faker

    assert len(v7.HELDOUT_LOCALES) >= 5
    assert not set(v7.HELDOUT_LOCALES) & _other_locales()
    for loc in v7.HELDOUT_LOCALES:
        assert Faker(loc).first_name()


@pytest.mark.parametrize(("script", "loc", "latin"), [
    ("حسن", "ar_SA", "Hasan"), ("جعفر", "ar_SA", "Jafar"), ("أشرف", "ar_PS", "Ashraf"), ("مسعود", "ar_SA", "Masud"),
    ("فاطمة", "ar_AA", "Fatma"), ("عبد القادر", "ar_DZ", "Abdelkader"), ("بن سالم", "ar_DZ", "Ben Salem"),
    ("أبو قمر", "ar_PS", "Abu Qamar"), ("الرشيد", "ar_SA", "al-Rashid"), ("بهمنی", "fa_IR", "Bahmani"),
    ("پویان", "fa_IR", "Pouyan"), ("תומר", "he_IL", "Tomer"), ("דורון", "he_IL", "Doron"),
    ("إيمان", "ar_SA", "Iman"), ("مكرّم", "ar_SA", "Makarram"), ("قيّوم", "ar_SA", "Qayyum"),
    ("محمدی", "fa_IR", "Mohammadi"), ("สมชาย", "th_TH", "Somchai"),
    ("พรชนก", "th_TH", "Phonchanok"), ("สมศักดิ์", "th_TH", "Somsak"), ("วิไลวรรณ", "th_TH", "Wilaiwan"),
    ("เจษฎากร", "th_TH", "Chetdakon"), ("عبدالرحمن", "ar_SA", "Abdulrahman"),
    ("විජේසිංහ", "si_LK", "Wijesinghe"), ("කරුණාරත්න", "si_LK", "Karunaratne"), ("දිසානායක", "si_LK", "Disanayake"),
])
def test_romanization_spells_the_vowels_the_script_leaves_out(script, loc, latin):
    assert roman(script, loc) == latin


def test_drawn_names_are_latin_varied_and_on_no_detector_list():
    gen = harness.Gen(random.Random(0), v7.HELDOUT_LOCALES)
    drawn = [w for _ in range(300) for w in v7.person(gen)]
    words = [p for v in drawn for p in v.replace("-", " ").split()]
    distinctive = [w for w in words if w.lower() not in PARTICLES]
    assert all(w.isascii() and w.isalpha() and w[0].isupper() for w in distinctive)
    assert not [w for w in distinctive if harness.known_to_detector(w)]
    assert all(any(c in "aeiouy" for c in w.lower()) for w in distinctive)  # no abjad skeletons ("Mhmd")
    assert len(set(drawn)) > 300
    assert any(" " in v or "-" in v for v in drawn)  # surnames with the article or a kin particle


def test_drawn_names_are_new_to_every_earlier_split_s_faker_lists():
    from faker import Faker

    earlier: set[str] = set()
    for loc in sorted(_other_locales()):
        provider = next(p for p in Faker(loc).providers if ".person" in type(p).__module__)
        for attr in ("first_names", "first_names_male", "first_names_female", "last_names"):
            earlier |= {w.lower() for v in getattr(provider, attr, ()) for w in harness._ascii(v).split()}
    assert {"ahmed", "boumaza", "somchai"} & earlier  # the earlier lists do hold Arabic and Thai names
    gen = harness.Gen(random.Random(3), v7.HELDOUT_LOCALES)
    words = {w.lower() for _ in range(200) for v in v7.person(gen) for w in v.replace("-", " ").split()}
    assert not (words - PARTICLES) & earlier


@pytest.mark.parametrize("category", sorted(CATEGORIES))
def test_every_family_plants_values_its_sentence_holds(category):
    assert set(v7.FAMILIES) == CATEGORIES
    gen = harness.Gen(random.Random(7), v7.HELDOUT_LOCALES)
    assert not harness.family_plant_problems(v7.FAMILIES[category], gen, 150, CATEGORIES)


def test_clinical_strings_are_new_and_plenty():
    earlier = {c.lower() for mod in map(importlib.import_module, OTHER_SPLITS) for c in mod.CLINICAL_STRINGS}
    mine = [c.lower() for c in v7.CLINICAL_STRINGS]
    assert len(mine) >= 100 and len(set(mine)) == len(mine)
    assert not set(mine) & earlier


@pytest.mark.reference_data("mtsamples.csv")
def test_corpus_builds_deterministically_and_the_identity_system_leaks_everything():
    notes = harness.split_notes(harness.read_notes(REFERENCE_DATA / "mtsamples.csv"))[1]

    def build(seed):
        return harness.build_corpus(notes, n=40, seed=seed, families=v7.FAMILIES, clinical=v7.CLINICAL_STRINGS,
                                    locales=v7.HELDOUT_LOCALES)

    a, b, c = build(0), build(0), build(1)
    assert a.notes == b.notes and a.planted == b.planted
    assert a.notes != c.notes
    assert sum(len(p) for p in a.planted) > 40 * 15  # ~v6's volume: more than 15 identifiers per note
    report = harness.score(a, lambda t: t)
    assert report["recall"] == 0.0 and set(report["planted_by_category"]) == CATEGORIES
    assert report["other_tokens_kept"] == 1.0 and report["clinical_strings_kept"] == 1.0


_STOP = frozenset("a an the of on in at to for and or as is was with by from her his she he it its".split())


def _segments(text: str) -> list[list[str]]:
    """Lower-cased words of a template, split where a placeholder ("{c}", "{v}", an f-string value) sits."""
    return [[w.lower() for w in re.findall(r"[^\W_]+", piece)] for piece in re.split(r"\{[^{}]*\}", text)]


def _trigrams(text: str) -> set[tuple[str, ...]]:
    return {tuple(seg[i:i + 3]) for seg in _segments(text) for i in range(len(seg) - 2)}


def _literals(module: str) -> list[str]:
    """Every string literal (f-string pieces included) in an earlier split's file: its sentence templates."""
    tree = ast.parse((REPO / "benchmarks" / f"{module}.py").read_text(encoding="utf-8"))
    return [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)]


def _normal(text: str) -> str:
    return " ".join(w for seg in _segments(text) for w in seg)


def test_frames_are_v7_s_own_wording():
    frames = v7.CLINICAL_FRAMES
    assert isinstance(frames, tuple) and 40 <= len(frames) <= 60
    assert len({_normal(f) for f in frames}) == len(frames)
    harness_words = {w for f in harness.CLINICAL_FRAMES for seg in _segments(f) for w in seg} - _STOP
    earlier = [s for mod in OTHER_SPLITS for s in _literals(mod)] + list(harness.CLINICAL_FRAMES)
    earlier_normal = {_normal(s) for s in earlier}
    earlier_trigrams = set().union(*map(_trigrams, earlier))
    for f in frames:
        words = {w for seg in _segments(f) for w in seg}
        assert not words & harness_words, (f, words & harness_words)
        assert _normal(f) not in earlier_normal, f
        assert not _trigrams(f) & earlier_trigrams, (f, _trigrams(f) & earlier_trigrams)


def test_each_frame_has_one_place_and_no_identifier_like_value():
    for f in v7.CLINICAL_FRAMES:
        assert f.count("{c}") == 1 and re.sub(r"\{c\}", "", f).count("{") == 0, f
        assert not re.search(r"\d", f), f  # no numbers that could read as IDs, dates or ages


def test_every_string_goes_into_every_frame_verbatim():
    for c in v7.CLINICAL_STRINGS:
        for f in v7.CLINICAL_FRAMES:
            sentence = f.format(c=c)
            assert sentence.count(c) == 1 and harness.present(c, sentence.lower()), (f, c)


@pytest.mark.reference_data("mtsamples.csv")
def test_corpus_with_v7_frames_plants_every_string_in_a_v7_frame_deterministically():
    notes = harness.split_notes(harness.read_notes(REFERENCE_DATA / "mtsamples.csv"))[1]

    def build(seed):
        return harness.build_corpus(notes, n=60, seed=seed, families=v7.FAMILIES, clinical=v7.CLINICAL_STRINGS,
                                    locales=v7.HELDOUT_LOCALES, frames=v7.CLINICAL_FRAMES)

    a, b, c = build(0), build(0), build(1)
    assert a.notes == b.notes and a.clinical == b.clinical and a.expected == b.expected
    assert a.notes != c.notes
    used = set()
    for note, chosen in zip(a.notes, a.clinical, strict=True):
        assert len(chosen) == 2
        for s in chosen:
            frames = [f for f in v7.CLINICAL_FRAMES if f.format(c=s) in note]
            assert frames, s
            used.update(frames)
        assert not any(f.format(c=s) in note for s in chosen for f in harness.CLINICAL_FRAMES)
    assert len(used) >= 30  # 120 draws spread over the frames, not a few
    report = harness.score(a, lambda t: t)
    assert report["clinical_strings_kept"] == 1.0 and report["other_tokens_kept"] == 1.0
