"""Date rules: day- and month-level dates in numeric, ISO, compact and month-name forms, in any case.

Month names match in any case ("March", "march", "MARCH"). "may" and "march" in lower case are English
words too, so in lower case they need a day or a year that is not followed by a unit ("may 17" goes,
"may 2 weeks" stays) and never count as a month alone. Partial numeric dates ("5-12", "5/12", "2/06")
are ambiguous with ranges, ratios and scores, so they need a date cue before them ("returned on", "LMP",
"since", "drawn", a weekday) and no unit or measured noun after them ("on 3-4 times a day" stays).
"""

from __future__ import annotations

import re

from medrepro.privacy.rulebase import Rule, _cue, _rx

_MONTH_WORDS = (
    "January February March April May June July August September October November December "
    "Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec"
).split()
MONTH = "(?i:" + "|".join(sorted(_MONTH_WORDS, key=len, reverse=True)) + r")\.?"
_MONTH_CS = "(?:" + "|".join(sorted({w for m in _MONTH_WORDS for w in (m, m.upper())}, key=len, reverse=True)) + r")"
_FULL_NOT_MAY = [m for m in _MONTH_WORDS[:12] if m != "May"]
_DAY = r"(?:0?[1-9]|[12]\d|3[01])(?i:st|nd|rd|th)?"
YEAR = r"(?:1[89]\d{2}|20\d{2})"
_YEAR_FIRST = r"[12](?:(?<=1)[89]|(?<=2)0)\d{2}"  # YEAR, written to start with a character class
MM = r"(?:0?[1-9]|1[0-2])"
DD = r"(?:0?[1-9]|[12]\d|3[01])"
MONTH_NEEDS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")

# Words after a number that make it a quantity, not a date or an age ("3-4 times", "90 degrees").
UNIT_WORDS = frozenset("""
times time x tablets tablet tabs tab pills pill capsules capsule caps puffs puff drops drop doses dose sprays
days day d weeks week wks wk months month mos mo years year yrs yr hours hour hrs hr h minutes minute mins min
seconds second secs sec cm mm m km inch inches ft feet foot mg mcg g gm gram grams kg kilograms lb lbs pound
pounds oz ml cc l liters units unit u iu meq mmol mmhg percent degrees degree deg beats bpm breaths cycles
sessions visits episodes stools servings drinks beers glasses cups cigarettes packs pack ppd pack-years
strength power murmur pain vision reflexes reflex pulses pulse scale score ratio fingers miles mile blocks
flights stairs steps pillows loops sutures stitches lesions nodes cores specimens fragments pieces vessel
vessels disease lumbar cervical thoracic level levels grade stage mmhg/s psi joules j watts views view
lead leads hz pounds/ft kcal calories sets reps repetitions ounces tsp tbsp teaspoons tablespoons cases patients
subjects people
""".split())
_UNIT_RE = re.compile(r"\s*(?:[%°]|(?P<w>[A-Za-z][A-Za-z/-]*))")


def followed_by_unit(text: str, end: int) -> bool:
    """True when the word right after `end` is a unit or a measured noun ("3-4 times", "90 degrees", "95%")."""
    m = _UNIT_RE.match(text, end)
    if not m:
        return False
    return m.group("w") is None or m.group("w").lower().rstrip(".") in UNIT_WORDS


def _valid_numeric_date(m: re.Match) -> bool:
    a, b = int(m.group("a")), int(m.group("b"))
    return 1 <= a <= 31 and 1 <= b <= 31 and (a <= 12 or b <= 12)


def _valid_month(m: re.Match) -> bool:
    return 1 <= int(m.group("m")) <= 12


_AMBIGUOUS_LOWER = frozenset({"may", "march", "mar"})


def _has_year(m: re.Match) -> bool:
    return re.search(YEAR + r"\b|'\d{2}\b", m.group(0)) is not None


def _day_month_ok(m: re.Match) -> bool:
    """"5 may" in lower case is a date only with a year, as "19-may-06", or as "the 20th of may"."""
    return (m.group("mon") not in _AMBIGUOUS_LOWER or _has_year(m) or " of " in m.group(0)
            or re.search(r"-\d{2}$", m.group(0)) is not None)


def _month_day_ok(m: re.Match) -> bool:
    """"may 17" in lower case needs a year, or no unit after the day ("may 2 weeks" stays)."""
    return m.group("mon") not in _AMBIGUOUS_LOWER or _has_year(m) or not followed_by_unit(m.string, m.end())


def _partial_ok(m: re.Match) -> bool:
    return not followed_by_unit(m.string, m.end()) and not _FRACTION_AFTER.match(m.string, m.end())


# After a fraction or a score, not a date: "2/3 of the dose", "a 50/50 chance", "7/10 pain".
_FRACTION_AFTER = re.compile(r"\s*(?i:of|chance|odds|split|mix|rule|ratio|in\s+\d|trocars?|ports?|french|fr|"
                             r"gauge|needles?|cannulas?|catheters?|tubes?|sheaths?|visiport)\b")
# Scores, fractions and measurements written like a month/day: the word that names them comes first
# ("strength 4/5", "murmur grade 2/6", "MMSE 28/30", "GCS 11/15", "rated 8/10", "visual acuity 20/40").
_SCORE_BEFORE = re.compile(
    r"(?i)\b(?:strength|motor|power|reflex(?:es)?|dtrs?|murmurs?|grade[ds]?|apgars?|pain|score[ds]?|scale|"
    r"rated?|rates|rating|gcs|glasgow|coma|acuity|vision|visual|va|mmse|moca|slums|mini-mental|out\s+of|pulses?|"
    r"sensation|tanner|ecog|kps|nyha|bp|pressure|ratio|fraction|strength|level|stage|class|lesions?|nodes?|"
    r"cores?|positive|negative|involved|improved|decreased|increased|x|times|mg|ml|units?|g|cm|mm)\b"
    r"\W*(?:\w+\W+)?$"
)


def _after_in_ok(m: re.Match) -> bool:
    """After "in", a fraction of a count is more common than a date ("positive in 3/5", "in 1/5 lymph nodes"):
    only a month and a two-digit year go ("in 01/08", "in 4/95"), with no score word before."""
    before = m.string[max(0, m.start("phi") - 40):m.start("phi")]
    if not re.search(r"(?i)\bin\W*$", before):
        return True
    second = re.split(r"[/-]", m.group("phi"))[1]
    return (len(second) == 2 and (second[0] == "0" or int(second) >= 13)
            and _SCORE_BEFORE.search(re.split(r"[.;:!?\n]\s", before)[-1]) is None)


def _bare_month_day_ok(m: re.Match) -> bool:
    """A month/day with no cue: one number is 11 or more (a score out of 10 or less stays), no score word in
    the two words before it, no unit, fraction or device word after it ("10/12 trocar"); the month first
    (a pressure such as "RV 31/9" stays)."""
    a, b = int(m.group("a")), int(m.group("b"))
    if max(a, b) < 11 or a > 12:
        return False
    if followed_by_unit(m.string, m.end()) or _FRACTION_AFTER.match(m.string, m.end()):
        return False
    before = m.string[max(0, m.start() - 40):m.start()]
    before = re.split(r"[.;:!?\n]\s", before)[-1]
    return _SCORE_BEFORE.search(before) is None


def _clock_date_ok(m: re.Match) -> bool:
    """A month/day before a clock time is a timestamp, unless a score word comes first ("GCS 14/15 08:00")."""
    if not (1 <= int(m.group("a")) <= 12 and 1 <= int(m.group("b")) <= 31):
        return False
    before = re.split(r"[.;:!?\n]\s", m.string[max(0, m.start() - 40):m.start()])[-1]
    return _SCORE_BEFORE.search(before) is None


# Month alternations open with a character class (`_cue`), which lets `re` skip other positions fast.
_MC = "(?:" + _cue(", ".join(_MONTH_WORDS)) + r")(?![A-Za-z])"
_M = rf"(?P<mon>{_MC})\.?"
_MCD = _MC + r"\.?"
_PARTIAL_CUES = _cue(
    "on, dated, since, until, till, thru, through, effective, beginning, starting, admitted, discharged, seen, "
    "dob, d.o.b, d.o.b., date of birth, date of service, date of admission, date of discharge, date of surgery, "
    "date of procedure, date of visit, date of injury, date of death, date, dos, doa, dod, born, returned, "
    "return, returns, last, next, taken, removed, out, lmp, drawn, done, performed, placed, started, stopped, "
    "began, diagnosed, prior, x-ray, xray, ct, mri, echo, ekg, ecg, cxr, labs, mammogram, colonoscopy, "
    "surgery, biopsy, visit, follow-up, follow up, f/u, fu, injury, vaccinated, as of, week of, "
    "scheduled, booster, vaccine, vaccination, immunization, shot, appointment, appt, quit, admission, note, in, "
    "monday, tuesday, wednesday, thursday, friday, saturday, sunday, mon, tue, tues, wed, thu, thur, thurs, fri, "
    "sat, sun, "
    # Round 7: the events that forms, labels and logs stamp with a date ("Collected: 8/10", "Rx written 9/7,
    # filled 12/5", "Audit timestamp 7/10"); the unit, fraction and score guards still apply.
    "collected, received, reported, resulted, written, filled, refilled, dispensed, signed, sent, faxed, "
    "booked, enrolled, withdrew, timestamp, time stamp, stamped, printed, edited, updated, accessed, expires, "
    "expired, expiration, verified, last menstrual period, menstrual period, last period"
)
_MONTH_CUES = _cue(
    "in, since, during, until, till, through, from, by, early, mid, late, last, next, this, before, after, of"
)
_LOWER_MONTHS = "|".join(m.lower() for m in _FULL_NOT_MAY)
_WEEKDAY = (r"(?:(?i:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?i:day)?)")
# The twelve Hijri months in their common transliterations ("Sha'ban", "Shaban", "Rabi al-Awwal", "Rabi' I").
_HIJRI_MONTH = (r"(?:Muharram|Safar|Rabi[‘'’]?(?:\s+|-)?(?:al-|ul-|as-|ath-)?(?:Awwal|Thani|Akhir|I{1,2})"
                r"|Jumad[ae](?:\s+|-)?(?:al-|ul-|ath-)?(?:Awwal|Ula|Thani|Akhir(?:ah)?|Akhirah|I{1,2})|Rajab"
                r"|Sha[‘'’]?ban|Rama[dz]h?an|Shawwal|Dhu[‘'’]?(?:\s+|-)?(?:al-|l-)?(?:Qa[‘'’]?dah|Qi[‘'’]?dah|Hijjah))")

DATE_RULES: tuple[Rule, ...] = (
    Rule(
        "date_numeric", "DATE",
        _rx(r"(?P<a>\d(?<![\w/.-]\d)\d?)(?P<s>[/.-])(?P<b>\d{1,2})(?P=s)(?:\d{4}|\d{2})(?![\w/-]|\.\d)"),
        70, check=_valid_numeric_date,
    ),
    Rule("date_iso", "DATE",
         _rx(rf"{_YEAR_FIRST}(?<![\w/.-]\d{{4}})(?P<s>[-/.]){MM}(?P=s){DD}(?![\w/-]|\.\d)"), 70),
    # ISO date-times in notes ("2019-05-12T08:15"); not for the file scanner, where they are build timestamps.
    # ISO 8601 allows a zone after the time: "Z" for UTC or an offset ("2019-05-12T08:15Z", "...T08:15+03:00").
    Rule("date_iso_time", "DATE",
         _rx(rf"{_YEAR_FIRST}(?<![\w/.-]\d{{4}})-{MM}-{DD}T\d{{2}}:\d{{2}}(?::\d{{2}}(?:\.\d+)?)?"
             r"(?:Z|[+-]\d{2}(?::?\d{2})?)?(?![\w/-]|\.\d)"), 70,
         scan=False),
    Rule("date_compact", "DATE",
         _rx(rf"{_YEAR_FIRST}(?<![\w.-]\d{{4}})(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])(?![\w.-])"), 72,
         scan=False),
    # Log and audit timestamps: a compact date-time ("20240305T142210"), and a month/day before a clock time
    # ("Last modified: 3/5 09:14", "3/5 @ 14:22"), unless a score word comes before it ("pain 7/10 at 09:14").
    Rule("date_compact_time", "DATE",
         _rx(rf"{_YEAR_FIRST}(?<![\w.-]\d{{4}})(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])T\d{{4}}(?:\d{{2}})?Z?\b"),
         72, scan=False, needs=("t",)),
    Rule("date_partial_clock", "DATE",
         _rx(r"(?P<a>\d(?<![\w/.,:#+-]\d)\d?)/(?P<b>\d{1,2})(?=[ \t]+(?:@[ \t]*)?\d{1,2}:\d{2}\b)"), 66,
         scan=False, check=_clock_date_ok, needs=(":",)),
    Rule("date_month_year_numeric", "DATE", _rx(rf"(?P<m>\d(?<![\w/.-]\d)\d?)[/-]{YEAR}(?![\w/-])"), 69,
         check=_valid_month),
    Rule("date_day_month", "DATE",
         _rx(rf"\b{_DAY}(?:\s+of)?[\s-]+{_M}(?:,?[\s-]+(?:{YEAR}|'\d{{2}})|-\d{{2}}\b)?(?![\w])"), 71,
         check=_day_month_ok, needs=MONTH_NEEDS),
    Rule("date_day_of_month", "DATE", _rx(rf"\b(?i:the)\s+{_DAY}\s+day\s+of\s+{MONTH}(?:,?\s+{YEAR})?\b"), 72,
         needs=MONTH_NEEDS),
    Rule("date_compact_month", "DATE", _rx(rf"(?<![\w]){DD}{MONTH}(?:{YEAR}|\d{{2}})(?![\w])"), 72,
         needs=MONTH_NEEDS),
    # mmddyy written as one number ("032419"): a six-digit number that is a valid date.
    Rule("date_compact6", "DATE",
         _rx(r"(?<![\w.,/-])(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{2}(?![\w/-]|[.,]\d)"), 69, scan=False),
    Rule("date_month_the_day", "DATE", _rx(rf"{_M}\s+the\s+{_DAY}\b(?:,?\s+(?:{YEAR}|'\d{{2}})\b)?"), 72,
         check=_month_day_ok, needs=MONTH_NEEDS),
    Rule("date_month_day", "DATE",
         _rx(rf"{_M}(?:\s+|-(?=\d{{1,2}}\b(?!-)))(?:{_DAY})\b(?:,?\s+(?:{YEAR}|'\d{{2}})\b)?"), 71,
         check=_month_day_ok, needs=MONTH_NEEDS),
    Rule("date_month_numeric", "DATE", _rx(rf"{_MCD}(?P<s>[-/]){DD}(?P=s)(?:{YEAR}|\d{{2}})\b"), 71,
         needs=MONTH_NEEDS),
    Rule("date_month_year", "DATE", _rx(rf"{_MCD}(?:,?\s+|-)(?:of\s+)?(?:{YEAR}|'\d{{2}})\b"), 71,
         needs=MONTH_NEEDS),
    Rule(
        "date_month_cued", "DATE",
        _rx(_MONTH_CUES + rf"[\s-]+(?P<phi>(?:{'|'.join(_FULL_NOT_MAY)}|{_LOWER_MONTHS})\b|{_MONTH_CS}\b(?!['’])"
            r"|(?<=-)may\b)"),
        60, scan=False, needs=MONTH_NEEDS,
    ),
    Rule(
        "date_partial_cued", "DATE",
        _rx(_PARTIAL_CUES + r"\b\.?(?:\s+(?i:on|of|in|from|dated|for))?\s*[:,(]?\s*"
            rf"(?P<phi>{MM}[/-](?:{DD}|\d{{2}}))(?![\w/-]|\.\d)"),
        68, check=lambda m: _partial_ok(m) and _after_in_ok(m), scan=False,
    ),
    # A month and a two-digit year in parentheses ("MI (5/93)", "(6/25)"); scores in parentheses are out of
    # 12 or less ("(5/5)", "(2/6)", "(8/10)") and stay.
    Rule("date_month_yy_paren", "DATE", _rx(rf"\((?P<phi>{MM}/(?:0\d|1[3-9]|[2-9]\d))\)"), 67, scan=False),
    # A range of two month/day dates ("5/11 to 5/14", "5/11-5/14"); one day of 13 or more, so a change of
    # score ("4/5 to 5/5") stays.
    Rule("date_partial_range", "DATE",
         _rx(rf"(?<![\w/.-])(?P<a>{MM}/{DD})(?:\s*-\s*|\s+(?i:to|through|thru|until)\s+)"
             rf"(?P<b>{MM}/{DD})(?![\w/-]|\.\d)"),
         67, check=lambda m: _partial_ok(m) and max(int(x.split("/")[1]) for x in (m["a"], m["b"])) >= 13,
         scan=False),
    # A month/day with no cue ("Repeat labs scheduled for 10/12", "12/24: afebrile"); guards in the check.
    Rule("date_month_day_bare", "DATE",
         _rx(r"(?P<a>\d(?<![\w/.,:#+-]\d)\d?)/(?P<b>\d{1,2})(?![\w/]|[.,]\d|-\d|:\d|\s*/)"), 66,
         check=_bare_month_day_ok, scan=False),
    Rule("date_holiday", "DATE",
         _rx(r"\b(?:Christmas(?:\s+(?:Eve|Day))?|Thanksgiving(?:\s+Day)?|Easter(?:\s+Sunday)?|Halloween|"
             r"New\s+Year'?s(?:\s+(?:Day|Eve))?|(?:the\s+)?Fourth\s+of\s+July|Independence\s+Day|Labor\s+Day|"
             r"Memorial\s+Day|Valentine'?s\s+Day|Mother'?s\s+Day|Father'?s\s+Day|Hanukkah|Passover)\b"
             rf"(?:,?\s+{YEAR}\b)?"),
         66, scan=False, needs=("christmas", "thanksgiving", "easter", "halloween", "new year", "july",
                                "independence", "labor day", "memorial day", "valentine", "mother", "father",
                                "hanukkah", "passover")),
    # A weekday and a day of the month ("Friday the 11th", "on Tue the 3rd"): the day names the date.
    Rule("date_weekday_the_day", "DATE",
         _rx(rf"\b{_WEEKDAY}\.?,?\s+the\s+(?:0?[1-9]|[12]\d|3[01])(?i:st|nd|rd|th)\b"), 67, scan=False,
         needs=("the",)),
    # Hijri (Islamic calendar) dates: a day, a Hijri month and a year of the Hijra ("17 Ramadan 1442 AH",
    # "4 Dhu al-Hijjah 1440"); the month alone is a season ("fasting during Ramadan") and stays.
    Rule("date_hijri", "DATE",
         _rx(rf"\b{_DAY}\s+{_HIJRI_MONTH}\s+1[34]\d{{2}}(?:\s*(?:AH|A\.H\.|H)\b)?"
             rf"|\b{_HIJRI_MONTH}\s+{_DAY},?\s+1[34]\d{{2}}(?:\s*(?:AH|A\.H\.|H)\b)?"), 71, scan=False),
    Rule(
        "date_ordinal_cued", "DATE",
        _rx(_cue("on the, since the, until the, by the, from the, dated the")
            + r"\s+(?P<phi>(?:0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th))\b(?=\s*(?:[.,;:)]|$|of\b|at\b|and\b))"),
        67, scan=False,
    ),
)

