"""Development families for identifiers inside structured and machine-made text: split `dev9-formats` (round 9).

Development data: tune on these, on development notes only. Every held-out round so far broke the rules
with a record format they had no grammar for, so these families plant identifiers in the formats a note
picks up from the systems around it, each from independent choices (syntax x key spelling x field set x
layout), so that a rule written for one template's wording does not pass the family:
- JSON (FHIR-like and ad-hoc exports: "family", "given": [...], "birthDate", "telecom", "identifier"),
- XML and CDA fragments (<given>, <family>, <streetAddressLine>, <telecom value="tel:...">, extension="..."),
- YAML / INI / "key=value" blocks and query strings, form fields with dot or underscore leaders,
- DICOM header dumps (dcmdump "(0010,0010) PN [ROE^JANE]", pydicom "Patient's Name  PN: 'ROE^JANE'",
  "PatientName: ..."),
- tables (markdown, ASCII box, tab-separated) whose header row names the column,
- text extracted from PDFs, faxes and OCR: words hyphenated across a line break, names split over two
  lines, spaces inside numbers, letter O / zero and l / one confusions, page headers and footers.
The clinical strings go into the same formats (a medication in a JSON "text", a diagnosis in an XML
element, a table cell, a form field) and must be kept verbatim.
"""

from __future__ import annotations

import json

from deid_dev import DEV_LOCALES  # noqa: F401  (the split's locales)
from deid_harness import Gen, Planted, name, parts_of_digits

_SFX = ("St", "Ave", "Road", "Drive", "Lane", "Ct", "Blvd", "Way")
_ST = ("OH", "TX", "VA", "NJ", "MN", "TN", "WA", "OR", "GA", "KY")


def _person(g: Gen) -> tuple[str, str]:
    return g.first(), g.surname()


def _written(fam: str, v: str, first: str, last: str) -> Planted:
    """The planted name as the record writes it ("ROE^JANE", "Roe, Jane"), so the value is in the text."""
    return name(fam, v, [first, last])


def _dob(g: Gen, fam: str, form: str) -> tuple[str, Planted]:
    y, m, d = g.r.randint(1931, 2019), g.r.randint(1, 12), g.r.randint(1, 28)
    v = {"iso": f"{y}-{m:02d}-{d:02d}", "da": f"{y}{m:02d}{d:02d}", "us": f"{m:02d}/{d:02d}/{y}",
         "any": g.r.choice([f"{y}-{m:02d}-{d:02d}", f"{m}/{d}/{y}", f"{m:02d}/{d:02d}/{y}"])}[form]
    return v, Planted("DATE", fam, v, (v,))


def _phone(g: Gen, fam: str) -> tuple[str, Planted]:
    d = g.digits
    v = g.r.choice([f"{d(3)}-{d(3)}-{d(4)}", f"({d(3)}) {d(3)}-{d(4)}", f"+1 {d(3)} {d(3)} {d(4)}",
                    f"{d(3)}.{d(3)}.{d(4)}"])
    return v, Planted("PHONE", fam, v, (v, *parts_of_digits(v)))


def _mrn(g: Gen, fam: str) -> tuple[str, Planted]:
    v = g.r.choice([g.digits(7), g.digits(8), f"MR{g.digits(6)}", g.digits(6), f"{g.digits(3)}-{g.digits(4)}"])
    return v, Planted("ID", fam, v, (v, *parts_of_digits(v)))


def _street(g: Gen, fam: str) -> tuple[str, str, str, str, list[Planted]]:
    """Street line, city, state and ZIP in separate fields: the line, the city and the ZIP are planted."""
    n, word, sfx = str(g.r.randint(2, 9899)), g.street(), g.r.choice(_SFX)
    city, zip_code, st = g.city(), g.digits(5), g.r.choice(_ST)
    line = f"{n} {word} {sfx}"
    planted = [Planted("ADDRESS", fam, line, (line, word)), Planted("LOCATION", fam, city, (city,)),
               Planted("LOCATION", fam, zip_code, (zip_code,))]
    return line, city, st, zip_code, planted


def _value(g: Gen, fam: str, kind: str) -> tuple[str, Planted]:
    return {"dob": lambda: _dob(g, fam, "any"), "mrn": lambda: _mrn(g, fam), "phone": lambda: _phone(g, fam)}[kind]()


def _j_fhir(g: Gen) -> tuple[str, list[Planted]]:
    """A FHIR Patient resource (compact or indented), with a random subset of its identifying elements."""
    fam = "f9_json_fhir"
    first, last = _person(g)
    res: dict = {"resourceType": "Patient", "active": True,
                 "name": [{"use": "official", "family": last, "given": [first]}],
                 "gender": g.r.choice(["female", "male"])}
    planted = [name(fam, last, [last]), name(fam, first, [first])]
    if g.r.random() < 0.7:
        v, p = _dob(g, fam, "iso")
        res["birthDate"] = v
        planted.append(p)
    if g.r.random() < 0.6:
        v, p = _mrn(g, fam)
        res["identifier"] = [{"system": "urn:oid:2.16.840.1.113883.19.5", "value": v}]
        planted.append(p)
    if g.r.random() < 0.5:
        v, p = _phone(g, fam)
        res["telecom"] = [{"system": "phone", "value": v, "use": "home"}]
        planted.append(p)
    if g.r.random() < 0.5:
        line, city, st, zip_code, p = _street(g, fam)
        res["address"] = [{"line": [line], "city": city, "state": st, "postalCode": zip_code}]
        planted += p
    text = json.dumps(res, indent=g.r.choice([None, None, 2])) if g.r.random() < 0.8 else json.dumps(res)[:-1]
    lead = g.r.choice(["FHIR payload received: ", "Interface error, resource follows:\n", "", "Raw JSON: "])
    return lead + text, planted


_JSON_KEYS = {
    "first": ["firstName", "first_name", "givenName", "fname", "FirstName"],
    "last": ["lastName", "last_name", "surname", "familyName", "lname"],
    "full": ["patientName", "patient_name", "name", "fullName", "guarantor", "emergencyContact", "pcp"],
    "dob": ["dob", "DOB", "dateOfBirth", "birth_date", "birthdate"],
    "phone": ["phone", "mobile", "cellPhone", "homePhone", "contactNumber", "tel"],
    "mrn": ["mrn", "MRN", "patientId", "medicalRecordNumber", "chart_no", "accountNumber"],
    "zip": ["zip", "zipCode", "postal_code"],
    "street": ["address1", "street", "addressLine1", "streetAddress"],
}


def _j_flat(g: Gen) -> tuple[str, list[Planted]]:
    """An ad-hoc export object with camelCase or snake_case keys, values as strings."""
    fam = "f9_json_flat"
    first, last = _person(g)
    obj: dict = {}
    if g.r.random() < 0.5:
        obj[g.r.choice(_JSON_KEYS["first"])] = first
        obj[g.r.choice(_JSON_KEYS["last"])] = last
        planted = [name(fam, last, [last]), name(fam, first, [first])]
    else:
        v = g.r.choice([f"{first} {last}", f"{last}, {first}"])
        obj[g.r.choice(_JSON_KEYS["full"])] = v
        planted = [_written(fam, v, first, last)]
    obj["encounterType"] = g.r.choice(["outpatient", "inpatient", "telehealth"])
    for key in g.r.sample(["dob", "phone", "mrn", "street"], g.r.randint(1, 3)):
        if key == "street":
            v, city, st, zip_code, ps = _street(g, fam)
            obj[g.r.choice(["city", "town"])] = city
            obj[g.r.choice(_JSON_KEYS["zip"])] = zip_code
        else:
            v, p = _value(g, fam, key)
            ps = [p]
        obj[g.r.choice(_JSON_KEYS[key])] = v
        planted += ps
    items = list(obj.items())
    g.r.shuffle(items)
    text = json.dumps(dict(items), indent=g.r.choice([None, 2, 4]))
    if g.r.random() < 0.2:
        text = text.replace('"', "'")  # a Python repr pasted as if it were JSON
    return g.r.choice(["Intake app export: {t}", "{t}", "Webhook body {t}"]).format(t=text), planted


def _x_cda(g: Gen) -> tuple[str, list[Planted]]:
    """A CDA recordTarget fragment, one line or indented."""
    fam = "f9_xml_cda"
    first, last = _person(g)
    planted = [name(fam, last, [last]), name(fam, first, [first])]
    parts = []
    if g.r.random() < 0.6:
        v, p = _mrn(g, fam)
        parts.append(f'<id root="2.16.840.1.113883.19.5" extension="{v}"/>')
        planted.append(p)
    if g.r.random() < 0.6:
        line, city, st, zip_code, p = _street(g, fam)
        parts.append(f'<addr use="HP"><streetAddressLine>{line}</streetAddressLine><city>{city}</city>'
                     f"<state>{st}</state><postalCode>{zip_code}</postalCode></addr>")
        planted += p
    if g.r.random() < 0.6:
        v, p = _phone(g, fam)
        parts.append(f'<telecom use="HP" value="tel:{v}"/>')
        planted.append(p)
    name_xml = g.r.choice([f"<name><given>{first}</given><family>{last}</family></name>",
                           f'<name use="L"><family>{last}</family><given>{first}</given></name>'])
    pat = [name_xml, '<administrativeGenderCode code="F" codeSystem="2.16.840.1.113883.5.1"/>']
    if g.r.random() < 0.7:
        v, p = _dob(g, fam, "da")
        pat.append(f'<birthTime value="{v}"/>')
        planted.append(p)
    sep = g.r.choice(["", "\n  "])
    body = sep.join(["<recordTarget><patientRole>", *parts, "<patient>", *pat, "</patient>",
                     "</patientRole></recordTarget>"])
    lead = g.r.choice(["CDA header: ", "", "C-CDA received from the referring office:\n"])
    return lead + body, planted


_XML_TAGS = {"full": ["PatientName", "patient_name", "Name", "NextOfKin", "ReferringPhysician"],
             "dob": ["DOB", "DateOfBirth", "BirthDate"], "mrn": ["MRN", "PatientID", "MedicalRecordNumber"],
             "phone": ["Phone", "HomePhone", "ContactPhone"]}


def _x_plain(g: Gen) -> tuple[str, list[Planted]]:
    """Vendor XML with element names that say what they hold."""
    fam = "f9_xml_plain"
    first, last = _person(g)
    v = g.r.choice([f"{first} {last}", f"{last}, {first}", f"{last.upper()}^{first.upper()}"])
    tag = g.r.choice(_XML_TAGS["full"])
    els = [f"<{tag}>{v}</{tag}>"]
    planted = [_written(fam, v, first, last)]
    for key in g.r.sample(["dob", "mrn", "phone"], g.r.randint(1, 3)):
        v, p = _value(g, fam, key)
        tag = g.r.choice(_XML_TAGS[key])
        els.append(f"<{tag}>{v}</{tag}>" if g.r.random() < 0.7 else f'<{tag} value="{v}"/>')
        planted.append(p)
    g.r.shuffle(els)
    return "<Patient>" + g.r.choice(["", "\n"]).join(els) + "</Patient>", planted


_KV_KEYS = {"full": ["patient", "patient_name", "Patient Name", "pt name", "name", "guarantor", "emergency contact",
                     "next of kin", "referring provider", "PCP", "attending"],
            "dob": ["dob", "DOB", "date of birth", "birth date", "birthdate"],
            "mrn": ["mrn", "MRN", "patient id", "record number", "chart no", "acct"],
            "phone": ["phone", "home phone", "cell", "mobile", "contact number", "tel"],
            "street": ["address", "street", "home address"], "city": ["city", "town"], "zip": ["zip", "postal code"]}


def _kv(g: Gen) -> tuple[str, list[Planted]]:
    """A block of key/value lines in YAML, INI, key=value or form syntax with leaders."""
    fam = "f9_kv"
    first, last = _person(g)
    syntax = g.r.choice(["yaml", "ini", "eq", "form", "form_us"])
    v = g.r.choice([f"{first} {last}", f"{last}, {first}", f"{last.upper()}, {first.upper()}"])
    rows = [(g.r.choice(_KV_KEYS["full"]), v)]
    planted = [_written(fam, v, first, last)]
    rows.append(("visit type", g.r.choice(["follow-up", "new patient", "post-op"])))
    for key in g.r.sample(["dob", "mrn", "phone", "street"], g.r.randint(1, 3)):
        if key == "street":
            line, city, st, zip_code, p = _street(g, fam)
            rows += [(g.r.choice(_KV_KEYS["street"]), line), (g.r.choice(_KV_KEYS["city"]), city), ("state", st),
                     (g.r.choice(_KV_KEYS["zip"]), zip_code)]
            planted += p
        else:
            v, p = _value(g, fam, key)
            rows.append((g.r.choice(_KV_KEYS[key]), v))
            planted.append(p)
    if syntax == "yaml":
        lines = [f"{k.replace(' ', '_')}: {v}" for k, v in rows]
        head = g.r.choice(["patient:\n  ", "---\n"])
        return head + ("\n  " if head.startswith("patient") else "\n").join(lines), planted
    if syntax == "ini":
        return "[patient]\n" + "\n".join(f"{k.replace(' ', '_')}={v}" for k, v in rows), planted
    if syntax == "eq":
        return g.r.choice(["; ", " | ", "\n"]).join(f"{k}={v}" for k, v in rows), planted
    leader = g.r.choice([" ", "."]) if syntax == "form" else "_"
    width = max(len(k) for k, _ in rows) + g.r.randint(4, 12)
    return "\n".join(f"{k.title()} {leader * (width - len(k))} {v}" for k, v in rows), planted


def _dicom(g: Gen) -> tuple[str, list[Planted]]:
    """A DICOM header dump: dcmdump, pydicom or a flat keyword list."""
    fam = "f9_dicom"
    first, last = _person(g)
    dfirst, dlast = _person(g)
    mrn, pm = _mrn(g, fam)
    dob, pd = _dob(g, fam, "da")
    pn_val, dn_val = f"{last.upper()}^{first.upper()}", f"{dlast}^{dfirst}" + g.r.choice(["", "^^Dr"])
    elems = [("0008,0060", "CS", "Modality", "MR"), ("0010,0010", "PN", "PatientName", pn_val),
             ("0010,0020", "LO", "PatientID", mrn), ("0010,0030", "DA", "PatientBirthDate", dob),
             ("0010,0040", "CS", "PatientSex", "F"), ("0008,0090", "PN", "ReferringPhysicianName", dn_val)]
    style = g.r.choice(["dcmdump", "pydicom", "keyword"])
    if style == "dcmdump":
        lines = [f"({t}) {vr} [{v}]{' ' * g.r.randint(4, 20)}#  {len(v)}, 1 {kw}" for t, vr, kw, v in elems]
    elif style == "pydicom":
        lines = [f"({t.replace(',', ', ')}) {kw:<34} {vr}: '{v}'" for t, vr, kw, v in elems]
    else:
        lines = [f"{kw}: {v}" for _, _, kw, v in elems]
    return "DICOM header (study imported from outside film):\n" + "\n".join(lines), [
        _written(fam, pn_val, first, last), pm, pd, _written(fam, dn_val, dfirst, dlast)]


def _query(g: Gen) -> tuple[str, list[Planted]]:
    """A query string from an API log or a portal link, without a host (the URL rule then has no domain)."""
    fam = "f9_query"
    first, last = _person(g)
    dob, pd = _dob(g, fam, "iso")
    mrn, pm = _mrn(g, fam)
    pairs = [(g.r.choice(["family", "lastname", "last_name", "surname"]), last),
             (g.r.choice(["given", "firstname", "first_name"]), first), ("birthdate", dob),
             (g.r.choice(["mrn", "patient_id", "identifier"]), mrn), ("_format", "json")]
    g.r.shuffle(pairs)
    q = "&".join(f"{k}={v}" for k, v in pairs)
    return g.r.choice(["API log: GET /fhir/Patient?{q} returned 404.", "Lookup /api/v2/patients/search?{q}",
                       "Portal deep link ?{q} was sent by the front desk."]).format(q=q), [
        name(fam, last, [last]), name(fam, first, [first]), pd, pm]


_COLS = {"name": ["Patient", "Name", "Patient Name", "Pt"], "mrn": ["MRN", "Patient ID", "Chart #"],
         "dob": ["DOB", "Date of Birth", "Birth Date"], "phone": ["Phone", "Contact", "Tel"],
         "provider": ["Provider", "Attending", "PCP", "Surgeon"]}


def _table(g: Gen) -> tuple[str, list[Planted]]:
    """A markdown, ASCII box or tab-separated table whose header names its columns; 2-3 rows."""
    fam = "f9_table"
    style = g.r.choice(["md", "ascii", "tsv"])
    cols = ["name"] + g.r.sample(["mrn", "dob", "phone", "provider"], g.r.randint(1, 3)) + ["status"]
    header = [g.r.choice(_COLS[c]) if c != "status" else g.r.choice(["Status", "Room", "Result"]) for c in cols]
    rows, planted = [], []
    for _ in range(g.r.randint(2, 3)):
        row = []
        for c in cols:
            if c in ("name", "provider"):
                first, last = _person(g)
                v = g.r.choice([f"{first} {last}", f"{last}, {first}", f"{last.upper()}, {first.upper()}"])
                p = _written(fam, v, first, last)
                if c == "provider" and g.r.random() < 0.5:
                    v = f"{last}, {first[0]}."
                    p = name(fam, v, [last])
            elif c == "status":
                v, p = g.r.choice(["pending", "seen", "discharged", "NPO", "3B-12", "ready"]), None
            else:
                v, p = _value(g, fam, c)
            row.append(v)
            if p:
                planted.append(p)
        rows.append(row)
    if style == "tsv":
        return "\n".join("\t".join(r) for r in [header, *rows]), planted
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(cols))]
    fmt = [" | ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in [header, *rows]]
    if style == "md":
        rule = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
        lines = [f"| {fmt[0]} |", rule] + [f"| {f} |" for f in fmt[1:]]
    else:
        rule = "+" + "+".join("-" * (w + 2) for w in widths) + "+"
        lines = [rule, f"| {fmt[0]} |", rule] + [f"| {f} |" for f in fmt[1:]] + [rule]
    return "Census:\n" + "\n".join(lines), planted


def _spaced(v: str) -> str:
    return " ".join(ch for ch in v if ch != " ")


def _ocr_swap(g: Gen, v: str) -> str:
    """One or two OCR confusions in a digit string: 0 -> O, 1 -> l or I, 5 -> S."""
    chars = list(v)
    idx = [i for i, ch in enumerate(chars) if ch in "015"]
    for i in g.r.sample(idx, min(len(idx), g.r.randint(1, 2))):
        chars[i] = {"0": g.r.choice("Oo"), "1": g.r.choice("lI"), "5": "S"}[chars[i]]
    return "".join(chars)


def _halves(v: str) -> tuple[str, ...]:
    mid = len(v) // 2
    return tuple(p.strip(" -/") for p in (v[:mid], v[mid:]) if len(p.strip(" -/")) >= 3)


def _ocr(g: Gen) -> tuple[str, list[Planted]]:
    """Text as a PDF extractor or OCR gives it back."""
    fam = "f9_ocr"
    kind = g.r.choice(["hyphen", "split", "spaced", "swap", "header"])
    first, last = _person(g)
    if kind == "hyphen" and len(last) >= 6:
        cut = g.r.randint(3, len(last) - 3)
        a, b = last[:cut], last[cut:]
        s = g.r.choice([f"Patient: {first} {a}-\n{b}, seen for follow-up.",
                        f"Referred by Dr. {a}-\n{b} for evaluation.", f"{first} {a}-\n{b} is a patient of ours."])
        return s, [name(fam, f"{first} {last}", [first, a, b])]
    if kind in ("split", "hyphen"):
        v = g.r.choice([f"{first}\n{last}", f"{last.upper()},\n{first.upper()}"])
        s = g.r.choice([f"Patient Name: {v}    Page 1 of 2", f"NAME: {v}", f"Guarantor: {v}"])
        return s, [_written(fam, v, first, last)]
    if kind == "spaced":
        v, p = g.r.choice([lambda: _phone(g, fam), lambda: _mrn(g, fam), lambda: _dob(g, fam, "us")])()
        sv = _spaced(v)
        cue = {"PHONE": g.r.choice(["Phone:", "Fax:", "Cell"]), "ID": g.r.choice(["MRN:", "Acct #", "Patient ID"]),
               "DATE": g.r.choice(["DOB:", "Date of birth"])}[p.category]
        return f"{cue} {sv}", [Planted(p.category, fam, sv, (sv, *_halves(sv), *p.parts))]
    if kind == "swap":
        v, p = g.r.choice([lambda: (g.digits(7), None), lambda: _dob(g, fam, "us")])()
        sv = _ocr_swap(g, v)
        cat = p.category if p else "ID"
        cue = "DOB:" if cat == "DATE" else g.r.choice(["MRN:", "MRN", "Med Rec #"])
        return f"{cue} {sv}", [Planted(cat, fam, sv, (sv, *parts_of_digits(sv)))]
    mrn, pm = _mrn(g, fam)
    dob, pd = _dob(g, fam, "us")
    v = g.r.choice([f"{last.upper()}, {first.upper()}", f"{first} {last}", f"{last}, {first}"])
    head = g.r.choice([f"{v}    MRN {mrn}    DOB {dob}    Page 2 of 4", f"Page 3 | {v} | {mrn} | {dob}",
                       f"{v} ({mrn}) - continued"])
    planted = [_written(fam, v, first, last), pm] + ([pd] if dob in head else [])
    return head + "\n", planted


FAMILIES = {
    "NAME": [_j_fhir, _j_flat, _x_cda, _x_plain, _kv, _dicom, _query, _table, _ocr],
    "NAME2": [_table, _kv, _ocr], "NAME3": [_j_flat, _x_plain, _dicom],
}

CLINICAL_STRINGS = (
    "Jackson-Pratt drain", "Foley catheter", "Coumadin 5 mg", "metformin 500 mg", "Parkinson disease",
    "Hodgkin lymphoma", "Crohn disease", "Bell palsy", "Graves disease", "Down syndrome", "Staphylococcus aureus",
    "Escherichia coli", "Gram-negative rods", "Apgar 8/9", "GCS 15", "HbA1c 7.2%", "BP 132/84", "INR 2.4",
    "Glasgow Coma Scale 14", "Lasix 40 mg IV", "Keflex 500 mg", "Baker cyst", "Barrett esophagus",
    "Wilms tumor", "Ewing sarcoma", "Addison disease", "Cushing syndrome", "Tdap vaccine", "Humira 40 mg",
    "Eliquis 5 mg", "Holter monitor", "Swan-Ganz catheter", "Mallampati class II", "Gleason 3+4",
    "Kaposi sarcoma", "Lyme disease", "Brown-Sequard syndrome", "Guillain-Barre syndrome", "Pap smear",
    "Whipple procedure", "Nissen fundoplication", "Roux-en-Y gastric bypass", "Hartmann procedure",
    "Epley maneuver", "Babinski sign", "Murphy sign", "McMurray test", "Lachman test", "Phalen test",
    "Allen test", "Tinel sign", "Romberg sign", "Homan sign", "CHA2DS2-VASc 3", "Wells score 4",
)

CLINICAL_FRAMES = (
    '{{"resourceType": "MedicationStatement", "status": "active", "medicationCodeableConcept": {{"text": "{c}"}}}}',
    '{{"problem": "{c}", "onset": "unknown"}}',
    "<observation><code displayName=\"{c}\"/><statusCode code=\"completed\"/></observation>",
    "<Diagnosis>{c}</Diagnosis>",
    "| Problem | Status |\n|---|---|\n| {c} | active |",
    "Test\tResult\n{c}\tnoted",
    "diagnosis: {c}",
    "Procedure ........ {c}",
    "(0008,1030) LO [{c}]",
    "Assess-\nment: {c}, stable.",
)
