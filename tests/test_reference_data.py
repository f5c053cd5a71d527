"""The real reference files: where tests find them (MEDREPRO_REFERENCE_DATA), how CI fetches them, and that CI
fails instead of skipping when they are missing."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys

import pytest
from conftest import REFERENCE_DATA, REPO

spec = importlib.util.spec_from_file_location("fetch_reference_data", REPO / ".ci" / "fetch_reference_data.py")
fetch = importlib.util.module_from_spec(spec)
spec.loader.exec_module(fetch)


@pytest.mark.reference_data("HAM10000_metadata.csv", "mtsamples.csv")
def test_the_reference_files_are_the_ones_the_fetch_checks_for():
    ham = (REFERENCE_DATA / "HAM10000_metadata.csv").read_bytes()
    notes = (REFERENCE_DATA / "mtsamples.csv").read_bytes()
    fetch.check_ham10000(ham)
    fetch.check_mtsamples(notes)
    assert fetch.normalise_ham10000(ham) == ham and fetch.normalise_mtsamples(notes) == notes  # already in layout
    with pytest.raises(fetch.FetchError, match="expected 10015 images of 7470 lesions"):
        fetch.check_ham10000(b"\r\n".join(ham.split(b"\r\n")[:5000]))
    with pytest.raises(fetch.FetchError, match="expected 4999 notes"):
        fetch.check_mtsamples(notes[: len(notes) // 2].rsplit(b"\n", 1)[0])


@pytest.mark.reference_data("HAM10000_metadata.csv", "mtsamples.csv")
def test_valid_files_are_not_downloaded_again(capsys):
    def no_network():
        raise AssertionError("downloaded although a valid copy was there")

    fetch.fetch(REFERENCE_DATA, "mtsamples.csv", no_network, fetch.normalise_mtsamples, fetch.check_mtsamples)
    assert "present and valid" in capsys.readouterr().out


def test_kaggle_layout_becomes_the_shared_layout():
    kaggle = (b',description,medical_specialty,sample_name,transcription,keywords\n'
              b'0, A cough.  , Allergy / Immunology, Allergic Rhinitis ,"SUBJECTIVE:,  Cough.\r\n","allergy, "\n'
              b'1, Knee pain., Orthopedic, Knee ,,\n')
    assert fetch.normalise_mtsamples(kaggle).decode() == (
        'note_id,description,medical_specialty,sample_name,transcription,keywords\n'
        '1,A cough.,Allergy / Immunology,Allergic Rhinitis,"SUBJECTIVE:,  Cough.\r\n","allergy,"\n'
        '2,Knee pain.,Orthopedic,Knee,,\n')
    with pytest.raises(fetch.FetchError, match="expected an index column"):
        fetch.normalise_mtsamples(b"text,label\nx,y\n")
    extra = b"lesion_id,image_id,dx,dx_type,age,sex,localization,dataset\r\nHAM_1,ISIC_1,nv,histo,80,male,back,x\r\n"
    assert fetch.normalise_ham10000(extra) == (b"lesion_id,image_id,dx,dx_type,age,sex,localization\r\n"
                                               b"HAM_1,ISIC_1,nv,histo,80,male,back\r\n")


def test_missing_reference_data_skips_here(tmp_path, monkeypatch):
    import conftest

    monkeypatch.setattr(conftest, "REFERENCE_DATA", tmp_path)
    with pytest.raises(pytest.skip.Exception, match=f"reference data {tmp_path / 'mtsamples.csv'} not found"):
        conftest.reference_file("mtsamples.csv")


def test_missing_reference_data_fails_the_run_in_ci(tmp_path):
    env = {**os.environ, "CI": "true", "MEDREPRO_REFERENCE_DATA": str(tmp_path), "PYTHONPATH": str(REPO / "src"),
           "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1"}
    ci = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                         "tests/test_reference_data.py::test_kaggle_layout_becomes_the_shared_layout"],
                        cwd=REPO, env=env, capture_output=True, text=True, timeout=300)
    assert ci.returncode == 1, ci.stdout + ci.stderr
    assert (f"error: CI=true but the reference data HAM10000_metadata.csv, mtsamples.csv is missing from {tmp_path}"
            in ci.stdout + ci.stderr)
