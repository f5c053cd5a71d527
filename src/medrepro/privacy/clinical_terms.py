"""The clinical vocabulary: rare-in-English words of drugs, devices, eponyms and anatomy.

Built from public word lists only (never from notes) by benchmarks/build_clinical_terms.py, which names
the sources and licences in each file's header: clinical_terms.txt (Debian's hunspell-en-med medical
dictionary, GPL-3+), clinical_terms_fda.txt (the FDA's UNII substance names, public domain) and
lexicon_english.txt (lower-case English words of SCOWL's wamerican list, permissive licence).
"""

from __future__ import annotations

from pathlib import Path

_DIR = Path(__file__).parent
FILES = (_DIR / "clinical_terms.txt", _DIR / "clinical_terms_fda.txt", _DIR / "lexicon_english.txt")


def _words(path: Path) -> list[str]:
    return [w for w in path.read_text(encoding="utf-8").split("\n") if w and not w.startswith("#")]


_MED = _words(FILES[0])
_FDA = _words(FILES[1])
# Ordinary English (Zipf 3-5) that may open a sentence: "Driver's license", "Ensure was given".
ENGLISH = frozenset(_words(FILES[2]))
# Drug and substance names (FDA): always clinical, even where a surname is spelt the same.
DRUGS = frozenset(_FDA)
# Every word, lower case: what the detector treats as clinical.
CLINICAL = frozenset(w.lower() for w in _MED) | frozenset(_FDA)
# Medical words the dictionary writes in lower case: a capitalised word before one is an eponym.
MED_LOWER = frozenset(w for w in _MED if w[0].islower())
# Words the medical dictionary writes only capitalised (eponyms and brands: "Buckley", "Aircast"). Many are
# also surnames, so next to a name they join it instead of ending it.
PROPER = frozenset(w.lower() for w in _MED if w[0].isupper()) - frozenset(w for w in _MED if w[0].islower())
