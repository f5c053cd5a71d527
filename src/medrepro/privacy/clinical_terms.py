"""The clinical lexicon: rare-in-English words that notes use for drugs, devices, eponyms and anatomy.

Built from development notes only by benchmarks/build_clinical_terms.py (see its docstring for the
rule); one lower-case word a line in clinical_terms.txt, shipped with the package.
"""

from __future__ import annotations

from pathlib import Path

_FILE = Path(__file__).with_name("clinical_terms.txt")
CLINICAL = frozenset(_FILE.read_text(encoding="utf-8").split())
