"""Round 9 development name families (split `dev9-names`): names with no cue, in fresh wording.

Development data: tune on these, on development notes only. Written before the round 9 name rules, to
measure the gap first. The phenomena the held-out rounds missed, each from independent choices (name form x
case x frame) so that no single sentence passes a family:
- a given name alone as the subject of a nursing or message sentence ("Amal ambulated to the bathroom"),
- a surname alone after a preposition or in a handoff ("per Okafor", "handed over to Okafor"),
- names in lists, table rows and tab-separated columns,
- names that are ordinary English words (`_WORD_FIRST`, `_WORD_LAST`, planted only where no detector list
  holds them),
- lower-case names in patient messages ("hi its amal again"),
- multi-part names with particles from the development locales ("Juan de la Fuente Ortega"),
- names beside brackets, slashes, quotes and colons ("[Okafor]", "RN/Amal", "(per Okafor)"),
- names opening a header line ("OKAFOR, AMAL   DOB on file", "Amal Okafor - Progress Note").
Clinical strings are capitalised devices, products, positions and eponyms that sit in the same places (a
sentence's subject, a list item, a header) and must survive, in this split's own frames. Names come from
the development locales of `deid_dev`.
"""

from __future__ import annotations

from deid_dev import DEV_LOCALES  # noqa: F401  (the split's locales)
from deid_harness import Gen, Planted, known_to_detector, name

_WORD_FIRST = ("Dale", "Glen", "Heath", "Lane", "Miles", "Grant", "Chase", "Wade", "Brook", "Summer", "Autumn",
               "Dawn", "Iris", "Daisy", "Fern", "Flora", "Mercy", "Constance", "Patience", "Charity", "Rocky",
               "Forest", "River", "Misty", "Candy", "Ginger", "Cherry", "Lily", "Rose", "Grace", "Mark", "Frank")
_WORD_LAST = ("Mason", "Baker", "Cook", "Miller", "Turner", "Carter", "Hunter", "Fox", "Wolf", "Stone", "Hill",
              "Wood", "Banks", "Field", "Noble", "Strong", "Young", "Little", "Long", "Short", "Gold", "Silver",
              "Weaver", "Potter", "Sharp", "Hardy", "Lord", "King", "Bishop", "Pope", "Street", "Bridge", "Castle",
              "Waters", "Meadows", "Lake", "Forrest", "Gray", "Black", "White", "Brown", "Green", "Cross")
_INITIALS = "ABCDEFGHJKLMNPRSTW"


def _word(g: Gen, words: tuple[str, ...], fallback) -> str:
    pool = [w for w in words if not known_to_detector(w)]
    return g.r.choice(pool) if pool else fallback()


def _first(g: Gen, p_word: float = 0.2) -> str:
    return _word(g, _WORD_FIRST, g.first) if g.r.random() < p_word else g.first()


def _last(g: Gen, p_word: float = 0.25) -> str:
    return _word(g, _WORD_LAST, g.surname) if g.r.random() < p_word else g.surname()


def _given_alone(g: Gen) -> tuple[str, list[Planted]]:
    """A given name alone as the subject of a nursing handoff or message sentence."""
    v = _first(g)
    s = g.r.choice([
        "{v} ambulated to the bathroom with standby assist.", "{v} tolerated a soft diet at lunch.",
        "{v} voided 300 mL after the catheter came out.", "{v} refused the evening insulin twice.",
        "{v} slept most of the night shift.", "Overnight {v} pulled at the IV line.",
        "{v} denies chest pain this morning.", "At 0300 {v} was found sitting on the floor.",
        "{v} needs reminders to use the incentive spirometer.", "{v} is eating about half of each tray.",
        "Per night staff {v} was restless but redirectable.", "{v} walked 150 feet with the walker.",
        "Assisted {v} to the chair for breakfast.", "Turned {v} every two hours overnight.",
    ])
    return s.format(v=v), [name("given_alone", v, [v])]


def _surname_alone(g: Gen) -> tuple[str, list[Planted]]:
    """A surname alone after a preposition, in a handoff or a consult sentence."""
    v = _last(g)
    s = g.r.choice([
        "Heparin drip held per {v}.", "Handed over to {v} at shift change.", "Case reviewed with {v} from surgery.",
        "Okay to discharge per {v} once PT clears.", "Orders clarified by {v} at 1400.",
        "Discussed the MRI findings with {v} this afternoon.", "Will defer the antibiotic choice to {v}.",
        "Paged {v} about the potassium of 2.9.", "{v} agrees with the plan to extubate.",
        "Sign-out from {v}: stable overnight.", "Spoke to {v} in radiology regarding the read.",
        "Awaiting callback from {v} on the biopsy.",
    ])
    return s.format(v=v), [name("surname_alone", v, [v])]


def _list_row(g: Gen) -> tuple[str, list[Planted]]:
    """Names in a comma or semicolon list, a table row, or a tab-separated column."""
    people = [(_first(g), _last(g)) for _ in range(g.r.choice([2, 3]))]
    kind = g.r.randrange(5)
    if kind == 0:
        vals = [f"{f} {s_}" for f, s_ in people]
        text = "Care team: " + "; ".join(vals) + "."
    elif kind == 1:
        vals = [f"{s_}, {f}" for f, s_ in people]
        rows = "\n".join(f"{v}\t{g.r.choice(['RN', 'PT', 'OT', 'SW', 'CM'])}\t{g.r.choice(['days', 'nights'])}"
                         for v in vals)
        text = "Name\tRole\tShift\n" + rows
    elif kind == 2:
        vals = [f"{f} {s_}" for f, s_ in people]
        rows = "\n".join(f"| {v} | {g.r.choice(['son', 'daughter', 'neighbor', 'niece'])} | yes |" for v in vals)
        text = "| Visitor | Relation | Consent |\n|---|---|---|\n" + rows
    elif kind == 3:
        vals = [f for f, _ in people]
        text = "Patients on the hall tonight: " + ", ".join(vals[:-1]) + " and " + vals[-1] + "."
    else:
        vals = [f"{f[0]}. {s_}" for f, s_ in people]
        text = "Rounding list:\n" + "\n".join(f"- {v} (bed {g.r.randint(2, 40)})" for v in vals)
    planted = []
    for v, (f, s_) in zip(vals, people, strict=True):
        words = [w for w in (f, s_) if w in v.replace(".", " ").split() or w in v.split(", ")]
        planted.append(name("list_row", v, words or [v]))
    return text, planted


def _word_name(g: Gen) -> tuple[str, list[Planted]]:
    """Both words ordinary English: only the place in the sentence tells a name."""
    first, last = _word(g, _WORD_FIRST, g.first), _word(g, _WORD_LAST, g.surname)
    kind = g.r.randrange(3)
    v = f"{first} {last}" if kind == 0 else (first if kind == 1 else last)
    s = g.r.choice([
        "{v} stayed with her through the procedure.", "Message left for {v} regarding the appointment.",
        "{v} brought in the home medication bottles.", "Transport arranged with {v} for Tuesday.",
        "Reviewed the wound care steps with {v}.", "{v} has been checking her sugars twice daily.",
        "Called {v} back; no answer.", "{v} helped her into the wheelchair.",
    ])
    words = [w for w in (first, last) if w in v.split()]
    return s.format(v=v), [name("word_name", v, words)]


def _lower_message(g: Gen) -> tuple[str, list[Planted]]:
    """A lower-case name in a patient portal message or text."""
    first, last = _first(g, 0.1).lower(), _last(g, 0.1).lower()
    kind = g.r.randrange(4)
    v = first if kind < 2 else f"{first} {last}"
    s = g.r.choice([
        "Portal message: hi its {v} again, the rash is spreading.",
        "Text from patient: this is {v}, can i take tylenol",
        "Message: {v} here - my feet are more swollen today.", "Patient wrote: thanks so much, {v}",
        "Voicemail transcribed: hello this is {v} calling about my refill.",
        "Portal: my husband {v} will pick up the prescription.",
    ])
    words = [w for w in (first, last) if w in v.split()]
    return s.format(v=v), [name("lower_message", v, words)]


def _particle_name(g: Gen) -> tuple[str, list[Planted]]:
    """Multi-part names with particles, alone in a sentence."""
    first, a, b = g.first(), g.surname(), g.surname()
    particle = g.r.choice(["de la", "de", "del", "van der", "von", "di", "van", "da", "de los"])
    kind = g.r.randrange(3)
    if kind == 0:
        v = f"{first} {particle} {a}"
        words = [first, a]
    elif kind == 1:
        v = f"{first} {a} {particle} {b}"
        words = [first, a, b]
    else:
        v = f"{particle[0].upper()}{particle[1:]} {a}"
        words = [a]
    s = g.r.choice([
        "{v} returned the signed consent form.", "Sat with {v} while the dressing was changed.",
        "{v} prefers to be called by her first name.", "Blood cultures were explained to {v}.",
        "Translation provided for {v} by phone.",
    ])
    return s.format(v=v), [name("particle_name", v, words)]


def _bracketed(g: Gen) -> tuple[str, list[Planted]]:
    """A name beside brackets, slashes, quotes or a colon."""
    first, last = _first(g), _last(g)
    kind = g.r.randrange(7)
    forms = [
        (f"[{last}]", "Addendum {v}: potassium repleted.", [last]),
        (first, "Covering RN/{v} aware of the new orders.", [first]),
        (last, "Dressing changed (per {v}) with minimal drainage.", [last]),
        (first, "Patient states \"{v}\" is what she likes to be called.", [first]),
        (f"{first} {last}", "Sitter: none; family ({v}) at bedside.", [first, last]),
        (f"{last}/{first}", "Handoff {v}: no acute events.", [first, last]),
        (first, "{v}: tolerating clears, ambulating in hall.", [first]),
    ]
    v, s, words = forms[kind]
    return s.format(v=v), [name("bracketed", v, words)]


def _header_line(g: Gen) -> tuple[str, list[Planted]]:
    """A name opening a header line."""
    first, last = _first(g), _last(g)
    kind = g.r.randrange(4)
    if kind == 0:
        v = f"{last.upper()}, {first.upper()}"
        return f"{v}   DOB on file\nNURSING SHIFT NOTE", [name("header_line", v, [first.upper(), last.upper()])]
    if kind == 1:
        v = f"{first} {last}"
        return f"{v} - Progress Note\nInterval history as below.", [name("header_line", v, [first, last])]
    if kind == 2:
        v = f"{last.upper()} {first.upper()}"
        return f"{v}\nROOM 4B  TELEMETRY", [name("header_line", v, [first.upper(), last.upper()])]
    v = f"{first} {g.r.choice(_INITIALS)}. {last}"
    return f"{v}\nFollow-up visit, orthopedics", [name("header_line", v, [first, last])]


FAMILIES = {
    "NAME": [_given_alone, _surname_alone, _word_name, _particle_name], "NAME_LIST": [_list_row],
    "NAME_LOWER": [_lower_message], "NAME_BRACKET": [_bracketed], "NAME_HEADER": [_header_line],
    "NAME_ALONE": [_given_alone, _surname_alone],
}

CLINICAL_FRAMES = (
    "{c} in place at the start of the shift.", "Overnight: {c} checked every four hours.",
    "Handoff items: {c}; fall precautions.", "{c} was reviewed with the family.",
    "Equipment at bedside: {c}.",
)

CLINICAL_STRINGS = (
    "Hoyer lift", "Posey belt", "Bair Hugger", "Sage wipes", "Mepilex border dressing", "Aquacel Ag",
    "Tegaderm dressing", "Kerlix roll", "Coban wrap", "Ace wrap", "Ted hose", "Sequential compression devices",
    "Purewick catheter", "Foley catheter", "Yankauer suction", "Pleur-evac", "Jackson-Pratt drain",
    "Blake drain", "Penrose drain", "Salem sump", "Dobhoff tube", "Passy-Muir valve", "Shiley trach",
    "Venturi mask", "Optiflow", "Vapotherm", "BiPAP at night", "Rollator walker", "Sara Stedy", "Geri chair",
    "Broda chair", "Trendelenburg position", "Fowler position", "Sims position", "Heimlich valve",
    "Glasgow Coma Scale 14", "Braden score 16", "Morse fall score 45", "RASS -1", "CIWA score 8",
    "Ensure Plus", "Glucerna shake", "Nepro", "Jevity 1.5", "Boost Breeze", "Thick-It",
    "Dilaudid PCA", "Toradol 15 mg", "Zofran 4 mg", "Ativan 0.5 mg", "Haldol 2 mg", "Tylenol 650 mg",
    "Senna 8.6 mg", "Miralax 17 g", "Colace 100 mg", "Lovenox 40 mg", "Protonix 40 mg", "Kayexalate",
    "Accu-Chek", "Dexcom G6", "Pyxis", "Alaris pump", "Zoll pads", "Lifepak", "Doppler pulses",
    "Homans sign", "Murphy sign", "Babinski sign", "Kernig sign", "Brudzinski sign", "Trousseau sign",
)
