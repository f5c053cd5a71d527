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


@pytest.mark.reference_data("HAM10000_metadata.csv", "mtsamples.csv")
def test_fetch_from_dataverse_and_a_kaggle_copy(tmp_path, monkeypatch, capsys):
    """The workflow's fetch against a Dataverse-shaped server on 127.0.0.1: same bytes as ../shared/data."""
    import csv
    import http.server
    import io
    import json
    import threading

    ham = (REFERENCE_DATA / "HAM10000_metadata.csv").read_bytes()
    notes = (REFERENCE_DATA / "mtsamples.csv").read_bytes().decode("utf-8")  # keeps the \r\n inside fields
    rows = list(csv.reader(io.StringIO(notes, newline="")))
    kaggle = io.StringIO()  # the public copies' layout: unnamed 0-based index, fields padded with a space
    csv.writer(kaggle, lineterminator="\n").writerows(
        [["", *rows[0][1:]]] + [[str(int(r[0]) - 1), *(f" {c}" if c else c for c in r[1:])] for r in rows[1:]])
    files = {"/api/datasets/:persistentId/versions/:latest-published/files": json.dumps({"data": [
                 {"label": "HAM10000_images_part_1.zip", "dataFile": {"id": 1, "filename": "x.zip"}},
                 {"label": "HAM10000_metadata.tab", "dataFile": {"id": 7, "filename": "HAM10000_metadata.tab",
                                                                 "originalFileName": "HAM10000_metadata.csv"}}]}),
             "/api/access/datafile/7": ham, "/mtsamples.csv": kaggle.getvalue()}
    seen = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            seen.append(self.path)
            body = files.get(self.path.split("?")[0])
            self.send_response(200 if body is not None else 404)
            self.end_headers()
            self.wfile.write(body.encode() if isinstance(body, str) else body or b"")

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        base = f"http://127.0.0.1:{server.server_port}"
        monkeypatch.setattr(fetch, "DATAVERSE", base)
        monkeypatch.setattr(fetch, "MTSAMPLES_URL", f"{base}/mtsamples.csv")
        assert fetch.main([str(tmp_path / "ref")]) == 0
    finally:
        server.shutdown()
    assert "/api/access/datafile/7?format=original" in seen
    assert (tmp_path / "ref" / "HAM10000_metadata.csv").read_bytes() == ham
    assert (tmp_path / "ref" / "mtsamples.csv").read_bytes() == (REFERENCE_DATA / "mtsamples.csv").read_bytes()
    assert capsys.readouterr().out.count("(identical to the ../shared/data copy)") == 2
    assert not list((tmp_path / "ref").glob(".*.tmp"))
