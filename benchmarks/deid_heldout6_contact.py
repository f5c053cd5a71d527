"""ID, contact, place, facility and age families of v6 (`deid_heldout6.py`): held out like them, never tune on it.

Each family picks a document (pharmacy label, insurance letter, transfer form, fax banner, EHR audit line,
research consent, requisition), a cue or none, a case and a value form independently.
"""

from __future__ import annotations

from deid_harness import Planted, parts_of_digits
from deid_heldout6_values import letters_of, ok, person, phone, slug


def _cased(g, s):
    return s.upper() if g.r.random() < 0.2 else s


def _z_id(g):
    d = g.digits
    v = g.r.choice([d(8), f"RX{d(7)}", f"{d(3)}-{d(3)}-{d(3)}", f"S{d(2)}-{d(5)}", f"ACC{d(9)}", f"{d(6)}-{d(2)}",
                    f"W{d(9)}", f"{letters_of(g, 3)}{d(6)}", f"{d(4)}.{d(4)}", f"CL-{d(8)}", f"#{d(7)}"])
    s = g.r.choice([
        "Rx # {v}  Qty: 30  Refills: 2", "PHARMACY LABEL  Rx No. {v}  Take one tablet by mouth daily",
        "Insurance claim {v} was denied for lack of prior authorization.",
        "Prior auth reference {v}, approved x 60 days.",
        "Accession: {v}  Specimen: skin, left forearm, shave", "Surgical pathology case {v} (frozen section)",
        "Transfer packet for account {v} faxed to the receiving unit.", "Study ID {v}; randomized to arm B.",
        "Research subject number {v} enrolled after written consent.", "Encounter CSN {v} opened for a phone call.",
        "Your member ID is {v}; please bring this letter to your visit.", "Audit: chart {v} accessed for treatment.",
        "Order {v} for a CT abdomen with contrast was placed.", "Workers' comp claim no. {v} (adjuster notified)",
        "Blood bank unit {v} transfused without reaction.", "Specimen label reads {v} and matches the requisition.",
        "Radiology exam number {v}", "Ref: case {v}, appeal level 1",
    ])
    parts = (v, *parts_of_digits(v))
    return _cased(g, s).replace("{V}", "{v}").format(v=v), [Planted("ID", "z_id", v, parts)]


def _z_id_pair(g):
    """Two numbers on one banner or label line, as requisitions and wristbands print them."""
    d = g.digits
    a, b = d(8), g.r.choice([d(9), f"V{d(7)}", f"{d(3)}-{d(4)}"])
    s = g.r.choice(["MRN {a} / FIN {b}", "Acct#: {a}    Visit#: {b}", "Patient ID {a} -- Encounter {b}",
                    "Req # {b} for MR {a}", "Bed 7  MR#{a}  Adm#{b}"])
    return s.format(a=a, b=b), [Planted("ID", "z_id_pair", a, (a,)),
                                Planted("ID", "z_id_pair", b, (b, *parts_of_digits(b)))]


def _z_phone(g):
    v, parts = phone(g)
    s = g.r.choice([
        "Telephone encounter: returned call to {v}, left voicemail.", "Pharmacy callback number {v}.",
        "FROM: {v}  TO: Records Dept  Pages: 4", "Fax received from {v} at 10:14.",
        "Call {v} with questions about this bill.",
        "Pt's cell is {v}; ok to text.", "Transfer center line {v}, ask for the house supervisor.",
        "For study questions call the coordinator at {v}.", "Mother reachable at {v} after 5.",
        "Confirmed the callback number ({v}) with the caller.", "PCP office: tel {v}",
        "Pager {v} for the on-call resident.",
        "If you have side effects, phone {v} any time.", "Alt. contact # {v} (work)",
    ])
    return _cased(g, s).replace("{V}", "{v}").format(v=v), [Planted("PHONE", "z_phone", v, parts)]


def _z_phone_ext(g):
    v, parts = phone(g)
    ext = g.digits(g.r.choice((3, 4, 5)))
    w = g.r.choice([f"{v} ext. {ext}", f"{v} x{ext}", f"{v}, extension {ext}"])
    return (g.r.choice(["Scheduling: {w}", "Reach the prior-auth desk at {w}.", "Nurse line {w}"]).format(w=w),
            [Planted("PHONE", "z_phone_ext", w, (w, *parts[1:], *parts_of_digits(ext)))])


def _z_email(g):
    first, last = person(g)
    local = g.r.choice([f"{first.lower()}.{last.lower()}", slug(first, last), f"{last.lower()}{g.digits(2)}",
                        f"{first.lower()}_{last[0].lower()}", f"{first.lower()}{last.lower()}"])
    dom = g.r.choice(["gmail.com", "yahoo.com", "outlook.com", "icloud.com", "proton.me", "rediffmail.com",
                      "hotmail.co.uk", "aol.com", "comcast.net", "sbcglobal.net"])
    v = f"{local}@{dom}"
    s = g.r.choice([
        "Consent copy e-mailed to {v} at the subject's request.", "Portal invite sent to {v}.",
        "Daughter prefers contact by email: {v}", "Email address on file: {v}",
        "Results released; notification to <{v}>.", "Reply-To: {v}",
        "Message forwarded by {v} with a photo of the rash.",
        "Invoice emailed to {v}", "E-mail: {v} (verified)",
    ])
    return s.format(v=v), [Planted("EMAIL", "z_email", v, (v, local))]


def _z_url(g):
    first, last = person(g)
    sl = g.r.choice([f"{first.lower()}-{last.lower()}", slug(first, last), f"{last.lower()}{first[0].lower()}"])
    v = g.r.choice([f"https://www.facebook.com/{sl}", f"https://instagram.com/{sl}", f"www.gofundme.com/f/help-{sl}",
                    f"https://{sl}.wordpress.com", f"https://www.linkedin.com/in/{sl}", f"http://tiktok.com/@{sl}",
                    f"https://caringbridge.org/visit/{sl}", f"youtube.com/@{sl}"])
    s = g.r.choice([
        "Family started a fundraiser at {v}.", "He posts about his recovery at {v}.",
        "Link provided by the caller: {v}",
        "Screenshot of {v} scanned into media.", "Patient's blog ({v}) describes the seizures.",
        "Video of the spells uploaded to {v} for review.",
    ])
    return s.format(v=v), [Planted("URL", "z_url", v, (v, sl))]


def _z_ip(g):
    r = g.r.randint
    v = g.r.choice([f"{r(11, 223)}.{r(0, 255)}.{r(0, 255)}.{r(1, 254)}", f"10.{r(0, 255)}.{r(0, 255)}.{r(1, 254)}",
                    f"172.{r(16, 31)}.{r(0, 255)}.{r(1, 254)}", f"192.168.{r(0, 255)}.{r(1, 254)}",
                    f"2601:{r(256, 4095):x}:{r(256, 65535):x}::{r(1, 255):x}"])
    s = g.r.choice([
        "EHR audit: record viewed from workstation {v} by user pharm07.", "Video visit connected from {v}; good audio.",
        "Remote monitoring upload from IP {v}", "Login from {v} flagged by compliance.",
        "Fax server {v} reported a retry.",
        "e-consent signed from IP address {v}", "ACCESS LOG: {v} / READ / Problem List", "src={v} action=print",
    ])
    return _cased(g, s).replace("{V}", "{v}").format(v=v), [Planted("IP", "z_ip", v, (v,))]


_SUFFIX = ("Rd", "Road", "Lane", "Ln", "Ct", "Circle", "Pkwy", "Way", "Terrace", "Trail", "Dr.", "Blvd", "Pike")


def _z_address(g):
    n, street = str(g.r.randint(2, 19999)), g.street()
    core = f"{n} {street} {g.r.choice(_SUFFIX)}"
    unit = g.r.choice(["", f", Apt {g.r.randint(1, 40)}{g.r.choice('ABCD')}", f" Unit {g.r.randint(101, 989)}",
                       f", Lot {g.r.randint(2, 88)}", f" #{g.r.randint(2, 60)}"])
    city, zip_code = g.city(), g.digits(5)
    st = g.r.choice(("KS", "IA", "NM", "KY", "AL", "MS", "AR", "OK", "UT", "NV", "ME", "NH"))
    kind = g.r.randrange(4)
    if kind == 0:
        v = f"{core}{unit}, {city}, {st} {zip_code}"
        s = g.r.choice(["SHIP TO: {v}", "Mail the consent copy to {v}.", "Transfer from home: {v}",
                        "Subscriber address: {v}"])
        if g.r.random() < 0.2:
            s, v, core, city = s.upper().replace("{V}", "{v}"), v.upper(), core.upper(), city.upper()
        return s.format(v=v), [Planted("ADDRESS", "z_address", v, (v, core, city, zip_code))]
    if kind == 1:
        v = f"{core}{unit}"
        s = g.r.choice(["EMS picked her up at {v}.", "Lives alone at {v}, second floor.",
                        "Visit made to the home, {v}.", "Remit to {v}."])
        return s.format(v=v), [Planted("ADDRESS", "z_address", v, (v, core))]
    if kind == 2:
        v = f"P.O. Box {g.digits(g.r.choice((3, 4, 5)))}, {city}, {st} {zip_code}"
        return f"Correspondence: {v}", [Planted("ADDRESS", "z_address_box", v, (v, *parts_of_digits(v), city))]
    v = f"{core}, {city} {st}"
    return f"Address verified at check-in ({v}).", [Planted("ADDRESS", "z_address", v, (v, core, city))]


def _z_location(g):
    city = g.city()
    kind = g.r.randrange(5)
    if kind == 0:
        s = g.r.choice(["Transferred from the critical access hospital in {v}.", "Flown in from {v} by helicopter.",
                        "She drives in from {v} for each infusion.", "Outbreak linked to a daycare in {v}."])
        return s.format(v=city), [Planted("LOCATION", "z_location", city, (city,))]
    if kind == 1:
        county = max(g.city().split(), key=len)
        if not ok(county):
            county = city
        v = f"{county} County"
        s = g.r.choice(["Reported to {v} public health.", "Jail medical, {v} detention center.",
                        "{v} EMS transported the patient."])
        return s.format(v=v), [Planted("LOCATION", "z_location_county", v, (county,))]
    if kind == 2:
        zip_code = g.digits(5)
        s = g.r.choice(["Zip code {v} per registration.", "Lives in ZIP {v}, outside the catchment area."])
        return s.format(v=zip_code), [Planted("LOCATION", "z_location_zip", zip_code, (zip_code,))]
    if kind == 3:
        first, last = person(g)
        place = g.r.choice([first, last]) + g.r.choice(["pur", "nagar", "ganj", "abad"])
        if not ok(place):
            place = city
        s = g.r.choice(["Born in {v}, India; moved here in 2009.", "Visited family in {v}, Nepal, last month.",
                        "Returned from {v}, Bangladesh, with fever."])
        return s.format(v=place), [Planted("LOCATION", "z_location_abroad", place, (place,))]
    other = g.city()
    s = g.r.choice(["Transfer form: sending {a}, receiving {b}.", "Moved from {a} to {b} after the flood."])
    return s.format(a=city, b=other), [Planted("LOCATION", "z_location", city, (city,)),
                                       Planted("LOCATION", "z_location", other, (other,))]


_FAC_KINDS = ("Regional Medical Center", "Memorial Hospital", "Community Hospital", "Surgery Center", "Skilled Nursing",
              "Rehabilitation Hospital", "Family Clinic", "Dialysis Unit", "Imaging", "Pharmacy", "Hospice House",
              "Behavioral Health", "Urgent Care", "Cancer Institute", "Health & Rehab")


def _z_facility(g):
    word = max(g.city().split(), key=len) if g.r.random() < 0.5 else person(g)[1]
    if not ok(word):
        word = person(g)[1]
    v = f"{word} {g.r.choice(_FAC_KINDS)}"
    s = g.r.choice([
        "RECEIVING FACILITY: {v}", "Transferred to {v} for a higher level of care.", "Prescriptions sent to {v}.",
        "Images pushed from {v} to our PACS.", "Fax cover: {v} Medical Records", "Discharged to {v} with PT and OT.",
        "Her dialysis is at {v} Monday, Wednesday and Friday.", "Slides borrowed from {v} for review.",
        "Study site: {v}", "Insurance letter from {v} billing office.", "Outside labs from {v} were reviewed.",
    ])
    if g.r.random() < 0.2:
        s, v = s.upper().replace("{V}", "{v}"), v.upper()
    return s.format(v=v), [Planted("FACILITY", "z_facility", v, (word,))]


_WORDS = {90: "ninety", 91: "ninety-one", 92: "ninety-two", 93: "ninety-three", 94: "ninety-four", 95: "ninety-five",
          96: "ninety-six", 97: "ninety-seven", 98: "ninety-eight", 99: "ninety-nine", 100: "one hundred",
          101: "one hundred and one", 102: "one hundred two", 103: "one hundred three", 104: "one hundred four"}


def _z_age(g):
    n = g.r.randint(90, 104)
    w = _WORDS[n]
    v, parts, s = g.r.choice([
        (f"{n}", (str(n),), "AGE: {v}   SEX: F   ROOM: 3W"), (f"{n} y/o", (str(n),), "{v} female, transfer from SNF."),
        (f"{n}yo", (f"{n}yo",), "{v} M w/ fall."), (f"{n}-year-old", (str(n),), "This {v} consented through her son."),
        (f"{w}-year-old", (w,), "A {v} widow is seen at home."), (f"{n} years", (str(n),), "Age at consent: {v}."),
        (f"{n}Y", (f"{n}Y",), "Pt: {v} F"), (f"{w} years old", (w,), "He is {v} and still drives."),
        (f"{n}th birthday", (f"{n}th",), "Celebrated her {v} last week."),
        (f"age {n}", (str(n),), "Hip fracture at {v}; no surgery offered."),
        (f"{n} yrs", (str(n),), "Patient age {v} (per ID)."), (f"{n}-yr-old", (str(n),),
        "Pharmacy: {v}, renal dosing."),
    ])
    return s.format(v=v), [Planted("AGE>89", "z_age", v, (v, *parts))]


CONTACT_FAMILIES = {
    "ID": [_z_id, _z_id, _z_id_pair], "PHONE": [_z_phone, _z_phone, _z_phone_ext], "EMAIL": [_z_email],
    "URL": [_z_url], "IP": [_z_ip], "ADDRESS": [_z_address], "LOCATION": [_z_location], "FACILITY": [_z_facility],
    "AGE>89": [_z_age],
}
