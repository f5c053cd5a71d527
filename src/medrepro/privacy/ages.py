"""Ages over 89 (a Safe Harbor identifier) in any phrasing; only the age goes ("[AGE>89]-year-old").

Digits with an age unit ("92 years", "92 yrs", "92 y", "92yo", "92 y.o.", "92-y-o"), with a sex letter in
a patient's opening ("92F with delirium", "Pt is a 92 M"), after an age cue ("age is 92", "at the age of
92"), after "turned"/"turns"/"will be", after "she is"/"he was", as a birthday ("her 92nd birthday"), in
words ("ninety-two", "one hundred and one") after the same cues or before "years", and decades
("in her nineties", "centenarian"). A number followed by a unit or a measured noun stays ("90 degrees",
"turned 90 degrees", "100 mg", "90 pack-years"), and so does a temperature ("Temp 101F", "febrile to 102F").
"""

from __future__ import annotations

import re

from medrepro.privacy.dates import followed_by_unit
from medrepro.privacy.rulebase import Rule, _cue, _rx

# 90-149, written to open with a character class (fast in `re`), not after a digit, a decimal point or a slash.
_NUM = r"[19](?<![\d.,/:-][19])(?:(?<=9)\d|(?<=1)[0-4]\d)"
# A sentence opening: after punctuation, "a"/"this", or the double space that separates dictated sentences.
_OPENING = re.compile(r"(?:^|[\n.:;(!?,]|\b(?:a|an|A|An|this|This))\s*$|\S {2,}$")
_UNITS = ("one two three four five six seven eight nine").split()
_TENS_ORD = "first second third fourth fifth sixth seventh eighth ninth".split()
# Ordinal ages 90-149 in words: "ninetieth", "ninety-fifth", "hundredth", "hundred-and-first", "one hundred second".
_WORD_ORDINAL = (r"(?:ninetieth|ninety[\s-](?:" + "|".join(_TENS_ORD) + r")|(?:(?:one|a)[\s-]+)?hundredth"
                 r"|(?:(?:one|a)[\s-]+)?hundred(?:[\s-]+and)?[\s-]+(?:" + "|".join(_TENS_ORD) + r"))")
_WORD_AGE = (r"(?:ninety(?:[\s-](?:" + "|".join(_UNITS) + r"))?|(?:one|a)[\s-]+hundred(?:(?:[\s-]+and)?[\s-]+(?:"
             + "|".join(_UNITS) + r"))?)")
_TEMP_BEFORE = re.compile(
    r"(?i)\b(?:temp\w*|t|tmax|t-max|febrile|fever\w*|afebrile|spiked|degrees?|axillary|oral|rectal|tympanic|"
    r"vitals?|vs|v/s)\b[\s:=]*(?:(?:of|to|was|is|at|up|max|reached|a)\s+){0,2}$"
)


def _not_quantity(m: re.Match) -> bool:
    """No unit after the number; a word after a line break or a double space opens the next sentence or field
    ("Age (yrs): 96  Lumbar discogram")."""
    return _NEXT_FIELD.match(m.string, m.end()) is not None or not followed_by_unit(m.string, m.end())


_NEXT_FIELD = re.compile(r"[ \t]*\n|[ \t]{2,}")


def _words_ok(m: re.Match) -> bool:
    """Before "years" the word age always goes; after "aged" only when no unit follows."""
    return m.group("phi") is not None or not followed_by_unit(m.string, m.end())


def _sex_age_ok(m: re.Match) -> bool:
    """"92F"/"92 M" opening a sentence or after "a"/"this", not a temperature ("Temp 101F", "a 101 F fever")."""
    before = m.string[max(0, m.start() - 30):m.start()]
    if not _OPENING.search(m.string[max(0, m.start() - 8):m.start()]) and m.start() > 0:
        return False
    after = m.string[m.end():m.end() + 16].lower()
    return _TEMP_BEFORE.search(before) is None and not re.match(r"\s?°|\s?-?f\s+(?:fever|temp)", after)


_RATE_BEFORE = re.compile(r"(?i)\b(?:bp|hr|pulse|rate|pressure|sats?|spo2|o2|speed|rpm|dose|glucose|sugar|"
                          r"weight|temp\w*|heart|map|systolic|diastolic|mmhg|mg|ml|units?)\W*(?:\w+\W+){0,2}$")


def _at_age_ok(m: re.Match) -> bool:
    """Not a measurement reached "at" a value ("BP dropped at 95 he became dizzy"); the previous sentence does
    not count ("Lupron 22.5 mg as before.  At 104 she remains independent")."""
    before = _SENTENCE_END.split(m.string[max(0, m.start() - 40):m.start()])[-1]
    return _RATE_BEFORE.search(before) is None


_SENTENCE_END = re.compile(r"[.!?;]\s+|\n|\S[ \t]{2,}")


AGE_RULES: tuple[Rule, ...] = (
    Rule(
        "age_years", "AGE>89",
        _rx(rf"(?P<phi>{_NUM})(?=\s*-?\s*(?:(?:years?|yrs?|y)\b(?!\s*-?\s*(?:pack|ago))|y/o|y\.o\.?|yo(?=[FM]?\b)|y[FM]\b"
            r"|y-o\b|year-old|-yrs?\b))", re.I),
        65,
    ),
    Rule(
        "age_sex", "AGE>89",
        _rx(rf"(?P<phi>{_NUM})(?=\s?[-/]?\s?(?:[FM]|yo\s?[FM]|y/o\s?[FM])\b)"),
        64, scan=False, check=_sex_age_ok,
    ),
    Rule("age_cued", "AGE>89",
         _rx(_cue("age, aged, age of, ages, age is, age was, age now, at age, at the age of, the age of")
             + r"(?:\s*\((?i:years?|yrs?|y)\)|\s+(?i:in\s+years|at\s+(?:death|visit|admission|onset|diagnosis|"
             r"presentation|surgery|evaluation|exam|enrollment)))?"
             + rf"\s*[:=-]?\s*(?P<phi>{_NUM})(?![\d%]|\.\d)"),
         65, check=_not_quantity, needs=("age",)),
    Rule("age_turned", "AGE>89",
         _rx(_cue("turned, turns, turning, turn, she will be, he will be, she is, he is, she was, he was, "
                  "patient is, pt is, who is, she is now, he is now, patient is now, she's, he's, she’s, he’s, "
                  "woman of, man of, lady of, gentleman of, female of, male of, patient of")
             + rf"\s+(?P<phi>{_NUM}|(?i:{_WORD_AGE}))(?![\d%\w-]|\.\d)"),
         64, scan=False, check=_not_quantity, needs=("turn", "will be", " is", " was", "'s", "’s", " of ")),
    # Sex, then the age, in a demographics line ("F, 93", "female, 93").
    Rule("age_after_sex", "AGE>89",
         _rx(r"[FMfmWw](?<![\w/-][FMfmWw])(?:(?<=[FM])|(?<=[Ff])emale|(?<=[Mm])ale|(?<=[Ww])oman|(?<=[Mm])an)"
             rf"[ \t]*,[ \t]*(?P<phi>{_NUM})(?![\d%\w-]|\.\d)"),
         64, scan=False, check=_not_quantity),
    Rule("age_words_cued", "AGE>89",
         _rx(_cue("now, at, is, was, reached, aged, age") + rf"\s+(?P<phi>(?i:{_WORD_AGE}))(?![\w-])"),
         64, scan=False, check=_not_quantity, needs=("ninety", "hundred")),
    Rule("age_birthday", "AGE>89",
         _rx(rf"(?P<phi>{_NUM}(?:st|nd|rd|th)|(?i:ninet\w*|(?:one\s+)?hundredth(?:\s+and\s+\w+)?))"
             r"(?=\s+(?i:birthday))"), 65, needs=("birthday",)),
    Rule(
        "age_words", "AGE>89",
        _rx(rf"(?i)\b(?P<phi>{_WORD_AGE})(?=[\s-]+(?:(?:years?|yrs?)(?:[\s-]+old|\s+of\s+age)?\b|y/o|y\.o\.|yo\b))"
            rf"|(?i:\b(?:aged?|age\s+of)\s+)(?P<phi2>{_WORD_AGE})\b"),
        65, check=_words_ok, needs=("ninety", "hundred")),
    Rule(
        "age_decade", "AGE>89",
        _rx(r"(?i)\bin\s+(?:his|her|their|the)\s+(?:early\s+|mid\s+|mid-|late\s+|upper\s+)?"
            r"(?:nineties|90s|90's|hundreds)\b|\b(?:super)?(?:nonagenarian|centenarian)s?\b"
            r"|\b(?:tenth|eleventh|10th|11th)\s+decade\b"),
        65, needs=("ninet", "90", "hundreds", "enarian", "decade")),
    # The year of life a person is in ("in her 93rd year", "in his ninety-fifth year", "in her 101st year of
    # life"): the ordinal goes. A year of a series ("the 93rd year of the study") has no possessive.
    Rule("age_year_of_life", "AGE>89",
         _rx(r"\b(?i:in\s+(?:his|her|their|my|the\s+patient's)\s+)"
             rf"(?P<phi>{_NUM}(?i:st|nd|rd|th)|(?i:{_WORD_ORDINAL}))(?=\s+(?i:year)\b)"),
         65, needs=("year",)),
    # HL7 v2 ages are a zero-padded number and a unit letter ("094Y", "101Y") inside a field.
    Rule("age_hl7", "AGE>89", _rx(r"(?<![\w.])(?P<phi>09\d|1[0-4]\d)Y(?![\w.])"), 64,
         scan=False, needs=("y",)),
    # "At 95 she remains independent", "at 101, he still drives": "at" and an age before the person.
    Rule("age_at_person", "AGE>89",
         _rx(rf"\b[Aa]t\s+(?P<phi>{_NUM}|(?i:{_WORD_AGE}))(?=,?\s+(?:she|he|they|the\s+patient|the\s+pt|"
             r"this\s+(?:woman|man|lady|gentleman|patient))\b)"),
         64, scan=False, check=_at_age_ok, needs=("at ",)),
)
