"""Build the clinical lexicon (src/medrepro/privacy/clinical_terms.txt) from development notes only.

    python benchmarks/build_clinical_terms.py --notes ../shared/data/mtsamples.csv

Why: the name detector needs to know which rare capitalised words are clinical ("Metzenbaum", "Coumadin",
"Supple" opening a sentence). Only the development half of the distinct MTSamples notes is read
(`deid_harness.split_notes`; the benchmark's held-out notes are the other half). A word enters when it is
below lexicon.COMMON_FROM in English, occurs in at least MIN_NOTES notes (an identifier of one patient does
not) or in lowercase in at least two, and never right after a title or a name label in any note; the
name lists' words never enter. The list is a
vocabulary (one lower-case word a line), not text from the notes; `HAND_TERMS` adds a few by hand.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from deid_harness import read_notes, split_notes  # noqa: E402

from medrepro.privacy import lexicon  # noqa: E402
from medrepro.privacy import name_lists as nl  # noqa: E402

MIN_NOTES = 3
OUT = REPO / "src" / "medrepro" / "privacy" / "clinical_terms.txt"
_WORD = re.compile(r"(?<![^\W_])[^\W\d_](?:[^\W\d_]|['’](?=[^\W\d_]{2})|-(?=[^\W\d_]))*")
_AFTER_CUE = re.compile(r"\b(?:Dr|Mr|Mrs|Ms|Miss|Doctor|Prof)\.?\s+([^\W\d_][\w'’-]*)"
                        r"|(?i:name|signed by|dictated by|surgeon|attending|cc)\s*:\s*([^\W\d_][\w'’-]*)")
# Added by hand after development misses only (deid_dev and, once consumed, v1 clinical strings on
# development notes), never from the v2 held-out output.
HAND_TERMS = """
pleur-evac senokot januvia dulcolax sensorcaine yankauer bair hugger salter-harris valtrex mobic frazier
duraprep
""".split()


def build(notes: list[str]) -> list[str]:
    notes_with: Counter[str] = Counter()
    lower_in: Counter[str] = Counter()
    after_cue: set[str] = set()
    for text in notes:
        words = {m.group() for m in _WORD.finditer(text)}
        for w in {w.lower() for w in words}:
            notes_with[w] += 1
        for w in {w for w in words if w.islower()}:
            lower_in[w] += 1
        for m in _AFTER_CUE.finditer(text):
            after_cue.add((m.group(1) or m.group(2)).lower())
    names = {w.lower() for w in nl.FIRST_NAMES | nl.SURNAMES}
    keep = {w for w, n in notes_with.items()
            if (n >= MIN_NOTES or lower_in[w] >= 2) and w not in after_cue and w not in names
            and len(w) > 1 and lexicon.zipf(w) < lexicon.COMMON_FROM}
    return sorted(keep | {w.lower() for w in HAND_TERMS})


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notes", type=Path, default=REPO.parent / "shared" / "data" / "mtsamples.csv")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    if not args.notes.is_file():
        print(f"error: {args.notes}: notes CSV not found", file=sys.stderr)
        return 2
    words = build(split_notes(read_notes(args.notes))[0])
    args.out.write_text("".join(w + "\n" for w in words), encoding="utf-8")
    print(f"{len(words)} clinical terms -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
