"""Development families for the pattern rules (dates, ages over 89, places, facilities): split `dev-patterns`.

Development data: tune on these, on development notes only. Each family generates its values and its
sentence frames from several independent choices (form x case x cue x frame), so a rule written for one
sentence does not pass the family; the clinical strings are the numeric near-misses the rules must keep
(doses, scores, ratios, vitals, lab values, ranges, ages up to 89). Names are not planted here (the name
families are in `deid_dev.py`); the locales only feed the surnames used as facility words.
"""

from __future__ import annotations

from deid_harness import MONTHS, ORD, STATE_NAMES, STATES, Gen, Planted

DEV_LOCALES = ("de_DE", "fr_FR", "it_IT", "es_ES", "pl_PL", "en_GB", "en_IE", "no_NO", "es_MX", "de_AT", "en_AU")

_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_UNITS = ["", "", " mg", " mL"]


def _case(g: Gen, word: str) -> str:
    return g.r.choice([word, word.lower(), word.upper(), word])


def _ordinal(d: int) -> str:
    return f"{d}{ORD.get(d, 'th')}"


def _p_date_numeric(g: Gen) -> tuple[str, list[Planted]]:
    y, mo, d = g.r.randint(1988, 2025), g.r.randint(1, 12), g.r.randint(1, 28)
    forms = {
        "m/d/yyyy": f"{mo}/{d}/{y}", "mm/dd/yy": f"{mo:02d}/{d:02d}/{y % 100:02d}", "m-d-yyyy": f"{mo}-{d}-{y}",
        "d.m.yyyy": f"{d}.{mo}.{y}", "dd.mm.yy": f"{d:02d}.{mo:02d}.{y % 100:02d}",
        "yyyy.mm.dd": f"{y}.{mo:02d}.{d:02d}",
        "yyyy-m-d": f"{y}-{mo}-{d}", "d/m/yyyy": f"{max(d, 13)}/{mo}/{y}", "yyyymmdd": f"{y}{mo:02d}{d:02d}",
        "mm-dd-yy": f"{mo:02d}-{d:02d}-{y % 100:02d}", "m.d.yy": f"{mo}.{d}.{y % 100:02d}",
    }
    key = g.r.choice(sorted(forms))
    v = forms[key]
    s = g.r.choice(["Echo {v}: EF 55%.", "Her last visit was {v}, per the chart.", "CT abdomen ({v}) was negative.",
                    "Seen in the ER {v} after a fall.", "Hgb 9.8 on {v}.", "Pathology from {v} was benign.",
                    "Date of injury {v}.", "Vaccinated {v} at the pharmacy.", "{v} - started on lisinopril."])
    return s.format(v=v), [Planted("DATE", f"p_date_numeric:{key}", v, (v,))]


def _p_date_month(g: Gen) -> tuple[str, list[Planted]]:
    y, mo, d = g.r.randint(1988, 2025), g.r.randint(1, 12), g.r.randint(1, 28)
    full = MONTHS[mo - 1]
    short = g.r.choice([full[:3], full[:3] + "."]) if mo != 9 else g.r.choice(["Sep", "Sept", "Sept."])
    month = _case(g, g.r.choice([full, short]))
    forms = {
        "month d yyyy": f"{month} {d} {y}", "month d, yyyy": f"{month} {d}, {y}", "d month yyyy": f"{d} {month} {y}",
        "dth month": f"{_ordinal(d)} {month}", "month dth": f"{month} {_ordinal(d)}",
        "d-month-yy": f"{d}-{month}-{y % 100:02d}",
        "month-d-yyyy": f"{month}-{d}-{y}", "the dth of month": f"the {_ordinal(d)} of {month}",
        "month d": f"{month} {d}", "weekday month d": f"{g.r.choice(_WEEKDAYS)}, {month} {d}",
        "dmonthyyyy": f"{d:02d}{month.rstrip('.')}{y}", "month the dth": f"{month} the {_ordinal(d)}",
    }
    key = g.r.choice(sorted(forms))
    v = forms[key]
    s = g.r.choice(["Surgery is planned for {v}.", "Her mother died {v}.", "Admitted {v} with sepsis.",
                    "Labs from {v} showed a sodium of 131.", "She fell at home on {v}.",
                    "Next appointment {v} at 9:30.", "Biopsy ({v}) confirmed the diagnosis.",
                    "Symptoms started around {v}.", "{v}: tolerated PO intake."])
    return s.format(v=v), [Planted("DATE", f"p_date_month:{key}", v, (v,))]


def _p_date_partial(g: Gen) -> tuple[str, list[Planted]]:
    mo, d, y = g.r.randint(1, 12), g.r.randint(1, 28), g.r.randint(1990, 2025)
    month = _case(g, MONTHS[mo - 1])
    forms = {
        "m-d": f"{mo}-{d}", "m/d": f"{mo}/{d}", "mm/dd": f"{mo:02d}/{d:02d}", "mm/yyyy": f"{mo:02d}/{y}",
        "m/yy": f"{mo}/{y % 100:02d}", "month yyyy": f"{month} {y}", "month of yyyy": f"{month} of {y}",
        "mid-month": f"mid-{month}", "month": month if mo != 5 else "June",
    }
    key = g.r.choice(sorted(forms))
    v = forms[key]
    if key in {"mid-month", "month"}:
        s = g.r.choice(["Symptoms began in {v}.", "She has been sober since {v}.", "Last seen in {v}.",
                        "Worse since early {v}."])
    elif key in {"mm/yyyy", "m/yy", "month yyyy", "month of yyyy"}:
        s = g.r.choice(["Colonoscopy {v} was normal.", "Diagnosed in {v}.", "Last mammogram {v}.",
                        "Prior MI ({v})."])
    else:
        s = g.r.choice(["Returned {v} for a wound check.", "Seen again on {v}.", "Last dose taken {v}.",
                        "Follow-up on {v}, no complaints.", "Since {v} she reports less pain.",
                        "Drain removed {v}.", "X-ray from {v} shows healing.", "LMP {v}.", "Stitches out {v}."])
    return s.format(v=v), [Planted("DATE", f"p_date_partial:{key}", v, (v,))]


_NUMBER_WORDS = {90: "ninety", 91: "ninety-one", 92: "ninety-two", 93: "ninety-three", 94: "ninety-four",
                 95: "ninety-five", 96: "ninety-six", 97: "ninety-seven", 98: "ninety-eight", 99: "ninety-nine",
                 100: "one hundred", 101: "one hundred and one", 102: "one hundred two"}


def _p_age(g: Gen) -> tuple[str, list[Planted]]:
    age = g.r.randint(90, 104)
    sex = g.r.choice(["F", "M"])
    forms = {
        "n years": (f"{age} years", ["Age: {v}.", "Patient age is {v}.", "She is {v} and alert."]),
        "n yrs": (f"{age} yrs", ["Age {v}.", "The patient, {v}, is here alone."]),
        "n y": (f"{age} y", ["{v} old female.", "Age {v}, widowed."]),
        "nF": (f"{age}{sex}", ["{v} presenting with a fall.", "{v}, nursing home resident.", "{v} c/o cough."]),
        "n F": (f"{age} {sex}", ["{v} with UTI.", "Pt is a {v} s/p hip fracture."]),
        "n yoF": (f"{age} yo{sex}", ["{v} with dyspnea.", "HPI: {v} here for follow-up."]),
        "n y.o.": (f"{age} y.o.", ["A {v} lady with CHF.", "{v} male with weakness."]),
        "n-y-o": (f"{age}-y-o", ["This {v} woman was seen.", "A {v} retired farmer."]),
        "at age n": (f"age {age}", ["Still driving at {v}.", "Widowed at {v}.", "Independent in ADLs at {v}."]),
        "the age of n": (f"the age of {age}", ["At {v} she still lives alone.", "He reached {v} last year."]),
        "turned n": (str(age), ["She turned {v} in the spring.", "He turns {v} next month.",
                                "She will be {v} in June."]),
        "nth birthday": (f"{age}th", ["She celebrated her {v} birthday last week."]),
        "is n": (str(age), ["She is {v} and lives alone.", "The patient is now {v}.", "He is {v}, a widower."]),
        "words": (_NUMBER_WORDS.get(age, "ninety-nine"), ["She turned {v} this year.", "He is {v} years old.",
                                                          "Now {v}, she uses a walker.", "Aged {v}, he lives alone."]),
        "decade": (g.r.choice(["in her nineties", "in his early 90s", "in her mid-90s", "a centenarian",
                               "a nonagenarian", "in his late nineties", "over 100 years old"]),
                   ["The patient is {v}.", "A frail woman {v}, seen today."]),
        "n-year-old": (f"{age}-year-old", ["A {v} woman.", "This {v} gentleman."]),
    }
    key = g.r.choice(sorted(forms))
    v, frames = forms[key]
    return g.r.choice(frames).format(v=v), [Planted("AGE>89", f"p_age:{key}", v, (v,))]


def _p_place(g: Gen) -> tuple[str, list[Planted]]:
    city = g.city()
    kind = g.r.choice(["city_zip", "city_comma_zip", "travel", "residence", "county", "city_state_lower"])
    if kind in {"city_zip", "city_comma_zip"}:
        z = g.digits(5) if g.r.random() < 0.8 else f"{g.digits(5)}-{g.digits(4)}"
        v = f"{city} {z}" if kind == "city_zip" else f"{city}, {z}"
        s = g.r.choice(["Mailing address: {v}.", "Home: {v}.", "Address on file is {v}.", "She moved to {v}.",
                        "Lives in {v} with her son."])
        return s.format(v=v), [Planted("LOCATION", f"p_place:{kind}", v, (city, z))]
    if kind == "travel":
        s = g.r.choice(["Travelled to {v} last month.", "She flew to {v} in the summer.", "Just back from {v}.",
                        "He drove to {v} over the weekend.", "Recent trip to {v} with her husband.",
                        "Went to {v} to visit family.", "Spent two weeks in {v} on vacation.",
                        "Visited {v} in June."])
        return s.format(v=city), [Planted("LOCATION", f"p_place:{kind}", city, (city,))]
    if kind == "residence":
        s = g.r.choice(["She resides in {v}.", "Currently living in {v}.", "He is a resident of {v}.",
                        "Originally from {v}, now retired.", "Born and raised in {v}.", "Her home in {v} has stairs.",
                        "Relocated to {v} after retirement.", "Grew up near {v}.", "Commutes from {v} daily."])
        return s.format(v=city), [Planted("LOCATION", f"p_place:{kind}", city, (city,))]
    if kind == "county":
        word = g.surname()
        v = f"{word} County"
        s = g.r.choice(["Transferred from {v} jail.", "She lives in {v}.", "Referred by the {v} health department.",
                        "Seen by {v} EMS."])
        return s.format(v=v), [Planted("LOCATION", f"p_place:{kind}", v, (word,))]
    state = g.r.choice(STATES + STATE_NAMES)
    v = f"{city}, {state}"
    return f"Her daughter lives in {v}.", [Planted("LOCATION", f"p_place:{kind}", v, (city,))]


def _p_address(g: Gen) -> tuple[str, list[Planted]]:
    street = g.street()
    n = g.r.randint(1, 9999)
    kind = g.r.choice(["street_unit", "po_box", "street_dir", "rural_route", "street_only"])
    if kind == "street_unit":
        unit = g.r.choice([f"Apt. {g.r.randint(1, 40)}{g.r.choice(['', 'B'])}", f"Suite {g.r.randint(100, 999)}",
                           f"Unit {g.r.randint(1, 99)}", f"Apartment {g.r.randint(1, 40)}", f"#{g.r.randint(2, 99)}"])
        v = f"{n} {street} {g.r.choice(['Street', 'Ave.', 'Road', 'Drive', 'Ct', 'Lane'])}, {unit}"
        parts = (f"{n} {street}",)
    elif kind == "po_box":
        v = g.r.choice([f"PO Box {n}", f"P.O. Box {n}", f"P. O. Box {n}", f"Post Office Box {n}", f"POB {n}",
                        f"po box {n}"])
        parts = (v,)
    elif kind == "street_dir":
        v = f"{n} {g.r.choice(['N.', 'S', 'East', 'W'])} {street} {g.r.choice(['Blvd', 'St', 'Pkwy', 'Hwy', 'Way'])}"
        parts = (v,)
    elif kind == "rural_route":
        v = g.r.choice([f"Rural Route {g.r.randint(1, 9)}, Box {g.r.randint(10, 999)}", f"RR {g.r.randint(1, 9)} Box "
                        f"{g.r.randint(10, 999)}", f"{n} County Road {g.r.randint(10, 999)}",
                        f"{n} State Route {g.r.randint(10, 300)}"])
        parts = (v,)
    else:
        v = f"{street} {g.r.choice(['Street', 'Avenue', 'Drive', 'Lane'])}"
        s = g.r.choice(["She lives on {v} near the park.", "Found down on {v} by a neighbor."])
        return s.format(v=v), [Planted("ADDRESS", f"p_address:{kind}", v, (street,))]
    s = g.r.choice(["Send the bill to {v}.", "Address: {v}.", "Discharged home to {v}.", "She lives at {v}."])
    return s.format(v=v), [Planted("ADDRESS", f"p_address:{kind}", v, parts)]


def _company_words(company: str) -> tuple[str, ...]:
    return tuple(w for w in company.replace(",", " ").split() if len(w) > 3 and w[0].isupper()
                 and w.rstrip(".") not in {"Inc", "LLC", "Ltd", "Group", "Corp", "PLC", "and", "Sons"}) or (company,)


def _p_facility(g: Gen) -> tuple[str, list[Planted]]:
    word = g.surname()
    kind = g.r.choice(["hospital", "clinic", "home", "school", "employer", "employer", "practice"])
    if kind == "hospital":
        v = g.r.choice([f"{word} Memorial", f"St. {word}'s Hospital", f"{word} Regional Medical Center",
                        f"{word} University Hospital", f"{word} Community Hospital", f"Mount {word} Hospital",
                        f"{word} VA Medical Center"])
        s = g.r.choice(["Transferred from {v} for a higher level of care.", "Delivered at {v}.",
                        "Prior records from {v} were reviewed.", "She was intubated at {v}."])
    elif kind == "clinic":
        v = g.r.choice([f"{word} Family Clinic", f"{word} Urgent Care", f"{word} Dialysis Center",
                        f"{word} Imaging Center", f"{word} Surgery Center", f"{word} Wound Clinic"])
        s = g.r.choice(["Dialysis three times a week at {v}.", "MRI done at {v}.", "Followed at {v} since 2015.",
                        "Referred to {v}."])
    elif kind == "home":
        v = g.r.choice([f"{word} Nursing Home", f"{word} Manor", f"{word} Assisted Living", f"{word} Senior Living",
                        f"{word} Care Center", f"{word} Rehabilitation Hospital"])
        s = g.r.choice(["She resides at {v}.", "Discharged back to {v}.", "Sent in from {v} for confusion."])
    elif kind == "school":
        v = g.r.choice([f"{word} Elementary School", f"{word} High School", f"{word} Middle School",
                        f"{word} College", f"{word} University", f"{word} Academy"])
        s = g.r.choice(["He attends {v}.", "She is a junior at {v}.", "Teacher at {v}.",
                        "Injured during soccer practice at {v}."])
    elif kind == "practice":
        v = g.r.choice([f"{word} Orthopedics", f"{word} Pediatrics", f"{word} Cardiology Associates",
                        f"{word} Family Practice", f"{word} Medical Associates", f"{word} Pharmacy"])
        s = g.r.choice(["Seen by a physician at {v}.", "Her records from {v} were faxed.",
                        "Prescriptions filled at {v}."])
    else:
        v = g.company()
        s = g.r.choice(["Retired from {v} in 2010.", "Employer: {v}.", "He works for {v} as a driver.",
                        "She is employed by {v}.", "Occupation: accountant at {v}.", "Worked 30 years for {v}.",
                        "He owns {v}.", "Former machinist with {v}."])
        return s.format(v=v), [Planted("FACILITY", "p_facility:employer", v, _company_words(v))]
    return s.format(v=v), [Planted("FACILITY", f"p_facility:{kind}", v, (word,))]


# Second round, written after the first round was met, with phrasings the rules were not written for.
def _q_age(g: Gen) -> tuple[str, list[Planted]]:
    age = g.r.randint(90, 104)
    word = _NUMBER_WORDS.get(age, "ninety")
    forms = [(f"(age {age})", "Widowed {v}, lives with her son."), (f"{age}y", "Elderly {v} woman with falls."),
             (f"{age} y/o F", "HPI: {v} with cough."), (f"{age}-yr-old", "A {v} retired teacher."),
             (f"{age} yrs of age", "She is {v} and frail."), (f"{word} year old", "A {v} woman."),
             (f"{age} years young", "A spry {v}."), (f"{age}", "She's {v} and still drives."),
             (f"{age}", "A woman of {v} with CHF."), (f"F, {age}", "Demographics: {v}."),
             (f"age {word}", "Seen at {v} for the first time."), (f"{word} y/o", "This {v} is alert."),
             (f"{age}", "The patient, who is {v}, lives alone."), (f"{age}", "Aged {v}, she lives at home.")]
    v, s = g.r.choice(forms)
    parts = (v,) if not v.startswith(("F, ", "(age")) else (v.split()[-1].strip(")"),)
    return s.format(v=v), [Planted("AGE>89", "q_age", v, parts)]


def _q_date(g: Gen) -> tuple[str, list[Planted]]:
    y, mo, d = g.r.randint(1990, 2025), g.r.randint(1, 12), g.r.randint(1, 27)
    m = MONTHS[mo - 1]
    forms = [f"{mo}/{d}/{y} at 14:30", f"{y}-{mo:02d}-{d:02d}T08:15", f"{m} {d}-{d + 1}, {y}",
             f"{d}-{mo}-{y}", f"{m[:3]} '{y % 100:02d}", f"{d} {m[:3]}. {y}", f"{m[:3].upper()}. {d}, {y}",
             f"{mo:02d}/{d:02d}/{y % 100:02d}", f"{_ordinal(d)} of {m[:3]} {y}", f"{m.lower()} {_ordinal(d)}",
             f"{mo}/{y}", f"{m} of {y}"]
    v = g.r.choice(forms)
    s = g.r.choice(["Echo performed {v} showed an EF of 40%.", "She was last admitted {v}.", "Per note of {v}.",
                    "Hospitalized {v} for pneumonia.", "Date: {v}", "Status post CABG ({v}).",
                    "Scheduled for {v}."])
    return s.format(v=v), [Planted("DATE", "q_date", v, (v,))]


def _q_place(g: Gen) -> tuple[str, list[Planted]]:
    city = g.city()
    forms = ["She stayed in {c} for a month.", "Visiting from {c} for the holidays.", "A {c} resident.",
             "Hiking near {c} when the symptoms began.", "He lives outside of {c} on a farm.",
             "Brought in by ambulance from {c}.", "Works in {c} as a clerk.", "She is from the town of {c}.",
             "Her family is in {c}."]
    return g.r.choice(forms).format(c=city), [Planted("LOCATION", "q_place", city, (city,))]


def _q_facility(g: Gen) -> tuple[str, list[Planted]]:
    word = g.surname()
    forms = [f"{word} Nursing and Rehabilitation Center", f"{word} Behavioral Health", f"{word} Hospice",
             f"{word} Surgical Associates", f"{word} Eye Institute", f"{word} School District",
             f"{word} Police Department", f"{word} Veterans Home", f"{word} Health", f"{word} Dental"]
    v = g.r.choice(forms)
    s = g.r.choice(["She was discharged to {v}.", "He is employed by {v}.", "Records were obtained from {v}.",
                    "Follow-up arranged with {v}.", "She works for {v}."])
    return s.format(v=v), [Planted("FACILITY", "q_facility", v, (word,))]


# Third round (same procedure): holidays, date ranges, slashed age/sex, departments, districts, prisons.
def _r_misc(g: Gen) -> tuple[str, list[Planted]]:
    age, mo, d = g.r.randint(90, 104), g.r.randint(1, 12), g.r.randint(13, 27)
    word = g.surname()
    kind = g.r.randrange(6)
    if kind == 0:
        v = g.r.choice(["Christmas", "Thanksgiving", "Easter", "New Year's Day", "Christmas Eve", "Halloween",
                        "the Fourth of July", "Labor Day", "Memorial Day"])
        s = g.r.choice(["She fell on {v}.", "Symptoms started over {v} weekend.", "Admitted the day after {v}."])
        return s.format(v=v), [Planted("DATE", "r_holiday", v, (v.replace("the ", ""),))]
    if kind == 1:
        v = f"{mo}/{d - 2} to {mo}/{d}" if g.r.random() < 0.5 else f"{mo}/{d - 2}-{mo}/{d}"
        parts = (f"{mo}/{d - 2}", f"{mo}/{d}")
        s = g.r.choice(["Hospitalized {v} for pneumonia.", "Away {v}, missed doses.", "Antibiotics {v}."])
        return s.format(v=v), [Planted("DATE", "r_range", v, parts)]
    if kind == 2:
        v = f"{age}/{g.r.choice('FM')}"
        s = g.r.choice(["Age/Sex: {v}.", "{v} with chest pain.", "Pt: {v}, DNR."])
        return s.format(v=v), [Planted("AGE>89", "r_age_sex", v, (v.split('/')[0],))]
    if kind == 3:
        v = g.r.choice([f"{word} Police Department", f"{word} Fire Department", f"{word} School District",
                        f"{word} Correctional Facility", f"{word} Township", f"{word} Women's Health"])
        s = g.r.choice(["Brought in by {v}.", "He works for {v}.", "Records requested from {v}."])
        cat = "LOCATION" if "Township" in v else "FACILITY"
        return s.format(v=v), [Planted(cat, "r_org", v, (word,))]
    if kind == 4:
        m = MONTHS[mo - 1]
        v = f"{m[:3]}-{d}"
        return f"Seen {v} in clinic.", [Planted("DATE", "r_mon-d", v, (v,))]
    v = f"{g.r.choice(['aged', 'age'])} {_NUMBER_WORDS.get(age, 'ninety').replace('-', ' ')}"
    return f"Widowed, {v}, independent.", [Planted("AGE>89", "r_age_words", v, (v.split(' ', 1)[1],))]


FAMILIES = {
    "DATE": [_p_date_numeric, _p_date_month, _p_date_partial], "DATE2": [_p_date_month, _p_date_partial],
    "AGE>89": [_p_age], "AGE2": [_p_age], "PLACE": [_p_place], "PLACE2": [_p_place], "ADDRESS": [_p_address],
    "FACILITY": [_p_facility], "FACILITY2": [_p_facility],
    "AGE3": [_q_age], "DATE3": [_q_date], "PLACE3": [_q_place], "FACILITY3": [_q_facility], "MISC4": [_r_misc],
}

# Numeric and word near-misses the pattern rules must keep verbatim.
CLINICAL_STRINGS = (
    "50 mg", "aspirin 325 mg", "100 mg b.i.d.", "Apgar 8/9", "Apgars of 8 and 9", "Gleason 3+4", "Gleason 4+5=9",
    "3-4 times a day", "1-2 tablets", "5-10 minutes", "2-3 weeks", "10-12 weeks", "BP 120/80", "blood pressure 90/60",
    "pulse 96", "heart rate of 98", "HR 100", "temperature 99.1", "Temp 101F", "febrile to 102F", "T 98.6 F",
    "O2 sat 94%", "saturating 92% on room air", "96% on 2 L", "FEV1 90%", "EF 55-60%", "weight 95 kg", "95 kg",
    "glucose 99", "sodium 139", "potassium 4.1", "creatinine 1.2", "INR 2.5", "pH 7.35", "HbA1c 9.1%", "Hgb 12.5",
    "platelets 150", "WBC 11.2", "90 pack-years", "over 90 minutes", "within 90 days", "90 degrees of flexion",
    "flexion to 100 degrees", "turned 90 degrees", "age 85", "89-year-old", "a 4-month-old", "L4-5", "C5-6",
    "T12-L1", "grade 2/6 murmur", "5/5 strength", "20/20 vision", "20/40", "2+ pulses", "4-0 Vicryl", "3-0 nylon",
    "1:100,000 epinephrine", "G2P1", "G3 P2-0-1-2", "6/10 pain", "10/10", "x3", "12-lead EKG", "24-hour urine",
    "7-10 days", "1/2 tablet", "3/4 inch", "may be", "march", "Hemoglobin A1c 7.2", "CPT 99213", "ICD-10",
    "size 7.5 gloves", "No. 10 blade", "2 x 3 cm", "Grade 1", "Stage IV", "class 3", "BMI 31", "GCS 15",
    "Mallampati 2", "QTc 450", "PR 0.16", "1+ edema", "level 3", "99th percentile", "95% confidence",
    "one hundred percent", "ninety minutes", "Tanner stage 5", "lives alone", "Medicare", "the VA",
    "St. Jude valve", "Boston Scientific", "Jackson-Pratt drain", "Foley catheter", "Fowler position",
)
