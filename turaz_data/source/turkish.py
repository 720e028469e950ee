"""Turkish date and number expressions, as the article prints them.

Standard library only.  :func:`find_dates` and :func:`find_numbers` return every date and
number expression of a text with its character offsets, its meaning (an EDTF date with
calendar bounds; a :class:`decimal.Decimal` value with a qualifier) and what it was
printed as.  The verifier (:mod:`turaz_data.source.verify`) compares a claim row's values
with the expressions found in the passage the row cites.

Both functions are driven by small tables (month names, number words, period parts,
relation words, hedges); the rules are below and beside each table.

What is not read at all (masked before matching; offsets are kept)
-------------------------------------------------------------------
* **URLs** (``https://...``, ``www....``) up to the next white space.
* **Quoted titles**: text between “ ”, « », "" or ‘ ’ (a ’ followed by a letter is an
  apostrophe, not a closing quote).  Years and numbers in titles ("Kafkas Kartalı 2012",
  "Trends in International Arms Transfers 2020") are names, not statements.
* **Citation apparatus** of footnotes: page references (``s. 7``, ``ss. 59-61``),
  volume:issue (``23:4``), access dates (``erişim 21.07.2023``), English dates
  (``March 2021``, ``30 April 2021``), Azerbaijani dates (``20 Yanvar``), a volume
  before a publication year (``, 21, 2016,``) and a publication year standing between
  commas before a page reference, an access date, a URL or the end of the text
  (``Ankara, 2011, s. 33``).
* **Idioms** of number words that state no number (:data:`IDIOMS`: ``yüz yüze`` face to
  face, ``dört bir yan`` all around, ``bir iki`` / ``iki üç`` a vague few).
* A number standing between a quoted title and a comma (``“...”, 27133, Karar Sayısı``).
* **Figure references**: ``Grafik 1``, ``Tablo 2``, ``Şekil 3``, ``Harita 4``.
* **Footnote markers and designations**: digits glued to a preceding letter, to
  punctuation that follows a word (``katılmıştır.2``), or to a hyphen after a letter
  (``TB2``, ``F-16``, ``T-72``, ``SS-26``) are no numbers.

Dates (:func:`find_dates`)
--------------------------
Matching is case-insensitive (Turkish dotted/dotless i).  Month names: :data:`MONTHS`.
A month name alone (``Kasım`` is also a first name, ``ocak`` a hearth) is never a date:
it needs a day before it, a year after it, or the word ``ay`` (month) after it.

=================================================  =====================================
printed                                            EDTF
=================================================  =====================================
``15 Eylül 1918``, ``15.09.1918``                  ``1918-09-15``
``Ocak 1992'de``, ``1992 yılı Ocak ayında``        ``1992-01``
``4-5 Mayıs 1994``                                 ``1994-05-04/1994-05-05``
``27 Eylül-10 Kasım 2020``                         ``2020-09-27/2020-11-10``
``Mayıs-Haziran 1994``                             ``1994-05/1994-06``
``1992``, ``1992 yılında``, ``1992'de``            ``1992``
``1999-2015 yılları arasında``, ``1999 ile 2008``  ``1999/2015``, ``1999/2008``
``1990’dan 2000’e kadar``                          ``1990/2000``
``90'lı yıllar``, ``1990'lar``, ``2000'li yıllar``  ``199X``, ``199X``, ``200X``
=================================================  =====================================

* **Years** are four digits 1800-2099 not glued to other digits, letters or points, except
  after a hedge or ``yüzde``/``%`` or before a scale word or ``kat`` (``yaklaşık 2000
  asker``, ``1900 milyon``: numbers).  A count printed as a bare four-digit number in that
  range without such a word (``2000 asker``) is read as a year.  A year range needs its
  second year after the first (``1992-93`` reads ``1992/1993``); ``1999 ile 2008`` is a
  range only when a ``yıl...`` word follows.  ``2019 ve 2020`` are two dates.
* **Decades**: a number ending in 0 with ``'lı/'li/'lu/'lü/'lar/'ler`` and suffixes; a
  two-digit one with ``'lı`` needs a ``yıl...`` word after it (``50'li yaşlarında`` is an
  age).  Two digits are read in the 1900s from 20 to 90 (``90'lı yıllar`` = 1990-1999)
  and in the 2000s for ``00`` and ``10`` (``10'lu yıllar`` = 2010-2019).  ``2000'li
  yıllar`` is the decade 2000-2009.
* **Parts of a period** (:data:`PARTS`), after a year or a decade: ``ilk yarısı`` /
  ``ikinci yarısı`` (first / second half: decade years 0-4 / 5-9, months 1-6 / 7-12),
  ``başı`` (beginning: years 0-3, months 1-3), ``ortası`` (middle: years 4-6, months
  5-8), ``sonu`` (end: years 7-9, months 10-12), ``ilk ayları`` / ``son ayları`` (first /
  last months: 1-3 / 10-12).  Halves are exact (``2012 yılının ikinci yarısında`` =
  ``2012-07/2012-12``, ``90'lı yılların ikinci yarısında`` = ``1995/1999``); beginning,
  middle, end and first/last months are approximate, marked ``~`` on both ends
  (``1990'ların ortaları`` = ``1994~/1996~``, ``1980'lerin sonunda`` = ``1987~/1989~``);
  their bounds are those of the unmarked interval.
* **Relations** (:data:`RELATIONS`) after the expression: ``itibaren`` / ``bu yana`` /
  ``beri`` (from ... on) and ``birlikte`` (with, i.e. starting with: ``2000'li yıllarla
  birlikte``) give an interval open at the end (``2014 yılından itibaren`` = ``2014/..``,
  ``200X/..``; upper bound None); ``kadar`` (until) one open at the start (``2009
  yılına kadar`` = ``../2009``); ``sonra`` (after) starts at the next period of the same
  precision (``2007 yılından sonra`` = ``2008/..``, also ``sonrası``/``sonrasında``);
  ``önce``/``öncesi``/``öncesinde`` (before) ends at the previous one (``../2006``).
  ``arasında``, ``boyunca`` and ``itibarıyla`` (as of) change nothing.
* **Hedged dates** (:data:`DATE_HEDGES`): ``yaklaşık``/``tahminen``/``takriben`` before or
  ``civarında``/``civarı``/``dolaylarında``/``sıralarında`` (and their ablatives) after a
  date make it approximate, ``~`` on each end (``yaklaşık 1995 yılında`` = ``1995~``,
  ``1990'ların ortaları civarında`` = ``1994~/1996~``); the bounds stay those of the
  unmarked date.  A bare four-digit number after ``yaklaşık`` is a count, not a year
  (above): the year needs a suffix or a ``yıl`` word to be a date there (``yaklaşık
  1995'te``).
* **The expression's text** runs from its first digit or letter to the end of the last
  word read: apostrophe suffixes, ``yıl...``/``ay...`` words, the part and the relation
  (``2012 yılının ikinci yarısında``, ``1990'ların ortalarından itibaren``); ``tarihinde``
  and ``tarihli`` are not part of it.
* **Expressions without a year** (``5-8 Haziran``, ``19 Ocak'ta``, ``10 Kasım``, ``Haziran
  ayında``, ``Ekim ayı içerisinde``) are returned only when a year is supplied, and then
  carry ``year_from_context=True``.  The year is ``year=`` when given.  With
  ``infer_year=True`` it is instead the year printed by the nearest date expression
  *before it in the same text* that prints one (the paragraph's running year: after
  ``Nisan 1993'te``, ``Haziran ayında`` is June 1993; a range gives its last year, as
  printed before any part or relation, and a decade gives none); ``year=`` is then the
  fallback for an expression that no printed year precedes.  A day range running
  backwards across the new year (``28 Aralık-3 Ocak 2020``) starts in the previous year.

Numbers (:func:`find_numbers`)
------------------------------
* **Digits** use the Turkish decimal comma and thousands point: ``1.500`` = 1500,
  ``4,8`` = 4.8, ``1.250,5`` = 1250.5.  A point not followed by exactly three digits is no
  thousands point (``21.07.2023`` is no number); a number glued to ``-`` and another number
  (a range other than a date) is not read.  Four-digit integers 1800-2099 are years
  (dates, see above), not numbers; date expressions are never read as numbers (``15`` in
  ``15 Eylül 1918``).
* **Words** (:data:`NUMBER_WORDS`): ``bir`` ... ``dokuz``, ``on`` ... ``doksan``, ``yüz``,
  ``bin``, ``milyon``, ``milyar``, ``trilyon``, ``sıfır``, ``buçuk`` (and a half) and
  ``yarım`` (half: ``yarım milyon`` = 500000; alone 0.5, a fraction), combined
  as Turkish does (``iki yüz elli`` = 250, ``bin dokuz yüz`` = 1900) and with digits
  (``3 milyon``, ``1,85 milyar`` = 1850000000, ``77 milyon 167 bin`` = 77167000).  Words
  not in Turkish order start a new number.  Case and possessive suffixes are read on the
  last word only when they follow Turkish vowel harmony (``bine``, ``seksenini``,
  ``yirmisinin``; not ``bina``, ``beşik``, ``ikindi``); ``altı`` (six / under), ``on``
  (ten / him) and ``yüz`` (hundred / face, ``yüzde``) take no suffix without an
  apostrophe.  Digits take suffixes after an apostrophe (``130'dan``, ``5,4’ü’nü``).
* **"bir"** alone is the indefinite article ("a"), no number: ``bir`` counts only inside a
  number (``bir milyon``, ``yirmi bir``) or as an ordinal (``birinci``, ``bir numaralı``).
* **Ordinals**: digits followed by a point and a word (``5. Kolordu``, ``4. maddesi``,
  ``51. maddesinin``) and ordinal words (``birinci``, ``İkinci``, ``beşinci``,
  ``dördüncü``; with suffixes ``İkincisi``) set ``ordinal=True``, and so does a number
  followed by ``numaralı`` (``bir numaralı`` müttefik: the number-one ally).
* **Percent**: ``yüzde N`` and ``%N`` set ``percent=True`` (``yüzde 5,4`` = 5.4).
* **Multiples**: ``N kat`` (``altı kat``, ``8,2 kat``) sets ``multiplier=True``.
* **Fractions**: ``yarısı`` (half, any case) is 0.5 and ``çeyreği`` (quarter) 0.25, with
  ``fraction=True``; a half of a period (``ikinci yarısında``) is part of a date.
* **Qualifiers** (hedges, :data:`PREFIX_HEDGES` and :data:`SUFFIX_HEDGES`): before the
  number (and before ``yüzde``) ``yaklaşık (olarak)``, ``tahminen``, ``takriben`` (about), ``en
  az``, ``en azından`` (at_least), ``neredeyse``, ``hemen hemen`` (nearly), ``en fazla``,
  ``en çok`` (up_to); after it, depending on the case of the number (or of a currency
  word after it, ``1 milyar doları aşan``): ablative + ``(daha) fazla``/``çok`` (more_than,
  ``130'dan fazla``), ablative + ``(daha) az`` (less_than), dative + ``yakın`` (nearly,
  ``iki bine yakın``), dative + ``kadar``/``varan`` (up_to), a bare number + ``kadar``
  (about), ``civarında``/``dolayında`` (about), accusative + ``aşkın``/``aşan``/``geçen``/
  ``geçkin`` (more_than, ``100'ü aşkın``), ``eşiğini aş...`` (more_than),
  genitive + ``üzerinde``/``üstünde`` (more_than), genitive + ``altında`` (less_than).
  ``8,2 kat daha fazla`` is a multiple, not a hedge.  Otherwise ``exact``.

Not read (on purpose or not yet)
--------------------------------
``ilk`` (first), ``birincil`` (primary), ``ikili``/``üçlü`` (bilateral/trilateral),
``birçok``/``birkaç`` (several), ``yüzlerce``/``binlerce`` (hundreds/thousands of), number
ranges other than dates (``3-4 bin``: nothing, not ``bin``), Roman numerals (``XXI. Yüzyıl``), fractions other
than halves and quarters (``üçte biri``), centuries (``19. yüzyıl`` is the ordinal 19, no
date), seasons (``1992 yazında`` is the year 1992), relative dates (``bir yıl sonra``,
``aynı yıl``), and English or Azerbaijani number words.  A bare four-digit count between
1800 and 2099 is read as a year (above); an English "on" in a footnote would read as ten.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Context, Decimal, InvalidOperation, localcontext

__all__ = [
    "DATE_HEDGES",
    "IDIOMS",
    "MONTHS",
    "NUMBER_WORDS",
    "PARTS",
    "PREFIX_HEDGES",
    "QUALIFIER_CODES",
    "RELATIONS",
    "SUFFIX_HEDGES",
    "DateExpr",
    "NumberExpr",
    "find_dates",
    "find_numbers",
    "parse_date",
    "parse_number",
    "turkish_lower",
    "turkish_number_words",
]

# --------------------------------------------------------------------------- tables

#: Turkish month names, lower case, in calendar order.
MONTHS: tuple[str, ...] = (
    "ocak", "şubat", "mart", "nisan", "mayıs", "haziran",
    "temmuz", "ağustos", "eylül", "ekim", "kasım", "aralık",
)  # fmt: skip

#: Parts of a period: name -> (decade years, months of a year, approximate).  ``None``:
#: the part does not apply to a decade.  The allowed suffixes of each part word follow.
PARTS: dict[str, tuple[tuple[int, int] | None, tuple[int, int], bool]] = {
    "ilk yarı": ((0, 4), (1, 6), False),
    "ikinci yarı": ((5, 9), (7, 12), False),
    "baş": ((0, 3), (1, 3), True),
    "orta": ((4, 6), (5, 8), True),
    "son": ((7, 9), (10, 12), True),
    "ilk ay": (None, (1, 3), True),
    "son ay": (None, (10, 12), True),
}
_CASES = ("", "na", "nda", "ndan")  # after a possessive: bare, dative, locative, ablative
_PART_SUFFIXES: dict[str, tuple[str, ...]] = {
    "ilk yarı": tuple("sı" + c for c in _CASES),
    "ikinci yarı": tuple("sı" + c for c in _CASES),
    "baş": tuple(p + c for p in ("ı", "ları", "langıcı") for c in _CASES),
    "orta": tuple(p + c for p in ("sı", "ları") for c in _CASES),
    "son": tuple(p + c for p in ("u", "ları") for c in _CASES),
    "ilk ay": ("lar", *("ları" + c for c in _CASES)),
    "son ay": ("lar", *("ları" + c for c in _CASES)),
}

#: Words after a date expression: word -> relation.  ``from``: open end; ``until``: open
#: start; ``after``/``before``: the next/previous period, open; ``none``: no change.
RELATIONS: dict[str, str] = {
    "itibaren": "from",
    "bu yana": "from",
    "beri": "from",
    "birlikte": "from",
    "kadar": "until",
    "sonra": "after",
    "önce": "before",
    "sonrası": "after",
    "sonrasında": "after",
    "öncesi": "before",
    "öncesinde": "before",
    "arasında": "none",
    "boyunca": "none",
    "itibarıyla": "none",
    "itibariyle": "none",
}

#: The qualifier codes a number can carry (the ``qualifiers`` vocabulary's codes).
QUALIFIER_CODES: tuple[str, ...] = ("exact", "about", "at_least", "more_than", "nearly", "less_than", "up_to")

#: Hedges before a number (or before ``yüzde``): phrase -> qualifier.
PREFIX_HEDGES: dict[str, str] = {
    "yaklaşık": "about",
    "yaklaşık olarak": "about",
    "tahminen": "about",
    "takriben": "about",
    "en az": "at_least",
    "en azından": "at_least",
    "neredeyse": "nearly",
    "hemen hemen": "nearly",
    "en fazla": "up_to",
    "en çok": "up_to",
}

#: Hedges after a number: (case of the number or its currency word, following word(s)
#: as a regular expression) -> qualifier.  Cases: ``abl`` (-dan/-den/-tan/-ten), ``dat``
#: (-a/-e/-ya/-ye/-na/-ne), ``gen`` (-ın/-in/-un/-ün), ``acc`` (-ı/-i/-u/-ü), ``bare`` (no
#: suffix), ``any``.
SUFFIX_HEDGES: tuple[tuple[str, str, str], ...] = (
    ("abl", r"(?:daha\s+)?(?:fazla|çok)", "more_than"),
    ("abl", r"(?:daha\s+)?az", "less_than"),
    ("dat", r"yakın", "nearly"),
    ("dat", r"kadar|varan", "up_to"),
    ("bare", r"kadar", "about"),
    ("any", r"civarında|civarı|dolayında|dolaylarında", "about"),
    ("acc", r"aşkın|aşan|geçen|geçkin", "more_than"),
    ("any", r"eşiğini aş[a-zçğıöşü]*", "more_than"),
    ("gen", r"üzerinde|üstünde", "more_than"),
    ("gen", r"altında", "less_than"),
)

_UNITS = {"sıfır": 0, "bir": 1, "iki": 2, "üç": 3, "dört": 4, "beş": 5, "altı": 6, "yedi": 7, "sekiz": 8, "dokuz": 9}
_TENS = {"on": 10, "yirmi": 20, "otuz": 30, "kırk": 40, "elli": 50, "altmış": 60, "yetmiş": 70, "seksen": 80,
         "doksan": 90}  # fmt: skip
_SCALES = {"bin": 10**3, "milyon": 10**6, "milyar": 10**9, "trilyon": 10**12}
#: Every number word -> value (``buçuk`` is a half added to what precedes it).
NUMBER_WORDS: dict[str, Decimal] = {
    **{k: Decimal(v) for k, v in _UNITS.items()},
    **{k: Decimal(v) for k, v in _TENS.items()},
    "yüz": Decimal(100),
    **{k: Decimal(v) for k, v in _SCALES.items()},
    "buçuk": Decimal("0.5"),
    "yarım": Decimal("0.5"),
}
#: Words that take no suffix without an apostrophe (the suffixed forms are other words).
_NO_SUFFIX = frozenset({"altı", "on", "yüz", "bir"})
#: Stems a word takes before a vowel-initial suffix (consonant softening).
_SOFT_STEMS = {"dörd": "dört"}
_FRACTIONS = {"yarı": Decimal("0.5"), "çeyreğ": Decimal("0.25")}
_CURRENCY = r"(?:dolar|avro|euro|manat|lira|tl)"

# --------------------------------------------------------------------------- results


@dataclass(frozen=True)
class DateExpr:
    """A date expression found in a text (see the module docstring for the rules)."""

    start: int
    end: int  # character offsets in the text searched: text[start:end] == self.text
    text: str  # the expression as printed
    edtf: str  # EDTF level 0/1: '1918-09-15', '1999/2015', '199X', '2012-07/2012-12', '2014/..'
    lower: dt.date | None  # earliest day it can mean (None for an open start)
    upper: dt.date | None  # latest day it can mean (None for an open end)
    year_from_context: bool  # the year was not printed and came from `year=` / `infer_year`


@dataclass(frozen=True)
class NumberExpr:
    """A number expression found in a text (see the module docstring for the rules)."""

    start: int
    end: int
    text: str
    value: Decimal  # '1,85 milyar' -> 1850000000; 'yüzde 5,4' -> 5.4; 'altı' -> 6
    qualifier: str  # one of QUALIFIER_CODES
    percent: bool  # 'yüzde', '%'
    multiplier: bool  # 'altı kat' (sixfold)
    ordinal: bool  # '5. Kolordu', 'beşinci'
    fraction: bool = False  # 'yarısı' (0.5), 'çeyreği' (0.25)


# --------------------------------------------------------------------------- helpers

_LETTERS = "a-zçğıöşüâîû"
_APOS = "’'›‘ʼ"
_MASK = "\x00"


def turkish_lower(text: str) -> str:
    """Lower-case ``text`` the Turkish way (``İ`` -> ``i``, ``I`` -> ``ı``), same length.

    >>> turkish_lower("İkinci IRAK")
    'ikinci ırak'
    """
    out = text.replace("İ", "i").replace("I", "ı").lower()
    if len(out) != len(text):  # a character whose lower case is longer: keep offsets
        out = "".join(c if len(c.lower()) != 1 else c.lower() for c in text.replace("İ", "i").replace("I", "ı"))
    return out


#: Idioms made of number words that state no number (masked like titles).
IDIOMS: dict[str, str] = {
    "yüz yüze": "face to face",
    "dört bir yan": "all around",
    "bir iki": "one or two (a vague few)",
    "iki üç": "two or three (a vague few)",
}

_MASKS = [
    re.compile(r"(?:https?://|www\.)\S+?(?=[,;.]?(?:\s|$))"),
    re.compile(r"(?<!\w)(?:grafik|tablo|şekil|harita)\s+\d+"),
    re.compile(r"“[^”\n]*”|«[^»\n]*»|\"[^\"\n]*\"|‘[^‘’\n]*’(?![" + _LETTERS + r"])"),
    re.compile(r"erişim(?: tarihi)?:?\s*\d{1,2}[./]\d{1,2}[./]\d{4}"),
    re.compile(r"(?<![\w])ss?\.\s?\d+(?:\s?[-–]\s?\d+)?"),
    re.compile(r"(?<![\w.,])\d+:\d+(?!\d)"),
    re.compile(
        r"(?:\d{1,2} )?(?:january|february|march|april|may|june|july|august|september|october|november|december)"
        r" \d{4}"
    ),
    # an Azerbaijani date in a citation ("20 Yanvar"; Mart and May are spelled as in Turkish)
    re.compile(r"(?<![\w.,])\d{1,2} (?:yanvar|fevral|aprel|iyun|iyul|avqust|sentyabr|oktyabr|noyabr|dekabr)(?!\w)"),
    re.compile(r"(?<=, )\d{1,3}(?=, (?:1[89]|20)\d\d,)"),  # a volume before the year
    re.compile(r"(?<=[,\x00] )(?:1[89]|20)\d\d(?=,\s*(?:ss?\.|erişim|https?:|www\.|\x00)|\.?\s*$|;)"),
    re.compile(r"(?<![\w.,/])\d+/\d+(?![\w/])"),
    re.compile(r"(?<=\x00, )\d+(?=, )"),  # an issue or decision number after a quoted title
    re.compile(  # an idiom; its last word takes suffixes unless it is a number word
        r"(?<!\w)(?:"
        + "|".join(k + ("" if k.split()[-1] in NUMBER_WORDS else f"[{_LETTERS}]*") for k in IDIOMS)
        + r")(?!\w)"
    ),
]


def _prepare(text: str) -> str:
    """The text lower-cased (Turkish) with URLs, quoted titles and citation apparatus
    replaced by NUL characters (offsets unchanged)."""
    low = turkish_lower(text)
    chars = list(low)
    for rx in _MASKS:
        for m in rx.finditer(low):
            chars[m.start() : m.end()] = _MASK * (m.end() - m.start())
        low = "".join(chars)
    return low


def _harmony_ok(stem: str, suffix: str) -> bool:
    """Whether ``suffix``'s vowels agree in frontness with the last vowel of ``stem``."""
    front, back = set("eiöü"), set("aıou")
    last = next((c for c in reversed(stem) if c in front | back), None)
    vowels = [c for c in suffix if c in front | back]
    if last is None or not vowels:
        return not suffix or bool(vowels)
    group = front if last in front else back
    return all(v in group for v in vowels)


# A Turkish noun ending after a number word: plural, possessive, case (a small grammar).
_WORD_SUFFIX = re.compile(r"(?:l[ae]r)?(?:s?[ıiuü])?(?:n?[dt][ae]n?|n?[ıiuü]n|y?[ae]|n[ae]|y?[ıiuü]|n[ıiuü]|ki)?")


def _case(suffix: str) -> str:
    """The grammatical case a suffix ends in: abl, dat, gen, loc, acc or bare."""
    s = suffix.lstrip(_APOS).replace("’", "").replace("'", "").replace("›", "")
    if not s:
        return "bare"
    if re.search(r"[dt][ae]n$", s):
        return "abl"
    if re.search(r"[dt][ae]$", s):
        return "loc"
    if re.search(r"(?:^|[yn])[ae]$", s) or s in ("a", "e"):
        return "dat"
    if re.search(r"[ıiuü]n$", s):
        return "gen"
    if re.search(r"[ıiuü]$", s):
        return "acc"
    return "other"


#: Arithmetic on values: precise enough that no printed number is ever rounded.
_EXACT = Context(prec=1000)


def _canonical(d: Decimal) -> Decimal:
    """An integral value without exponent or trailing zeros; others normalised."""
    if d == d.to_integral_value():
        return Decimal(int(d))
    return d.normalize(_EXACT)


# --------------------------------------------------------------------------- dates

_M = "(?:" + "|".join(MONTHS) + ")"
_Y = r"(?:1[89]\d\d|20\d\d)"
_D = r"(?:3[01]|[12]\d|0?[1-9])"
_DASH = r"\s*[-–]\s*"
_LB = r"(?<![\w.,/:])(?<![\w]-)"  # digits not glued to a word, a point, a slash or a designation
_SUF = rf"(?:[{_APOS}][{_LETTERS}]+)*"
_END = r"(?![\w])"

_DATE_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (
        "dmy_range",
        re.compile(
            rf"{_LB}(?P<d1>{_D})(?:\s+(?P<m1>{_M})(?:\s+(?P<y1>{_Y}))?)?{_DASH}(?P<d2>{_D})\s+(?P<m2>{_M})"
            rf"(?:\s+(?P<y2>{_Y}))?{_END}"
        ),
    ),
    ("dmy", re.compile(rf"{_LB}(?P<d1>{_D})\s+(?P<m1>{_M})(?:\s+(?P<y1>{_Y}))?{_END}")),
    (
        "num_date",
        re.compile(rf"{_LB}(?P<d1>{_D})\.(?P<mn>0?[1-9]|1[0-2])\.(?P<y1>{_Y}){_END}"),
    ),
    (
        "ym",
        re.compile(rf"{_LB}(?P<y1>{_Y})\s+yılı(?:nın)?\s+(?P<m1>{_M})(?:\s+ay(?:ı|ında|ından|ına))?{_SUF}{_END}"),
    ),
    (
        "y_from_to",
        re.compile(rf"{_LB}(?P<y1>{_Y})[{_APOS}](?:d|t)[ae]n\s+(?P<y2>{_Y})[{_APOS}]y?[ae](?:\s+kadar)?{_END}"),
    ),
    ("my_range", re.compile(rf"(?<!\w)(?P<m1>{_M}){_DASH}(?P<m2>{_M})\s+(?P<y1>{_Y}){_END}")),
    ("my", re.compile(rf"(?<!\w)(?P<m1>{_M})\s+(?P<y1>{_Y}){_END}")),
    ("m_ay", re.compile(rf"(?<!\w)(?P<m1>{_M})\s+ay(?:ı|ında|ından|ına)?(?:\s+(?:içerisinde|içinde))?{_END}")),
    (
        "y_range",
        re.compile(rf"{_LB}(?P<y1>{_Y})(?:{_DASH}(?P<y2>{_Y}|\d\d)|\s+ile\s+(?P<y3>{_Y})(?=\s+yıl)){_END}"),
    ),
    (
        "decade",
        re.compile(
            rf"{_LB}(?:(?P<dec>(?:1[89]|20)\d0)[{_APOS}](?:l[ıiuü]|l[ae]r)[{_LETTERS}]*"
            rf"|(?P<dec2>[1-9]0|00)[{_APOS}](?:l[ae]r[{_LETTERS}]*|l[ıiuü](?=\s+yıl)))"
        ),
    ),
    ("year", re.compile(rf"{_LB}(?P<y1>{_Y}){_END}")),
]

# A bare four-digit number is a count, not a year, after a hedge or "yüzde"/"%", or before a
# scale word or "kat".
_COUNT_BEFORE = re.compile(
    r"(?:(?<!\w)(?:" + "|".join(sorted(PREFIX_HEDGES, key=len, reverse=True)) + r"|yüzde)\s+|%\s?)$"
)
_COUNT_AFTER = re.compile(r"\s+(?:bin|milyon|milyar|trilyon|kat)(?!\w)")
_SUF_RX = re.compile(_SUF)
#: Hedges around a date (before it, after it): it is approximate (``~``), bounds unchanged.
DATE_HEDGES: tuple[tuple[str, ...], tuple[str, ...]] = (
    ("yaklaşık", "tahminen", "takriben"),
    ("civarında", "civarından", "civarı", "dolaylarında", "dolaylarından", "sıralarında", "sıralarından"),
)
_APPROX_BEFORE = re.compile(r"(?<!\w)(?:" + "|".join(DATE_HEDGES[0]) + r")\s+$")
_APPROX_AFTER = re.compile(r"\s+(?:" + "|".join(sorted(DATE_HEDGES[1], key=len, reverse=True)) + r")(?!\w)")
_YEAR_WORD = re.compile(rf"{_SUF}(?:\s+(?:yıl|yılı|yıll)[{_LETTERS}]*)?")
_PART_RX = re.compile(
    r"\s+(?P<part>" + "|".join(sorted(PARTS, key=len, reverse=True)) + rf")(?P<psuf>[{_LETTERS}]*)(?!\w)"
)
_REL_RX = re.compile(r"\s+(?P<rel>" + "|".join(sorted(RELATIONS, key=len, reverse=True)) + r")(?!\w)")


@dataclass(frozen=True)
class _Point:
    edtf: str
    lo: dt.date
    hi: dt.date
    precision: str  # day | month | year | decade


def _day(y: int, m: int, d: int) -> _Point:
    day = dt.date(y, m, d)
    return _Point(day.isoformat(), day, day, "day")


def _month(y: int, m: int, approx: bool = False) -> _Point:
    last = (dt.date(y + (m == 12), m % 12 + 1, 1) - dt.timedelta(days=1)) if y < 9999 else dt.date(y, 12, 31)
    return _Point(f"{y:04d}-{m:02d}" + ("~" if approx else ""), dt.date(y, m, 1), last, "month")


def _year(y: int, approx: bool = False) -> _Point:
    return _Point(f"{y:04d}" + ("~" if approx else ""), dt.date(y, 1, 1), dt.date(y, 12, 31), "year")


def _decade(y0: int) -> _Point:
    return _Point(f"{y0 // 10:03d}X", dt.date(y0, 1, 1), dt.date(y0 + 9, 12, 31), "decade")


def _shift(p: _Point, step: int) -> _Point:
    """The period of the same precision right after (step 1) or before (-1) ``p``."""
    if p.precision == "day":
        return _day(*((p.hi + dt.timedelta(days=1)) if step > 0 else (p.lo - dt.timedelta(days=1))).timetuple()[:3])
    if p.precision == "month":
        y, m = p.lo.year, p.lo.month + step
        return _month(y + (m > 12) - (m < 1), (m - 1) % 12 + 1)
    if p.precision == "year":
        return _year(p.lo.year + step)
    return _decade(p.lo.year + 10 * step)


def _month_no(name: str) -> int:
    return MONTHS.index(name) + 1


def _build(kind: str, m: re.Match[str], year: int | None) -> tuple[_Point, _Point, bool] | None:
    """The first and last point of a core match, and whether the year came from context;
    None when the match means no calendar date (or needs a year and has none)."""
    g = m.groupdict()
    try:
        if kind in ("dmy_range", "dmy"):
            y2 = g.get("y2") if kind == "dmy_range" else g.get("y1")
            context = y2 is None
            yy = int(y2) if y2 else year
            if yy is None:
                return None
            if kind == "dmy":
                p = _day(yy, _month_no(g["m1"]), int(g["d1"]))
                return p, p, context
            m2 = _month_no(g["m2"])
            m1 = _month_no(g["m1"]) if g["m1"] else m2
            y1 = int(g["y1"]) if g["y1"] else yy
            first, last = _day(y1, m1, int(g["d1"])), _day(yy, m2, int(g["d2"]))
            if first.lo > last.lo and not g["y1"]:
                first = _day(yy - 1, m1, int(g["d1"]))
            return (first, last, context) if first.lo <= last.lo else None
        if kind == "my_range":
            y = int(g["y1"])
            first, last = _month(y, _month_no(g["m1"])), _month(y, _month_no(g["m2"]))
            return (first, last, False) if first.lo <= last.lo else None
        if kind in ("my", "ym"):
            p = _month(int(g["y1"]), _month_no(g["m1"]))
            return p, p, False
        if kind == "num_date":
            p = _day(int(g["y1"]), int(g["mn"]), int(g["d1"]))
            return p, p, False
        if kind == "m_ay":
            if year is None:
                return None
            p = _month(year, _month_no(g["m1"]))
            return p, p, True
        if kind in ("y_range", "y_from_to"):
            y1 = int(g["y1"])
            raw = g["y2"] or g["y3"]
            y2 = int(raw) if len(raw) == 4 else (y1 // 100) * 100 + int(raw)
            return (_year(y1), _year(y2), False) if y2 > y1 else None
        if kind == "decade":
            raw = g["dec"] or g["dec2"]
            y0 = int(raw) if len(raw) == 4 else (1900 + int(raw) if int(raw) >= 20 else 2000 + int(raw))
            p = _decade(y0)
            return p, p, False
        p = _year(int(g["y1"]))
        return p, p, False
    except ValueError:  # 31 Şubat, 30 Şubat: no calendar day
        return None


def _with_part(first: _Point, part: str) -> tuple[_Point, _Point] | None:
    decade_years, months, approx = PARTS[part]
    if first.precision == "decade":
        if decade_years is None:
            return None
        y0 = first.lo.year
        if approx:
            return _year(y0 + decade_years[0], True), _year(y0 + decade_years[1], True)
        return _year(y0 + decade_years[0]), _year(y0 + decade_years[1])
    y = first.lo.year
    return _month(y, months[0], approx), _month(y, months[1], approx)


def _approximate(p: _Point) -> _Point:
    return p if p.edtf.endswith("~") else _Point(p.edtf + "~", p.lo, p.hi, p.precision)


def _unmarked(p: _Point) -> str:
    return p.edtf.rstrip("~")


def _cores(low: str) -> list[tuple[int, int, str, re.Match[str]]]:
    """Non-overlapping core matches, leftmost first, the longest at a position."""
    found = []
    for kind, rx in _DATE_PATTERNS:
        for m in rx.finditer(low):
            found.append((m.start(), m.end(), kind, m))
    found.sort(key=lambda t: (t[0], -(t[1] - t[0]), [k for k, _ in _DATE_PATTERNS].index(t[2])))
    chosen: list[tuple[int, int, str, re.Match[str]]] = []
    taken_until = -1
    for s, e, kind, m in found:
        if s >= taken_until:
            chosen.append((s, e, kind, m))
            taken_until = e
    return chosen


def _scan_dates(text: str, low: str, year: int | None, infer_year: bool) -> list[tuple[DateExpr | None, int, int]]:
    """Every date expression (None where a year was needed and none was available)
    with its span.  The spans of yearless expressions are kept so that numbers skip them."""
    out: list[tuple[DateExpr | None, int, int]] = []
    running: int | None = None
    for s, e, kind, m in _cores(low):
        end = e
        if kind in ("year", "y_range", "my", "dmy", "dmy_range", "decade", "num_date"):
            end = e + len(_YEAR_WORD.match(low, e).group(0))
        elif kind == "m_ay":
            end = _SUF_RX.match(low, e).end()
        if (
            kind == "year" and end == e
            and (_COUNT_BEFORE.search(low, max(0, s - 30), s) or _COUNT_AFTER.match(low, e))
        ):  # fmt: skip
            continue  # "yaklaşık 2000 asker", "yüzde 1900", "1900 bin": a number, not a year
        ctx_year = running if infer_year and running is not None else year
        built = _build(kind, m, ctx_year)
        if built is None:
            out.append((None, s, end))
            continue
        first, last, context = built
        if not context:
            running = last.lo.year if kind != "decade" else running
        part = _PART_RX.match(low, end)
        if part and first == last and first.precision in ("year", "decade"):
            name, suf = part.group("part"), part.group("psuf")
            if suf in _PART_SUFFIXES[name]:
                parted = _with_part(first, name)
                if parted is not None:
                    first, last = parted
                    end = part.end()
        approx_before = _APPROX_BEFORE.search(low, max(0, s - 30), s)
        approx_after = _APPROX_AFTER.match(low, end)
        if approx_before or approx_after:
            first, last = _approximate(first), _approximate(last)
            s = approx_before.start() if approx_before else s
            end = approx_after.end() if approx_after else end
        rel = _REL_RX.match(low, end)
        lower: dt.date | None = first.lo
        upper: dt.date | None = last.hi
        if first == last:
            edtf = first.edtf
        else:
            edtf = f"{first.edtf}/{last.edtf}"
        if rel:
            how = RELATIONS[rel.group("rel")]
            if how == "from":
                edtf, upper = f"{first.edtf}/..", None
            elif how == "until":
                edtf, lower = f"../{last.edtf}", None
            elif how == "after":
                nxt = _shift(last, 1)
                edtf, lower, upper = f"{_unmarked(nxt)}/..", nxt.lo, None
            elif how == "before":
                prev = _shift(first, -1)
                edtf, lower, upper = f"../{_unmarked(prev)}", None, prev.hi
            end = rel.end()
        out.append((DateExpr(s, end, text[s:end], edtf, lower, upper, context), s, end))
    return out


def find_dates(text: str, *, year: int | None = None, infer_year: bool = False) -> list[DateExpr]:
    """Every date expression in ``text``, in order (rules: the module docstring).

    Month/day expressions without a year ("5-8 Haziran", "Haziran ayında") are returned
    only when a year is available: ``year`` (the caller's year for the passage) or, with
    ``infer_year=True``, the year printed by the nearest preceding date expression of the
    same text (``year`` then serves when none precedes).  They carry
    ``year_from_context=True``.

    >>> [d.edtf for d in find_dates("15 Eylül 1918 tarihinde; 1999-2015 yılları arasında")]
    ['1918-09-15', '1999/2015']
    >>> [(d.text, d.edtf) for d in find_dates("Nisan 1993'te ... Haziran ayında", infer_year=True)]
    [("Nisan 1993'te", '1993-04'), ('Haziran ayında', '1993-06')]
    """
    low = _prepare(text)
    return [d for d, _, _ in _scan_dates(text, low, year, infer_year) if d is not None]


def parse_date(text: str, *, year: int | None = None) -> DateExpr:
    """The single date expression that ``text`` is (surrounding white space allowed);
    ValueError when it is none, several or only part of it."""
    found = find_dates(text, year=year)
    stripped = text.strip()
    if len(found) != 1 or found[0].text != stripped:
        raise ValueError(f"not one Turkish date expression: {text!r}")
    return found[0]


# --------------------------------------------------------------------------- numbers

_WORD_ALTS = "|".join(sorted([*NUMBER_WORDS, *_SOFT_STEMS], key=len, reverse=True))
_ORD = r"(?:n|ın|in|un|ün)c[ıiuü]"
_ATOM = re.compile(
    rf"(?P<digits>{_LB}(?:\d{{1,3}}(?:\.\d{{3}})+|\d+)(?:,\d+)?)(?P<dsuf>(?:[{_APOS}][{_LETTERS}]+)*)"
    rf"|(?<![\w])(?P<word>{_WORD_ALTS})(?P<ord>{_ORD})?(?P<wsuf>[{_LETTERS}]*)(?!\w)"
)
_ORDINAL_POINT = re.compile(rf"\.\s+[{_LETTERS}]")
_FRACTION_RX = re.compile(rf"(?<!\w)(?P<stem>yarı|çeyreğ)(?P<suf>[{_LETTERS}]+)(?!\w)")
_PREFIX_RX = re.compile(
    r"(?:(?<!\w)(?P<hedge>" + "|".join(sorted(PREFIX_HEDGES, key=len, reverse=True)) + r")\s+)?"
    r"(?:(?<!\w)(?P<pct>yüzde)\s+|(?P<sign>%)\s?)?$"
)
_RANK_RX = re.compile(r"\s+numaralı(?!\w)")
_KAT_RX = re.compile(r"\s+kat(?:ı|ına|ını|ından)?(?!\w)")
_CURRENCY_RX = re.compile(rf"\s+(?P<unit>{_CURRENCY})(?P<usuf>[{_LETTERS}]*)(?!\w)")
_SUFFIX_HEDGE_RX = [(case, re.compile(rf"\s+(?:{rx})(?!\w)"), q) for case, rx, q in SUFFIX_HEDGES]


@dataclass
class _Atom:
    start: int
    end: int
    value: Decimal
    kind: str  # digits | unit | ten | hundred | scale | half (buçuk) | halfword (yarım)
    word: str
    ordinal: bool
    suffix: str  # letters after the stem (after an apostrophe for digits)


def _atoms(low: str) -> list[_Atom]:
    out: list[_Atom] = []
    for m in _ATOM.finditer(low):
        if m.group("digits") is not None:
            raw = m.group("digits")
            after = low[m.end("digits") : m.end("digits") + 2]
            if not m.group("dsuf") and re.match(r"[.,]\d|[-–]?\w", after):
                continue  # 21.07.2023, 1.5, 59-61, 2b: not a Turkish number
            try:
                value = Decimal(raw.replace(".", "").replace(",", "."))
            except InvalidOperation:  # pragma: no cover - the pattern admits only digits
                continue
            ordinal = not m.group("dsuf") and bool(_ORDINAL_POINT.match(low, m.end()))
            end = m.end() + (1 if ordinal else 0)
            out.append(_Atom(m.start(), end, value, "digits", raw, ordinal, m.group("dsuf")))
            continue
        i = m.start()
        while i > 0 and low[i - 1].isspace():
            i -= 1
        if i > 0 and low[i - 1].isdigit() and not (out and out[-1].end == i and out[-1].kind == "digits"):
            continue  # a word continuing digits not read ("3-4 bin"): no number of its own
        word = _SOFT_STEMS.get(m.group("word"), m.group("word"))
        ordinal = m.group("ord") is not None
        suffix = m.group("wsuf")
        if m.group("word") in _SOFT_STEMS and not (ordinal or (suffix and suffix[0] in "ıiuüae")):
            continue  # "dörd" only before a vowel
        if ordinal and (m.group("ord")[0] == "n") != (word[-1] in "aeıioöuü"):
            continue  # "ikinci", "beşinci"; not "ikiinci"
        if suffix:
            if word in _NO_SUFFIX and not ordinal:
                continue
            if not _WORD_SUFFIX.fullmatch(suffix) or not _harmony_ok(m.group("ord") or word, suffix):
                continue
        kind = (
            "unit" if word in _UNITS else "ten" if word in _TENS else "hundred" if word == "yüz"
            else "half" if word == "buçuk" else "halfword" if word == "yarım" else "scale"
        )  # fmt: skip
        out.append(_Atom(m.start(), m.end(), NUMBER_WORDS[word], kind, word, ordinal, suffix))
    return out


class _Acc:
    """Accumulates atoms of one number by Turkish word order; ``add`` refuses a misfit."""

    def __init__(self) -> None:
        self.total = Decimal(0)
        self.group = Decimal(0)
        self.rank = 3  # 3: empty group, 2: hundreds set, 1: tens set, 0: units set, -1: closed
        self.last_scale: int | None = None
        self.atoms: list[_Atom] = []
        self.unit_only = False  # the group is a single unit word (may take "yüz")

    def add(self, a: _Atom) -> bool:
        if a.kind == "digits":
            if self.rank != 3 or self.group:
                return False
            self.group, self.rank, self.unit_only = a.value, -1, False
        elif a.kind == "unit":
            if self.rank < 1 or (a.value == 0 and self.atoms):
                return False
            self.group += a.value
            self.rank, self.unit_only = 0, self.rank == 3
        elif a.kind == "ten":
            if self.rank < 2:
                return False
            self.group += a.value
            self.rank, self.unit_only = 1, False
        elif a.kind == "hundred":
            if self.rank == 3 and not self.group:
                self.group = Decimal(100)
            elif self.unit_only and self.group >= 2:
                self.group *= 100
            else:
                return False
            self.rank, self.unit_only = 2, False
        elif a.kind == "halfword":  # "yarım milyon": half a million; "yarım" alone: a half
            if self.rank != 3 or self.group:
                return False
            self.group, self.rank, self.unit_only = a.value, -1, False
        elif a.kind == "half":
            if self.rank == 3 or self.group == 0 or self.group != self.group.to_integral_value():
                return False
            self.group += a.value
            self.rank, self.unit_only = -1, False
        else:  # scale
            scale = int(a.value)
            if self.last_scale is not None and scale >= self.last_scale:
                return False
            if self.rank == 3 and not self.group:
                if scale != 1000:
                    return False  # "milyon" needs a number before it; "bin" alone is 1000
                self.group = Decimal(1)
            self.total += self.group * scale
            self.group, self.rank, self.last_scale, self.unit_only = Decimal(0), 3, scale, False
        self.atoms.append(a)
        return True

    @property
    def value(self) -> Decimal:
        return _canonical(self.total + self.group)


def _group_atoms(low: str, atoms: list[_Atom]) -> list[_Acc]:
    numbers: list[_Acc] = []
    cur: _Acc | None = None
    for a in atoms:
        joinable = (
            cur is not None
            and not cur.atoms[-1].ordinal
            and not cur.atoms[-1].suffix
            and low[cur.atoms[-1].end : a.start].isspace()
        )
        if joinable and cur is not None and cur.add(a):
            continue
        cur = _Acc()
        if cur.add(a):
            numbers.append(cur)
        else:
            cur = None
    return numbers


def _suffix_hedge(low: str, end: int, case: str) -> tuple[str, int] | None:
    for want, rx, q in _SUFFIX_HEDGE_RX:
        if want != "any" and want != case:
            continue
        m = rx.match(low, end)
        if m:
            return q, m.end()
    return None


def _scan_numbers(text: str, low: str, blocked: list[tuple[int, int]]) -> list[NumberExpr]:
    def is_blocked(s: int, e: int) -> bool:
        return any(s < be and bs < e for bs, be in blocked)

    out: list[NumberExpr] = []
    for acc in _group_atoms(low, _atoms(low)):
        first, last = acc.atoms[0], acc.atoms[-1]
        s, e = first.start, last.end
        if is_blocked(s, e):
            continue
        rank = _RANK_RX.match(low, e) if not last.suffix and not last.ordinal else None
        if len(acc.atoms) == 1 and first.word == "bir" and not first.ordinal and rank is None:
            continue  # the indefinite article
        value = acc.value
        ordinal = last.ordinal or rank is not None
        if rank is not None:
            e = rank.end()
        qualifier = "exact"
        window = max(0, s - 40)
        pre = _PREFIX_RX.search(low[window:s])
        percent = False
        if pre and pre.group(0):
            if pre.group("pct") or pre.group("sign"):
                percent = True
            if pre.group("hedge"):
                qualifier = PREFIX_HEDGES[pre.group("hedge")]
            s = window + pre.start()
        multiplier = False
        case = _case(last.suffix)
        kat = _KAT_RX.match(low, e) if not ordinal else None
        if kat:
            multiplier, e = True, kat.end()
        elif not ordinal:
            unit = _CURRENCY_RX.match(low, e)
            hedge = _suffix_hedge(low, e, case)
            if hedge is None and unit is not None and not last.suffix:
                hedge = _suffix_hedge(low, unit.end(), _case(unit.group("usuf")))
            if hedge is not None and qualifier == "exact":
                qualifier, e = hedge
        fraction = len(acc.atoms) == 1 and first.kind == "halfword"
        out.append(NumberExpr(s, e, text[s:e], value, qualifier, percent, multiplier, ordinal, fraction))
    for m in _FRACTION_RX.finditer(low):
        if is_blocked(m.start(), m.end()) or not _WORD_SUFFIX.fullmatch(m.group("suf")):
            continue
        if not m.group("suf").startswith(("s", "ı", "i")):
            continue
        s, e = m.start(), m.end()
        out.append(NumberExpr(s, e, text[s:e], _FRACTIONS[m.group("stem")], "exact", False, False, False, True))
    out.sort(key=lambda n: n.start)
    return out


def find_numbers(text: str) -> list[NumberExpr]:
    """Every number expression in ``text``, in order (rules: the module docstring).

    >>> [(n.text, str(n.value), n.qualifier) for n in find_numbers("iki bine yakın asker, yüzde 5,4")]
    [('iki bine yakın', '2000', 'nearly'), ('yüzde 5,4', '5.4', 'exact')]
    """
    low = _prepare(text)
    blocked = [(s, e) for _, s, e in _scan_dates(text, low, 2000, False)]
    with localcontext(_EXACT):
        return _scan_numbers(text, low, blocked)


def parse_number(text: str) -> Decimal:
    """The value of ``text`` when it is exactly one number expression (``bir`` alone is 1
    here); ValueError otherwise.

    >>> parse_number("yetmiş yedi milyon yüz altmış yedi bin")
    Decimal('77167000')
    """
    stripped = text.strip()
    if turkish_lower(stripped) == "bir":
        return Decimal(1)
    found = find_numbers(stripped)
    if len(found) != 1 or found[0].text != stripped:
        raise ValueError(f"not one Turkish number expression: {text!r}")
    return found[0].value


def turkish_number_words(n: int) -> str:
    """``n`` (0 or more) in Turkish words, as :func:`parse_number` reads them.

    >>> turkish_number_words(1_850_000_021)
    'bir milyar sekiz yüz elli milyon yirmi bir'
    """
    if n < 0:
        raise ValueError("turkish_number_words takes a number of 0 or more")
    if n == 0:
        return "sıfır"
    units = {v: k for k, v in _UNITS.items() if v}
    tens = {v: k for k, v in _TENS.items()}

    def below_thousand(k: int) -> list[str]:
        words: list[str] = []
        h, rest = divmod(k, 100)
        if h:
            words += ["yüz"] if h == 1 else [units[h], "yüz"]
        t, u = divmod(rest, 10)
        if t:
            words.append(tens[t * 10])
        if u:
            words.append(units[u])
        return words

    if n >= 10**15:
        raise ValueError("turkish_number_words takes a number below 10**15 (a thousand trillion)")
    words: list[str] = []
    for name, scale in sorted(_SCALES.items(), key=lambda kv: -kv[1]):
        k, n = divmod(n, scale)
        if k == 1 and name == "bin":
            words.append("bin")
        elif k:
            words += [*below_thousand(k), name]
    words += below_thousand(n)
    return " ".join(words)
