"""ID, contact, place, facility and age families of v7 (`deid_heldout7.py`): held out like them, never tune on it.

Each family picks a document (claim line, HL7 segment, e-prescription, run sheet, label, export row, e-mail
header), a cue or none, and a value form independently; places and phones are as often those of Saudi
Arabia, Israel, Iran, Thailand, Sri Lanka, Palestine and Algeria as of the US.
"""

from __future__ import annotations

from deid_harness import Planted, parts_of_digits
from deid_heldout7_values import handle, letters_of, national_id, nth, ok, person, phone, words_of


def _id(g):
    d = g.digits
    v = g.r.choice([f"S{d(2)}-{d(5)}-{letters_of(g, 1)}", f"CLM{d(10)}", f"{d(4)}-{d(6)}-{d(1)}",
                    f"E{d(8)}{letters_of(g, 1)}", f"{letters_of(g, 2)}{d(7)}", f"RUN{d(2)}-{d(5)}", f"{d(10)}",
                    f"ICN {d(13)}", f"NCT0{d(7)}-{d(3)}", f"{d(3)}-{d(2)}-{d(4)}{letters_of(g, 1)}"])
    s = g.r.choice([
        "Claim {v}  CPT 27447  ICD-10 M17.11  billed", "Accession {v} | Specimen: blood culture x2",
        "Run number {v}, unit M14, priority 2", "ORC|NW|{v}||||", "Screening ID {v} assigned; consent pending.",
        "eRx transaction {v} accepted by the pharmacy.", "Authorization {v} for home health PT, 12 visits.",
        "Barcode {v} on the specimen bag", "Remittance: payer claim control number {v}",
        "Tumor board case {v} (lung)", "Incident report {v} filed for the fall.", "DME order {v}: rolling walker",
    ])
    return s.format(v=v), [Planted("ID", "h7_id", v, (v, *parts_of_digits(v)))]


def _id_national(g):
    """National numbers of the v7 countries, with their check digit or letter, on forms and in text."""
    v, label = national_id(g)
    s = g.r.choice(["{l} {v} copied for registration.", "{l}: {v}", "Patient presented {l} {v} at the front desk.",
                    "Insurance (self-pay); identity checked against {l} {v}."])
    return s.format(l=label, v=v), [Planted("ID", "h7_id_national", v, (v, *parts_of_digits(v)))]


def _id_provider(g):
    """Provider numbers printed on prescriptions: DEA numbers (two letters, seven digits) and licenses."""
    d = g.digits
    body = d(6)
    check = str((sum(int(body[i]) for i in (0, 2, 4)) + 2 * sum(int(body[i]) for i in (1, 3, 5))) % 10)
    v, s = g.r.choice([(f"{letters_of(g, 2, 'ABFGMPR')}{body}{check}", "DEA# {v}  (Schedule II)"),
                       (f"MD{d(6)}", "State license {v}"), (f"{d(10)}", "Rendering NPI {v}"),
                       (f"LIC-{d(5)}", "Prescriber license no. {v}")])
    return s.format(v=v), [Planted("ID", "h7_id_provider", v, (v, *parts_of_digits(v)))]


def _phone(g):
    v, parts = phone(g)
    s = g.r.choice([
        "Family in Jeddah reachable at {v} (WhatsApp).", "Emergency contact phone: {v}", "PID|1||||||||||||{v}|",
        "Call-back: {v}", "Dispatch received the call from {v}.", "Home health agency: {v}",
        "Please fax the work note to {v}.", "Brother abroad: {v}, ok to discuss.", "Pharmacy (eRx) phone {v}",
        "Screening coordinator {v}", "Tel. {v} / mobile",
    ])
    return s.format(v=v), [Planted("PHONE", "h7_phone", v, parts)]


def _email(g):
    first, last = person(g)
    local = handle(g, first, last)
    dom = g.r.choice(["gmail.com", "hotmail.com", "yahoo.com", "walla.co.il", "outlook.sa", "yahoo.co.uk",
                      "sltnet.lk", "live.com", "icloud.com", "me.com"])
    v = f"{local}@{dom}"
    s = g.r.choice(["mailto:{v}", "To: {v}", "Cc: {v}", "e-mail {v} (school nurse)", "Work note sent to {v}.",
                    "Trial contact e-mail: {v}", "Employer HR: {v}", "{v} wrote to ask about the biopsy."])
    return s.format(v=v), [Planted("EMAIL", "h7_email", v, (v, local))]


def _url(g):
    first, last = person(g)
    sl = handle(g, first, last).replace(".", "").replace("_", "")
    v = g.r.choice([f"https://wa.me/9665{g.digits(8)}", f"https://t.me/{sl}", f"https://www.justgiving.com/{sl}",
                    f"https://x.com/{sl}", f"https://www.snapchat.com/add/{sl}", f"https://www.threads.net/@{sl}",
                    f"https://linktr.ee/{sl}", f"https://{sl}.blogspot.com"])
    part = v.rsplit("/", 1)[-1].lstrip("@").split(".")[0] if "wa.me" not in v else v.rsplit("/", 1)[-1]
    s = g.r.choice(["Family group chat link: {v}", "Son shared {v} with photos of the wound.",
                    "Fundraiser for the transplant: {v}", "Her profile {v} mentions the diagnosis.",
                    "Screen recording of the seizure posted at {v}."])
    return s.format(v=v), [Planted("URL", "h7_url", v, (v, part))]


def _ip(g):
    r = g.r.randint
    v = g.r.choice([f"{r(11, 223)}.{r(0, 255)}.{r(0, 255)}.{r(1, 254)}", f"10.{r(0, 255)}.{r(0, 255)}.{r(1, 254)}",
                    f"fe80::{r(256, 65535):x}:{r(256, 65535):x}:{r(1, 65535):x}",
                    f"2a02:{r(256, 65535):x}:{r(0, 65535):x}:{r(1, 65535):x}::{r(1, 255):x}"])
    s = g.r.choice(["MLLP interface {v}:2575 reconnected.", "X-Forwarded-For: {v}", "eRx gateway {v} timed out.",
                    "Telehealth session from {v} (Riyadh).", "Remote access log: host {v}, user nurse3.",
                    "Device {v} (infusion pump) went offline."])
    return s.format(v=v), [Planted("IP", "h7_ip", v, (v,))]


_ABROAD = {
    "Saudi Arabia": ("Jeddah", "Dammam", "Buraidah", "Khamis Mushait", "Hail", "Najran", "Yanbu", "Al Khobar"),
    "Israel": ("Netanya", "Ashdod", "Rehovot", "Herzliya", "Kfar Saba", "Afula", "Nahariya", "Dimona"),
    "Iran": ("Tabriz", "Isfahan", "Kermanshah", "Rasht", "Yazd", "Zanjan", "Qazvin", "Ardabil"),
    "Sri Lanka": ("Kandy", "Kurunegala", "Matara", "Ratnapura", "Badulla", "Negombo", "Anuradhapura", "Jaffna"),
    "Palestine": ("Nablus", "Hebron", "Jenin", "Tulkarm", "Qalqilya", "Bethlehem"),
    "Algeria": ("Setif", "Tlemcen", "Bejaia", "Batna", "Biskra", "Blida", "Mostaganem", "Tizi Ouzou"),
    "Thailand": ("Khon Kaen", "Udon Thani", "Hat Yai", "Nakhon Sawan", "Chiang Rai", "Ubon Ratchathani", "Lampang"),
}
_STREET = {"Saudi Arabia": "{p} Street", "Israel": "Rehov {p}", "Iran": "Kucheh-ye {p}", "Sri Lanka": "{p} Mawatha",
           "Palestine": "{p} Street", "Algeria": "Rue {p}",
           "Thailand": "Soi {p}"}


def _abroad(g):
    country = g.r.choice(sorted(_ABROAD))
    return country, g.r.choice(_ABROAD[country])


_LOCALE_OF = {"Saudi Arabia": "ar_SA", "Israel": "he_IL", "Iran": "fa_IR", "Sri Lanka": "si_LK", "Palestine": "ar_PS",
              "Algeria": "ar_DZ", "Thailand": "th_TH"}


def _street_word(g, country):
    """A street or village named after a person of that country, as most are."""
    first, last = person(g, compound=False, locales=(_LOCALE_OF[country],))
    return g.r.choice([first, last])


def _address(g):
    kind = g.r.randrange(4)
    if kind == 0:  # an address abroad, as the international referral gives it
        country, city = _abroad(g)
        word = _street_word(g, country)
        street = _STREET[country].format(p=word)
        n, post = str(g.r.randint(2, 240)), g.digits(5)
        v = g.r.choice([f"{n} {street}, {city} {post}, {country}", f"{street} {n}, Apt {g.r.randint(2, 30)}, {city}",
                        f"P.O. Box {g.digits(4)}, {city} {post}"])
        parts = tuple(p for p in (v, word if word in v else "", *parts_of_digits(v)) if p)
        s = g.r.choice(["Home address abroad: {v}", "Referral letter return address: {v}.",
                        "Records to be mailed to {v}."])
        return s.format(v=v), [Planted("ADDRESS", "h7_address_abroad", v, parts)]
    n, street = str(g.r.randint(2, 9999)), g.street()
    sfx = g.r.choice(["St", "Ave", "Rd", "Dr", "Ct", "Hwy", "Loop", "Run"])
    city, zip_code = g.city(), g.digits(5)
    st = g.r.choice(("MI", "OH", "TX", "VA", "NJ", "MN", "TN", "SC", "WA", "OR"))
    core = f"{n} {street} {sfx}"
    if kind == 1:  # HL7 XAD: street^other^city^state^zip
        v = f"{core}^^{city}^{st}^{zip_code}"
        return f"PID|1||||||||||{v}^USA|", [Planted("ADDRESS", "h7_address_hl7", v, (v, core, city, zip_code))]
    if kind == 2:  # CSV export: street,unit,city,state,zip
        v = f"{core},Apt {g.r.randint(1, 30)},{city},{st},{zip_code}"
        return (f"addr export: {v}", [Planted("ADDRESS", "h7_address_csv", v, (v, core, city, zip_code))])
    v = f"{core}, {city}, {st} {zip_code}"
    s = g.r.choice(["Ambulance responded to {v} (private residence).", "Home health visit at {v}; dog in the yard.",
                    "Ship DME to {v}.", "Claim mailing address {v}"])
    return s.format(v=v), [Planted("ADDRESS", "h7_address", v, (v, core, city, zip_code))]


def _location(g):
    kind = g.r.randrange(4)
    if kind == 0:
        country, city = _abroad(g)
        s = g.r.choice(["Moved from {v}, {c}, in 2019.", "Just returned from {v} ({c}) with diarrhea.",
                        "Dialysis was done in {v} while visiting family.", "Born and raised in {v}."])
        return s.format(v=city, c=country), [Planted("LOCATION", "h7_location_abroad", city, (city,))]
    if kind == 1:
        country = g.r.choice(["Palestine", "Israel"])
        word = _street_word(g, country)
        v = f"{g.r.choice(['Kafr', 'Beit', 'Ain', 'Deir'] if country == 'Palestine' else ['Moshav', 'Kibbutz'])} {word}"
        s = g.r.choice(["Grew up in {v} and works on a farm.", "Lives in {v}; family visits weekly.",
                        "Travel history: {v} last month."])
        return s.format(v=v), [Planted("LOCATION", "h7_location_village", v, (v, word))]
    city = g.city()
    if kind == 2:
        s = g.r.choice(["Run sheet: transported from {v} to our ED.", "Home health service area: {v}.",
                        "Trial site in {v} enrolled her.", "Employer is in {v}, an hour away."])
        return s.format(v=city), [Planted("LOCATION", "h7_location", city, (city,))]
    other = g.city()
    return (f"Mutual aid from {city} and {other} fire departments.",
            [Planted("LOCATION", "h7_location", city, (city,)), Planted("LOCATION", "h7_location", other, (other,))])


_FAC = ("Specialist Hospital", "Medical City", "Medical Center", "General Hospital", "Teaching Hospital",
        "Cardiac Centre", "Maternity Hospital", "Home Health", "Dialysis Center", "Pharmacy")


def _facility(g):
    """Hospitals named after people (kings, sheikhs, founders) and employers, on transfer and work papers."""
    first, last = person(g, compound=False)
    kind = g.r.randrange(4)
    if kind == 0:
        first = person(g, "male", locales=("ar_SA",), compound=False)[0]
        v = f"{g.r.choice(['King', 'Prince', 'Sheikh', 'Emir'])} {first} {g.r.choice(_FAC)}"
        parts = (first,)
    elif kind == 1:
        v = f"{first} {last} {g.r.choice(_FAC)}"
        parts = (first, last)
    elif kind == 2:
        v = f"{last} {g.r.choice(_FAC)}"
        parts = (last,)
    else:
        word = max(g.company().replace(",", "").split(), key=len)
        if not ok(word):
            word = last
        v = f"{word} {g.r.choice(['Logistics', 'Construction', 'Foods', 'Petrochemicals', 'Hospitality', 'Textiles'])}"
        s = g.r.choice(["Works as a driver for {v}.", "Employer: {v} (occupational health form attached).",
                        "Injured at work at {v}; workers' compensation case."])
        return s.format(v=v), [Planted("FACILITY", "h7_employer", v, (word,))]
    s = g.r.choice(["Transferred from {v} with a CD of images.", "Previous surgery at {v} in 2015.",
                    "Records requested from {v}.", "SENDING FACILITY: {v}", "Outside pathology from {v} reviewed.",
                    "Discharged home with {v} services."])
    return s.format(v=v), [Planted("FACILITY", "h7_facility", v, tuple(p for w in parts for p in words_of(w)))]


_ORD_WORDS = {90: "ninetieth", 91: "ninety-first", 92: "ninety-second", 93: "ninety-third", 94: "ninety-fourth",
              95: "ninety-fifth", 96: "ninety-sixth", 97: "ninety-seventh", 98: "ninety-eighth", 99: "ninety-ninth",
              100: "hundredth", 101: "hundred-and-first"}


def _age(g):
    n = g.r.randint(90, 101)
    w = _ORD_WORDS[n]
    v, parts, s = g.r.choice([
        (f"nonagenarian aged {n}", (str(n),), "A {v} presents with dyspnea."),
        (f"in her {n}{nth(n)} year", (f"{n}{nth(n)}",), "She is {v} and lives independently."),
        (f"in his {w} year", (w,), "Now {v}, he still prays at the mosque daily."),
        (f"aged {n} years and {g.r.randint(1, 11)} months", (str(n),), "Patient {v} at enrolment."),
        (f"{n:03d}Y", (f"{n:03d}Y",), "PID|1|||||||F|||{v}|"), (f"Age (yrs): {n}", (str(n),), "{v}"),
        (f"{n} y.o.", (str(n),), "Run sheet: {v} F, found on floor."),
        (f"{n}-year-old", (str(n),), "Screen failure: {v} exceeds the age limit."),
        (f"turned {n}", (str(n),), "She {v} last month, per her grandson."),
        (f"{n} years of age", (str(n),), "He is {v} and fully oriented."),
    ])
    return s.format(v=v), [Planted("AGE>89", "h7_age", v, (v, *parts))]


CONTACT_FAMILIES = {
    "ID": [_id, _id, _id_national, _id_provider], "PHONE": [_phone], "EMAIL": [_email], "URL": [_url], "IP": [_ip],
    "ADDRESS": [_address], "LOCATION": [_location], "FACILITY": [_facility], "AGE>89": [_age],
}
