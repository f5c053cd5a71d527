"""Regular-expression detectors for identifiers other than names (dates, numbers, contacts, places).

Building blocks (`_trie`, `_cue`), the `Span` every detector returns, and `RULES`: the ordered regex
rules with their priorities. `SCAN_RULES` is the high-precision subset the file scanner reuses.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from medrepro.privacy import name_lists as nl
from medrepro.privacy.address_grammar import ADDRESS_RULES
from medrepro.privacy.ages import AGE_RULES
from medrepro.privacy.contact import CONTACT_RULES
from medrepro.privacy.dates import DATE_RULES, followed_by_unit
from medrepro.privacy.id_blocks import ID_BLOCK_RULES
from medrepro.privacy.rulebase import _LO, _UP, Rule, Span, _cue, _rx, _trie  # noqa: F401  (names.py uses them)

CATEGORIES = ("NAME", "DATE", "AGE>89", "PHONE", "EMAIL", "URL", "IP", "ID", "ADDRESS", "LOCATION")
PLACEHOLDER_RE = re.compile(r"\[(?:NAME|DATE|AGE>89|PHONE|EMAIL|URL|IP|ID|ADDRESS|LOCATION)\]")


_STREET = (
    r"(?:(?:Street|Avenue|Road|Boulevard|Lane|Drive|Court|Place|Terrace|Way|Circle|Parkway|Highway|Square|"
    r"Trail|Plaza|Alley|Row|Crescent|Loop|Pike)\b|(?:St|Ave|Rd|Blvd|Ln|Dr|Ct|Pl|Ter|Cir|Pkwy|Hwy|Sq|Trl)\b\.?)"
)

NAME_STOP = nl.NON_NAME_WORDS


def _valid_ip(m: re.Match) -> bool:
    return all(0 <= int(p) <= 255 for p in m.group(0).split("."))


# Web addresses on any domain: generic top-level domains by name, country codes (ISO 3166) by list.
_GENERIC_TLDS = frozenset("""
com org net edu gov mil int info biz name pro mobi asia app dev io ai co me tv health care clinic hospital
doctor dental healthcare medical online site web website page link tech cloud life family center network
services solutions systems group club today world help support news blog email shop store mail academy
university school institute foundation church community global digital science social
""".split())
_CC_TLDS = frozenset("""
ac ad ae af ag ai al am ao ar as at au aw ax az ba bb bd be bf bg bh bi bj bm bn bo br bs bt bw by bz ca cc cd cf
cg ch ci ck cl cm cn co cr cu cv cw cx cy cz de dj dk dm do dz ec ee eg er es et eu fi fj fk fm fo fr ga gd ge gf
gg gh gi gl gm gn gp gq gr gs gt gu gw gy hk hm hn hr ht hu id ie il im in io iq ir is it je jm jo jp ke kg kh ki
km kn kp kr kw ky kz la lb lc li lk lr ls lt lu lv ly ma mc md me mg mh mk ml mm mn mo mp mq mr ms mt mu mv mw mx
my mz na nc ne nf ng ni nl no np nr nu nz om pa pe pf pg ph pk pl pm pn pr ps pt pw py qa re ro rs ru rw sa sb sc
sd se sg sh si sk sl sm sn so sr ss st sv sx sy sz tc td tf tg th tj tk tl tm tn to tr tt tv tw tz ua ug uk us uy
uz va vc ve vg vi vn vu wf ws ye yt za zm zw
""".split())
_SECOND_LEVEL = frozenset("co com org net gov edu ac nhs med health".split())
# Country codes that are English words: "examined.in addition", "seen.it was" are missing spaces, not hosts.
_WORD_CC = frozenset("in it is at be me no to so am as by do my id".split())
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?"
_HOST = rf"(?<![\w@.-])(?P<host>{_LABEL}(?:\.{_LABEL})+)"


def _domain_ok(m: re.Match) -> bool:
    """A host ending in a known top-level domain in lower or upper case ("mychart.example.health", "WWW.X.COM").

    A Title-case last label is a missing space after a full stop ("the patient.Care was"); a bare two-label
    host on a country code needs a first label of 3+ letters ("a.m.", "p.m." stay) and a code that is no
    English word ("examined.in addition").
    """
    labels = m.group("host").split(".")
    tld = labels[-1]
    low = tld.lower()
    if not (tld.islower() or tld.isupper()) or low not in _GENERIC_TLDS and low not in _CC_TLDS:
        return False
    if any(lab.isdigit() for lab in labels) or not any(c.isalpha() for c in labels[-2]):
        return False
    if low in _GENERIC_TLDS:
        return len(labels[-2]) >= 2
    if m.group("path") is not None or len(labels) >= 3 or labels[-2].lower() in _SECOND_LEVEL:
        return True
    first = labels[-2]
    return len(first) >= 3 and (low not in _WORD_CC or any(c.isdigit() or c == "-" for c in first))


_SPINAL_LEVEL = re.compile(r"[CTLS]\d{1,2}-[CTLS]?\d{1,2}")


def _id_value_ok(m: re.Match) -> bool:
    """At least three digits, so suture sizes (#1-0) and spinal levels (C3-C5) after a cue stay, and no unit
    after it ("Plan: 10-12 weeks")."""
    value, end = m.group("phi"), m.end("phi")
    unit = followed_by_unit(m.string, end) and not _NEW_SENTENCE.match(m.string, end)
    return sum(ch.isdigit() for ch in value) >= 3 and not unit and not _SPINAL_LEVEL.fullmatch(value)


_NEW_SENTENCE = re.compile(r"(?:[ \t]{2,}|[ \t]*\n)[A-Z]")  # "ssn last 4: 3583  Pulse 67": no unit


def _not_device_follower(m: re.Match) -> bool:
    rest = m.string[m.end("phi"):m.end("phi") + 24].split()
    return not rest or rest[0].strip(".,;:") not in nl.CITY_FOLLOWERS_TO_KEEP


_AMBIG_ABBR = frozenset(nl.AMBIGUOUS_STATE_ABBREVIATIONS)


def _city_state_ok(m: re.Match) -> bool:
    city = m.group("phi")
    first = city.split()[0]
    if first.lower() in NAME_STOP or city in nl.US_STATES or city in nl.COUNTRIES_AND_REGIONS:
        return False
    state = m.group("st")
    return not (state in _AMBIG_ABBR and not m.group("zip"))


# Strong cues name an identifier outright; weak cues ("visit", "order", "plate") also precede counts and
# years, so after them a bare year stays.
_ID_STRONG = (
    "mrn, mr#, mr #, mr, medical record, medical records, med rec, acct, account, patient id, patient number, "
    "pt id, id, identifier, license, licence, lic, dea, npi, upin, serial, s/n, sn, device id, policy, member, "
    "subscriber, insurance, medicare, medicaid, beneficiary, health plan, certificate, certification, cert, vin, "
    "vehicle identification, accession, specimen, encounter, claim, fin, csn, hicn, mbi, passport, badge, "
    "employee, driver's license, drivers license, driver license, driver's licence, drivers lic, dl, dl#, "
    "state id, ssn, ss#, ss #, social security, social, rx, rx#, prescription, requisition, req, "
    "authorization, auth, prior auth, confirmation, conf, tracking, ticket, invoice, receipt, voucher, "
    "transaction, docket, registration, permit, imei, meid, udi, tag, card, mychart, portal id, chart, "
    "hospital number, unit number, enrollee, episode, har, block number, specimen number, slide"
)
_ID_WEAK = "group, grp, plate, number, no."
# These precede section labels, counts and sizes ("Plan: CPT 99213", "case 2 of 3", "room 412"), so they
# need "number", "no.", "#" or "ID" before the value.
_ID_QUALIFIED = "record, device, lot, plan, case, visit, order, reference, ref, file, sample"
_ID_CUES = "(?P<cue>" + _cue(", ".join((_ID_STRONG, _ID_WEAK, _ID_QUALIFIED))) + ")"
# The file scanner keeps the narrower cue list of before: "ref", "tag", "order", "number" label hashes and
# versions in lockfiles and configs.
_ID_CUES_SCAN = "(?P<cue>" + _cue(
    "mrn, mr#, mr #, medical record, medical records, med rec, record, chart, acct, account, patient id, "
    "patient number, pt id, id, identifier, license, licence, lic, dea, npi, upin, serial, s/n, device, "
    "device id, lot, policy, member, subscriber, insurance, medicare, medicaid, beneficiary, plan, "
    "certificate, cert, vin, plate, case, accession, specimen, encounter, visit, claim, fin, csn, hicn, "
    "passport, badge, employee, health plan, driver's license, drivers license, driver license"
) + ")"
_WEAK_CUES = frozenset(c.strip() for c in (_ID_WEAK + ", " + _ID_QUALIFIED).split(","))
_QUALIFIED_CUES = frozenset(c.strip() for c in _ID_QUALIFIED.split(","))
_QUALIFIER = re.compile(r"(?i)number|num|nbr|no\b|#|\bid\b")
# Words between a cue and its value: "MR #: 1154-7571", "SSN ending in 4471", "last 4 of her social, 1123".
_ID_FILLER = (r"(?:[ \t]*(?:(?i:number|num\.?|nbr|no\.|no(?=[ \t]*(?:[:#]|[A-Z]{0,3}-?\d))|#|id|code|is|was"
              r"|ending(?:[ \t]+in)?|ends[ \t]+in|last[ \t]+(?:four|4)(?:[ \t]+digits)?|on[ \t]+file)(?![A-Za-z])"
              r"|[:=#(,.-]))")
_YEAR_VALUE = re.compile(r"(?:19|20)\d{2}")
# A word and a year, or a span of years, after a cue ("Medicaid since 2019", "Medicare 2019-2020"): no ID.
_YEAR_PHRASE = re.compile(r"[a-z]+[ \t]+(?:19|20)\d{2}|(?:19|20)\d{2}-(?:19|20)?\d{2}")
_SMALL_RANGE = re.compile(r"\d{1,3}-\d{1,3}")
_WORD_TAIL = re.compile(r"-[a-z]{3,}$")  # "a sample 2000-calorie meal", "24-hour": a compound word, no ID


def _id_cued_ok(m: re.Match) -> bool:
    """The value after a cue has 3+ digits, no unit after it, is not a spinal level or a small range
    ("age group 18-35"), and after a weak cue is not a year ("visit 2019")."""
    value = m.group("phi")
    if (not _id_value_ok(m) or _SMALL_RANGE.fullmatch(value) or _WORD_TAIL.search(value)
            or _YEAR_PHRASE.fullmatch(value)):
        return False
    cue = m.group("cue").lower()
    if cue in _QUALIFIED_CUES and not _QUALIFIER.search(m.string, m.end("cue"), m.start("phi")):
        return False
    return not (_YEAR_VALUE.fullmatch(value) and cue in _WEAK_CUES)


_USER_CUES = _cue("username, user name, user, user id, userid, login, log-in, logon, login id, handle, screen name, "
                  "account name, instagram, twitter, tiktok, snapchat, facebook")
_SOCIAL_BEFORE = re.compile(r"(?i)\b(?:handle|instagram|twitter|tiktok|snapchat|facebook|follow\w*|dm|tweet\w*|"
                            r"social\s+media|account|username|posts?)\b")


def _handle_ok(m: re.Match) -> bool:
    """"@maria_r1990" goes; a bare "@home" or "@bedtime" only after a social-media word."""
    handle = m.group("phi")
    return (any(c.isdigit() or c in "_." for c in handle)
            or _SOCIAL_BEFORE.search(m.string, max(0, m.start() - 40), m.end() + 20) is not None)


def _username_ok(m: re.Match) -> bool:
    """A digit, "_", "." or "@" makes a username ("jdoe42"); letters alone only when they are no English word
    and the cue is a username label ("User ID: jsmith" goes, "login issues", "user name is unknown" stay)."""
    value = m.group("phi")
    if any(c.isdigit() or c in "_.@" for c in value):
        return True
    from medrepro.privacy.lexicon import zipf  # lexicon imports this module

    label = re.match(r"(?i)(?:user\s*name|user\s*id|userid|login\s+id|screen\s+name)\b", m.group(0))
    return label is not None and len(value) >= 4 and value.islower() and zipf(value) < 2.5


_USER_RE = _rx(_USER_CUES + _ID_FILLER + r"{0,3}[ \t]*(?P<phi>@?[A-Za-z][\w.-]{1,30}[A-Za-z0-9])(?![\w@])")
_HANDLE_RE = _rx(r"(?<![\w.@/])(?P<phi>@[A-Za-z_][A-Za-z0-9_.]{2,29}[A-Za-z0-9_])(?![\w@])")

_PHONE_CUES = _cue(
    "phone, telephone, tel, cell, cellphone, mobile, fax, pager, beeper, call, contact, reached at, number, "
    "reached her at, reached him at, reached them at, reach her at, reach him at, reach me at, "
    "can be reached at, extension"
)
# Cues that also label numbers in code, configs and logs ("line 1234567"): notes only, never the file scanner.
_PHONE_CUES_NOTES = _cue("line, direct line, office, home, work, desk, hotline, helpline, dial, text, "
                         "answering service, ph, ph#")
_STATE_ABBR = _trie(sorted(nl.STATE_ABBREVIATIONS))
_STATE_NAME = _trie([n for s in (*nl.US_STATES, *nl.US_STATES_MULTIWORD) for n in (s, s.upper())])
_CITY = _trie(nl.US_CITIES)

_PHONE_NEEDS = ("phone", "tel", "cell", "mobile", "fax", "pager", "beeper", "call", "contact", "reach", "number",
                "extension")
# An extension after a number, spelled in any way: " x4471", ", extension 41546", " (ext. 223)", " Ext#12".
_EXT = (r"(?:[ \t]*[,;]?[ \t]*\(?(?i:x|ext\.?|extn\.?|extension)(?:[ \t]*(?i:number|no\.?))?[ \t]*[.:#]?[ \t]*"
        r"\d{1,6}\)?(?![\w/-]))?")
_IPV6_NEEDS = ("::",) + tuple(":" + c for c in "0123456789abcdef")


def _phone_digits_ok(m: re.Match) -> bool:
    """7, 10 or 11 digits (extension aside): not a lab value or a lot number."""
    return sum(c.isdigit() for c in re.split(r"(?i)[xe(]", m.group("phi"))[0]) in (7, 10, 11)


_RULES: tuple[Rule, ...] = (
    Rule("url", "URL", _rx(r"\b(?i:https?://|ftp://|www\.)[^\s<>\"'()\[\]]+[^\s<>\"'()\[\].,;:!?]"), 100,
         scan=False, needs=("://", "www.")),
    Rule("domain", "URL", _rx(_HOST + r"(?::\d{2,5})?(?P<path>[/?#][^\s<>\"'()\[\]]*[^\s<>\"'()\[\].,;:!?])?"
                              r"(?![\w@])"),
         98, scan=False, check=_domain_ok, needs=(".",)),
    Rule("email", "EMAIL", _rx(r"\b[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b"), 99,
         needs=("@",)),
    Rule("ipv4", "IP", _rx(r"\d(?<![\d.]\d)\d{0,2}\.(?:\d{1,3}\.){2}\d{1,3}(?![\d.]*\d)"), 90,
         check=_valid_ip, scan=False),
    Rule(
        "ipv6", "IP",
        _rx(r"(?<![\w:])(?:[0-9A-Fa-f]{1,4}:){7}[0-9A-Fa-f]{1,4}(?![\w:])"
            r"|(?<![\w:])(?:[0-9A-Fa-f]{1,4}:){1,7}:(?:[0-9A-Fa-f]{1,4}(?::[0-9A-Fa-f]{1,4}){0,6})?(?![\w:])"),
        90, check=lambda m: sum(c.isdigit() for c in m.group()) >= 2, scan=False, needs=_IPV6_NEEDS,
    ),
    Rule("ssn", "ID", _rx(r"\d(?<![\d-]\d)\d{2}-\d{2}-\d{4}(?![\d-])"), 88),
    Rule(
        "ssn_cued", "ID",
        _rx(_cue("ssn, ss#, ss #, social security, social security number, social security no, "
                 "social security no., social security #")
            + r"\s*[:#.]?\s*(?P<phi>\d{3}[\s.-]?\d{2}[\s.-]?\d{4})\b"),
        89, needs=("ss", "social"),
    ),
    Rule(
        "phone", "PHONE",
        _rx(r"(?=[+(\d])(?<![\w/.-])(?:\+?1[\s.-]?)?(?:\(\d{3}\)[\s-]?|\d{3}[\s./\u2010\u2011\u2013-])\d{3}"
            r"[\s.\u2010\u2011\u2013-]\d{4}(?![\w/-])" + _EXT),
        85,
    ),
    # In-house pagers and extensions written alone ("Pager #4421", "Beeper 4-4421", "Ext. 4421"); four or
    # more digits, so a joint's extension in degrees ("extension 170") stays.
    Rule("phone_short_cued", "PHONE",
         _rx(_cue("pager, beeper, bleep, ext, ext., extn, extension") + r"(?![A-Za-z])\.?[ \t]*"
             r"(?:(?i:number|no\.?)[ \t]*)?[:#]?[ \t]*(?P<phi>\d(?:-?\d){3,6})(?![\w/-]|[.,]\d)"),
         83, scan=False, needs=("pager", "beeper", "bleep", "ext"),
         check=lambda m: not followed_by_unit(m.string, m.end("phi"))),
    Rule("phone_international", "PHONE",
         _rx(r"(?<![\w+])\+(?:[2-9]\d{0,2}|1)[\s.-]?\(?\d{1,4}\)?(?:[\s.-]?\d{2,4}){2,5}(?![\w-])" + _EXT), 86,
         check=lambda m: 8 <= sum(c.isdigit() for c in re.split(r"(?i)[xe(]", m.group())[0]) <= 15, needs=("+",)),
    Rule(
        "phone_cued", "PHONE",
        _rx(_PHONE_CUES + r"\b\.?\s*(?:(?:number|no\.?|#)\s*)?(?:(?:is|at|of|:)\s*)?[:#]?\s*"
            r"(?P<phi>\+?\d[\d \t().-]{5,16}\d(?![\w/]|\.\d)" + _EXT + ")"),
        84, check=_phone_digits_ok, needs=_PHONE_NEEDS,
    ),
    Rule(
        "phone_cued_notes", "PHONE",
        _rx(_PHONE_CUES_NOTES + r"\b\.?\s*(?:(?:number|no\.?|#)\s*)?(?:(?:is|at|of|:)\s*)?[:#]?\s*"
            r"(?P<phi>\+?\d[\d \t().-]{5,16}\d(?![\w/]|\.\d)" + _EXT + ")"),
        84, check=_phone_digits_ok, scan=False,
        needs=("line", "office", "home", "work", "desk", "dial", "text", "answering", "ph"),
    ),
    Rule(
        "id_cued_scan", "ID",
        _rx(_ID_CUES_SCAN + r"\b(?:\s*(?:number|num|no\.?|#|id|code))?\s*[:#.=]?\s*#?\s*"
            r"(?P<phi>[A-Z0-9](?:[A-Z0-9]|-(?=[A-Z0-9])){2,24})(?![\w/-]|\.\w)"),
        80, check=_id_cued_ok,
    ),
    Rule(
        "id_cued", "ID",
        _rx(_ID_CUES + r"(?![A-Za-z])" + _ID_FILLER + r"{0,4}[ \t]*"
            r"(?P<phi>(?=[A-Za-z-]*[ \t]?\d)[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])|(?<=\d)[/.](?=\d{3})){2,24}"
            r"(?:[ \t]\d{3,8}\b){0,3})"
            r"(?![\w/-]|\.\w)"),
        80, check=_id_cued_ok, scan=False,
    ),
    Rule("username", "ID", _USER_RE, 80, scan=False, check=_username_ok),
    Rule("handle", "ID", _HANDLE_RE, 79, scan=False, needs=("@",), check=_handle_ok),
    Rule("id_hash", "ID", _rx(r"#\s?(?P<phi>\d{5,})\b"), 79, scan=False),
    # Device identifiers: MAC addresses and GS1 unique device identifiers ("(01)00643169001763(17)160712").
    Rule("mac", "ID", _rx(r"(?<![\w:-])(?:[0-9A-Fa-f]{2}([:-]))(?:[0-9A-Fa-f]{2}\1){4}[0-9A-Fa-f]{2}(?![\w:-])"), 78,
         scan=False, check=lambda m: sum(c.isdigit() for c in m.group()) >= 2),
    Rule("udi", "ID", _rx(r"\(01\)\d{14}(?:\(\d{2,4}\)[A-Za-z0-9-]{1,20})*"), 78, scan=False, needs=("(01)",)),
    # Vehicle identification numbers: 17 characters without I, O, Q, letters and digits mixed.
    Rule("vin", "ID", _rx(r"\b(?=[A-HJ-NPR-Z0-9]{17}\b)(?=(?:[A-Z]*\d){3})(?=(?:\d*[A-Z]){3})[A-HJ-NPR-Z0-9]{17}\b"),
         78, scan=False),
    # Letters, digits, a hyphen and four or more digits ("AB12-3345", "S123-4567-8901").
    Rule("id_letters_digits", "ID", _rx(r"\b[A-Z]{1,3}\d{1,4}(?:-\d{4,}){1,2}\b"), 77, scan=False),
    Rule("id_grouped", "ID", _rx(r"\d(?<![\w-]\d)\d{3}[- ]\d{4}[- ]\d{4}(?:[- ]\d{1,4})?(?![\w-])"), 78,
         scan=False),
    # Card and account numbers written in spaced groups ("1234 567 890"); phones (3-3-4) win by priority.
    Rule("id_letters_groups", "ID", _rx(r"\b[A-Z]{1,4}-\d{3,}-\d{2,}\b"), 77, scan=False),
    Rule("id_spaced", "ID", _rx(r"\d(?<![\w.,/-]\d)\d{1,5}(?:[ -]\d{3,5}){2,3}(?![\w/-]|[.,]\d)"), 77,
         check=lambda m: 9 <= sum(c.isdigit() for c in m.group()) <= 16, scan=False),
    Rule("id_prefixed", "ID", _rx(r"\b[A-Z]{1,4}-?\d{6,}[A-Z]?\b"), 40, scan=False),
    Rule("id_long_number", "ID", _rx(r"\d(?<![\d.,]\d)\d{6,}(?![\d]|[.,]\d)"), 30, scan=False),
    *DATE_RULES,
    *AGE_RULES,
    *CONTACT_RULES,
    *ID_BLOCK_RULES,
    *ADDRESS_RULES,
    # Addresses and places.
    Rule(
        "street", "ADDRESS",
        _rx(rf"\b\d{{1,6}}[A-Z]?\s+(?:(?:N|S|E|W|NE|NW|SE|SW|North|South|East|West)\.?\s+)?"
            rf"(?:(?:\d{{1,3}}(?:st|nd|rd|th)|[{_UP}][{_LO}]+|[{_UP}]{{2,}})\s+){{1,3}}{_STREET}"
            rf"(?:,?\s*(?:Apt|Apartment|Unit|Suite|Ste|Room|Rm|Fl|Floor|#)\.?\s*#?\s*[A-Za-z0-9-]+)?"),
        60,
    ),
    Rule("po_box", "ADDRESS", _rx(r"\b(?i:p\.?\s?o\.?\s*box)\s+\d+\b"), 60, needs=("box",)),
    Rule(
        "city_state", "LOCATION",
        _rx(rf"\b(?P<phi>(?:[{_UP}][{_LO}]+[ \t]){{0,2}}[{_UP}][{_LO}]+),[ \t]+"
            rf"(?P<st>{_STATE_ABBR}\b|{_STATE_NAME}\b)(?:[ \t]+(?P<zip>\d{{5}}(?:-\d{{4}})?))?"),
        55, check=_city_state_ok,
    ),
    Rule("zip_after_state", "LOCATION",
         _rx(rf"\b(?=[A-Z])(?:{_STATE_ABBR}|{_STATE_NAME})[ \t]+(?P<phi>\d{{5}}(?:-\d{{4}})?)\b"), 56),
    Rule("zip_cued", "LOCATION",
         _rx(_cue("zip, zip code, zipcode, postal code") + r"\s*[:#]?\s*(?P<phi>\d{5}(?:-\d{4})?)\b"), 56,
         needs=("zip", "postal")),
    Rule("zip_plus4", "LOCATION", _rx(r"\d(?<![\w-]\d)\d{4}-\d{4}(?![\w-])"), 54),
    Rule(
        "city_list", "LOCATION",
        _rx(_cue("in, from, to, near, at, outside, around, visiting, back to") + r"\s+(?P<phi>(?=[A-Z])" + _CITY
            + r")\b(?![-'’])"),
        50, check=_not_device_follower, scan=False,
    ),
)

SCAN_RULES = tuple(r for r in _RULES if r.scan)

_LOCATION_CUE = _rx(
    _cue("live, lives, lived, living, reside, resides, resided, residing, moved, moving, relocated, born, "
         "grew up, raised, is from, was from, are from, were from, originally from, native of, visiting from, "
         "resident of, a resident of, hails from, "
         "returned from, traveled, travelled, trip, vacation, vacationed, vacationing, emigrated, immigrated")
    + r"(?:\s+(?:here|back|up|down|over|there))?\s+(?:(?i:in|to|from|at|near|outside|outside\s+of)\s+)?"
    rf"(?P<phi>[{_UP}][{_LO}]+(?:[ \t]+[{_UP}][{_LO}]+){{0,2}})"
)
_PLACE_STOP = NAME_STOP | {w.lower() for w in nl.COUNTRIES_AND_REGIONS} | {
    "home", "school", "college", "church", "prison", "jail", "town", "new",
}

_BARE_TRANSITIVE = re.compile(r"(?i:raised)\s+")
_LOCATION_NEEDS = ("liv", "resid", "mov", "relocat", "born", "grew", "raised", "from", "native", "trav", "trip",
                   "vacation", "migrat")


def _location_cue_spans(text: str) -> list[Span]:
    out: list[Span] = []
    low = text.lower()
    if not any(n in low for n in _LOCATION_NEEDS):
        return out
    for m in _LOCATION_CUE.finditer(text):
        if _BARE_TRANSITIVE.fullmatch(text[m.start():m.start("phi")]):
            continue  # "raised Khorana score" is a topic raised, not where one grew up ("raised in Ohio")
        words = m.group("phi").split()
        keep: list[str] = []
        for w in words:
            if w.lower() in _PLACE_STOP:
                break
            keep.append(w)
        if not keep:
            continue
        phrase = " ".join(keep)
        if phrase in nl.US_STATES or phrase in nl.US_STATES_MULTIWORD or phrase in nl.COUNTRIES_AND_REGIONS:
            continue
        start = m.start("phi")
        end = start + len(" ".join(words[: len(keep)]))
        out.append(Span(start, end, "LOCATION", 52))
    return out


def _rule_spans(text: str, rules: Sequence[Rule]) -> list[Span]:
    spans = []
    low = text.lower()
    for rule in rules:
        if rule.needs and not any(n in low for n in rule.needs):
            continue
        group = "phi" if "phi" in rule.pattern.groupindex else 0
        for m in rule.pattern.finditer(text):
            if rule.check is not None and not rule.check(m):
                continue
            start, end = m.span(group)
            if start < 0:  # the identifier sits in the second alternative's group
                start, end = m.span("phi2")
            if end > start:
                spans.append(Span(start, end, rule.category, rule.priority))
    return spans

