"""Romanization of the v7 held-out names (`deid_heldout7.py`): held out like them, never tune on it.

Faker writes the v7 locales' names in Arabic, Persian, Hebrew, Thai and Sinhala script. A US note spells such
names in Latin letters, by ear, with the vowels the script leaves out. anyascii alone gives skeletons
("Mhmd"), so each script gets its own spelling:
- Arabic and Persian (abjads): letters in the English ("ALA-LC without diacritics") spelling, "ou" and
  "dj"/"ch" for Algeria's French habit; long vowels from alif, waw and ya where they stand between
  consonants; a short vowel inserted where Arabic syllables need one (no initial cluster, no three
  consonants in a row, no final cluster; Algeria's "e" before the last consonant), so "hsn" is "Hasan"
  and "jʕfr" "Jafar"; the article and kin particles as US records write them ("al-", "bin", "Ben", "Abu",
  "Abdul"/"Abdel").
- Hebrew (abjad with vowel letters): vav and yod as o/i between consonants and v/y elsewhere, begadkefat
  letters soft after a vowel (v, kh, f), "tz" and "ch", and "e" inserted where the vowel is unwritten.
- Thai (abugida with vowels written before, above and after the consonant): the Royal Thai General System
  as passports use it, without tone marks: initial and final values of each letter, silenced letters
  dropped, the unwritten "o" of closed and "a" of open syllables ("Somchai", "Phonchanok").
- Sinhala (abugida): each consonant's inherent "a" spelled unless a vowel sign or the al-lakuna follows,
  "w" for va, "ch" for ca, and the endings as Sri Lankan English writes them ("-singhe", "-ratne",
  "-nayake").
A short table holds the names whose customary English spelling no rule gives ("Mohammed", "Cohen").
"""

from __future__ import annotations

import re
import unicodedata

ARABIC = ("ar_AA", "ar_DZ", "ar_PS", "ar_SA")
_AR = {"ب": "b", "ت": "t", "ث": "th", "ج": "j", "ح": "h", "خ": "kh", "د": "d", "ذ": "dh", "ر": "r", "ز": "z",
       "س": "s", "ش": "sh", "ص": "s", "ض": "d", "ط": "t", "ظ": "z", "ع": "'", "غ": "gh", "ف": "f", "ق": "q",
       "ك": "k", "ل": "l", "م": "m", "ن": "n", "ه": "h", "ء": "'", "ؤ": "'", "ئ": "'", "پ": "p", "چ": "ch",
       "ژ": "zh", "گ": "g", "ک": "k"}
_DZ = {"ج": "dj", "ش": "ch", "ق": "k", "خ": "kh"}
_FA = {"ذ": "z", "ض": "z", "ظ": "z", "ث": "s", "ص": "s", "ح": "h", "ق": "gh", "ط": "t", "و": "v"}
_LONG = {"ا": "a", "آ": "a", "ى": "a", "أ": "a", "إ": "i"}
_WAW, _YA = frozenset("و"), frozenset("يی")
_MARKS = {"\u064e": "a", "\u0650": "i", "\u064f": "u"}  # fatha, kasra, damma when Faker writes them
_CUSTOM = {  # customary English spellings no rule produces
    "محمد": "Mohammed", "أحمد": "Ahmed", "محمود": "Mahmoud", "عمر": "Omar", "عثمان": "Othman", "حسين": "Hussein",
    "يوسف": "Youssef", "مصطفى": "Mustafa", "إبراهيم": "Ibrahim", "الله": "Allah", "الرحمن": "Rahman",
    "כהן": "Cohen", "לוי": "Levi", "משה": "Moshe", "יעקב": "Yaakov", "יוסף": "Yosef", "דוד": "David",
    "ප්‍රනාන්දු": "Fernando", "පෙරේරා": "Perera", "සිල්වා": "Silva", "මෙන්ඩිස්": "Mendis", "අල්විස්": "Alwis",
    "אברהם": "Avraham", "יצחק": "Yitzhak", "שלמה": "Shlomo", "מזרחי": "Mizrahi", "פרץ": "Peretz",
}


def _abjad_word(word: str, loc: str) -> str:
    """One Arabic-script word in Latin letters, with the short vowels a US note would hear."""
    bare = re.sub("[\u064b-\u0652]", "", word)
    if bare in _CUSTOM:
        return _CUSTOM[bare]
    if word.startswith("محمد") and len(word) > 4:  # Mohammadi, Mohammadpour
        rest = word[4:]
        return "Mohammad" + ("i" if rest in _YA else _abjad_word(rest, loc).lower())
    persian, dz = loc == "fa_IR", loc == "ar_DZ"
    table = {**_AR, **(_FA if persian else {}), **(_DZ if dz else {})}
    chars = [c for c in unicodedata.normalize("NFC", word) if c not in "\u0652\u064b\u064c\u064d\u0640"]
    units: list[list[str]] = []  # [kind, latin]: C consonant, V vowel, W/Y semivowel to resolve
    for i, c in enumerate(chars):
        if c == "\u0651" and units and units[-1][0] in "CWY":  # shadda doubles the consonant
            if units[-1][0] != "C":
                units[-1] = ["C", "y" if units[-1][0] == "Y" else ("v" if persian else "w")]
            units.append(["G", units[-1][1]])
        elif c in _MARKS:
            units.append(["V", _MARKS[c]])
        elif c == "ة":
            units.append(["V", "a" if not persian else "eh"])
        elif c in _LONG:
            units.append(["V", "a" if i else ("A" if c != "إ" else "I")])
        elif c in _WAW:
            units.append(["W", ""])
        elif c in _YA:
            units.append(["Y", ""])
        elif c == "ه" and i == len(chars) - 1 and i and persian:
            units.append(["V", "eh"])
        elif c in table:
            units.append(["C", table[c]])
    if len(units) > 1 and units[0][0] == "C" and units[1][0] == "G":  # "al-Din": the article's assimilation
        del units[1]
    for i, u in enumerate(units):  # a semivowel is a long vowel between consonants, else a consonant
        if u[0] not in "WY":
            continue
        prev = units[i - 1][0] if i else None
        nxt = units[i + 1][0] if i + 1 < len(units) else None
        long_vowel = prev in ("C", "G") and nxt in (None, "C", "G", "W", "Y")
        if u[0] == "Y" and i == 1 and units[0][1] == "I":  # "إي": the initial long i ("Iman")
            u[:] = ["V", ""]
            continue
        if u[0] == "W":
            u[:] = ["V", "ou" if (dz or persian) else "u"] if long_vowel else ["C", "v" if persian else "w"]
        else:
            u[:] = ["V", "i"] if long_vowel else ["C", "y"]
    out: list[str] = []
    kinds: list[str] = []
    seen_vowel = False
    short = "a"
    for i, (kind, latin) in enumerate(units):
        geminate_next = i + 1 < len(units) and units[i + 1][0] == "G"
        if kind == "G":  # the second half of a doubled consonant: never split from the first
            kind = "C"
        elif kind == "C" and kinds and kinds[-1] == "C":
            cluster = ((not seen_vowel) or (len(kinds) > 1 and kinds[-2] == "C") or i == len(units) - 1
                       or geminate_next)
            if cluster:
                last_syllable = dz and i == len(units) - 1
                out.append("e" if last_syllable else short)
                kinds.append("V")
                seen_vowel = True
        out.append(latin)
        kinds.append(kind)
        seen_vowel = seen_vowel or kind == "V"
    text = re.sub(r"'+", "'", "".join(out)).replace("'", "")
    text = re.sub(r"([aeiou])\1\1+", r"\1\1", text)
    return text[:1].upper() + text[1:] if text else ""


def _abjad_name(value: str, loc: str) -> str:
    """A whole Arabic/Persian name: the article, 'son of', 'father of' and 'servant of' as records write them."""
    words = unicodedata.normalize("NFC", value).split()
    out: list[str] = []
    i = 0
    while i < len(words):
        w = words[i]
        if w in ("بن", "ابن"):
            out.append("Ben" if loc == "ar_DZ" else ("bin" if w == "بن" else "ibn"))
        elif w == "أبو":
            out.append("Abu" if loc != "ar_DZ" else "Bou")
        elif w == "آل":
            out.append("Al")
        elif w == "عبد" and i + 1 < len(words) and words[i + 1].startswith("ال"):
            stem = _abjad_word(words[i + 1][2:], loc)
            out.append(("Abdel" if loc == "ar_DZ" else "Abdul") + stem.lower())
            i += 1
        elif w.startswith(("عبدال", "ابوال", "أبوال")) and len(w) > 5 and w not in _CUSTOM:  # written as one word
            stem = _CUSTOM.get("ال" + w[5:]) or _abjad_word(w[5:], loc)
            head = ("Abdel" if loc == "ar_DZ" else "Abdol" if loc == "fa_IR" else "Abdul") if w[0] == "ع" else (
                "Abol" if loc == "fa_IR" else "Abul")
            out.append(head + stem.lower())
        elif w.startswith("ال") and len(w) > 3 and w not in _CUSTOM:
            stem = _abjad_word(w[2:], loc)
            out.append(("El" if loc == "ar_DZ" else "al") + "-" + stem)
        else:
            out.append(_abjad_word(w, loc))
        i += 1
    return " ".join(p for p in out if p)


_HE = {"ב": "b", "ג": "g", "ד": "d", "ה": "h", "ז": "z", "ח": "ch", "ט": "t", "כ": "k", "ך": "kh", "ל": "l",
       "מ": "m", "ם": "m", "נ": "n", "ן": "n", "ס": "s", "ע": "", "פ": "p", "ף": "f", "צ": "tz", "ץ": "tz",
       "ק": "k", "ר": "r", "ש": "sh", "ת": "t", "א": ""}
_SOFT = {"b": "v", "k": "kh", "p": "f"}


def _hebrew_word(word: str) -> str:
    """One Hebrew word in Latin letters, the way Israeli passports and US notes spell names."""
    if word in _CUSTOM:
        return _CUSTOM[word]
    w = word.replace("\u05f3", "").replace("'", "")
    units: list[list[str]] = []
    i = 0
    while i < len(w):
        c, nxt = w[i], w[i + 1] if i + 1 < len(w) else ""
        if c == "ו" and nxt == "ו":
            units.append(["C", "v"])
            i += 2
            continue
        if c == "י" and nxt == "י":
            units.append(["V", "ai"] if units and units[-1][0] == "C" else ["C", "y"])
            i += 2
            continue
        if c in "וי":
            prev = units[-1][0] if units else None
            vowel = prev in ("C", "A") and i > 0
            units.append(["V", ("o" if c == "ו" else "i")] if vowel else ["C", "v" if c == "ו" else "y"])
        elif c == "א":
            units.append(["A", ""])  # aleph: a vowel carrier
        elif c == "ה" and i == len(w) - 1 and i:
            units.append(["V", "a"])
        elif c in _HE:
            units.append(["C", _HE[c] or "'"])
        i += 1
    out: list[str] = []
    kinds: list[str] = []
    for j, (kind, latin) in enumerate(units):
        if kind == "A":
            if j + 1 < len(units) and units[j + 1][0] == "V":
                continue
            kind, latin = "V", "a" if j == 0 else "e"
        if kind == "C":
            if kinds and kinds[-1] == "V" and latin in _SOFT:
                latin = _SOFT[latin]
            final_cluster = bool(out) and j == len(units) - 1 and (out[-1] + latin) not in _HE_FINAL_CLUSTERS
            if kinds and kinds[-1] == "C" and ("V" not in kinds or (len(kinds) > 1 and kinds[-2] == "C")
                                               or final_cluster):
                out.append("e")
                kinds.append("V")
        out.append(latin)
        kinds.append(kind)
    text = re.sub(r"e?m[e]?n$", "man", "".join(out)) if word.endswith("מן") and len(word) > 3 else "".join(out)
    text = text.replace("'", "")
    text = re.sub(r"e([aeiou])", r"\1", text)
    return text[:1].upper() + text[1:] if text else ""


_HE_FINAL_CLUSTERS = frozenset("rg rn ld nd rt lt st nk rk lk rd rz".split())


_SI_VOWEL_SIGN = {"\u0dcf": "a", "\u0dd0": "a", "\u0dd1": "a", "\u0dd2": "i", "\u0dd3": "i", "\u0dd4": "u",
                  "\u0dd6": "u", "\u0dd8": "ru", "\u0dd9": "e", "\u0dda": "e", "\u0ddb": "ai", "\u0ddc": "o",
                  "\u0ddd": "o", "\u0dde": "au", "\u0ddf": "lu", "\u0df2": "ru"}
_SI_VOWEL = {"අ": "a", "ආ": "a", "ඇ": "a", "ඈ": "a", "ඉ": "i", "ඊ": "i", "උ": "u", "ඌ": "u", "එ": "e", "ඒ": "e",
             "ඓ": "ai", "ඔ": "o", "ඕ": "o", "ඖ": "au"}
_SI_CONS = {"ව": "w", "ච": "ch", "ඡ": "chh", "ශ": "sh", "ෂ": "sh", "ඥ": "gn", "ඤ": "ny", "ඞ": "n"}
_SI_ENDINGS = ((r"nha$", "nghe"), (r"tna$", "tne"), (r"yaka$", "yake"), (r"lwa", "lva"))


def _sinhala_word(word: str) -> str:
    from anyascii import anyascii

    if word in _CUSTOM:
        return _CUSTOM[word]

    out: list[str] = []
    chars = list(word)
    for i, c in enumerate(chars):
        nxt = chars[i + 1] if i + 1 < len(chars) else ""
        if c in _SI_VOWEL:
            out.append(_SI_VOWEL[c])
        elif c in _SI_VOWEL_SIGN:
            out.append(_SI_VOWEL_SIGN[c])
        elif c == "\u0dca" or c in "\u200d\u200c":
            continue
        elif c == "\u0d82":
            out.append("n")
        elif c == "\u0d83":
            out.append("h")
        elif "SINHALA LETTER" in unicodedata.name(c, ""):
            out.append(_SI_CONS.get(c) or anyascii(c).lower())
            if nxt not in _SI_VOWEL_SIGN and nxt != "\u0dca":
                out.append("a")
    text = "".join(out)
    for pat, rep in _SI_ENDINGS:
        text = re.sub(pat, rep, text)
    return text[:1].upper() + text[1:] if text else ""


def roman(value: str, loc: str) -> str:
    """A Faker name of locale `loc` in Latin letters, spelled as a US note writes it (see module doc)."""
    value = unicodedata.normalize("NFC", value)
    if loc in ARABIC or loc == "fa_IR":
        return _abjad_name(value, loc)
    if loc == "he_IL":
        return " ".join(_hebrew_word(w) for w in value.replace("-", " ").split())
    if loc == "si_LK":
        return " ".join(_sinhala_word(w) for w in value.split())
    if loc == "th_TH":
        return " ".join(_thai_word(w) for w in value.split())
    return value


_TH_INITIAL = dict(zip("กขฃคฅฆงจฉชซฌญฎฏฐฑฒณดตถทธนบปผฝพฟภมยรลวศษสหฬอฮ",
                       ("k kh kh kh kh kh ng ch ch ch s ch y d t th th th n d t th th th n b p ph f ph f ph m y r l w "
                        "s s s h l - h").split(), strict=True))
_TH_FINAL = dict(zip("กขฃคฅฆงจฉชซฌญฎฏฐฑฒณดตถทธนบปผฝพฟภมยรลวศษสฬ",
                     "k k k k k k ng t t t t t n t t t t t n t t t t t n p p p p p p p m i n n o t t t n".split(),
                     strict=True))
_TH_POST = "ะัาำิีึืุู็"
_TH_PRE = "เแโใไ"
_TH_SONORANT = "งญนมยรลว"


def _thai_clean(word: str) -> str:
    """Drop tone marks, and each letter the thanthakhat silences (with its vowel sign; "ทร์" as one)."""
    w = re.sub("[\u0e48-\u0e4b]", "", word)
    while "\u0e4c" in w:
        i = w.index("\u0e4c")
        j = i - 1
        while j > 0 and w[j] in "ิุ":
            j -= 1
        if j > 0 and w[j] == "ร" and w[j - 1] in _TH_INITIAL:
            j -= 1
        w = w[:j] + w[i + 1:]
    return w


def _thai_word(word: str) -> str:
    """One Thai word in the Royal Thai General System without tone or length marks, as Thai names are spelled
    in passports ("Somchai", "Thanaprathip"): initial and final values of each letter, preposed vowels, the
    unwritten "o" of closed and "a" of open syllables."""
    w = _thai_clean(word)
    out: list[str] = []
    i, n = 0, len(w)

    def is_cons(k):
        return k < n and w[k] in _TH_INITIAL

    def starts_syllable(k):
        """True when the consonant at k opens a syllable (a following vowel sign, or no room to close one)."""
        if not is_cons(k) or k + 1 >= n:
            return False
        nxt = w[k + 1]
        return (nxt in _TH_POST or (nxt == "อ" and k + 2 < n) or w[k + 1:k + 3] == "รร"
                or (k + 2 == n and is_cons(k + 1)))

    while i < n:
        pre = ""
        if w[i] in "ฤฦ":
            out.append("rue" if w[i] == "ฤ" else "lue")
            i += 1
            continue
        if w[i] in _TH_PRE:
            pre, i = w[i], i + 1
        if not is_cons(i):
            i += 1
            continue
        c = w[i]
        if c == "ห" and i + 1 < n and w[i + 1] in _TH_SONORANT:
            i += 1
            c = w[i]
        onset = _TH_INITIAL[c].replace("-", "")
        i += 1
        if i < n and w[i] in "รลว" and c in "กขคตปผพ" and i + 1 < n and (w[i + 1] in _TH_POST or pre):
            onset += _TH_INITIAL[w[i]]
            i += 1
        vowel = ""
        if pre:
            rest = w[i:]
            if pre == "เ":
                for seq, v in (("ือ", "uea"), ("ีย", "ia"), ("า", "ao"), ("อ", "oe"), ("ะ", "e"), ("็", "e")):
                    if rest.startswith(seq):
                        vowel, i = v, i + len(seq)
                        break
                else:
                    vowel = "e"
            elif pre == "แ":
                vowel = "ae"
                i += rest[:1] in ("ะ", "็")
            elif pre == "โ":
                vowel = "o"
                i += rest[:1] == "ะ"
            else:
                vowel = "ai"
        elif i < n and w[i] in _TH_POST:
            s = w[i]
            if s == "ั" and i + 1 < n and w[i + 1] == "ว":
                vowel, i = "ua", i + 2
            elif s == "ื" and i + 1 < n and w[i + 1] == "อ":
                vowel, i = "ue", i + 2
            else:
                vowel = {"ะ": "a", "ั": "a", "า": "a", "ำ": "am", "ิ": "i", "ี": "i", "ึ": "ue", "ื": "ue", "ุ": "u",
                         "ู": "u", "็": "e"}[s]
                i += 1
        elif i + 1 < n and w[i] == "ว" and is_cons(i + 1):
            vowel, i = "ua", i + 1
        elif i < n and w[i] == "อ" and (i + 1 == n or is_cons(i + 1)):
            vowel, i = "o", i + 1
        elif i + 1 < n and w[i] == "ร" and w[i + 1] == "ร":
            vowel, i = "a", i + 2
            if is_cons(i) and not starts_syllable(i):
                out.append(onset + vowel + _TH_FINAL.get(w[i], ""))
                i += 1
                continue
            out.append(onset + vowel + "n")
            continue
        else:
            closes = is_cons(i) and not starts_syllable(i)
            vowel = "o" if closes else "a"
            if closes and w[i] == "ร" and onset and i + 1 == n:
                out.append(onset + "on")
                i += 1
                continue
        coda = ""
        if vowel != "am" and is_cons(i) and not starts_syllable(i):
            coda = _TH_FINAL.get(w[i], "")
            i += 1
            if vowel in ("ai", "ao"):
                coda = ""
        out.append(onset + vowel + coda)
    text = "".join(out).replace("ii", "i")
    return text[:1].upper() + text[1:] if text else ""
