"""Development families for the HIPAA identifier kinds besides names, dates of birth and places: split `dev-hipaa`.

Development data: tune on these, on development notes only. They cover what the v4 misses showed and the
Safe Harbor kinds the other families barely plant: URLs on any domain, short IDs after any cue (record,
account, plan, claim, licence, DEA, NPI, driver's licence, plates, VINs, device serials, usernames), phones
with extensions, pagers and faxes in US and international forms, month/day dates without a date cue. Each
value comes from several independent choices (form x case x cue x separator x sentence frame), so a rule
written for one template's wording does not pass the family. The clinical strings are numeric and
punctuated near-misses that must survive verbatim (scores, fractions, ratios, doses, degrees of extension,
"x3", "e.g.", "CPT 99213", "24/7"). The locales only feed the surnames used as host names.
"""

from __future__ import annotations

from deid_harness import Gen, Planted, parts_of_digits

DEV_LOCALES = ("de_DE", "fr_FR", "it_IT", "es_ES", "pl_PL", "en_GB", "en_IE", "no_NO", "es_MX", "de_AT", "en_AU")

_UP = "ABCDEFGHJKLMNPRSTUVWXYZ"
_VIN = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789"


def _case(g: Gen, word: str) -> str:
    return g.r.choice([word, word.lower(), word.upper(), word.title()])


def _letters(g: Gen, n: int) -> str:
    return "".join(g.r.choice(_UP) for _ in range(n))


def _h_url(g: Gen) -> tuple[str, list[Planted]]:
    host = g.surname().lower().replace(" ", "")
    sub = g.r.choice(["", "", "www.", "portal.", "my.", "app.", "patients.", "mychart."])
    label = g.r.choice([host, f"{host}clinic", f"{host}-health", f"{host}md", f"{host}ortho"])
    tld = g.r.choice(["com", "org", "net", "io", "edu", "care", "health", "clinic", "co.uk", "org.uk", "ca", "de",
                      "com.au", "nl", "info", "us", "app", "fr", "nhs.uk", "es"])
    path = g.r.choice(["", "", f"/results/{g.digits(6)}", "/forms/intake.pdf", f"/patient?id={g.digits(5)}&src=sms",
                       "/rehab-exercises", f"/~{host[:5]}/diet.html", "/appointments/", f"/p/{g.digits(4)}#top"])
    scheme = g.r.choice(["", "", "", "http://", "https://", "HTTPS://"])
    v = scheme + sub + label + "." + tld + path
    if g.r.random() < 0.2:
        v = v.upper() if not path else (scheme + sub + label + "." + tld).upper() + path
    s = g.r.choice(["Results are posted at {v}.", "Video instructions at {v}, per the handout.",
                    "She registered on {v} before the visit.", "Diet sheet: {v}", "Portal ({v}) explained.",
                    "He reads {v}; we discussed the evidence.", "Information from {v} was reviewed with her.",
                    "Printed the exercises from {v}; she will do them daily."])
    return s.format(v=v), [Planted("URL", "h_url", v, (v, host))]


_ID_CUES = [
    ("MRN", "mrn"), ("Medical record number", "mrn"), ("MR#", "mrn"), ("Record no.", "mrn"), ("Chart #", "mrn"),
    ("Acct #", "account"), ("Account number", "account"), ("Billing account", "account"),
    ("Member ID", "plan"), ("Subscriber ID", "plan"), ("Policy no.", "plan"), ("Group number", "plan"),
    ("Health plan ID", "plan"), ("Beneficiary number", "plan"), ("Medicaid ID", "plan"),
    ("Claim number", "claim"), ("Claim #", "claim"), ("Case number", "case"), ("Case no.", "case"),
    ("Accession number", "lab"), ("Specimen ID", "lab"), ("Requisition #", "lab"), ("Order number", "lab"),
    ("Badge number", "staff"), ("Employee ID", "staff"), ("Rx number", "rx"), ("Prescription #", "rx"),
    ("Authorization number", "auth"), ("Prior auth #", "auth"), ("Reference number", "auth"),
    ("Confirmation number", "auth"), ("Ticket #", "auth"), ("Encounter number", "mrn"), ("Visit ID", "mrn"),
]


def _id_value(g: Gen) -> str:
    d = g.digits
    return g.r.choice([d(4), d(5), d(6), d(7), f"00{d(3)}", f"{d(4)}-{d(4)}", f"{d(3)}-{d(4)}", f"{d(2)}-{d(5)}",
                       f"{_letters(g, 2)}{d(2)}-{d(4)}", f"{_letters(g, 1)}{d(9)}", f"{_letters(g, 3)}{d(6)}",
                       f"{d(4)} {d(4)}", f"{_letters(g, 2)}-{d(6)}", f"{d(6)}{_letters(g, 1)}"])


def _h_id(g: Gen) -> tuple[str, list[Planted]]:
    cue, kind = g.r.choice(_ID_CUES)
    cue = g.r.choice([cue, cue, cue.lower(), cue.upper()])
    v = _id_value(g)
    sep = g.r.choice([" ", ": ", " ", ":", " is ", " = "]) if not cue.endswith(("#", ".")) else g.r.choice([" ", ""])
    if cue.endswith(".") and sep == "":
        sep = " "
    s = g.r.choice(["{c}{sep}{v} verified at registration.", "{c}{sep}{v}.", "Please quote {c}{sep}{v} on the form.",
                    "({c}{sep}{v})", "Per the insurer, {c}{sep}{v}, pending.", "Faxed with {c}{sep}{v} attached.",
                    "{c}{sep}{v}; copay collected."])
    return s.format(c=cue, sep=sep, v=v), [Planted("ID", f"h_id:{kind}", v, (v, *parts_of_digits(v)))]


def _h_id_short(g: Gen) -> tuple[str, list[Planted]]:
    """Short or partial numbers that identify only through their cue: last four of an SSN or a card."""
    v = g.digits(4)
    s = g.r.choice(["Last four of SSN {v}.", "SSN ending in {v} confirmed.", "Verified the last 4 of her social, {v}.",
                    "Card ending {v} on file.", "Identity confirmed by the last four digits of the SSN ({v}).",
                    "ssn last 4: {v}", "Medicare number ends in {v}."])
    return s.format(v=v), [Planted("ID", "h_id_short", v, (v,))]


def _h_licence(g: Gen) -> tuple[str, list[Planted]]:
    """Certificate and licence numbers, vehicle identifiers, device serials and usernames."""
    d = g.digits
    kind = g.r.randrange(8)
    if kind == 0:
        v = f"{_letters(g, 2)}{d(7)}"
        c = g.r.choice(["DEA #", "DEA number", "DEA", "dea no."])
    elif kind == 1:
        v = d(10)
        c = g.r.choice(["NPI", "NPI #", "npi number", "NPI:"])
    elif kind == 2:
        v = g.r.choice([f"{_letters(g, 1)}{d(5)}", f"{_letters(g, 2)}{d(5)}", f"{d(6)}", f"{_letters(g, 1)}-{d(5)}"])
        c = g.r.choice(["state license", "License #", "medical licence no.", "RN license", "certificate no.",
                        "Board certification #"])
    elif kind == 3:
        v = g.r.choice([f"{_letters(g, 1)}{d(3)}-{d(4)}-{d(4)}", f"{_letters(g, 1)}{d(7)}", f"{d(9)}",
                        f"{_letters(g, 1)}{d(12)}"])
        c = g.r.choice(["driver's license", "Driver's License #", "DL#", "DL", "drivers lic.", "state ID"])
    elif kind == 4:
        v = g.r.choice([f"{d(1)}{_letters(g, 3)}{d(3)}", f"{_letters(g, 3)}-{d(4)}", f"{_letters(g, 3)} {d(4)}"])
        c = g.r.choice(["license plate", "plate", "plate no.", "tag number", "Plate #"])
    elif kind == 5:
        v = "".join(g.r.choice(_VIN) for _ in range(11)) + d(6)
        c = g.r.choice(["VIN", "VIN:", "vehicle identification number", "VIN #"])
    elif kind == 6:
        v = g.r.choice([f"{_letters(g, 3)}{d(6)}{_letters(g, 1)}", d(8), f"{_letters(g, 2)}{d(7)}",
                        f"{d(4)}-{d(5)}"])
        c = g.r.choice(["pacemaker serial", "S/N", "serial number", "Serial #", "pump SN", "device ID",
                        "implant serial no."])
    else:
        v = g.r.choice([f"{g.surname().lower()[:6]}{d(4)}", f"{g.surname().lower()[:5]}_{d(4)}",
                        f"@{g.surname().lower()[:7]}{d(4)}"])
        c = g.r.choice(["username", "user name:", "MyChart login", "login ID", "handle", "screen name"])
    s = g.r.choice(["{c} {v} on file.", "Verified {c} {v}.", "{c} {v}, per the form.", "Recorded: {c} {v}.",
                    "The officer noted {c} {v}.", "Documented {c} {v} in the chart."])
    parts = (v, *parts_of_digits(v)) if any(ch.isdigit() for ch in v) else (v,)
    return s.format(c=c, v=v), [Planted("ID", f"h_licence:{kind}", v, parts)]


def _h_phone(g: Gen) -> tuple[str, list[Planted]]:
    a, b, c = g.digits(3), g.digits(3), g.digits(4)
    form = g.r.randrange(11)
    v = [f"({a}) {b}-{c}", f"{a}-{b}-{c}", f"{a}.{b}.{c}", f"{a} {b} {c}", f"+1 {a} {b} {c}",
         f"+1 ({a}) {b}-{c}", f"1-800-{b}-{c}", f"+44 20 {c} {g.digits(4)}", f"+49 30 {g.digits(8)}",
         f"+33 1 {g.digits(2)} {g.digits(2)} {g.digits(2)} {g.digits(2)}", f"{b}-{c}"][form]
    e = g.digits(g.r.choice([2, 3, 4, 5]))
    if form != 10 and g.r.random() < 0.5:
        v += g.r.choice([f" ext. {e}", f" x{e}", f", extension {e}", f" Ext {e}", f" (ext {e})", f" ext{e}",
                         f", ext. {e}", f" X{e}"])
    cue = g.r.choice(["Phone", "Cell", "Fax", "Pager", "Beeper", "Call", "Direct line", "Nurse line", "Office",
                      "Home phone", "Work #", "Tel."])
    sep = g.r.choice([" ", ": ", " "]) if not cue.endswith((".", "#")) else " "
    s = g.r.choice(["{c}{sep}{v}.", "{c}{sep}{v} after hours.", "Daughter ({c}{sep}{v}) updated.",
                    "{c}{sep}{v}; left a message.", "Results faxed, {c}{sep}{v}.", "Per {c}{sep}{v} we called back."])
    return s.format(c=cue, sep=sep, v=v), [Planted("PHONE", "h_phone", v, (v, *parts_of_digits(v)))]


def _h_date(g: Gen) -> tuple[str, list[Planted]]:
    """Month/day without a year and without the date cues of `dates.py`; one number is 11 or more, so the
    value cannot be a score out of 10."""
    mo, d = g.r.randint(1, 12), g.r.randint(1, 31 if g.r.random() < 0.5 else 28)
    if max(mo, d) < 11:
        d += 11
    v = g.r.choice([f"{mo}/{d}", f"{mo:02d}/{d:02d}", f"{mo}/{d:02d}"])
    s = g.r.choice(["Repeat labs scheduled for {v}.", "Tetanus booster {v}.", "He quit smoking {v}.",
                    "Culture {v} grew E. coli.", "{v}: afebrile overnight.", "Weight {v} was 81 kg.",
                    "PT evaluation {v}, ambulating 50 feet.", "Flu vaccine given {v} in the left deltoid.",
                    "Phone call {v} with the daughter.", "Clinic note {v} reviewed."])
    return s.format(v=v), [Planted("DATE", "h_date", v, (v,))]


# Second round, written after the first round was met, with forms, cues and frames the rules were not
# written for; measured once before any fix (docs/privacy.md).
def _q_url(g: Gen) -> tuple[str, list[Planted]]:
    host = g.surname().lower().replace(" ", "")
    forms = [f"http://{host}.org:8080/pacs/viewer", f"{host}.com/refill?ref=sms{g.digits(3)}",
             f"ftp://files.{host}-lab.net/results", f"WWW.{host.upper()}.ORG", f"ehr2.{host}.net/login",
             f"telehealth.{host}.clinic/visit/{g.digits(5)}", f"{host}.nhs.uk/appointments",
             f"https://{host}.io/#/patient/{g.digits(6)}", f"{host}-rehab.com/~{host[:4]}",
             f"go.{host}.health/{g.digits(4)}"]
    v = g.r.choice(forms)
    s = g.r.choice(["Visit us online at {v}.", "Education handout <{v}> given.", "Telehealth link ({v}) texted.",
                    "Images uploaded to {v}, accession pending.", "Refill requests via {v}, or by phone.",
                    "Patient uses {v}!"])
    return s.format(v=v), [Planted("URL", "q_url", v, (v, host))]


def _q_id(g: Gen) -> tuple[str, list[Planted]]:
    d = g.digits
    cue = g.r.choice(["Patient account:", "Hospital number", "Unit number", "Registration no", "Enrollee ID",
                      "Insurance card #", "Plan ID", "Member number", "CSN", "HAR", "Episode ID", "Lab ID",
                      "Sample #", "Slide", "Medicaid #:", "Subscriber no.", "Certificate number", "Permit #"])
    v = g.r.choice([f"0{d(7)}", f"{d(2)}.{d(3)}.{d(3)}", f"{d(3)}/{d(4)}", f"{_letters(g, 2)}-{d(2)}-{d(4)}",
                    f"#{d(6)}", f"{d(4)}{_letters(g, 1)}", f"{d(5)}", f"{_letters(g, 1)}{d(2)}-{d(5)}",
                    f"{d(3)} {d(3)} {d(3)}"])
    s = g.r.choice(["{c} {v}.", "Update {c} {v} in the registry.", "{c} {v} (see attached).",
                    "Registration confirmed; {c} {v}.", "Scanned card shows {c} {v}."])
    return s.format(c=cue, v=v), [Planted("ID", "q_id", v, (v, *parts_of_digits(v)))]


def _q_phone(g: Gen) -> tuple[str, list[Planted]]:
    a, b, c = g.digits(3), g.digits(3), g.digits(4)
    v = g.r.choice([f"{a}{b}{c}", f"({a}){b}-{c}", f"{a}/{b}-{c}", f"+1{a}{b}{c}", f"1.{a}.{b}.{c}",
                    f"+61 4{g.digits(2)} {g.digits(3)} {g.digits(3)}", f"0{g.digits(3)} {b} {c}",
                    f"{a}-{b}-{c} extn {g.digits(2)}", f"{a}-{b}-{c} ext#{g.digits(3)}",
                    f"{a}.{b}.{c} x {g.digits(3)}"])
    s = g.r.choice(["c: {v}", "h: {v}; w: none.", "Mobile no. {v}.", "WhatsApp {v} for updates.", "{v} (cell).",
                    "{v} (home), best after 5.", "Reach her at {v} tomorrow.", "Son's number: {v}.",
                    "Daughter at {v} is the contact."])
    return s.format(v=v), [Planted("PHONE", "q_phone", v, (v, *parts_of_digits(v)))]


def _q_date(g: Gen) -> tuple[str, list[Planted]]:
    mo, d = g.r.randint(1, 12), g.r.randint(11, 30)
    v = g.r.choice([f"{mo}/{d}", f"{mo:02d}/{d}"])
    s = g.r.choice(["Labs ({v}) unremarkable.", "Next dose due {v}.", "{v} - seen by PT.", "Refill sent {v}.",
                    "Cardiology appt moved to {v}.", "Home health visit {v}: BP stable.", "Letter dated {v} filed.",
                    "Most recent A1c ({v}) 7.1%."])
    return s.format(v=v), [Planted("DATE", "q_date", v, (v,))]


def _q_device(g: Gen) -> tuple[str, list[Planted]]:
    d = g.digits
    kind = g.r.randrange(5)
    if kind == 0:
        v = ":".join(f"{g.r.randrange(256):02X}" for _ in range(6))
        s = "Monitor MAC address {v} registered."
    elif kind == 1:
        v = d(15)
        s = g.r.choice(["Phone IMEI {v} reported lost.", "IMEI: {v}"])
    elif kind == 2:
        v = f"SSN xxx-xx-{d(4)}"
        s = g.r.choice(["Verified {v}.", "Chart lists {v}."])
        return s.format(v=v), [Planted("ID", "q_device:masked_ssn", v, (v[-4:],))]
    elif kind == 3:
        v = f"(01){d(14)}(17){d(6)}"
        s = "Device UDI {v} scanned."
    else:
        v = f"{_letters(g, 2)}{d(6)}"
        s = g.r.choice(["Hearing aid serial: {v}.", "Pump serial {v} replaced.", "CPAP S/N {v}."])
    return s.format(v=v), [Planted("ID", f"q_device:{kind}", v, (v, *parts_of_digits(v)))]


FAMILIES = {
    "URL": [_h_url], "URL2": [_h_url], "ID": [_h_id], "ID2": [_h_id], "ID3": [_h_id_short, _h_licence],
    "ID4": [_h_licence], "PHONE": [_h_phone], "PHONE2": [_h_phone], "DATE": [_h_date], "DATE2": [_h_date],
    "URL3": [_q_url], "ID5": [_q_id], "PHONE3": [_q_phone], "DATE3": [_q_date], "ID6": [_q_device],
}

# Numeric and punctuated near-misses that must survive verbatim: scores and fractions (no date), degrees
# of extension (no phone extension), words that are ID cues ("plate", "serial", "case"), dotted
# abbreviations (no domain), codes that are not identifiers.
CLINICAL_STRINGS = (
    "5/5 strength", "strength 4/5", "motor 5/5 throughout", "grade 2/6 murmur", "a 3/6 systolic murmur",
    "BP 120/80", "20/20 vision", "visual acuity 20/40", "Apgar 8/9", "Apgars 7/9", "3/4 tablets", "1/2 tab",
    "GCS 15/15", "4/10 pain", "pain 7/10", "rated 8/10", "reflexes 2/4", "MMSE 28/30", "MoCA 26/30",
    "Suboxone 8/2 mg", "Entresto 24/26 mg", "24/7 supervision", "2/3 of the dose", "1/3 of the lesion",
    "a 50/50 chance", "FiO2 40%", "knee extension 0 degrees", "extension to 180 degrees",
    "flexion 120, extension 10", "elbow extension 5", "serial troponins", "serial exams x3", "x3 days",
    "times 2", "a 3.5 mm plate", "7-hole plate", "plate and screws", "case 2 of 3", "a lot of pain",
    "member of the team", "by her account", "CPT 99213", "ICD-10 code I10", "CA 19-9", "HLA-B27", "COVID-19",
    "PHQ-9 of 12", "NYHA class II", "T2N0M0", "G2P1", "CD4 count 450", "viral load 1200 copies",
    "platelets 250,000", "WBC 12,500", "ANA 1:160", "1:100,000 epinephrine", "eGFR >60", "e.g.", "i.e.",
    "p.o. q.i.d.", "b.i.d. p.r.n.", "a.m.", "q.h.s.", "mg/dL", "mL/min", "ng/mL", "No. 10 blade", "#2 French",
    "size 7.5 gloves", "room 412", "bed 12", "2 x 3 cm", "1.5 x 2.0 cm", "0.9% saline", "1000 mL bolus",
    "2000-3000 mL", "Sodium 139", "ext. rotation 45 degrees", "external rotation 30 degrees", "dose #2",
    "level 4", "stage 3/4", "1-2 tabs", "q.4-6h", "2.5 mg/kg", "Coumadin 5 mg", "5000 units", "L4-5",
    "C5-C6", "Gleason 3+4", "HbA1c 7.2%", "10/10", "8/10", "Grade 3/4 toxicity", "O2 sat 94%",
)
