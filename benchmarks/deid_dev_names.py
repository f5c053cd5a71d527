"""Development name families (split `dev-names`): names in many forms, cases, cues and frames.

Development data: tune on these, on development notes only. Each planted name comes from independent
choices, form (First Last, First I. Last, Last, First, I.J. Last, Last, F., hyphenated, three-part,
Jr./III) x case (as written, ALL CAPS) x cue (none, title, relation or role word, label, signature,
list) x frame (sentence start, inside a sentence, possessive, heading line, list item), so that a rule
written for one sentence does not pass a family. Surnames and first names that are English words
(`_WORD_SURNAMES`, `_WORD_FIRST`) are planted only when no detector list holds them. The clinical
strings are capitalised eponyms, brands, scales, stages and "X of Y" anatomy that must survive.
Names come from the development locales of `deid_dev`.
"""

from __future__ import annotations

from deid_dev import DEV_LOCALES  # noqa: F401  (the split's locales)
from deid_harness import Gen, Planted, known_to_detector, name

_WORD_SURNAMES = ("Rivers", "Fields", "Woods", "Marsh", "Hall", "Steel", "Price", "Bright", "Lamb", "Drake",
                  "Sweet", "Good", "Friend", "Law", "Blank", "Frost", "Winter", "Spring", "Star", "Hart", "Bush",
                  "Park", "Moon", "Shore", "Vale", "Brand", "Coyle", "Burns", "Marks", "Church", "Walls", "Hay",
                  "Rock", "Sands", "Reed", "Fisher", "Hunt", "Booth", "Bell", "Ward", "Glass", "Stern", "Cope",
                  "Rowe", "Wing", "Root", "Sommer", "Sparrow", "Fairweather", "Goodchild", "Lovejoy")
_WORD_FIRST = ("Will", "Bill", "Rob", "Art", "Pat", "Sue", "Guy", "Joy", "Faith", "Hope", "Destiny", "Harmony",
               "Honey", "Sunny", "Ivy", "Holly", "Olive", "Pearl", "Ruby", "Amber", "Crystal", "Penny", "Jade",
               "Violet", "Precious", "Royal", "Sky", "Storm", "Ace", "Buck", "Chip", "Rusty", "Sandy", "Dusty")
_INITIALS = "ABCDEFGHJKLMNPRSTW"


def _pool(g: Gen, words: tuple[str, ...], fallback) -> str:
    pool = [w for w in words if not known_to_detector(w)]
    return g.r.choice(pool) if pool else fallback()


def _surname(g: Gen) -> str:
    return _pool(g, _WORD_SURNAMES, g.surname) if g.r.random() < 0.35 else g.surname()


def _first(g: Gen) -> str:
    return _pool(g, _WORD_FIRST, g.first) if g.r.random() < 0.2 else g.first()


def _form(g: Gen) -> tuple[str, list[str]]:
    """(value, name words) in one of many written forms."""
    first, last, ini, ini2 = _first(g), _surname(g), g.r.choice(_INITIALS), g.r.choice(_INITIALS)
    kind = g.r.randrange(10)
    if kind == 0:
        return f"{first} {last}", [first, last]
    if kind == 1:
        return f"{first} {ini}. {last}", [first, last]
    if kind == 2:
        return f"{last}, {first}", [first, last]
    if kind == 3:
        return f"{ini}.{ini2}. {last}", [last]
    if kind == 4:
        return f"{last}, {first[0]}.", [last]
    if kind == 5:
        second = g.surname()
        return f"{first} {last}-{second}", [first, last, second]
    if kind == 6:
        second = g.surname()
        return f"{first} {second} {last}", [first, second, last]
    if kind == 7:
        return f"{first} {last} {g.r.choice(['Jr.', 'Sr.', 'III', 'II'])}", [first, last]
    if kind == 8:
        return f"{first[0]}. {last}", [last]
    return f"{first} {last}", [first, last]


def _caps(g: Gen, value: str, words: list[str], p: float = 0.25) -> tuple[str, list[str]]:
    if g.r.random() < p:
        return value.upper(), [w.upper() for w in words]
    return value, words


def _n_uncued(g: Gen) -> tuple[str, list[Planted]]:
    v, words = _form(g)
    s = g.r.choice([
        "{v} asked about returning to driving.", "Left a voicemail for {v} about the results.",
        "Reassured {v} that the biopsy was benign.", "{v} and I reviewed the imaging together.",
        "Instructions were repeated back by {v} correctly.", "Home exercises were shown to {v} twice.",
        "The plan was explained to {v}, who agreed.", "Later that day {v} called the nurse line.",
        "{v} has not missed a dose this month.", "A copy of the report was given to {v}.",
    ])
    return s.format(v=v), [name("n_uncued", v, words)]


def _n_cued(g: Gen) -> tuple[str, list[Planted]]:
    v, words = _caps(g, *_form(g), p=0.15)
    s = g.r.choice([
        "Her niece {v} manages the medications.", "Spoke with the patient's brother, {v}, by phone.",
        "Daughter {v} is the health care proxy.", "Discussed with charge nurse {v} at the bedside.",
        "Interpreter: {v} (Polish).", "Case manager {v} will arrange transport.",
        "Physical therapist {v} evaluated gait.", "Covering physician {v} was paged.",
        "Primary contact is {v} (husband).", "The social worker, {v}, met the family.",
    ])
    return s.format(v=v), [name("n_cued", v, words)]


def _n_word(g: Gen) -> tuple[str, list[Planted]]:
    """Both words may be English: only the form or the place in the sentence shows a name."""
    first = _pool(g, _WORD_FIRST, g.first) if g.r.random() < 0.4 else g.first()
    last = _pool(g, _WORD_SURNAMES, g.surname)
    v = f"{first} {last}"
    s = g.r.choice([
        "{v} was reminded to bring the glucometer.", "Follow-up was arranged by {v} for next week.",
        "Her son, {v}, drove her home.", "We will call {v} with the culture results.",
        "Seen today with {v} at her side.", "Consent was signed by {v}.", "Mother {v} reports good intake.",
        "{v} says the swelling is better.", "The form was witnessed by {v} and the nurse.",
    ])
    return s.format(v=v), [name("n_word", v, [first, last])]


def _n_caps(g: Gen) -> tuple[str, list[Planted]]:
    first, last = _first(g).upper(), _surname(g).upper()
    ini = g.r.choice(_INITIALS)
    kind = g.r.randrange(6)
    if kind == 0:
        v = f"{first} {last}"
        return f"{v}'S PROGRESS NOTE", [name("n_caps", v, [first, last])]
    if kind == 1:
        v = f"{last}, {first} {ini}."
        return f"PT NAME {v}  MRN ON FILE", [name("n_caps", v, [first, last])]
    if kind == 2:
        v = f"{first} {ini}. {last}"
        return f"CONSULT FOR {v} - CARDIOLOGY", [name("n_caps", v, [first, last])]
    if kind == 3:
        v = f"{first} {last}"
        return f"SEEN WITH {v} TODAY.", [name("n_caps", v, [first, last])]
    if kind == 4:
        v = f"{last}, {first}"
        return f"{v}\nFOLLOW-UP VISIT", [name("n_caps", v, [first, last])]
    v = f"{first} {last}"
    return f"Re: {v}", [name("n_caps", v, [first, last])]


def _n_possessive(g: Gen) -> tuple[str, list[Planted]]:
    first, last = _first(g), _surname(g)
    v = g.r.choice([f"{first} {last}", first, last]) if g.r.random() < 0.8 else f"{first} {last}".upper()
    words = [w for w in (first, last) if w.lower() in v.lower().split()]
    s = g.r.choice([
        "{v}'s husband called with questions.", "Reviewed {v}'s home blood sugar log.",
        "At {v}'s request the visit was moved.", "The results were sent to {v}'s pharmacy.",
        "{v}'s gait has improved since last visit.", "We discussed {v}'s goals for rehab.",
    ])
    sentence = s.format(v=v)
    if v.isupper():
        sentence = sentence.replace("'s", "'S")
    return sentence, [name("n_possessive", v, [w.upper() if v.isupper() else w for w in words])]


def _n_list(g: Gen) -> tuple[str, list[Planted]]:
    people = [(_first(g), _surname(g)) for _ in range(g.r.choice([2, 3, 4]))]
    vals = [f"{f} {s}" for f, s in people]
    sep = g.r.choice([", ", "; ", " / "])
    joined = sep.join(vals[:-1]) + g.r.choice([" and ", " & ", sep]) + vals[-1]
    s = g.r.choice(["Family at the bedside: {v}.", "Met with {v} to plan discharge.", "Present: {v}.",
                    "Calls were returned to {v}.", "Visitors included {v}."])
    return (s.format(v=joined), [name("n_list", v, [f, s_]) for v, (f, s_) in zip(vals, people, strict=True)])


def _n_signature(g: Gen) -> tuple[str, list[Planted]]:
    v, words = _caps(g, *_form(g), p=0.2)
    s = g.r.choice(["-- {v}, RN", "Electronically signed: {v} 10:42", "Note by {v}, PA-C.",
                    "Dictated but not read: {v}", "{v}\nAttending Physician", "Cosigned {v} on review.",
                    "Thanks,\n{v}"])
    return s.format(v=v), [name("n_signature", v, words)]


FAMILIES = {
    "NAME": [_n_uncued, _n_uncued, _n_cued, _n_word],
    "NAME_CAPS": [_n_caps, _n_possessive], "NAME_LIST": [_n_list], "NAME_WORD": [_n_word],
    "NAME_SIG": [_n_signature],
}

CLINICAL_STRINGS = (
    "Lachman test", "McMurray test", "Thompson test", "Phalen maneuver", "Finkelstein test",
    "Hawkins-Kennedy test", "Romberg sign", "Chvostek sign", "Trousseau sign", "Cullen sign", "Grey Turner sign",
    "Battle sign", "Virchow node", "Bouchard nodes", "Heberden nodes", "Barrett esophagus",
    "Hashimoto thyroiditis", "Hirschsprung disease", "Kawasaki disease", "Tetralogy of Fallot", "Loop of Henle",
    "Islets of Langerhans", "Pouch of Douglas", "Canal of Schlemm", "Ligament of Treitz", "Angle of Louis",
    "Organ of Corti", "Glasgow Outcome Scale 4", "Modified Rankin Scale 3", "Hunt and Hess grade 2",
    "Fisher grade 3", "Spetzler-Martin grade II", "Clark level IV", "Dukes stage C", "Durie-Salmon stage II",
    "Rai stage 0", "Binet stage A", "Tanner stage 4", "Ranson criteria", "Wells score 4", "Alvarado score 7",
    "Centor score 3", "Norton scale 14", "Waterlow score 12", "Mallampati class II", "Cormack-Lehane grade 1",
    "Weber B fracture", "Colles fracture", "Bennett fracture", "Rolando fracture", "Chopart joint",
    "Hartmann pouch", "Whipple procedure", "Nissen fundoplication", "Billroth II", "Kasai procedure",
    "Fontan circulation", "Blalock-Taussig shunt", "Swan-Ganz catheter", "Broviac catheter", "Tenckhoff catheter",
    "Mahurkar catheter", "Fogarty catheter", "Hemovac drain", "Montgomery T-tube", "Aspen collar",
    "Philadelphia collar", "Thomas splint", "Ambu bag", "Littmann stethoscope", "Alaris pump", "Dexcom sensor",
    "Omnipod pump", "Medtronic MiniMed", "Stryker bed", "Synthes plate", "Zimmer nail", "Ethicon stapler",
    "Cordis sheath", "Terumo glidewire", "Arrow catheter", "Eliquis 5 mg", "Xarelto 20 mg", "Brilinta 90 mg",
    "Farxiga 10 mg", "Humira 40 mg", "Dupixent 300 mg", "Otezla 30 mg", "Jakafi 10 mg",
    "Gardner-Wells tongs", "Hoffmann reflex", "Argyll Robertson pupil", "Marcus Gunn pupil", "Adie pupil",
    "Horner syndrome", "Brown-Sequard syndrome", "Wallenberg syndrome", "Todd paralysis", "Bell palsy",
)
