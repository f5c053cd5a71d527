"""Clinical-context tests of the statistical name detector (`lexicon`): a capitalised run that reads as an
eponym, a brand, a score or a device, not a person.

Why apart: "Kernig sign", "Gelpi retractor", "Kenalog 40 mg", "Circle of Willis" hold words no lexicon
knows; what follows or precedes them (a head noun, a dose, a class numeral, "<medical noun> of") tells.
"""

from __future__ import annotations

import re

from medrepro.privacy import clinical_terms as ct
from medrepro.privacy.lexicon_vocab import EPONYM_HEAD_BELOW, RARE_BELOW, eponym_compound, is_eponym, zipf
from medrepro.privacy.patterns import NAME_STOP

# A capitalised word right before one of these is an eponym, a brand or a score, not a person
# ("Kernig sign", "Gelpi retractor", "Kenalog 40 mg", "Karnofsky 80").
_CLINICAL_HEADS = (
    "sign signs test tests maneuver manoeuvre position syndrome disease disorder phenomenon fracture lesion "
    "wave release "
    "contracture repair procedure operation forceps retractor retractors clamp clamps scissors catheter drain "
    "tube valve stent filter needle trocar stapler scale score class type grade stage classification "
    "criteria depth ring diverticulum neuroma cyst palsy tumor tumour lymphoma sarcoma virus dementia "
    "thyroiditis esophagus point incision line reflex suture sutures dressing drape roll prosthesis drill "
    "plate pacemaker stem lead monitor ultrasound smear bandage wrap balloon device system pump graft mesh "
    "screw screws nail rod pin wire implant collar splint boot brace cast shunt port electrode probe scope "
    "blade knife elevator curette rongeur osteotome dilator speculum tenaculum anesthesia block technique "
    "approach hernia triangle canal duct ligament space nerve muscle fascia gland node nodes pouch angle cell "
    "cells stain infection solution cream ointment tablet tablets drops spray inhaler patch injection "
    "suction irrigation tip coma stapler hugger saver scalpel shears mattress pillow bed sling stockings hose "
    "dissector dissectors dilator dilators nodule nodules level impingement mg mcg "
    "units unit ml pattern tear deformity injury lesions respirations triad crunch lines fissure sump lift "
    "holder casting esophagectomy murmur rub effect reaction phenomenon index ratio criteria protocol regimen "
    "view projection classification staging body bodies"
).split()
# Heads follow after one space (two spaces end a sentence). Release forms after a brand, in capitals only
# ("Toprol XL"; "Sr." after a name is a suffix).
_RELEASE_FORMS = "XL|XR|SR|CR|ER|DS|HCT|ODT|CD|LA"
_HEADS = frozenset(_CLINICAL_HEADS)
# A dose followed by "of" belongs to the word after it: "Gave Zofia 650 mg of acetaminophen" (a recipient).
_DOSE_OF = r"(?!(?:[ \t]*[A-Za-z%]{1,9})?[ \t]+of\b)"
_HEAD_AFTER = re.compile(r"(?:['’]s)?[ \t](?:(?i:" + "|".join(_CLINICAL_HEADS) + r")s?\b|(?:" + _RELEASE_FORMS
                         + r")\b|\d+(?:\.\d+)?(?:/\d+)?\b(?!:\d)" + _DOSE_OF + ")")  # a time ("10:42") is not a dose
_HEAD_WORD_AFTER = re.compile(r"(?:['’]s)?[ \t](?:(?i:" + "|".join(_CLINICAL_HEADS) + r")s?|" + _RELEASE_FORMS
                              + r")\b")
# A lower-case compound ending in a head noun: "Terumo glidewire", "Olympus videoscope".
_COMPOUND_HEAD = re.compile(r"[ \t][a-z]{3,}(?:" + "|".join(h for h in _CLINICAL_HEADS if len(h) >= 4) + r")\b")


def _head(word: str) -> bool:
    return word.lower() in _HEADS


_NEXT_WORD = re.compile(r"[ \t]([a-z][a-z-]+)")  # not after "'s": "Jane Roe's mammogram"
# Capitalised words between a run and its head noun: "Morse [Fall] Scale 45", "Ann Arbor [Staging] stage".
_CAPS_BEFORE_HEAD = re.compile(r"(?: [A-Z][\w'’-]*){1,3}(?=(?:['’]s)? (?:[A-Za-z]|\d))")
# "Circle of Willis", "ampulla of Vater": a medical noun and "of" before the run make it an anatomical eponym.
_OF_BEFORE = re.compile(r"(?<![\w-])([A-Za-z]+)[ \t]+of[ \t]+$")


def _eponym_after(text: str, end: int, numbers: bool = True) -> bool:
    """A clinical head noun, a dose, or a lower-case medical noun follows, maybe after more capitalised
    words ("Neer impingement sign", "Morse Fall Scale 45", "Wolff-Parkinson-White pattern"); verbs
    ("tolerated", "presents") are not heads."""
    head = _HEAD_AFTER if numbers else _HEAD_WORD_AFTER
    if head.match(text, end):
        return True
    caps = _CAPS_BEFORE_HEAD.match(text, end)  # one space apart: two spaces end a sentence
    if caps is not None and head.match(text, caps.end()) and not any(
            w.lower() in NAME_STOP for w in caps.group().split()):
        return True
    if _COMPOUND_HEAD.match(text, end):
        return True
    nxt = _NEXT_WORD.match(text, end)
    if nxt is None:
        return False
    w = nxt.group(1)
    return (w in ct.MED_LOWER and w not in _PERSON_NOUNS and zipf(w) < EPONYM_HEAD_BELOW
            and not w.endswith(("ed", "ing", "es")) and _SUBJECT_VERB.match(" " + w) is None)


# Nouns for people after a name or a place are not clinical heads: "a Thorswick resident", "the Nowak twins".
_PERSON_NOUNS = frozenset(
    "resident residents native natives family families twins twin couple household relatives children child "
    "baby infant boy girl man woman men women patient patients physician surgeon nurse student students "
    "worker workers employee employees retiree veteran citizen visitor".split())


def _eponym_of(text: str, start: int, end: int) -> bool:
    """One word right after "<medical noun> of" ("Circle of Willis", "sphincter of Oddi", "tetralogy of
    Fallot"): an anatomical eponym is one surname, a person there has two words ("Transfer of Ayush Jain")."""
    if re.search(r"\s", text[start:end]):
        return False
    m = _OF_BEFORE.search(text, max(0, start - 30), start)
    return m is not None and m.group(1).lower() in ct.MED_LOWER


# A model code ("Dexcom G6", "Zoll X3") after any run; a Roman-numeral class ("Gustilo IIIA", "Cox-Maze IV")
# after one word (a generational suffix follows two: "Ira Star III"); a medical word and a class letter or
# numeral before the run ("Factor V Leiden", "Chiari II Arnold").
_MODEL_AFTER = re.compile(r"[ \t][A-Z]{1,3}\d{1,3}[A-Za-z]?\b")
_CLASS_AFTER = re.compile(r"[ \t](?:I{2,3}|IV|VI{0,3}|IX|I[A-D])[A-D]?\b")  # not "I": "Thanks Mei I will"
_CLASS_BEFORE = re.compile(r"(?<![\w-])([A-Za-z]+)[ \t]+(?:[IVX]{1,4}|[A-Z])[ \t]+$")


def _classified(text: str, start: int, end: int) -> bool:
    if _MODEL_AFTER.match(text, end) or (_CLASS_AFTER.match(text, end) and not re.search(r"\s", text[start:end])):
        return True
    m = _CLASS_BEFORE.search(text, max(0, start - 30), start)
    return m is not None and m.group(1).lower() in ct.MED_LOWER and m.group(1).lower() not in NAME_STOP


_POSSESSIVE_RUN = re.compile(r"['’]s\b")


def clinical_context(text: str, start: int, end: int, numbers: bool = True) -> bool:
    """The span text[start:end] reads as an eponym, brand or score, not a person: a clinical head noun (or,
    with `numbers`, a number or a model code) follows, a class numeral follows one word, or a medical noun
    and "of" come before a one-word span (or a class numeral before any)."""
    words = text[start:end].split()
    if _POSSESSIVE_RUN.match(text, end) and len(words) >= 2 and not is_eponym(words[-1]) and not any(
            w.lower() in ct.ENGLISH or w.lower() in ct.CLINICAL for w in words[:-1]):
        # "Marta Okonska's disease": an eponym in the possessive is one word ("Addison's disease"), maybe
        # after a modifier ("Perforated Meckel's") or as a known eponym's full name ("Lou Gehrig's").
        return False
    return (_eponym_after(text, end, numbers) or _eponym_of(text, start, end)
            or (numbers and _classified(text, start, end)))


_SUBJECT_VERB = re.compile(
    r"(?:['’]s\b|[ \t]+(?:was|is|has|had|reports|reported|presented|presents|denies|denied|states|stated|"
    r"underwent|tolerated|came|comes|returns|returned|complains|complained|and|who|will|would|can|could|"
    r"did|does|feels|felt|lives|lived|works|worked|says|said|arrived|agrees|agreed|understands|"
    r"ate|drank|slept|went|got|took|fell|sat|ran|gave|made|told|wrote|spoke|woke)\b)")  # irregular pasts


_EPONYM_PAIR_AFTER = re.compile(r"[ \t]+(?:and|or|&)[ \t]+([A-Z][a-z]+(?:-[A-Z][a-z]+)*)(?![ \t]+[A-Z])")
_EPONYM_PAIR_BEFORE = re.compile(
    r"(?<![A-Za-z][ \t])(?<![A-Za-z])([A-Z][a-z]+(?:-[A-Z][a-z]+)*)[ \t]+(?:and|or|&)[ \t]+$")


def _eponym_pair(text: str, start: int, end: int) -> bool:
    """A lone word paired with a lone eponym by "and"/"or" is an eponym too: "Weber and Rinne" (tests)."""
    word = text[start:end]
    if " " in word or zipf(word) < RARE_BELOW:
        return False
    after = _EPONYM_PAIR_AFTER.match(text, end)
    before = _EPONYM_PAIR_BEFORE.search(text, max(0, start - 30), start)
    return any(m is not None and (is_eponym(m.group(1)) or eponym_compound(m.group(1))) for m in (after, before)) or (
        after is not None and _eponym_after(text, after.end()))  # "Hunt and Hess grade 2"
