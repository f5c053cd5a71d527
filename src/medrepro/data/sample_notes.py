"""Deterministic synthetic MTSamples-style notes with planted PHI, for tests and the sample pipeline.

Each specialty has its own vocabulary, so a text classifier can learn it; every note carries planted
identifiers (patient and clinician names, dates, MRN, phone, email, address) whose values are returned
so privacy tests can check that no pipeline output still contains them. Names are built from
syllables, so they collide neither with real words nor with a pretrained tokenizer's vocabulary.
Nothing here is taken from the real MTSamples data.
"""

from __future__ import annotations

import csv
import os
import random
from dataclasses import dataclass
from pathlib import Path

from medrepro.io import atomic_path

COLUMNS = ("note_id", "description", "medical_specialty", "sample_name", "transcription", "keywords")

# (label as MTSamples writes it, with its leading space; weight; vocabulary)
SPECIALTIES: tuple[tuple[str, float, tuple[str, ...]], ...] = (
    (" Cardiovascular / Pulmonary", 0.24, (
        "chest pain", "dyspnea on exertion", "echocardiogram", "ejection fraction", "coronary artery disease",
        "drug-eluting stent", "atrial fibrillation", "metoprolol", "troponin", "cardiac catheterization",
        "mitral regurgitation", "pulmonary function tests", "wheezing", "albuterol nebulizer")),
    (" Orthopedic", 0.20, (
        "knee effusion", "distal radius fracture", "arthroscopy", "medial meniscus tear", "anterior cruciate ligament",
        "short arm cast", "range of motion", "rotator cuff", "ibuprofen", "weight bearing as tolerated",
        "open reduction and internal fixation", "lumbar spine", "physical therapy", "tendon")),
    (" Gastroenterology", 0.17, (
        "epigastric pain", "colonoscopy", "sessile polyp", "gastroesophageal reflux", "upper endoscopy",
        "hepatic steatosis", "omeprazole", "watery diarrhea", "cold forceps biopsy", "esophagitis",
        "cecum was reached", "bowel preparation", "elevated transaminases", "pancreatitis")),
    (" Neurology", 0.15, (
        "migraine headache", "generalized seizure", "MRI of the brain", "electroencephalogram",
        "peripheral neuropathy", "levetiracetam", "unsteady gait", "ischemic stroke", "numbness and tingling",
        "cranial nerves II through XII", "deep tendon reflexes", "tremor", "gabapentin", "aphasia")),
    (" Urology", 0.13, (
        "gross hematuria", "benign prostatic hyperplasia", "cystoscopy", "ureteral calculus",
        "prostate-specific antigen", "Foley catheter", "tamsulosin", "bladder outlet obstruction",
        "urinary retention", "hydronephrosis", "lithotripsy", "nocturia", "urethral stricture", "urinalysis")),
    (" Obstetrics / Gynecology", 0.11, (
        "intrauterine pregnancy", "weeks gestation", "transvaginal ultrasound", "cervical dilation",
        "uterine fibroids", "prenatal vitamins", "fetal heart tones", "menorrhagia", "Pap smear",
        "ovarian cyst", "cesarean section", "postpartum", "gravida 2 para 1", "endometrial biopsy")),
)
_GENERIC = (
    "The patient tolerated the procedure well.", "Vital signs were stable.", "No known drug allergies.",
    "Risks and benefits were discussed.", "She denies fever or chills.", "He will return in two weeks.",
    "Lungs are clear to auscultation.", "Abdomen is soft and nontender.", "Plan was reviewed with the family.",
)
_ON = ["Br", "Qu", "Th", "Kr", "Vel", "Dor", "Mar", "Zan", "Gr", "Sel", "Tor", "Bel", "Cav", "Fen", "Lor", "Pyr"]
_NUC = ["a", "e", "i", "o", "u", "ae", "io", "ou"]
_CODA = ["nth", "rv", "lk", "sk", "rn", "dd", "x", "lm", "zz", "rth"]
_STREETS = ["Quillfeather Lane", "Brackenmoor Road", "Thistlegrove Avenue", "Vellumcourt Drive", "Orrisbank Street"]


@dataclass(frozen=True)
class PlantedValue:
    note_id: str
    category: str
    value: str


def _syllable_name(rng: random.Random) -> str:
    return (rng.choice(_ON) + rng.choice(_NUC) + rng.choice(_CODA) + rng.choice(_NUC) + rng.choice(["n", "l", "s", ""]))


def _note(rng: random.Random, note_id: str, n_empty: set[int], index: int) -> tuple[dict, list[PlantedValue]]:
    weights = [w for _, w, _ in SPECIALTIES]
    label, _, vocab = rng.choices(SPECIALTIES, weights=weights)[0]
    if index in n_empty:
        return ({"note_id": note_id, "description": "Empty dictation.", "medical_specialty": label,
                 "sample_name": "Empty", "transcription": "", "keywords": ""}, [])
    first, last = _syllable_name(rng), _syllable_name(rng)
    doc_first, doc_last = _syllable_name(rng), _syllable_name(rng)
    consultant = _syllable_name(rng)
    y, mo, d = rng.randint(1935, 2005), rng.randint(1, 12), rng.randint(1, 28)
    dob = f"{mo:02d}/{d:02d}/{y}"
    month = ["January", "March", "June", "August", "October"][rng.randrange(5)]
    visit = f"{month} {rng.randint(1, 28)}, 20{rng.randint(10, 23)}"
    mrn = f"{rng.randint(10, 99)}{rng.randint(100000, 999999)}"
    phone = f"({rng.randint(201, 989)}) {rng.randint(200, 989)}-{rng.randint(1000, 9999)}"
    email = f"{first.lower()}.{last.lower()}@example-mail.com"
    address = f"{rng.randint(10, 9899)} {rng.choice(_STREETS)}"
    terms = rng.sample(vocab, 6)
    body = [
        f"The patient presents with {terms[0]} and a history of {terms[1]}.",
        f"Examination was notable for {terms[2]}.",
        f"Workup included {terms[3]}; {terms[4]} was also considered.",
        rng.choice(_GENERIC),
        f"Plan: continue {terms[5]} and follow up.",
        rng.choice(_GENERIC),
    ]
    rng.shuffle(body)
    text = (
        f"PATIENT NAME: {first} {last}.  MRN: {mrn}.  DOB: {dob}.  DATE OF SERVICE: {visit}.,"
        f"HISTORY:,  {' '.join(body[:3])},"
        f"PLAN:,  {' '.join(body[3:])}  Dr. {consultant} was consulted.  "
        f"The patient lives at {address} and can be reached at {phone} or {email}.,"
        f"Dictated by: {doc_first} {doc_last}, MD"
    )
    row = {
        "note_id": note_id,
        "description": f"{terms[0].capitalize()} evaluation.",
        "medical_specialty": label,
        "sample_name": f"{terms[0].title()} - {index % 7 + 1}",
        "transcription": text,
        "keywords": f"{label.strip().lower()}, " + ", ".join(terms[:4]),
    }
    planted = [
        PlantedValue(note_id, "NAME", f"{first} {last}"), PlantedValue(note_id, "NAME", last),
        PlantedValue(note_id, "NAME", f"{doc_first} {doc_last}"), PlantedValue(note_id, "NAME", doc_last),
        PlantedValue(note_id, "NAME", consultant), PlantedValue(note_id, "DATE", dob),
        PlantedValue(note_id, "DATE", visit), PlantedValue(note_id, "ID", mrn),
        PlantedValue(note_id, "PHONE", phone), PlantedValue(note_id, "EMAIL", email),
        PlantedValue(note_id, "ADDRESS", address),
    ]
    return row, planted


def generate_sample_notes(n: int = 240, seed: int = 0) -> tuple[list[dict], list[PlantedValue]]:
    """Rows of a synthetic notes CSV and the identifiers planted in them (same seed, same output)."""
    if n < 1:
        raise ValueError("n must be at least 1")
    rng = random.Random(seed)
    empty = {i for i in range(n) if n >= 60 and i % 120 == 59}  # a few empty notes, as in MTSamples
    rows, planted = [], []
    for i in range(n):
        row, values = _note(rng, str(i + 1), empty, i)
        rows.append(row)
        planted.extend(values)
    return rows, planted


def planted_values(n: int = 240, seed: int = 0) -> list[PlantedValue]:
    return generate_sample_notes(n, seed)[1]


def write_values(path: str | os.PathLike, values: list[PlantedValue]) -> None:
    """Sidecar for `medrepro scan-phi --values`: one `CATEGORY<TAB>value` per line."""
    with atomic_path(path) as tmp:
        tmp.write_text("".join(f"{v.category}\t{v.value}\n" for v in values), encoding="utf-8")


def write_sample_notes(path: str | os.PathLike, n: int = 240, seed: int = 0,
                       values_path: str | os.PathLike | None = None) -> list[PlantedValue]:
    """Write the synthetic notes CSV atomically (and optionally the planted values); return the values."""
    rows, planted = generate_sample_notes(n, seed)
    with atomic_path(Path(path)) as tmp:
        with tmp.open("w", encoding="utf-8", newline="") as fh:
            writer = csv.DictWriter(fh, fieldnames=COLUMNS)
            writer.writeheader()
            writer.writerows(rows)
    if values_path is not None:
        write_values(values_path, planted)
    return planted
