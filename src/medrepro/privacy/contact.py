"""Contact and address forms the core patterns miss: obfuscated e-mails, portal usernames, Medicare MBIs and
plan numbers, highway-contract routes, P.O. drawers, lots in home parks, ZIP codes written before "ZIP", and
an all-caps city before a state and ZIP (the "CITY/STATE/ZIP:" line of a face sheet).

Each rule is written for the identifier's form, not for one sentence: "jane dot roe at gmail dot com",
"jdoe [at] mail [dot] ru"; a username after any portal or app cue ("logged in as", "MyChart user",
"Skype ID", "proxy account"); "HC 31 Box 864", "Star Route 2, Box 9", "HCR 1 Box 40"; "P.O. Drawer 120";
"Lot 12, Pine Mobile Home Park", "Space 4, Oak Trailer Court"; "the 15175 ZIP code".
"""

from __future__ import annotations

import re

from medrepro.privacy import name_lists as nl
from medrepro.privacy.rulebase import _LO, _UP, Rule, _cue, _rx, _trie

_STATES = _trie(sorted(nl.STATE_ABBREVIATIONS) + [n.upper() for n in (*nl.US_STATES, *nl.US_STATES_MULTIWORD)]) + r"\b"

# --- E-mail addresses written out with "at" and "dot" (or "[at]", "(dot)") so that a mailer won't link them.
_TLDS = frozenset("""com org net edu gov mil int info biz io me us co uk ca au de fr ru cn jp kr in br es it nl
se ch pl ua ge mk bg am by kz il tr gr ie nz za mx ar cl no dk fi at be cz hu ro pt rs hr si sk lt lv ee md az
uz vn th ph my sg id hk tw health care clinic email mail online""".split())
_AT = r"(?:[ \t]+(?:at|AT|At)[ \t]+|[ \t]*[\[(<{][ \t]*(?i:at)[ \t]*[\])>}][ \t]*|[ \t]*@[ \t]*)"
_DOT = r"(?:[ \t]+(?:dot|DOT|Dot)[ \t]+|[ \t]*[\[(<{][ \t]*(?i:dot)[ \t]*[\])>}][ \t]*|\.)"
_LOCAL = r"[A-Za-z0-9_%+'-]+"
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?"


def _obfuscated_email_ok(m: re.Match) -> bool:
    """Written out on purpose: one "dot" word (not only "." and "@"), and a real top-level domain last."""
    return (re.search(r"(?i)[\s\[(<{]dot\b", m.group(0)) is not None
            and m.group("tld").lower() in _TLDS and not m.group("local").isdigit())


# --- Usernames and handles after a portal, app or account cue.
_PORTAL_CUES = _cue(
    "logged in as, logged on as, logged into, logged in to, signed in as, signs in as, log in as, login as, "
    "sign in as, sign-in, mychart user, mychart username, mychart account, mychart id, mychart login, "
    "portal user, portal username, portal account, portal id, portal login, patient portal, "
    "app user, app username, app account, app login, proxy account, proxy user, proxy access, account name, "
    "account, skype, skype id, skype name, facetime, whatsapp, telegram, discord, reddit, youtube, "
    "linkedin, zoom id, zoom name, teams id, gamertag, gamer tag, online alias, online name"
)
_PORTAL_FILLER = (r"(?:[ \t]*(?i:user\s*name|username|user|id|name|handle|login|account|is|was|as|of|"
                  r"under|for|the)\b|[ \t]*[:=#-])")
_USERNAME_WORDS = frozenset("""mychart portal app account skype facetime whatsapp telegram signal discord reddit
youtube linkedin zoom teams proxy guest admin administrator user username password email message messages
""".split())


# Cues after which a name-like word alone is a username ("logged in as leidong", "MyChart user leidong").
_STRONG_CUE = re.compile(r"(?i)(?:log|sign|mychart|skype|proxy|\w+\s+user|\w*\s*(?:user)?name|account\s+name)")


def _portal_username_ok(m: re.Match) -> bool:
    """A digit, "_", "." or "@" inside makes a username ("spark22", "park.seungmin"); lower-case letters alone
    only when they are no English or clinical word ("leidong" goes; "logged in as guest" stays)."""
    value = m.group("phi")
    core = value.lstrip("@")
    if core.lower() in _USERNAME_WORDS:
        return False
    if any(c.isdigit() for c in core) or re.search(r"[a-z][_.][a-z]", core, re.I):
        return not re.fullmatch(r"\d+(?:\.\d+)*", core)
    if value.startswith("@"):
        return True
    if _STRONG_CUE.match(m.group(0)) is None:
        return False
    from medrepro.privacy.lexicon import zipf  # lexicon imports the rule modules

    return core.islower() and len(core) >= 5 and zipf(core) < 2.0


# --- Medicare Beneficiary Identifiers (CMS format: no S, L, O, I, B or Z) and cued plan numbers.
_MBI_A = "AC-HJKMNP-RT-Y"
_MBI = (rf"\b[1-9][{_MBI_A}][{_MBI_A}0-9]\d-?[{_MBI_A}][{_MBI_A}0-9]\d-?[{_MBI_A}]{{2}}\d{{2}}\b")
_PLAN_CUES = _cue("medicaid cin, cin, client id, client identification number, medicaid id, medicaid number, "
                  "medicaid no, medicaid #, medicaid, medicare, mbi, hicn, hic, bic, medi-cal, beneficiary, "
                  "subscriber, member, enrollee, tricare, dod benefits, benefits no, insurance, insurance id")


def _plan_value_ok(m: re.Match) -> bool:
    """Four or more digits in six or more characters, and not a year or a span of years ("Medicare 2019-2020")."""
    value = m.group("phi")
    if re.fullmatch(r"(?:19|20)\d{2}(?:-(?:19|20)?\d{2})?", value):
        return False
    return sum(c.isdigit() for c in value) >= 4 and len(value.replace("-", "")) >= 6


# --- Addresses outside the street grid.
_ROUTE = (r"(?:H\.?C\.?R?\.?|HCR|Star[ \t]+Route|S\.?R\.?|Highway[ \t]+Contract(?:[ \t]+Route)?|Contract[ \t]+Route|"
          r"Rural[ \t]+Route|R\.?R\.?|RFD|Route|Rte\.?|Rt\.?)")
_PARK_KIND = (r"(?:Mobile[ \t]+Home|Manufactured[ \t]+Home|Trailer|RV|Motor[ \t]+Home|Mobile|Caravan)[ \t]+"
              r"(?:Park|Court|Ct\.?|Estates|Village|Community|Homes|Ranch|Resort|Lodge)")
_NAME_RUN = rf"(?:(?:[{_UP}][{_LO}'’]+|[{_UP}]{{2,}}|\d+(?:st|nd|rd|th))[ \t]+){{1,4}}"

# --- Phones dialled from abroad and written in other countries' styles.
_GROUPS = r"(?:(?:[ \t]?[.-][ \t]?|[ \t])\d{1,4})"


def _dialled_ok(m: re.Match) -> bool:
    """10 to 15 digits after the exit code: a country code and a national number (E.164 allows 15 in all)."""
    return 10 <= sum(c.isdigit() for c in m.group("num")) <= 15


CONTACT_RULES: tuple[Rule, ...] = (
    # An international exit code, a country code and the subscriber groups ("00966 50-752-9831", "0094 72 924
    # 8962", "011-66-81 372 6420"): "00" is the exit code outside North America, "011" inside it.
    Rule("phone_exit_code", "PHONE",
         _rx(r"(?<![\w+.,/-])(?:00|011[ \t]?[.-]?[ \t]?)(?=[1-9])(?P<num>\d{1,3}" + _GROUPS
             + r"{2,6})(?![\w-]|[.,]\d)"),
         86, scan=False, check=_dialled_ok),
    # A national number with its trunk "0" ("0905-8831854", "0912 345 6789"): a leading zero, a 2-4 digit area
    # or mobile prefix, then the subscriber number; 10 or 11 digits in all.
    Rule("phone_trunk_zero", "PHONE",
         _rx(r"(?<![\w+.,/-])0[1-9]\d{1,3}[ \t]?-[ \t]?\d{6,8}(?![\w-]|[.,]\d)"
             r"|(?<![\w+.,/-])0[1-9]\d{1,3}[ \t]\d{3}[ \t]\d{4}(?![\w-]|[.,]\d)"),
         84, scan=False, check=lambda m: sum(c.isdigit() for c in m.group()) in (10, 11)),
    # A North American number with spaces around its hyphens, as some forms print it ("219 - 372 - 5334").
    Rule("phone_spaced_hyphens", "PHONE",
         _rx(r"(?<![\w.,/-])\(?[2-9]\d{2}\)?[ \t]+[-\u2013][ \t]+[2-9]\d{2}[ \t]+[-\u2013][ \t]+\d{4}(?![\w-]|[.,]\d)"),
         85, scan=False, needs=(" - ", " \u2013 ")),

    Rule("email_obfuscated", "EMAIL",
         _rx(rf"(?<![\w.@'-])(?P<local>{_LOCAL}(?:{_DOT}{_LOCAL}){{0,3}}){_AT}"
             rf"(?:{_LABEL}{_DOT}){{1,4}}(?P<tld>[A-Za-z]{{2,6}})(?![\w@-])"),
         99, check=_obfuscated_email_ok, scan=False, needs=("dot",)),
    # An apostrophe in the local part ("o'brien@x.com"); the core rule would leave "o'" behind.
    Rule("email_apostrophe", "EMAIL",
         _rx(r"(?<![\w.'-])[A-Za-z0-9._%+-]*['’][A-Za-z0-9._%+'’-]*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b"),
         99, needs=("@",)),
    Rule("username_portal", "ID",
         _rx(_PORTAL_CUES + r"(?![\w-])" + _PORTAL_FILLER + r"{0,3}[ \t]*"
             r"(?P<phi>@?[A-Za-z0-9][\w.'-]{1,30}[A-Za-z0-9])(?![\w@]|\.\w)"),
         80, scan=False, check=_portal_username_ok,
         needs=("logged", "log in", "login", "signed", "sign in", "signs in", "sign-in", "mychart", "portal",
                "app user", "app account", "app login", "app username", "proxy", "account", "skype", "facetime",
                "whatsapp", "telegram", "discord", "reddit", "youtube", "linkedin", "zoom", "teams id", "gamer",
                "online")),
    Rule("mbi", "ID", _rx(_MBI), 78, scan=False),
    Rule("id_plan_cued", "ID",
         _rx(_PLAN_CUES + r"(?![\w-])(?:[ \t]*(?i:number|num|no\.?|#|id|ids|code|card|is|was|cin|mbi|bic|"
             r"member|part\s+[abcd])\b\.?|[ \t]*[:#=])*[ \t]*"
             r"(?P<phi>(?=[A-Za-z-]*\d)[A-Z0-9](?:[A-Z0-9]|-(?=[A-Z0-9])){5,19})(?![\w/-]|\.\w)"),
         79, scan=False, check=_plan_value_ok,
         needs=("medica", "cin", "client", "mbi", "hic", "bic", "medi-cal", "benefic", "subscriber", "member",
                "enrollee", "tricare", "dod", "benefits", "insurance")),
    Rule("route_box", "ADDRESS",
         _rx(rf"\b{_ROUTE}[ \t]*#?[ \t]*\d{{1,4}}[A-Z]?,?[ \t]+(?i:box|bx)[ \t]*#?[ \t]*\d{{1,5}}[A-Z]?\b"), 61,
         needs=("box", "bx")),
    Rule("po_drawer", "ADDRESS",
         _rx(r"\b(?:P\.?[ \t]?O\.?[ \t]?|Post[ \t]+Office[ \t]+|Postal[ \t]+)(?i:drawer|bin|caller|locked\s+bag)"
             r"[ \t]*#?[ \t]*\d{1,6}\b"), 61, needs=("drawer", "bin", "caller", "bag")),
    Rule("park_lot", "ADDRESS",
         _rx(rf"\b(?:(?:Lot|Space|Spc\.?|Site|Pad|Unit|Trailer|Tr\.?|No\.?|#)[ \t]*#?[ \t]*\d{{1,4}}[A-Z]?,?[ \t]+"
             rf"(?:(?i:at|in)[ \t]+)?(?:the[ \t]+)?)?{_NAME_RUN}{_PARK_KIND}\b"), 60,
         needs=("mobile", "manufactured", "trailer", "motor home", "caravan", "rv ")),
    Rule("zip_before_word", "LOCATION",
         _rx(r"(?P<phi>\d(?<![\w.,/-]\d)\d{4}(?:-\d{4})?)[ \t]+"
             r"(?:ZIP|Zip|(?i:zip[ \t]*codes?|zipcodes?|postal[ \t]+codes?))\b"),
         56, needs=("zip", "postal")),
    Rule("city_caps_state_zip", "LOCATION",
         _rx(r"\b(?P<phi>[A-Z][A-Z'’.-]+(?:[ \t][A-Z][A-Z'’.-]+){0,3}),?[ \t]+"
             + _STATES + r"[ \t]+\d{5}(?:-\d{4})?\b"),
         55, scan=False),
    Rule("neighborhood", "LOCATION",
         _rx(rf"\b(?i:the)[ \t]+(?P<phi>[{_UP}][{_LO}'’]+(?:[ \t]+[{_UP}][{_LO}'’]+){{0,2}})[ \t]+"
             r"(?=(?i:neighbou?rhood|subdivision|"
             r"housing\s+(?:project|development)|projects|section\s+of\s+town|part\s+of\s+town|side\s+of\s+town)\b)"),
         50, scan=False, needs=("neighbo", "subdivision", "housing", "projects", "of town")),
)
