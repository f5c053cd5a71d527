"""Round 7: brand drugs, devices and classifications the name test took for names (privacy/drug_shape.py)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from medrepro.privacy import drug_shape as ds
from medrepro.privacy import lexicon as lx
from medrepro.privacy import name_lists as nl
from medrepro.privacy.deid import deidentify

REPO = Path(__file__).resolve().parents[1]

# Hand-written for this test (no benchmark pool, no Faker locale): romanised Arabic, Persian, Thai, Hebrew,
# South Asian and West African given names and surnames, the shapes a drug model could mistake for brands.
SANITY_NAMES = (
    "Abdelrahim Alghamdi", "Yousra Hamdoun", "Khalida Bouzid", "Farrokh Mirzaei", "Golnar Sadeghian",
    "Behnaz Tabrizi", "Somsak Wongsuwan", "Kanyarat Phromma", "Thitiporn Saengchai", "Yehuda Brodetzky",
    "Shulamit Ashkenazi", "Avigdor Rabinovitz", "Venugopal Raghunathan", "Padmaja Ramanathan",
    "Harjinder Dhaliwal", "Chinonso Okafor", "Oluwatoyin Adeyemi", "Kwabena Asante",
)
BRAND_SENTENCES = (
    "Findings: Paxlovid noted.", "Plan: Myfembree, reassess.", "Lagevrio was documented.",
    "The team used Evusheld without difficulty.", "She was continued on Cabenuva as before.",
    "Trikafta was documented.",
)


def _kept(sentence: str, phrase: str) -> bool:
    return phrase in deidentify("The patient is stable. " + sentence + " Follow up in two weeks.").text


@pytest.mark.parametrize("sentence", BRAND_SENTENCES)
def test_brand_drugs_of_the_public_dictionaries_are_kept(sentence):
    brand = re.search(r"(Paxlovid|Myfembree|Lagevrio|Evusheld|Cabenuva|Trikafta)", sentence).group()
    assert _kept(sentence, brand)


@pytest.mark.parametrize("phrase", ["Mediport", "Fibroscan", "MSI-high", "Neer two-part fracture",
                                    "Lauge-Hansen SER IV"])
def test_devices_and_classifications_are_kept(phrase):
    assert _kept(f"Findings: {phrase} noted.", phrase)
    assert _kept(f"The team used {phrase} without difficulty.", phrase)


def test_an_unlisted_brand_in_a_medication_context_is_kept_but_not_alone():
    # "Zubrixa" is on no list; its letters lean to a drug, so a medication cue makes it one.
    assert "zubrixa" not in ds.brands() and ds.drug_score("Zubrixa") >= ds.CONTEXT_FROM
    assert _kept("She was started on Zubrixa for the rash.", "Zubrixa")
    assert _kept("Zubrixa twice daily was added.", "Zubrixa")
    assert not _kept("We spoke with Zubrixa about the plan.", "Zubrixa")


@pytest.mark.parametrize("brand", ["Xacduro", "Abrysvo", "Ohtuvayre"])
def test_recent_brands_on_no_list_are_kept_after_a_prescribing_cue(brand):
    # Approved in 2023-24, after the shipped dictionaries were compiled.
    assert brand.lower() not in ds.brands()
    assert _kept(f"She was started on {brand} last week.", brand)
    assert _kept(f"He was switched to {brand} 2 mg nightly.", brand)


@pytest.mark.parametrize("name", SANITY_NAMES)
def test_names_of_unseen_shapes_are_still_removed(name):
    first, last = name.split()
    for sentence in (f"Spoke with {name} about the plan.", f"Visitors included {name} and the chaplain.",
                     f"The dose of insulin was reviewed with {name} today.", f"Plan discussed with {last} twice."):
        out = deidentify("The patient is stable. " + sentence).text
        for part in name.split():
            assert part not in out, (sentence, out)
    for part in name.split():
        assert part.lower() not in ds.brands()


def test_names_with_a_cue_or_on_a_list_are_never_vetoed():
    assert "Conti" not in deidentify("Left a voicemail for F.L. Conti about the results.").text
    assert "ROB LAW" not in deidentify("Note by ROB LAW III, PA-C.").text
    # "Sunil" is rare in English and its letters lean to a drug, but the detector's own list names it.
    assert ds.drug_score("Sunil") >= ds.CONTEXT_FROM
    text = "She was started on Sunil 50 mg."
    assert not ds.clinical_span(text, 19, 24)


def test_drug_score_matches_sklearn_on_the_shipped_weights():
    """The hand-written scorer reproduces sklearn's char_wb n-grams and a linear decision function."""
    from sklearn.feature_extraction.text import CountVectorizer

    model = json.loads(ds.MODEL.read_text(encoding="utf-8"))
    grams = sorted(model["weights"])
    vec = CountVectorizer(analyzer="char_wb", ngram_range=tuple(model["ngram_range"]), binary=True,
                          vocabulary=grams)
    coef = [model["weights"][g] for g in grams]
    words = ["Biktarvy", "Srinivasan", "Paxlovid", "Oluwaseun", "Ab", "Kowalczyk-Nowak"]
    x = vec.transform(words)
    for word, row in zip(words, x, strict=True):
        expected = model["intercept"] + sum(coef[j] for j in row.indices)
        assert ds.drug_score(word) == pytest.approx(expected, abs=1e-9)


def test_shipped_vocabulary_names_its_sources_and_holds_no_identifier_shapes():
    text = ds.BRANDS.read_text(encoding="utf-8")
    header = [line for line in text.splitlines() if line.startswith("#")]
    assert any("Source:" in line and "drug-named-entity-recognition 1.0.11" in line for line in header)
    assert any(line.startswith("# Licence:") for line in header)
    words = [w for w in text.splitlines() if w and not w.startswith("#")]
    assert len(words) > 5000 and all(re.fullmatch(r"[a-z]{4,}", w) for w in words)
    listed = {n.lower() for n in nl.FIRST_NAMES | nl.SURNAMES | nl.EPONYM_FIRST_NAMES}
    assert not listed & set(words)
    assert all(lx.zipf(w) < 3.5 for w in words[::50])


def test_shipped_files_hold_no_sample_identifier_and_no_pattern():
    from medrepro.privacy import scan

    values = [v for _c, v in scan.read_values(REPO / "data" / "sample" / "notes_phi_values.tsv")]
    assert values
    assert not [v for v in values if v.lower() in ds.brands()]
    assert scan.scan_paths([ds.BRANDS], values=values) == []
    # The model holds only n-grams of at most five characters and numbers: no room for an identifier.
    model = json.loads(ds.MODEL.read_text(encoding="utf-8"))
    assert "sources" in model and "wamerican-huge" in model["sources"]
    assert all(len(g) <= ds.NGRAMS[1] and not any(c.isdigit() for c in g) for g in model["weights"])


def test_build_script_filters_names_and_foreign_words(tmp_path):
    sys.path.insert(0, str(REPO / "benchmarks"))
    import build_drug_shape as b

    csv = ("ID,Common name,Synonyms\n"
           "a1,Nirmatrelvir,Paxlovid|Conti\n"
           "a2,Budesonide,Breztri Aerosphere&lt;br /&gt;Maria (with [[x)\n")
    words = b.brand_words([csv], names={"maria"})
    assert "paxlovid" in words and "breztri" in words and "aerosphere" in words
    assert "conti" not in words  # a common word in Italian
    assert "maria" not in words


def test_build_script_reports_a_missing_source(tmp_path):
    missing = tmp_path / "nope.whl"
    out = tmp_path / "m.json"
    res = subprocess.run([sys.executable, str(REPO / "benchmarks" / "build_drug_shape.py"), "--unii", str(missing),
                          "--first-names", str(missing), "--scowl", str(missing), "--brands", str(missing),
                          "--out", str(out), "--brands-out", str(tmp_path / "b.txt")],
                         capture_output=True, text=True, check=False)
    assert res.returncode == 2
    assert res.stderr.startswith("error:") and "nope.whl" in res.stderr
    assert not out.exists()
