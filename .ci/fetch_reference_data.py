#!/usr/bin/env python3
"""Fetch the real reference files the tests read (HAM10000 metadata, MTSamples) from their public sources.

    python3 .ci/fetch_reference_data.py "$MEDREPRO_REFERENCE_DATA"

For CI machines that have no ../shared/data. Standard library only (it runs before the venv exists). Each file
is put in the layout of the ../shared/data copies (HAM10000: the original bytes; MTSamples: note_id from 1, fields
without padding spaces, "\\n" line ends), checked for the row and class counts the tests rely on (a wrong or
truncated file fails here, loudly), and compared with the sha256 of those copies (a difference is reported, not
fatal: the counts are the contract).
A file already present and valid (a CI cache hit) is not downloaded again.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import sys
import time
import urllib.request
from collections import Counter
from collections.abc import Callable
from pathlib import Path

DATAVERSE = "https://dataverse.harvard.edu"
HAM10000_DOI = "doi:10.7910/DVN/DBW86T"  # Tschandl et al., Sci. Data 5, 180161 (2018), CC BY-NC 4.0
HAM10000_COLUMNS = ["lesion_id", "image_id", "dx", "dx_type", "age", "sex", "localization"]
HAM10000_DX = {"nv": 6705, "mel": 1113, "bkl": 1099, "bcc": 514, "akiec": 327, "vasc": 142, "df": 115}
# The Kaggle "medicaltranscriptions" file (CC0, scraped from mtsamples.com), as committed by USC Biostatistics.
MTSAMPLES_URL = ("https://raw.githubusercontent.com/USCbiostats/data-science-data/"
                 "25a5bf05de1c74c927cad51aafffdba2aa2355b2/00_mtsamples/mtsamples.csv")
MTSAMPLES_COLUMNS = ["note_id", "description", "medical_specialty", "sample_name", "transcription", "keywords"]
# sha256 of the ../shared/data copies the local test runs use.
EXPECTED_SHA256 = {
    "HAM10000_metadata.csv": "3acc8553b04222669907b3bf2bcd73c5e59bbe549e12158f033a7c9ad0b60542",
    "mtsamples.csv": "03dd96a78ced37aa2f196ed81c3f9095b47f170076c20f86f9f6ee2fb117db7f",
}


class FetchError(Exception):
    pass


def get(url: str, attempts: int = 4) -> bytes:
    """GET with retries (Dataverse and GitHub raw both have bad minutes)."""
    request = urllib.request.Request(url, headers={"User-Agent": "medrepro-ci/1 (reference-data fetch)"})
    for attempt in range(1, attempts + 1):
        try:
            with urllib.request.urlopen(request, timeout=120) as response:
                return response.read()
        except OSError as exc:  # URLError, HTTPError, timeouts
            if attempt == attempts:
                raise FetchError(f"{url}: {exc}") from exc
            print(f"  {url}: {exc}; retrying in {5 * attempt} s", flush=True)
            time.sleep(5 * attempt)
    raise AssertionError("unreachable")


def write_csv(rows: list[list[str]], lineterminator: str = "\n") -> bytes:
    out = io.StringIO()
    csv.writer(out, lineterminator=lineterminator).writerows(rows)
    return out.getvalue().encode("utf-8")


def read_csv(data: bytes, what: str) -> list[list[str]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FetchError(f"{what}: not UTF-8 text ({exc})") from exc
    rows = list(csv.reader(io.StringIO(text, newline="")))
    if not rows:
        raise FetchError(f"{what}: empty file")
    return rows


def normalise_ham10000(data: bytes) -> bytes:
    """The original metadata CSV, kept byte for byte (CRLF lines) unless a later version adds columns to drop."""
    rows = read_csv(data, "HAM10000 metadata")
    if rows[0] == HAM10000_COLUMNS:
        return data
    header = [h.strip() for h in rows[0]]
    missing = [c for c in HAM10000_COLUMNS if c not in header]
    if missing:
        raise FetchError(f"HAM10000 metadata: columns {missing} missing from {header}")
    index = [header.index(c) for c in HAM10000_COLUMNS]
    return write_csv([HAM10000_COLUMNS] + [[row[i] for i in index] for row in rows[1:] if row], "\r\n")


def check_ham10000(data: bytes) -> None:
    rows = read_csv(data, "HAM10000_metadata.csv")
    if rows[0] != HAM10000_COLUMNS:
        raise FetchError(f"HAM10000_metadata.csv: header {rows[0]}, expected {HAM10000_COLUMNS}")
    body = rows[1:]
    lesions = {r[0] for r in body}
    dx = dict(Counter(r[2] for r in body))
    if len(body) != 10015 or len(lesions) != 7470 or dx != HAM10000_DX:
        raise FetchError(f"HAM10000_metadata.csv: {len(body)} images of {len(lesions)} lesions, dx {dx}; "
                         f"expected 10015 images of 7470 lesions, dx {HAM10000_DX}")


def normalise_mtsamples(data: bytes) -> bytes:
    """Kaggle layout (unnamed 0-based index column, space-padded fields) -> note_id from 1, fields unpadded."""
    rows = read_csv(data, "MTSamples")
    if [h.strip() for h in rows[0][1:]] != MTSAMPLES_COLUMNS[1:] or rows[0][0].strip() not in ("", "X", "note_id"):
        raise FetchError(f"MTSamples: header {rows[0]}, expected an index column then {MTSAMPLES_COLUMNS[1:]}")
    offset = 0 if rows[0][0].strip() == "note_id" else 1
    try:
        body = [[str(int(r[0]) + offset)] + [c.strip(" ") for c in r[1:]] for r in rows[1:] if r]
    except ValueError as exc:
        raise FetchError(f"MTSamples: the index column is not a number ({exc})") from exc
    return write_csv([MTSAMPLES_COLUMNS] + body)


def check_mtsamples(data: bytes) -> None:
    rows = read_csv(data, "mtsamples.csv")
    if rows[0] != MTSAMPLES_COLUMNS:
        raise FetchError(f"mtsamples.csv: header {rows[0]}, expected {MTSAMPLES_COLUMNS}")
    body = rows[1:]
    specialties = Counter(r[2] for r in body)
    if len(body) != 4999 or len(specialties) != 40 or specialties["Surgery"] != 1103:
        raise FetchError(f"mtsamples.csv: {len(body)} notes, {len(specialties)} specialties, Surgery "
                         f"{specialties['Surgery']}; expected 4999 notes, 40 specialties, Surgery 1103")


def ham10000_url() -> str:
    """The metadata file's access URL, looked up by name in the dataset's latest published version."""
    listing = (f"{DATAVERSE}/api/datasets/:persistentId/versions/:latest-published/files"
               f"?persistentId={HAM10000_DOI}")
    try:
        files = json.loads(get(listing))["data"]
    except (FetchError, ValueError, KeyError, TypeError) as exc:  # older servers: the dataset's own JSON
        print(f"  {listing}: {exc}; trying the dataset record", flush=True)
        listing = f"{DATAVERSE}/api/datasets/:persistentId/?persistentId={HAM10000_DOI}"
        try:
            files = json.loads(get(listing))["data"]["latestVersion"]["files"]
        except (ValueError, KeyError, TypeError) as exc2:
            raise FetchError(f"{listing}: not a Dataverse dataset record ({exc2})") from exc2
    for entry in files:
        datafile = entry.get("dataFile", {})
        names = {entry.get("label", ""), datafile.get("filename", ""), datafile.get("originalFileName", "")}
        if any(Path(n).stem == "HAM10000_metadata" for n in names if n):
            # Dataverse serves ingested tables as .tab; format=original gives the uploaded CSV.
            return f"{DATAVERSE}/api/access/datafile/{datafile['id']}?format=original"
    raise FetchError(f"{listing}: no HAM10000_metadata file among {[e.get('label') for e in files]}")


def fetch(dest: Path, name: str, url: Callable[[], str], normalise: Callable[[bytes], bytes],
          check: Callable[[bytes], None]) -> None:
    target = dest / name
    if target.is_file():
        try:
            check(target.read_bytes())
            print(f"{target}: present and valid, not downloaded again")
            return
        except FetchError as exc:
            print(f"{target}: {exc}; downloading again")
    source = url()
    print(f"{name}: downloading {source}", flush=True)
    data = normalise(get(source))
    check(data)
    tmp = target.with_name(f".{name}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, target)
    digest = hashlib.sha256(data).hexdigest()
    if digest == EXPECTED_SHA256[name]:
        print(f"{target}: {len(data)} bytes, sha256 {digest} (identical to the ../shared/data copy)")
    else:  # GitHub renders this as an annotation on the run
        print(f"::warning title=reference data::{name}: sha256 {digest} differs from the ../shared/data copy "
              f"({EXPECTED_SHA256[name]}); the row and class counts match")


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    dest = Path(argv[0])
    dest.mkdir(parents=True, exist_ok=True)
    try:
        fetch(dest, "HAM10000_metadata.csv", ham10000_url, normalise_ham10000, check_ham10000)
        fetch(dest, "mtsamples.csv", lambda: MTSAMPLES_URL, normalise_mtsamples, check_mtsamples)
    except FetchError as exc:
        print(f"error: reference data: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
