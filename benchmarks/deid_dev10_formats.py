"""Development families for identifier formats, date notations and structured person names: split `dev10-formats`.

Development data (round 10): tune on these, on development notes only. Round 8's held-out families broke
the rules with record formats they had no shape for; these families draw many more of the formats real
records carry, each from independent choices (format x label x layout), so a rule written for one template's
wording does not pass the family:
- blood-unit numbers: ISBT 128 donation identification numbers ("W1234 22 654321", compact, with flag
  characters, boxed) and Codabar unit numbers ("47FZ12345"); specimen, accession and case numbers
  ("S24-018842", "SP-2023-004512", "CH22-11873"); OIDs and DICOM UIDs in dumps, FHIR and prose;
  NPI, DEA and licence numbers; insurance member IDs with letters among the digits ("XKH84M20017",
  Medicare MBIs "1EG4-TE5-MK73"); order numbers with one letter inside the digits ("5518T0427");
  "NNN-NNNN" record numbers after labels in DICOM dumps and MRN fields;
- dates with Roman-numeral months in every order and separator ("13.xi.2015", "2015-XI-13", "13/XI/2015",
  "13 XI 2015"), alone and in ranges, and ISO ordinal dates ("2015-317") after a date label;
- ages over 89 with capital units ("100 YRS", "AGE 94Y", "97 YO");
- person names as DICOM PN values (family^given^middle^prefix^suffix) in dcmdump, pydicom, keyword and
  JSON dumps, as HL7-style XPN components in FHIR "text", and in all capitals on labels ("KOWAL ANNA").
The clinical strings are the numbers and codes that share these shapes and must be kept verbatim: versions,
ICD-10 and LOINC codes, NDC numbers, gene variants, tumour markers, doses.
"""

from __future__ import annotations

import re

from deid_dev import DEV_LOCALES  # noqa: F401  (the split's locales)
from deid_harness import Gen, Planted, name, parts_of_digits

_ROMAN = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii")
_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"


def _idp(fam: str, v: str) -> Planted:
    return Planted("ID", fam, v, (v, *parts_of_digits(v)))


def _letters(g: Gen, n: int) -> str:
    return "".join(g.r.choice(_LETTERS) for _ in range(n))


def _blood_unit(g: Gen) -> tuple[str, list[Planted]]:
    """ISBT 128 donation numbers and Codabar unit numbers on transfusion records."""
    fam = "f10_blood_unit"
    d = g.digits
    fac = g.r.choice("ABCDEFGHJKLMNPQRSTVWXYZ") + d(4)
    yy = f"{g.r.randint(10, 29)}"
    v = g.r.choice([f"{fac} {yy} {d(6)}", f"{fac}{yy}{d(6)}", f"{fac} {yy} {d(6)} {g.r.choice('ABCDEFKMN')}",
                    f"={fac}{yy}{d(6)}00", f"{d(2)}{_letters(g, 2)}{d(5)}", f"{d(2)}{_letters(g, 1)}{d(5)}"])
    abo = g.r.choice(["A POS", "O NEG", "B+", "AB negative", "O Rh+"])
    s = g.r.choice([f"Transfused PRBC unit # {v} ({abo}) without reaction.",
                    f"Blood bank: DIN {v}, {abo}, irradiated, issued 14:20.",
                    f"Unit number: {v}   Component: FFP   Volume 250 mL",
                    f"Two-person check of unit {v} completed; {abo} crossmatch compatible.",
                    f"Platelets (unit {v}) hung at 09:40, vitals stable.",
                    f"Returned unused: blood product {v}, cooler temperature acceptable."])
    return s, [_idp(fam, v)]


def _specimen(g: Gen) -> tuple[str, list[Planted]]:
    """Surgical pathology, cytology and lab accession numbers."""
    fam = "f10_specimen"
    d = g.digits
    yy = g.r.randint(15, 26)
    v = g.r.choice([f"S{yy}-{d(5)}", f"SP-20{yy}-{d(6)}", f"{_letters(g, 2)}{yy}-{d(5)}",
                    f"{yy}-{_letters(g, 2)}-{d(5)}", f"C{yy}-{d(4)}", f"{_letters(g, 1)}{d(2)}-{d(6)}",
                    f"{d(2)}{_letters(g, 1)}{d(7)}"])
    s = g.r.choice([f"Pathology accession {v}: margins negative.", f"Specimen ID {v} received in formalin.",
                    f"See surgical pathology report {v} for the final diagnosis.",
                    f"Cytology case {v}, adequate for evaluation.", f"Accession no.: {v}",
                    f"Outside slides ({v}) reviewed at our institution."])
    return s, [_idp(fam, v)]


def _uid(g: Gen) -> tuple[str, list[Planted]]:
    """OIDs and DICOM UIDs: study, series and SOP instance UIDs, in dumps, FHIR and prose."""
    fam = "f10_uid"
    d = g.digits
    root = g.r.choice(["1.2.840.113619.2", "1.2.826.0.1.3680043.8", "1.3.6.1.4.1.9328.50", "1.2.392.200036.9116",
                       "1.3.12.2.1107.5.2", "2.16.124.113543.6003"])
    v = g.r.choice([f"{root}.{d(4)}.{d(6)}.{d(5)}", f"{root}.{d(8)}.{d(3)}.{g.r.randint(1, 9)}",
                    f"2.25.{d(20)}", f"{root}.{d(12)}"])
    s = g.r.choice([f"(0020,000D) UI [{v}]", f"SeriesInstanceUID: {v}", f"Study UID {v} failed to route to PACS.",
                    f'{{"resourceType": "ImagingStudy", "identifier": [{{"value": "urn:oid:{v}"}}]}}',
                    f"SOP Instance UID={v}; modality CT", f"Please re-push study {v} from the outside CD."])
    return s, [_idp(fam, v)]


def _provider_number(g: Gen) -> tuple[str, list[Planted]]:
    """NPI, DEA and state licence numbers on prescriptions and letters."""
    fam = "f10_provider_no"
    d = g.digits
    kind = g.r.choice(["npi", "dea", "lic"])
    if kind == "npi":
        v = g.r.choice(["1", "2"]) + d(9)
        s = g.r.choice([f"Prescriber NPI {v}", f"NPI: {v}   Taxonomy 207Q00000X", f"rendering provider (NPI {v})"])
    elif kind == "dea":
        v = _letters(g, 2) + d(7)
        s = g.r.choice([f"DEA# {v}", f"DEA number {v} on file for controlled substances.", f"DEA: {v}"])
    else:
        v = g.r.choice([f"{_letters(g, 1)}{d(5)}", f"MD{d(6)}", f"{_letters(g, 2)}-{d(5)}", f"{d(2)}-{d(6)}"])
        s = g.r.choice([f"State license {v}, expires next year.", f"Lic. no. {v}", f"Medical licence: {v}"])
    return s, [_idp(fam, v)]


def _member(g: Gen) -> tuple[str, list[Planted]]:
    """Insurance member, subscriber and group numbers with letters among the digits; Medicare MBIs."""
    fam = "f10_member"
    d = g.digits
    mbi = f"{g.r.randint(1, 9)}{_letters(g, 1)}{_letters(g, 1)}{d(1)}-{_letters(g, 2)}{d(1)}-{_letters(g, 2)}{d(2)}"
    v = g.r.choice([f"{_letters(g, 3)}{d(2)}{_letters(g, 1)}{d(5)}", f"{_letters(g, 3)}{d(9)}", mbi,
                    mbi.replace("-", ""), f"{d(3)}{_letters(g, 1)}{d(5)}{_letters(g, 1)}",
                    f"{_letters(g, 1)}{d(8)}{_letters(g, 2)}"])
    s = g.r.choice([f"Member ID: {v}", f"Subscriber #{v}, group 0047", f"Medicare number {v} verified.",
                    f"Insurance: commercial PPO, ID {v}", f"Policy {v} is active through the end of the year.",
                    f"Eligibility checked for member {v}: copay applies."])
    return s, [_idp(fam, v)]


def _letter_inside(g: Gen) -> tuple[str, list[Planted]]:
    """Order, requisition and encounter numbers with one or two letters inside the digits."""
    fam = "f10_letter_inside"
    d = g.digits
    v = g.r.choice([f"{d(4)}{_letters(g, 1)}{d(4)}", f"{d(3)}{_letters(g, 1)}{d(5)}", f"{d(5)}{_letters(g, 2)}{d(3)}",
                    f"{d(2)}{_letters(g, 1)}{d(6)}"])
    s = g.r.choice([f"Requisition {v} printed.", f"Order #{v} was cancelled by pharmacy.",
                    f"Encounter number {v}", f"Referral {v} authorized for six visits.",
                    f"Ticket {v} opened with the interface team.", f"Lab order {v}: drawn, in transit."])
    return s, [_idp(fam, v)]


def _short_record(g: Gen) -> tuple[str, list[Planted]]:
    """Record numbers "NNN-NNNN" (and "NN-NNNNN") after labels in dumps, banners and MRN fields."""
    fam = "f10_short_record"
    d = g.digits
    v = g.r.choice([f"{d(3)}-{d(4)}", f"{d(2)}-{d(5)}", f"{d(3)}-{d(3)}"])
    s = g.r.choice([f"(0010,0020) LO [{v}]", f"PatientID={v} IssuerOfPatientID=OUTSIDE",
                    f"MRN: {v}", f"Med rec no {v}", f"Chart #: {v}", f"Hospital ID {v} (old system)",
                    f"Patient ID: {v}  Sex: M", f"Our reference {v}."])
    return s, [_idp(fam, v)]


def _roman_value(g: Gen) -> str:
    y, m, d = g.r.randint(1990, 2026), g.r.randint(1, 12), g.r.randint(1, 28)
    r = _ROMAN[m - 1]
    r = g.r.choice([r, r.upper()])
    return g.r.choice([f"{d}.{r}.{y}", f"{d:02d}.{r}.{y}", f"{y}-{r}-{d:02d}", f"{d}/{r}/{y}", f"{d} {r} {y}",
                       f"{d}-{r}-{y}", f"{d}.{r}.{y % 100:02d}", f"{d}. {r}. {y}"])


def _roman_date(g: Gen) -> tuple[str, list[Planted]]:
    """Dates with Roman-numeral months, alone, in ranges and in form fields."""
    fam = "f10_roman_date"
    v = _roman_value(g)
    s = g.r.choice([f"Clinic visit {v}, resident clinic.", f"Date of procedure: {v}", f"collected {v}",
                    f"Last menstrual period {v}.", f"Registry entry dated {v}; abstracted later.",
                    f"Label printed {v}", f"Vaccinated {v} (second dose).", f"{v}: discharged home."])
    return s, [Planted("DATE", fam, v, (v,))]


def _roman_range(g: Gen) -> tuple[str, list[Planted]]:
    fam = "f10_roman_range"
    a, b = _roman_value(g), _roman_value(g)
    s = g.r.choice([f"Admitted {a} - {b}.", f"Inpatient stay {a} to {b}.", f"Course: {a}\u2013{b}",
                    f"from {a} until {b} on the ward", f"Valid {a} through {b}"])
    return s, [Planted("DATE", fam, a, (a,)), Planted("DATE", fam, b, (b,))]


def _ordinal_date(g: Gen) -> tuple[str, list[Planted]]:
    """ISO ordinal dates (year-day) after a date label, as lab and tracking systems print them."""
    fam = "f10_ordinal_date"
    y, doy = g.r.randint(1995, 2026), g.r.randint(1, 365)
    v = g.r.choice([f"{y}-{doy:03d}", f"{y}{doy:03d}"])
    s = g.r.choice([f"Julian date {v}", f"Collection date (YYYYDDD): {v}", f"Expiry date {v}",
                    f"Date drawn: {v}"])
    return s, [Planted("DATE", fam, v, (v,))]


def _caps_age(g: Gen) -> tuple[str, list[Planted]]:
    """Ages over 89 with capital units, as banners and label printers write them."""
    fam = "f10_caps_age"
    a = str(g.r.randint(90, 108))
    v = g.r.choice([f"{a} YRS", f"{a} YR", f"{a}Y", f"{a} Y", f"{a} YO", f"{a}YO", f"{a} YEARS"])
    s = g.r.choice([f"AGE: {v}", f"{v} F", f"Pt age {v}", f"SEX/AGE: M/{v}", f"DOB unknown, age {v}",
                    f"{v} MALE - FALL AT HOME"])
    return s, [Planted("AGE>89", fam, a, (a,))]


def _pn(g: Gen) -> tuple[str, str, str]:
    first, last = g.first(), g.surname()
    upper = g.r.random() < 0.6
    f, lst = (first.upper(), last.upper()) if upper else (first, last)
    v = g.r.choice([f"{lst}^{f}", f"{lst}^{f}^^^", f"{lst}^{f}^{g.r.choice('ABCDEFGHJKLMNPRST')}",
                    f"{lst}^{f}^^{g.r.choice(['Dr', 'DR', 'Mr', 'MRS'])}",
                    f"{lst}^{f}^^^{g.r.choice(['MD', 'Jr', 'III'])}"])
    return v, f, lst


def _dicom_pn(g: Gen) -> tuple[str, list[Planted]]:
    """Person names as DICOM PN values in header dumps of every common tool."""
    fam = "f10_dicom_pn"
    v, f, lst = _pn(g)
    tag, kw = g.r.choice([("0010,0010", "PatientName"), ("0008,0090", "ReferringPhysicianName"),
                          ("0008,1050", "PerformingPhysicianName"), ("0032,1032", "RequestingPhysician"),
                          ("0008,1060", "NameOfPhysiciansReadingStudy"), ("0010,1001", "OtherPatientNames"),
                          ("0008,1070", "OperatorsName")])
    spaced = " ".join(w for w in re.split(r"(?=[A-Z][a-z])", kw) if w)
    style = g.r.choice(["dcmdump", "pydicom", "keyword", "json", "gdcm", "eq"])
    if style == "dcmdump":
        s = f"({tag}) PN [{v}]{' ' * g.r.randint(2, 12)}# {len(v):>3}, 1 {kw}"
    elif style == "pydicom":
        s = f"({tag.replace(',', ', ')}) {spaced:<28} PN: '{v}'"
    elif style == "keyword":
        s = f"{kw}: {v}"
    elif style == "json":
        s = f'"{tag.replace(",", "")}": {{"vr": "PN", "Value": [{{"Alphabetic": "{v}"}}]}}'
    elif style == "gdcm":
        s = f"({tag.lower()}) PN {v}{' ' * g.r.randint(2, 8)}# {len(v)},1 {spaced}"
    else:
        s = f"{kw}={v} Modality=MR"
    return s, [name(fam, v, [f, lst])]


def _caps_label(g: Gen) -> tuple[str, list[Planted]]:
    """Names in capitals on wristbands, specimen labels, bottle labels and banners."""
    fam = "f10_caps_label"
    first, last = g.first().upper(), g.surname().upper()
    v = g.r.choice([f"{last} {first}", f"{first} {last}", f"{last}, {first}", f"{last},{first}"])
    d = g.digits
    s = g.r.choice([f"Wristband: {v}  MRN {d(8)}", f"Specimen label reads {v} / {d(2)}-{d(5)}",
                    f"Bottle label: {v}   Rx {d(7)}", f"PATIENT: {v}   ROOM 4{d(2)}",
                    f"Armband {v} checked against the order.", f"LABEL: {v} DOB ON FILE",
                    f"Sticker on the tube: {v}"])
    planted = [name(fam, v, [first, last])]
    planted += [_idp(fam, x) for x in re.findall(r"\d[\d-]{6,}", s)]
    return s, planted


FAMILIES = {
    "ID": [_blood_unit, _specimen, _uid, _provider_number, _member, _letter_inside, _short_record],
    "ID2": [_blood_unit, _uid, _member, _letter_inside, _short_record],
    "DATE": [_roman_date, _roman_range, _roman_date, _ordinal_date],
    "AGE>89": [_caps_age],
    "NAME": [_dicom_pn, _caps_label],
    "NAME2": [_dicom_pn],
}

CLINICAL_STRINGS = (
    "ICD-10 E11.9", "ICD-10 I10", "ICD-10 C34.90", "LOINC 2345-7", "LOINC 4548-4", "NDC 0409-4888-02",
    "NDC 0002-8215-01", "c.1234G>A", "c.35delG", "p.Val600Glu", "T790M resistance mutation", "BRAF V600E", "KRAS G12C",
    "HLA-B*57:01", "version 1.2.3", "firmware 4.10.2", "software v2.3.1", "CPT 99213", "HbA1c 7.2%",
    "CA 19-9 41 U/mL", "PSA 4.1 ng/mL", "heparin 5000 units", "insulin glargine 20 units", "Rh(D) negative",
    "factor V Leiden", "BI-RADS 4A", "T2N0M0", "pT1bN0", "Gleason 4+3", "G6PD deficiency", "JAK2 V617F",
    "IDH1 R132H", "C5-C6", "4-0 Vicryl", "1:1000 epinephrine", "0.9% saline",
    "MTHFR C677T", "BRCA1 185delAG", "HER2 3+",
)

CLINICAL_FRAMES = (
    "Assessment: {c}, stable.",
    "(0008,1030) LO [{c}]",
    '{{"code": {{"text": "{c}"}}, "status": "final"}}',
    "Result: {c}",
    "Label: {c}   qty 30",
    "Problem list | {c} | active",
)
