"""ID, contact, place, facility and age families of the v5 held-out set (`deid_heldout5.py`): never tune on it.

The new HIPAA kinds sit under the closest harness category with their own template names: y_fax (PHONE),
y_id_plan, y_id_license, y_id_vehicle, y_id_device, y_username (ID). Parts are stricter than v4's where a
partial removal still identifies: "number street" and the ZIP of an address, an age's number, an e-mail's
local part, a URL's name-bearing slug, a UDI's serial.
"""

from __future__ import annotations

from deid_harness import Planted, name, parts_of_digits
from deid_heldout5_values import STATE_NAMES, STATES, age_words, dea, letters, mbi, npi, nth, person, town, vin


def _id(template, v, extra=()):
    return Planted("ID", template, v, (v, *parts_of_digits(v), *extra))


def _y_id_record(g):
    d = g.digits
    s, v = g.r.choice([
        ("Med. Rec. No. {v}", f"{d(2)}-{d(6)}"), ("Encounter ID: {v}", d(10)), ("CSN {v}", d(9)),
        ("HAR {v}", f"4{d(8)}"), ("Acct no. {v}", f"{d(3)}-{d(6)}-{d(2)}"), ("Chart # {v}", f"{letters(g, 2)}{d(5)}"),
        ("Unit No. {v}", d(7)), ("Workers' comp claim # {v}", f"WC{d(9)}"),
        ("Employee ID {v} (occupational health).", f"E{d(6)}"), ("Lab accession: {v}", f"{letters(g, 1)}{d(2)}-{d(6)}"),
        ("Social Security no. {v}", f"{d(3)} {d(2)} {d(4)}"), ("Order #{v} placed.", d(8)),
        ("CPS case number {v} opened.", f"{d(2)}-{d(5)}")])
    return s.format(v=v), [_id("y_id_record", v)]


def _y_id_plan(g):
    """Health plan beneficiary, member, Medicare and Medicaid numbers."""
    d = g.digits
    s, v = g.r.choice([
        ("Medicare MBI {v}", mbi(g)), ("Medicare #: {v}", mbi(g)),
        ("NY Medicaid CIN {v}", f"{letters(g, 2)}{d(5)}{letters(g, 1)}"), ("Aetna member ID {v}", f"W{d(9)}"),
        ("UHC ID {v}", d(9)), ("Humana member {v}", f"H{d(8)}"), ("Cigna ID {v} 01", f"U{d(8)}"),
        ("Tricare DoD benefits no. {v}", d(10)), ("Policy # {v}", f"{letters(g, 3)}{d(9)}"),
        ("Subscriber ID: {v}", f"{d(3)}{letters(g, 1)}{d(5)}"), ("Kaiser health record number {v}", d(8)),
        ("Medi-Cal BIC {v}", f"9{d(7)}{letters(g, 1)}")])
    return s.format(v=v), [_id("y_id_plan", v)]


def _y_id_license(g):
    """Licence and certificate numbers: DEA, NPI, state licences, driver's licences, passports."""
    d = g.digits
    surname = person(g)[1]
    s, v = g.r.choice([
        ("DEA# {v}", dea(g, surname)), ("NPI {v}", npi(g)), ("Prescriber NPI: {v}", npi(g)),
        ("DEA registration {v} on the script.", dea(g, surname)),
        ("CA medical license {v}", f"{g.r.choice('ACG')}{d(5)}"), ("TX Lic. #{v}", f"{letters(g, 1)}{d(4)}"),
        ("RN license no. {v}", f"RN{d(7)}"), ("Driver's license {v} (photocopy in chart).", f"{letters(g, 1)}{d(7)}"),
        ("FL DL# {v}", f"{letters(g, 1)}{d(3)}-{d(3)}-{d(2)}-{d(3)}-{d(1)}"), ("Passport no. {v} seen.", d(9)),
        ("Death certificate #{v} filed.", f"{d(4)}-{d(6)}"), ("Board certification no. {v}", d(6))])
    return s.format(v=v), [_id("y_id_license", v)]


def _y_id_vehicle(g):
    d = g.digits
    v = g.r.choice([f"{d(1)}{letters(g, 3)}{d(3)}", f"{letters(g, 3)}-{d(4)}", f"{letters(g, 3)} {d(3)}",
                    f"{d(3)} {letters(g, 3)}", vin(g), vin(g)])
    if len(v) == 17:
        s = g.r.choice(["MVC: driver of the vehicle with VIN {v}, per the EMS run sheet.",
                        "VIN {v} on the crash report."])
    else:
        s = g.r.choice(["Her car (plate {v}) was towed from the scene.", "Tow report lists license plate {v}.",
                        "Handicap parking placard issued for tag # {v}."])
    return s.format(v=v), [_id("y_id_vehicle", v)]


def _y_id_device(g):
    """Device serials, UDIs and MAC addresses."""
    d = g.digits
    kind = g.r.randrange(6)
    if kind == 0:
        serial = f"{letters(g, 1)}{d(7)}"
        v = f"(01)0{d(13)}(17){g.r.randint(24, 31)}{g.r.randint(1, 12):02d}{g.r.randint(1, 28):02d}(21){serial}"
        return f"Implant UDI {v} scanned into the log.", [Planted("ID", "y_id_device", v, (v, serial))]
    if kind == 1:
        v = ":".join(f"{g.r.randrange(256):02X}" for _ in range(6))
        return f"Telemetry pack MAC address {v} reassigned.", [_id("y_id_device", v)]
    s, v = g.r.choice([
        ("Pacemaker interrogated, serial no. {v}.", f"{letters(g, 3)}{d(6)}H"),
        ("Insulin pump serial # {v}", f"{d(3)}-{d(5)}-{letters(g, 2)}"), ("Cochlear implant S/N {v}", d(7)),
        ("LVAD controller serial {v} swapped.", f"{letters(g, 2)}{d(5)}"),
        ("CGM transmitter ID {v}", f"8{letters(g, 2)}{d(3)}"), ("Hearing aid serial {v} (left).", d(8))])
    return s.format(v=v), [_id("y_id_device", v)]


def _y_username(g):
    """Portal usernames and handles, built from a held-out name."""
    first, last, _ = person(g)
    f, lname = first.lower().replace("-", ""), last.lower().replace("-", "")
    v = g.r.choice([f"{f[0]}{lname}{g.digits(2)}", f"{lname}.{f}", f"{f}_{lname[:3]}{g.digits(2)}", f"{f}{lname}",
                    f"{lname}{f[0]}{g.digits(4)}"])
    s, v = g.r.choice([("Portal username: {v}", v), ("Logged in as {v} on the patient app.", v),
                       ("MyChart user {v} reset the password.", v), ("Instagram handle {v} in the threat.", f"@{v}"),
                       ("Skype ID {v} for the interpreter call.", v), ("Proxy account {v} granted access.", v)])
    return s.format(v=v), [_id("y_username", v)]


def _phone_parts(v, sub):
    return (v, sub, *parts_of_digits(v))


def _y_phone(g):
    a, b, c, e = g.digits(3), g.digits(3), g.digits(4), g.digits(g.r.choice([3, 4]))
    s, v, sub = g.r.choice([
        ("Cell: {v} (ok to text)", f"{a}-{b}-{c}", c), ("Call-back number {v}", f"({a}){b}-{c}", c),
        ("Daughter's cell {v}", f"{a}.{b}.{c}", c), ("Reached her at {v} this evening.", f"{a}-{b}-{c} ext. {e}", c),
        ("Clinic line: {v}, option 3", f"1-{a}-{b}-{c}", c), ("Ph# {v}", f"{a} {b}-{c}", c),
        ("Tel. {v}", f"+1 ({a}) {b}-{c}", c), ("Home phone {v}", f"{b}-{c}", c),
        ("Son abroad, mobile {v}", f"+7 9{a[:2]} {b}-{c[:2]}-{c[2:]}", f"{b}-{c[:2]}-{c[2:]}"),
        ("Husband's Korean mobile {v}", f"+82 10-{c}-{g.digits(4)}", c),
        ("Sister's mobile overseas: {v}", f"+30 69{a[:1]} {b} {c}", f"{b} {c}"),
        ("Text {v} with questions.", f"{a}{b}{c}", f"{a}{b}{c}"),
        ("Answering service {v}, then press 2.", f"{a}-{b}-{c}", c),
        ("Pager: {v}", f"{a}-{c}", c)])
    return s.format(v=v), [Planted("PHONE", "y_phone", v, _phone_parts(v, sub))]


def _y_fax(g):
    a, b, c = g.digits(3), g.digits(3), g.digits(4)
    s, v = g.r.choice([("Fax: {v}", f"({a}) {b}-{c}"), ("F: {v}", f"{a}.{b}.{c}"),
                       ("Please fax records to {v}, attn: HIM.", f"{a}-{b}-{c}"), ("fax# {v}", f"{a}{b}{c}"),
                       ("Fax number {v} (secure line)", f"1-{a}-{b}-{c}"), ("eFax {v}", f"+1 {a} {b} {c}"),
                       ("FAX {v}", f"{a}/{b}-{c}"), ("Signed orders faxed back to {v}.", f"{a}-{b}-{c}"),
                       ("Fax to PCP at {v}.", f"({a}) {b} {c}")])
    items = [Planted("PHONE", "y_fax", v, _phone_parts(v, c))]
    if g.r.random() < 0.4 and s.startswith(("Fax:", "F:", "FAX", "fax#")):
        tel_last = g.digits(4)
        tel = f"({a}) {b}-{tel_last}"
        items.append(Planted("PHONE", "y_phone", tel, _phone_parts(tel, tel_last)))
        return f"Tel {tel} | {s.format(v=v)}", items
    return s.format(v=v), items


def _y_email(g):
    first, last, _ = person(g)
    f, lname = first.lower().replace("-", ""), last.lower().replace("-", "")
    local = g.r.choice([f"{f}.{lname}", f"{f[0]}{lname}{g.digits(2)}", f"{lname}{f[0]}", f"{f}_{lname}{g.digits(2)}",
                        f"{f}{lname}", f"{lname}+pharmacy"])
    host = person(g)[1].lower().replace("-", "")
    domain = g.r.choice(["gmail.com", "yahoo.com", "outlook.com", "icloud.com", "hotmail.com", "aol.com", "mail.ru",
                         "yandex.ru", "naver.com", f"{host}-clinic.org", f"{host}health.org", f"med.{host}.edu"])
    v = f"{local}@{domain}"
    case = g.r.random()
    if case < 0.15:
        v, local = v.upper(), local.upper()
    elif case < 0.3:
        v, local = v.replace(f, first.replace("-", ""), 1), local.replace(f, first.replace("-", ""), 1)
    if g.r.random() < 0.1 and "+" not in local:
        v = v.replace("@", " at ").replace(".", " dot ")
        return f"She wrote her address as {v} in the message.", [Planted("EMAIL", "y_email", v, (v,))]
    parts = (v, local)
    kind = g.r.randrange(6)
    if kind == 0:
        full = f"{first} {last}"
        return (f"From: {full} <{v}>", [name("y_email_name", full, [first, last]),
                                         Planted("EMAIL", "y_email", v, parts)])
    s = g.r.choice(["E-mail: {v}", "Prefers contact via {v}.", "Send the after-visit summary to {v}",
                    "Daughter's email {v} (on the HIPAA release).", "Pt emailed from {v} asking about results."])
    return s.format(v=v), [Planted("EMAIL", "y_email", v, parts)]


def _y_url(g):
    first, last, _ = person(g)
    f, lname = first.lower().replace("-", ""), last.lower().replace("-", "")
    host, meeting = person(g)[1].lower().replace("-", ""), g.digits(11)
    slug, v = g.r.choice([
        (f"{host}clinic.com", f"https://www.{host}clinic.com/patient-forms"),
        (f"{host}-dermatology.com", f"{host}-dermatology.com"), (f"dr{lname}", f"https://doxy.me/dr{lname}"),
        (meeting, f"https://{host}.zoom.us/j/{meeting}"),
        (f"{f}.{lname}.{meeting[:2]}", f"facebook.com/{f}.{lname}.{meeting[:2]}"),
        (f"{f}{lname}", f"www.caringbridge.org/visit/{f}{lname}"),
        (f"help-{f}-{lname}", f"https://www.gofundme.com/f/help-{f}-{lname}"),
        (f"{host}ortho.net", f"http://{host}ortho.net/pt/{meeting[:6]}"),
        (f"{host}health.org", f"mychart.{host}health.org")])
    s = g.r.choice(["Telehealth link: {v}", "Family updates are posted at {v}.", "Video visit via {v} at 2 pm.",
                    "Forms: {v}", "He found the exercises on {v}.", "Link sent by text: {v}"])
    return s.format(v=v), [Planted("URL", "y_url", v, (v, slug))]


def _y_ip(g):
    r = g.r
    kind = r.randrange(5)
    if kind == 0:
        v = ":".join(f"{r.randrange(65536):04x}" for _ in range(8))
    elif kind == 1:
        v = f"2607:{r.randrange(65536):x}:{r.randrange(65536):x}:{r.randrange(4096):x}::{r.randrange(1, 65536):x}"
    elif kind == 2:
        port = r.choice([8080, 8443, 3389])
        v = f"{r.choice([10, 172, 192])}.{r.randint(0, 255)}.{r.randint(0, 255)}.{r.randint(2, 254)}:{port}"
    else:
        v = f"{r.randint(11, 223)}.{r.randint(0, 255)}.{r.randint(0, 255)}.{r.randint(2, 254)}"
    s = r.choice(["Telemetry box at {v} lost connection at 0300.", "Remote access session from {v} logged.",
                  "Infusion pump (host {v}) rebooted.", "Patient uploaded the readings from IP {v}.",
                  "VPN address {v} assigned to the home monitor.", "src={v} flagged by security."])
    return s.format(v=v), [Planted("IP", "y_ip", v, (v,))]


def _street_word(g):
    return g.street() if g.r.random() < 0.6 else person(g)[1]


def _y_address(g):
    n, street, k = g.r.randint(2, 9899), _street_word(g), g.r.randint(1, 40)
    suf = g.r.choice(["St", "St.", "Street", "Ave", "Avenue", "Rd.", "Dr", "Blvd", "Ln", "Ct", "Cir.", "Terr.", "Trl",
                      "Pike", "Loop"])
    zip_code = g.digits(5)
    kind = g.r.randrange(9)
    core = f"{n} {street}"
    if kind == 0:
        v = f"{n} {g.r.choice(['N.', 'S.', 'E.', 'W.'])} {street} {suf}, Apt {k}{g.r.choice('ABCD')}"
        core = v.split(",")[0].rsplit(" ", 1)[0]
    elif kind == 1:
        v = f"{n} West {nth(k + 2)} Street"
        core = v
    elif kind == 2:
        v = g.r.choice([f"RR {k % 9 + 1} Box {n % 900 + 10}", f"HC {k + 30} Box {n % 900 + 10}",
                        f"P.O. Drawer {n % 900 + 10}", f"{n} County Road {k}"])
        core = v
    elif kind == 3:
        v = f"N{g.digits(4)} {street} Rd"
        core = v
    elif kind == 4:
        city = g.city()
        v = f"{n} {street} {suf}, {city}, {g.r.choice(STATES)} {zip_code}"
        return (f"Home address: {v}", [Planted("ADDRESS", "y_address", v, (v, core, city, zip_code))])
    elif kind == 5:
        v = f"Lot {k}, {street} Mobile Home Park"
        core = f"{street} Mobile Home Park"
    elif kind == 6:
        v = f"{n % 300 + 100}-{k + 10} {street} {suf}"
        core = v
    elif kind == 7:
        v = f"Apt. {k}{g.r.choice('ABCD')}, {n} {street} {suf}"
    else:
        v = f"{street} and {_street_word(g)}"
        return f"Struck by a car at the corner of {v}.", [Planted("ADDRESS", "y_address", v, (v,))]
    s = g.r.choice(["Home address: {v}", "Mail the CPAP supplies to {v}.", "Lives at {v}, a second-floor walk-up.",
                    "Ambulance dispatched to {v}.", "New address on file: {v}.", "Discharge destination: home ({v})."])
    return s.format(v=v), [Planted("ADDRESS", "y_address", v, tuple(dict.fromkeys((v, core))))]


def _y_location(g):
    kind = g.r.randrange(8)
    city = g.city()
    if kind == 0:
        place, country = town(g)
        s = g.r.choice(["Emigrated from {t}, {c}, in 2004.", "Born in {t} ({c}).",
                        "Recently traveled to {t}, {c}, for a wedding.", "Grew up in a village near {t}, {c}."])
        return s.format(t=place, c=country), [Planted("LOCATION", "y_location_abroad", place, (place,))]
    if kind == 1:
        v = f"{city}, {g.r.choice(STATE_NAMES)}"
        return f"Retired to {v} five years ago.", [Planted("LOCATION", "y_location", v, (city,))]
    if kind == 2:
        zip_code, plus4 = g.digits(5), g.digits(4)
        v = f"{city.upper()}, {g.r.choice(STATES)} {zip_code}-{plus4}"
        return f"CITY/STATE/ZIP: {v}", [Planted("LOCATION", "y_location", v, (city, zip_code, plus4))]
    if kind == 3:
        zip_code = g.digits(5)
        s = g.r.choice(["Lives in the {v} ZIP code, a food desert.", "ZIP {v}; transportation is limited."])
        return s.format(v=zip_code), [Planted("LOCATION", "y_location_zip", zip_code, (zip_code,))]
    if kind == 4:
        word = person(g)[1] if g.r.random() < 0.5 else g.street()
        v = f"{word} {g.r.choice(['Parish', 'Township', 'Borough', 'County'])}"
        return f"Case reported to the {v} health officer.", [Planted("LOCATION", "y_location", v, (word,))]
    if kind == 5:
        word = g.street()
        v = f"{word} Heights"
        return f"She lives in the {v} neighborhood with her son.", [Planted("LOCATION", "y_location", v, (word,))]
    if kind == 6:
        other = g.city()
        s = "Moved from {a} to {b} after retiring."
        return s.format(a=city, b=other), [Planted("LOCATION", "y_location", city, (city,)),
                                           Planted("LOCATION", "y_location", other, (other,))]
    return f"Works at the plant outside {city}.", [Planted("LOCATION", "y_location", city, (city,))]


_FACILITY_FORMS = (
    ("{w} Memorial Hospital", "Transferred from {v} for a higher level of care."),
    ("{w} Regional Medical Center", "TRANSFERRED FROM {v} WITH A STEMI."),
    ("{w} Family Practice", "PCP is at {v}."), ("{w} Pediatrics", "Well-child visits at {v}."),
    ("{w} Orthopedic Associates", "Follows with {v} for the knee."),
    ("{w} Women's Health", "Prenatal care at {v}."), ("{w} Free Clinic", "Gets her insulin from {v}."),
    ("{w} Community Health Center", "Referred by {v}."), ("{w} Behavioral Health", "Inpatient stay at {v} in 2019."),
    ("{w} Surgery Center", "Cataract surgery done at {v}."), ("{w} Imaging", "MRI done at {v} last month."),
    ("{w} Assisted Living", "Resides at {v}."), ("{w} Hospice House", "Accepted to {v}."),
    ("{w} Senior Living", "Lives at {v} with 24-hour staff."), ("{w} Group Home", "Returns to {v} after discharge."),
    ("{w} Middle School", "In seventh grade at {v}."), ("{w} Community College", "Studies nursing at {v}."),
    ("{w} State University", "A sophomore at {v}."), ("{w} Montessori", "Attends {v} half days."),
    ("{w} Logistics", "Works nights as a forklift driver for {v}."), ("{w} Construction", "Roofer with {v}."),
    ("{w} Auto Body", "Employed at {v}; exposed to paint fumes."), ("{w} Poultry Farm", "Works at {v}."),
    ("{w} County Jail", "Brought in from {v} by deputies."), ("{w} Correctional Facility", "Inmate at {v}."),
    ("{w} Rescue Mission", "Stays at {v} most nights."), ("{w} Pharmacy", "Preferred pharmacy: {v}."),
    ("{w} Police Department", "Retired from the {v} after 30 years."),
    ("{w} Fire Department", "Firefighter with the {v}."), ("{w} Unified School District", "Bus driver for {v}."),
)


def _y_facility(g):
    kind = g.r.random()
    word = person(g)[1] if kind < 0.45 else g.city() if kind < 0.8 else town(g)[0]
    form, s = g.r.choice(_FACILITY_FORMS)
    v = form.format(w=word)
    if s.isupper():
        v = v.upper()
    return s.format(v=v), [Planted("FACILITY", "y_facility", v, (word,))]


def _y_age(g):
    age, months = g.r.randint(90, 106), g.r.randint(1, 11)
    w, a = age_words(age, g.r), str(age)
    wh, w1 = w.replace(" ", "-"), w.replace("a hundred", "one hundred")  # "one-hundred-and-two-year-old"
    wc = wh[:1].upper() + wh[1:]
    v, s, parts = g.r.choice([
        (f"{a} y.o.f.", "A {v} from assisted living with a UTI.", (a,)), (f"{a}YOM", "CC: {v} c/o weakness.", (a,)),
        (f"{a} yo WF", "{v} in no acute distress.", (a,)), (f"{a} years {months} months", "Age at visit: {v}.", (a,)),
        (f"AGE: {a}", "SEX: F   {v}   ROOM: 4B", (a,)), (f"{wh}-year-old", "A {v} widow who still lives alone.", (wh,)),
        (f"{wc}-year-old", "{v} male, nursing home resident, here after a fall.", (wc,)),
        (f"{w.upper()} YEAR OLD", "{v} FEMALE WITH SYNCOPE.", (w.upper(),)),
        ("tenth decade", "A woman in her {v} of life with CHF.", ()),
        (f"{nth(age)} birthday", "She celebrated her {v} on the unit.", (nth(age),)),
        (a, "He turned {v} in the spring.", ()), (a, "At {v} she remains independent with a cane.", ()),
        (f"{a}-year-old", "Lives with her {v} husband, who is frail.", (a,)),
        (f"{a}yF", "{v}, DNR/DNI, from home.", (a,)), (f"{a} yr. old", "{v} gentleman, retired machinist.", (a,)),
        (f"{a}/F", "Age/Sex: {v}", (a,)), (f"{a} years old", "Her mother is {v} and in good health.", (a,)),
        (f"age {w1}", "Still playing bridge at {v}.", (w1,)),
    ])
    return s.format(v=v), [Planted("AGE>89", "y_age", v, (v, *parts))]


CONTACT_FAMILIES = {
    "ID": [_y_id_record, _y_id_plan, _y_id_license, _y_id_vehicle, _y_id_device, _y_username],
    "PHONE": [_y_phone, _y_phone, _y_fax], "EMAIL": [_y_email], "URL": [_y_url], "IP": [_y_ip],
    "ADDRESS": [_y_address], "LOCATION": [_y_location], "FACILITY": [_y_facility], "AGE>89": [_y_age],
}
