"""Round 10 development name and facility families (split `dev10-names`): names and facilities in prose.

Development data: tune on these, on development notes only. Written before the round 10 name rules, to
measure the gap first. Each family draws its form, case and frame independently, so that no single
sentence passes a family:
- names with particles of many traditions, the particle joined to a surname drawn from the development
  locales ("Tomasz al-Brenner", "Ewa bint Kowal", "Odile van der Maes", "Ines dos Ferreira", "Seamus
  O'Kerrigan", "Nic Ghearailt", "Moshe ben Adler", surnames made "-ova" / "-dottir"), in prose and in
  "al-Surname, Given" order,
- short East Asian names: one-syllable given and family names composed from the syllables of Hanyu
  pinyin (initial x final), alone, in a staff list, in capitals on a label ("MO LIANG"),
- names in capitals after a label in running text,
- a full name early in a planted passage and the given name or the surname alone later in it,
- family members named after a relation ("her nephew Baltazar"), and baby or twin labels ("Baby Girl
  Roe", "Twin B Roe", "Infant Boy Roe"),
- a surname that is also an eponym, used as a person ("Bowman is covering"); eponyms stay in the clinical
  strings ("Kupffer cells"), drawn from other eponyms so that no kept string holds a planted word,
- employers and facilities of many kinds (funeral homes, nursing and rehab, distribution and logistics,
  churches, schools, pharmacies, laboratories, dialysis units, group homes), whose head word is a
  surname, a town, or an English word (`_WORD_HEADS`, this split's own values).
The clinical strings are eponyms with particles or near facility words, kinds of unit and service, and
capitalised clinical phrases that sit in the same places and must survive.
"""

from __future__ import annotations

from deid_dev import DEV_LOCALES  # noqa: F401  (the split's locales)
from deid_harness import Gen, Planted, known_to_detector, name

_INITIALS = ("b", "p", "m", "f", "d", "t", "n", "l", "g", "k", "h", "j", "q", "x", "zh", "ch", "sh", "r", "z",
             "c", "s", "y", "w")
_FINALS = ("a", "ai", "an", "ang", "ao", "e", "ei", "en", "eng", "i", "ian", "iang", "iao", "in", "ing", "iu",
           "ong", "ou", "u", "uan", "ui", "un", "uo", "ie", "ia", "ue")
_WORD_HEADS = ("Cedar", "Harbor", "Golden", "Pine", "Valley", "Sunrise", "Meadow", "Willow", "Crown", "Eagle",
               "Liberty", "Heritage", "Summit", "Prairie", "Orchard", "Lantern", "Anchor", "Beacon", "Copper",
               "Granite", "Maple", "Ridge", "Falcon", "Compass", "Keystone", "Silverleaf", "Bluebird", "Timber")
# Disjoint from the eponyms of the clinical strings, so that a kept "Kupffer cells" never holds a planted name.
_EPONYM_SURNAMES = ("Bowman", "Hashimoto", "Whipple", "Auer", "Heinz", "Graves", "Homans", "Tinel", "Phalen",
                    "Babinski", "Kernig", "Trousseau", "Chvostek", "Romberg", "Apgar", "Gleason")


def _pinyin(initial: str, final: str) -> bool:
    """Whether an initial and a final make a syllable of Hanyu pinyin (the main combination rules)."""
    palatal = final.startswith("i") or final in ("u", "uan", "un", "ue")
    if initial in ("j", "q", "x"):
        return palatal and final != "ui"
    if final == "ue":
        return initial in ("n", "l", "y")
    if final.startswith("i") and final != "i":
        return initial in ("b", "p", "m", "d", "t", "n", "l")
    if final == "i":
        return initial not in ("f", "g", "k", "h", "w")
    return not (initial == "f" and final in ("ai", "ong", "uo", "ui", "uan", "un"))


def _syllable(g: Gen) -> str:
    """One pinyin syllable, capitalised ("Xi", "Liang"), that no detector list holds."""
    for _ in range(200):
        initial, final = g.r.choice(_INITIALS), g.r.choice(_FINALS)
        s = (initial + final).capitalize()
        if _pinyin(initial, final) and not known_to_detector(s):
            return s
    return g.surname()


def _particle_name(g: Gen) -> tuple[str, list[Planted]]:
    """A name with a particle or a patronymic suffix, in prose or in "surname, given" order."""
    first, last, other = g.first(), g.surname(), g.first()
    kind = g.r.randrange(10)
    if kind == 0:
        v, words = f"{first} al-{last}", [first, last]
    elif kind == 1:
        v, words = f"{first} bin {other} al-{last}", [first, other, last]
    elif kind == 2:
        v, words = f"al-{last}, {first}", [first, last]
    elif kind == 3:
        v, words = f"{first} El-{last}", [first, last]
    elif kind == 4:
        v, words = f"{first} {g.r.choice(['van der', 'van den', 'de la', 'de los', 'da', 'dos', 'ter'])} {last}", \
            [first, last]
    elif kind == 5:
        v, words = f"{first} O'{last.split()[-1]}", [first, last.split()[-1]]
    elif kind == 6:
        v, words = f"{first} {g.r.choice(['Mc', 'Mac'])}{last}", [first, last]
    elif kind == 7:
        v, words = f"{first} {g.r.choice(['ben', 'bat', 'ibn', 'bint', 'abu'])} {last}", [first, last]
    elif kind == 8:
        v, words = f"{first} {last.rstrip('aeiouy')}ova", [first, f"{last.rstrip('aeiouy')}ova"]
    else:
        v, words = f"{first} {other}sdottir", [first, f"{other}sdottir"]
    s = g.r.choice([
        "Consent witnessed by {v} from the family.", "Interpreter services: {v} stayed for the whole visit.",
        "Potassium result phoned to {v}, who repeated it back.", "{v} will drive the patient home tomorrow.",
        "Discharge teaching done with {v} and the patient.", "The bedside sitter tonight is {v}.",
        "Records release signed by {v} on behalf of the patient.", "Spiritual care visit arranged through {v}.",
    ])
    return s.format(v=v), [name("d10_particle", v, words)]


def _east_asian(g: Gen) -> tuple[str, list[Planted]]:
    """One-syllable East Asian names alone, in a staff list, or in capitals on a label."""
    fam, giv, fam2 = _syllable(g), _syllable(g), _syllable(g)
    kind = g.r.randrange(5)
    if kind == 0:
        return (f"Attending of record: {fam}.  Charge RN: {giv}.",
                [name("d10_east_asian", fam, [fam]), name("d10_east_asian", giv, [giv])])
    if kind == 1:
        v = f"{fam.upper()} {giv.upper()}"
        return f"Pharmacy label: {v}  take one tablet at bedtime", [name("d10_east_asian", v, [v])]
    if kind == 2:
        v = f"{giv} {fam}"
        return f"Covering tonight: {v}, pager on file.", [name("d10_east_asian", v, [giv, fam])]
    if kind == 3:
        return (f"Seen together with {fam} and {fam2} from pharmacy.",
                [name("d10_east_asian", fam, [fam]), name("d10_east_asian", fam2, [fam2])])
    v = f"{fam} {giv}"
    return f"{v} translated for the mother during the consent.", [name("d10_east_asian", v, [fam, giv])]


def _caps_label(g: Gen) -> tuple[str, list[Planted]]:
    """A name in capitals after a label inside running text."""
    first, last = g.first().upper(), g.surname().upper()
    v = g.r.choice([f"{first} {last}", f"{last} {first}", f"{last}, {first}"])
    s = g.r.choice([
        "Wristband reads {v}; two identifiers checked.", "Specimen labeled {v} sent to the lab.",
        "Armband: {v}  allergy band present.", "Envelope addressed to {v} left at the desk.",
        "Bag tag {v} attached to the belongings.",
    ])
    return s.format(v=v), [name("d10_caps_label", v, [first, last])]


def _later_alone(g: Gen) -> tuple[str, list[Planted]]:
    """A full name first, then the given name or the surname alone later in the passage."""
    first, last = g.first(), g.surname()
    alone = first if g.r.random() < 0.6 else last
    opener = g.r.choice(["Care coordinated with {f} {s}, RN.", "Her neighbor {f} {s} is the emergency contact.",
                         "Case manager {f} {s} met with the family.", "Report given to {f} {s}, charge nurse."])
    later = g.r.choice(["Later {a} confirmed the ride for Friday.", "At noon {a} returned with the paperwork.",
                        "The pharmacy called {a} about the copay.", "No concerns raised by {a} at the end of the day.",
                        "Spoke again with {a} before discharge."])
    text = opener.format(f=first, s=last) + "  " + later.format(a=alone)
    return text, [name("d10_later_alone", f"{first} {last}", [first, last])]


def _family_baby(g: Gen) -> tuple[str, list[Planted]]:
    """Family members after a relation word, and baby or twin labels."""
    first, last = g.first(), g.surname()
    kind = g.r.randrange(5)
    if kind == 0:
        rel = g.r.choice(["nephew", "granddaughter", "stepson", "sister-in-law", "aunt", "godmother"])
        v = first
        s = f"Her {rel} {v} helps with the medications."
    elif kind == 1:
        v = f"Baby {g.r.choice(['Boy', 'Girl'])} {last}"
        s = f"{v} was moved to the special care nursery."
    elif kind == 2:
        v = f"Twin {g.r.choice(['A', 'B'])} {last}"
        s = f"Weights today: {v} 1890 g, stable on the warmer."
    elif kind == 3:
        v = f"Infant {g.r.choice(['Boy', 'Girl'])} {last}"
        s = f"Cord gas for {v} was unremarkable."
    else:
        v = f"{first} {last}"
        s = f"Mother of the patient ({v}) signed the consent."
    words = [w for w in (first, last) if w in v.split()]
    return s, [name("d10_family_baby", v, words)]


def _eponym_person(g: Gen) -> tuple[str, list[Planted]]:
    """A surname that is also an eponym, used as a person (the eponym itself is a clinical string)."""
    v = g.r.choice(_EPONYM_SURNAMES)
    s = g.r.choice(["{v} is covering the service this weekend.", "Signed out to {v} at 1900.",
                    "Per {v}, hold the heparin until morning.", "{v} paged back and agreed with the plan."])
    return s.format(v=v), [name("d10_eponym_person", v, [v])]


_KINDS = (("Funeral Home", "funeral"), ("Funeral Chapel", "funeral"), ("Nursing and Rehab", "nursing"),
          ("Nursing & Rehabilitation", "nursing"), ("Distribution", "employer"), ("Logistics", "employer"),
          ("Freight", "employer"), ("Baptist Church", "church"), ("Lutheran Church", "church"),
          ("Elementary School", "school"), ("Middle School", "school"), ("Pharmacy", "pharmacy"),
          ("Drugs", "pharmacy"), ("Laboratories", "lab"), ("Reference Lab", "lab"), ("Dialysis Unit", "dialysis"),
          ("Kidney Care", "dialysis"), ("Group Home", "group"), ("Adult Day Center", "group"),
          ("Surgery Center", "surgery"), ("Home Care", "group"))


def _head(g: Gen) -> tuple[str, tuple[str, ...]]:
    kind = g.r.randrange(4)
    if kind == 0:
        last = g.surname()
        return last, (last,)
    if kind == 1:
        town = g.city()
        return town, tuple(w for w in town.split() if len(w) >= 3)
    if kind == 2:
        pool = [w for w in _WORD_HEADS if not known_to_detector(w)]
        word = g.r.choice(pool) if pool else g.surname()
        return word, (word,)
    first, last = g.first(), g.surname()
    return f"{first} al-{last}", (first, last)


def _facility(g: Gen) -> tuple[str, list[Planted]]:
    """An employer or a facility of one of many kinds, named after a person, a town or an English word."""
    head, parts = _head(g)
    kind, _ = g.r.choice(_KINDS)
    v = f"{head} {kind}"
    s = g.r.choice([
        "Arrangements were made with {v}.", "She volunteers at {v} on Sundays.", "He drives a forklift for {v}.",
        "Returned to {v} after the visit.", "Paperwork faxed to {v} this morning.", "Lives at {v} since March.",
        "Records received from {v}.", "Her son teaches at {v}.",
    ])
    return s.format(v=v), [Planted("FACILITY", "d10_facility", v, parts)]


FAMILIES = {
    "NAME": [_particle_name, _east_asian, _caps_label, _later_alone, _family_baby],
    "NAME_PARTICLE": [_particle_name], "NAME_SHORT": [_east_asian], "NAME_LATER": [_later_alone],
    "NAME_FAMILY": [_family_baby], "NAME_EPONYM": [_eponym_person], "FACILITY": [_facility],
    "FACILITY2": [_facility],
}

CLINICAL_FRAMES = (
    "Pathology comment: {c}.", "{c} came up in the morning conference.", "Teaching point for the residents: {c}.",
    "History notable for {c}.", "Consult note mentions {c} as well.",
)

CLINICAL_STRINGS = (
    "Kupffer cells", "Schwann cells", "Purkinje fibers", "Leydig cells", "Sertoli cells", "Langerhans cells",
    "Kussmaul respirations", "Crohn disease", "Nissen fundoplication", "Mallory-Weiss tear",
    "Reed-Sternberg cells", "de Quervain tenosynovitis", "von Willebrand disease", "van Buchem disease",
    "de Musset sign", "Dialysis Unit", "Blood Bank", "Intensive Care Unit", "Home Health referral",
    "Group B strep", "Baby Friendly policy", "Twin A presenting", "Day Surgery", "Funeral planning",
    "Nursing and Rehab referral", "Distribution of rash", "Pharmacy consult", "Chaplain visit",
    "Adult Day Center referral", "Cheyne-Stokes breathing", "Howell-Jolly bodies", "Bell palsy", "Baker cyst",
    "Sister Mary Joseph nodule", "Virchow node", "Mobitz type II block", "Wenckebach block",
    "McMurray test", "McBurney point", "O'Brien test", "MacIntosh blade", "Ziehl-Neelsen stain",
)
