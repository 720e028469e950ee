"""The Turkish date and number parser (turaz_data.source.turkish).

(a) Every date and number expression of the real article: the tables below were built by
    reading the article's body paragraphs and footnotes; they hold only the short
    expressions as printed (tokens) and their meaning.  The parser must find exactly these,
    paragraph by paragraph and note by note: nothing missed, nothing extra.
(b) Hypothesis round trips: Turkish number words, digit forms with thousands points and
    decimal commas, day-month-year strings with all twelve month names and suffixes.
(c) Unit tests for each hedge and for the false positives the article invites.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from decimal import Decimal

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from turaz_data.source.article import Article
from turaz_data.source.turkish import (
    MONTHS,
    PREFIX_HEDGES,
    QUALIFIER_CODES,
    SUFFIX_HEDGES,
    DateExpr,
    NumberExpr,
    find_dates,
    find_numbers,
    parse_date,
    parse_number,
    turkish_number_words,
)

# --------------------------------------------------------------------------- (a) the article

# Paragraph index (Article.paragraphs, body order) -> the date expressions in it, in order:
# (text as printed, EDTF); " ctx" marks a year taken from the paragraph (infer_year=True).
BODY_DATES = {
    0: [("1991 yılında", "1991")],
    1: [
        ("1991 yılında", "1991"),
        ("1993 yılında", "1993"),
        ("90’lı yılların ikinci yarısında", "1995/1999"),
        ("2000’li yıllarla birlikte", "200X/.."),
        ("90’lı yılların başında", "1990~/1993~"),
    ],
    2: [("1918-2002", "1918/2002"), ("2003-2019", "2003/2019"), ("2020-2022", "2020/2022")],
    3: [("1991 yılında", "1991"), ("1992-1993", "1992/1993"), ("1994 yılında", "1994")],
    5: [("90’lı yıllarda", "199X"), ("1992 yılında", "1992"), ("1994 yılında", "1994")],
    6: [
        ("2009 yılına kadar", "../2009"),
        ("1999 yılında", "1999"),
        ("1999-2015 yılları arasında", "1999/2015"),
        ("1999 ile 2008 yılları arasında", "1999/2008"),
    ],
    9: [
        ("2007 yılından sonra", "2008/.."),
        ("2019 yılında", "2019"),
        ("2019", "2019"),
        ("2020 yılında", "2020"),
        ("2020 yılında", "2020"),
    ],
    10: [
        ("1990’ların ortalarından itibaren", "1994~/.."),
        ("Aralık 2015’te", "2015-12"),
        ("2016 yılında", "2016"),
        ("2002 yılından bu yana", "2002/.."),
    ],
    11: [("2016-2020 yılları arasında", "2016/2020")],
    12: [("1990’lı yıllardaki", "199X"), ("2020 yılındaki", "2020")],
    13: [
        ("1917 yılındaki", "1917"),
        ("4 Haziran 1918", "1918-06-04"),
        ("15 Eylül 1918", "1918-09-15"),
        ("1920 yılında", "1920"),
    ],
    14: [
        ("1985 yılında", "1985"),
        ("1980’lerin sonunda", "1987~/1989~"),
        ("15 Ocak 1990", "1990-01-15"),
        ("19 Ocak’ta", "1990-01-19 ctx"),
        ("20 Ocak’ta", "1990-01-20 ctx"),
        ("20 Ocak", "1990-01-20 ctx"),
    ],
    15: [("18 Ekim 1991", "1991-10-18"), ("Ocak 1992’de", "1992-01"), ("13 Ekim 1921", "1921-10-13")],
    16: [("Mart 1992’de", "1992-03")],
    17: [("Haziran 1992’de", "1992-06")],
    18: [("11 Ağustos 1992", "1992-08-11")],
    19: [("Nisan 1993’te", "1993-04"), ("Haziran ayında", "1993-06 ctx")],
    20: [("Eylül 1993’te", "1993-09")],
    21: [
        ("1994 yılının ilk aylarında", "1994-01~/1994-03~"),
        ("4-5 Mayıs 1994", "1994-05-04/1994-05-05"),
        ("Nisan ayında", "1994-04 ctx"),
    ],
    22: [("1994 yılında", "1994"), ("10 Haziran 1996", "1996-06-10"), ("1992-1997 yılları arasında", "1992/1997")],
    23: [("6-7 Mayıs 1999", "1999-05-06/1999-05-07"), ("1999 yılında", "1999")],
    24: [("2000 yılına", "2000"), ("1 Mart 2001", "2001-03-01"), ("26 Mart 2001’de", "2001-03-26")],
    25: [("23 Ağustos 2001", "2001-08-23"), ("2001 yılında", "2001")],
    26: [("2002 yılında", "2002"), ("2003 yılında", "2003"), ("2002 yılında", "2002")],
    27: [("2003 yılında", "2003"), ("2003 yılında", "2003"), ("8 Ekim 2006", "2006-10-08")],
    28: [("2006 yılında", "2006")],
    29: [("2010 yılında", "2010")],
    30: [("2000’li yıllarla birlikte", "200X/..")],
    31: [
        ("2012 yılının ikinci yarısında", "2012-07/2012-12"),
        ("5-8 Haziran’da", "2012-06-05/2012-06-08 ctx"),
        ("10-13 Haziran’da", "2012-06-10/2012-06-13 ctx"),
        ("19-22 Haziran", "2012-06-19/2012-06-22 ctx"),
    ],
    32: [("25 Ocak 2013", "2013-01-25")],
    33: [
        ("Kasım 2012’de", "2012-11"),
        ("2014 yılından itibaren", "2014/.."),
        ("19 Ağustos 2014", "2014-08-19"),
        ("2015-2019 yılları arasında", "2015/2019"),
    ],
    34: [
        ("2018-2022 yılları arasında", "2018/2022"),
        ("31 Ekim 2017", "2017-10-31"),
        ("2011-2020 yılları arasında", "2011/2020"),
        ("2020", "2020"),
        ("2011-2020", "2011/2020"),
    ],
    35: [
        ("27 Eylül-10 Kasım 2020", "2020-09-27/2020-11-10"),
        ("10 Kasım", "2020-11-10 ctx"),
        ("30 Ocak 2021", "2021-01-30"),
    ],
    37: [("Eylül 2020’de", "2020-09")],
    39: [("2011 yılından itibaren", "2011/.."), ("15 Haziran 2021", "2021-06-15")],
    40: [("Haziran 2021’de", "2021-06"), ("Eylül ayında", "2021-09 ctx"), ("2021 yılında", "2021")],
    41: [("27 Nisan 2023", "2023-04-27")],
    42: [("1918 yılında", "1918"), ("1991 yılındaki", "1991"), ("90’lı yıllar boyunca", "199X")],
    43: [("1992 yılında", "1992"), ("2010 yılında", "2010")],
}

# Paragraph index -> number expressions: (text, "value [qualifier] [flags]"); flags: % percent,
# x multiplier, o ordinal, f fraction; no qualifier means exact.
BODY_NUMBERS = {
    1: [("iki", "2"), ("üç", "3")],
    2: [("iki", "2"), ("üç", "3")],
    4: [("iki", "2")],
    5: [("iki", "2")],
    6: [("762", "762"), ("34", "34")],
    7: [("iki", "2")],
    9: [
        ("iki", "2"),
        ("1 milyar dolar eşiğini aşmıştır", "1000000000 more_than"),
        ("652 milyon", "652000000"),
        ("1,85 milyar", "1850000000"),
        ("2,24 milyar", "2240000000"),
        ("652 milyon", "652000000"),
        ("633 milyon", "633000000"),
        ("yüzde 5,4’ü’nü", "5.4 %"),
        ("yüzde 5’ini", "5 %"),
        ("iki", "2"),
    ],
    10: [("bir numaralı", "1 o"), ("iki", "2")],
    11: [
        ("yüzde 69’unu", "69 %"),
        ("yüzde 17’sini", "17 %"),
        ("yüzde 4,8’ini", "4.8 %"),
        ("İkinci", "2 o"),
        ("iki", "2"),
    ],
    12: [
        ("üç", "3"),
        ("Birincisi", "1 o"),
        ("İkincisi", "2 o"),
        ("Bir milyon", "1000000"),
        ("yüzde yirmisinin", "20 %"),
    ],
    13: [("üç", "3"), ("4.", "4 o"), ("Birinci", "1 o"), ("70", "70")],
    14: [("70", "70"), ("iki", "2"), ("130’dan fazla", "130 more_than"), ("744", "744")],
    15: [("iki", "2"), ("11", "11"), ("iki", "2")],
    18: [("200", "200")],
    19: [("ikinci", "2 o")],
    20: [("1600", "1600")],
    22: [("İkinci", "2 o")],
    23: [("iki", "2")],
    24: [("3 milyon", "3000000")],
    25: [("5.", "5 o"), ("80", "80"), ("4", "4"), ("5.", "5 o")],
    26: [("iki", "2"), ("İki", "2")],
    27: [("İki", "2"), ("iki", "2")],
    28: [("iki", "2"), ("iki", "2")],
    30: [
        ("23", "23"),
        ("birinci", "1 o"),
        ("İkinci", "2 o"),
        ("üçüncü", "3 o"),
        ("51.", "51 o"),
        ("iki", "2"),
        ("9.", "9 o"),
        ("10", "10"),
        ("on", "10"),
        ("iki", "2"),
        ("49", "49"),
    ],
    31: [("iki", "2"), ("iki", "2"), ("14", "14")],
    33: [("üç", "3"), ("üç", "3"), ("üç", "3")],
    34: [
        ("on", "10"),
        ("yüzde 1,1’ini", "1.1 %"),
        ("en az beş", "5 at_least"),
        ("8,2 kat", "8.2 x"),
        ("iki", "2"),
        ("yüzde 94’ünü", "94 %"),
        ("yüzde 60’ını", "60 %"),
    ],
    35: [
        ("İkinci", "2 o"),
        ("yaklaşık yüzde seksenini", "80 about %"),
        ("iki bine yakın", "2000 nearly"),
        ("en az beş", "5 at_least"),
        ("60", "60"),
        ("60", "60"),
    ],
    36: [("İkinci", "2 o"), ("30", "30"), ("İkinci", "2 o"), ("1 milyar doları aşan", "1000000000 more_than")],
    37: [("İkinci", "2 o"), ("77 milyon 167 bin", "77167000"), ("altı kat", "6 x")],
    38: [
        ("İkinci", "2 o"),
        ("89", "89"),
        ("29", "29"),
        ("131", "131"),
        ("61", "61"),
        ("543", "543"),
        ("9", "9"),
        ("15", "15"),
    ],
    39: [("altı", "6"), ("İki", "2"), ("iki", "2"), ("iki", "2")],
    41: [("iki", "2")],
    42: [("iki", "2")],
    43: [("İkinci", "2 o"), ("dört", "4"), ("üç", "3"), ("İkinci", "2 o")],
    44: [("İkinci", "2 o")],
}

# Footnote number -> expressions of its text (the other notes have none).
NOTE_DATES = {
    13: [
        ("28 Mayıs 1918", "1918-05-28"),
        ("Haziran ayında", "1918-06 ctx"),
        ("Ekim ayı içerisinde", "1918-10 ctx"),
        ("Ekim 1919’da", "1919-10"),
    ],
    48: [("2018-2022 yılları arasında", "2018/2022")],
}
NOTE_NUMBERS = {
    13: [("birinci", "1 o"), ("4.", "4 o")],
    48: [("yüzde 69", "69 %"), ("12.", "12 o"), ("yarısını", "0.5 f")],
}


def _dates(text: str, **kw) -> list[tuple[str, str]]:
    return [(d.text, d.edtf + (" ctx" if d.year_from_context else "")) for d in find_dates(text, **kw)]


def _numbers(text: str) -> list[tuple[str, str]]:
    out = []
    for n in find_numbers(text):
        flags = "".join(
            f for f, on in (("%", n.percent), ("x", n.multiplier), ("o", n.ordinal), ("f", n.fraction)) if on
        )
        qualifier = "" if n.qualifier == "exact" else " " + n.qualifier
        out.append((n.text, f"{n.value}{qualifier}" + (f" {flags}" if flags else "")))
    return out


@pytest.fixture(scope="module")
def parsed(real_article) -> Article:
    """The real article, parsed once per session (tests/conftest.py)."""
    return real_article


def test_article_body_dates(parsed: Article) -> None:
    got = {i: _dates(p.text, infer_year=True) for i, p in enumerate(parsed.paragraphs)}
    assert {i: v for i, v in got.items() if v} == BODY_DATES


def test_article_body_dates_without_a_year_need_one(parsed: Article) -> None:
    """Without year= or infer_year, the yearless expressions are not returned; the rest are."""
    for i, p in enumerate(parsed.paragraphs):
        expected = [(t, e) for t, e in BODY_DATES.get(i, []) if not e.endswith(" ctx")]
        assert _dates(p.text) == expected, i
    # year= supplies the year of every yearless expression (here deliberately a wrong one).
    ctx = [d for p in parsed.paragraphs for d in find_dates(p.text, year=1950) if d.year_from_context]
    assert len(ctx) == sum(e.endswith(" ctx") for v in BODY_DATES.values() for _, e in v)
    assert {d.lower.year for d in ctx} == {1950}


def test_article_body_numbers(parsed: Article) -> None:
    got = {i: _numbers(p.text) for i, p in enumerate(parsed.paragraphs)}
    assert {i: v for i, v in got.items() if v} == BODY_NUMBERS


def test_article_footnotes(parsed: Article) -> None:
    """Publication years, access dates, pages, volumes, URLs and quoted titles of the
    citations are no expressions; the prose of notes 13 and 48 is read."""
    dates = {n: _dates(t, infer_year=True) for n, t in parsed.footnotes.items()}
    numbers = {n: _numbers(t) for n, t in parsed.footnotes.items()}
    assert {n: v for n, v in dates.items() if v} == NOTE_DATES
    assert {n: v for n, v in numbers.items() if v} == NOTE_NUMBERS


@pytest.mark.parametrize("token", ["1,85 milyar", "20 Ocak", "89 T-72", "77 milyon 167 bin", "1999-2015"])
def test_dense_paragraphs_have_no_extra_matches(parsed: Article, token: str) -> None:
    """The densest paragraphs, found by a token they print, checked expression by expression
    with the spans: every match is the text at its offsets and none overlaps another."""
    (i,) = [i for i, p in enumerate(parsed.paragraphs) if token in p.text]
    text = parsed.paragraphs[i].text
    found: list[DateExpr | NumberExpr] = [*find_dates(text, infer_year=True), *find_numbers(text)]
    found.sort(key=lambda x: x.start)
    for a, b in itertools.pairwise(found):
        assert a.end <= b.start, (a, b)
    for x in found:
        assert text[x.start : x.end] == x.text
    assert len(found) == len(BODY_DATES.get(i, [])) + len(BODY_NUMBERS.get(i, []))


def test_edtf_of_the_article_dates_is_accepted_and_bounded_alike(parsed: Article) -> None:
    """Every EDTF string the parser builds is valid in the package's EDTF subset, with the
    same calendar bounds as the package computes (open ends are None)."""
    from turaz_data.tables import edtf

    for p in parsed.paragraphs:
        for d in find_dates(p.text, infer_year=True):
            ends = edtf.parse(d.edtf)
            lows = [None if e is None else edtf.bounds_of(e)[0] for e in ends]
            highs = [None if e is None else edtf.bounds_of(e)[1] for e in ends]
            assert (lows[0], highs[-1]) == (d.lower, d.upper), d


# --------------------------------------------------------------------------- (b) round trips

_SUFFIXES = ["", "’de", "'de", "’da", "'te", "’ta", "›de", "’den", "’e", "’ye"]


@given(st.integers(min_value=0, max_value=10**15 - 1))
@example(0)
@example(1)
@example(1_000)
@example(1_001)
@example(100)
@example(77_167_000)
@example(1_850_000_000)
@example(479_001_000)
def test_number_words_round_trip(n: int) -> None:
    words = turkish_number_words(n)
    assert parse_number(words) == n
    if n != 1:  # "bir" alone is the indefinite article in running text
        (found,) = find_numbers(f"Bu belgede {words} kalem var.")
        assert (found.text, found.value, found.qualifier) == (words, n, "exact")


def _ordinal_words(n: int) -> str:
    """Turkish ordinal words, written here independently of the parser: the last word takes
    -(I)ncI with four-way vowel harmony (dört softens to dörd)."""
    *head, last = turkish_number_words(n).split()
    vowel = next(c for c in reversed(last) if c in "aeıioöuü")
    v = {"a": "ı", "ı": "ı", "e": "i", "i": "i", "o": "u", "u": "u", "ö": "ü", "ü": "ü"}[vowel]
    stem = "dörd" if last == "dört" else last
    ending = f"nc{v}" if stem[-1] in "aeıioöuü" else f"{v}nc{v}"
    return " ".join([*head, stem + ending])


@given(st.integers(min_value=1, max_value=10**12))
@example(4)
@example(60)
@example(1_000_000)
def test_ordinal_words_round_trip(n: int) -> None:
    words = _ordinal_words(n)
    (found,) = find_numbers(f"Bu, {words} kez oldu.")
    assert (found.text, found.value, found.ordinal) == (words, n, True)


@given(st.integers(min_value=0, max_value=10**12), st.integers(min_value=0, max_value=999), st.booleans())
def test_digits_with_thousands_points_and_decimal_commas_round_trip(whole: int, frac: int, decimal: bool) -> None:
    grouped = f"{whole:,}".replace(",", ".")
    fraction = str(frac).rjust(3, "0").rstrip("0") if decimal else ""
    text = grouped + ("," + fraction if fraction else "")
    expected = Decimal(f"{whole}.{fraction}" if fraction else whole)
    if "." not in grouped and not fraction and 1800 <= whole <= 2099:
        with pytest.raises(ValueError):  # a bare four-digit year is a date, not a number
            parse_number(text)
        return
    assert parse_number(text) == expected
    (found,) = find_numbers(f"toplam {text} adet")
    assert found.value == expected and found.text == text


@given(st.dates(min_value=dt.date(1800, 1, 1), max_value=dt.date(2099, 12, 31)), st.sampled_from(_SUFFIXES))
def test_day_month_year_round_trip(day: dt.date, suffix: str) -> None:
    month = MONTHS[day.month - 1]
    for name in (month.capitalize(), month, month.replace("i", "İ").replace("ı", "I").upper()):
        text = f"{day.day} {name} {day.year}{suffix}"
        d = parse_date(text)
        assert (d.edtf, d.lower, d.upper, d.year_from_context) == (day.isoformat(), day, day, False)
        (d2,) = find_dates(f"Taraflar {text} tarihinde anlaştı.")
        assert d2.text == text and d2.edtf == day.isoformat()
    m = parse_date(f"{month.capitalize()} {day.year}{suffix}")
    assert m.edtf == f"{day.year:04d}-{day.month:02d}" and m.lower == day.replace(day=1)


@given(st.dates(min_value=dt.date(1800, 1, 1), max_value=dt.date(2099, 12, 31)), st.sampled_from(_SUFFIXES))
def test_yearless_day_month_takes_the_given_year(day: dt.date, suffix: str) -> None:
    text = f"{day.day} {MONTHS[day.month - 1].capitalize()}{suffix}"
    assert find_dates(f"O gün, {text} günü") == []
    (d,) = find_dates(f"O gün, {text} günü", year=day.year)
    assert (d.text, d.edtf, d.year_from_context) == (text, day.isoformat(), True)


@given(
    st.dates(min_value=dt.date(1800, 1, 1), max_value=dt.date(2099, 12, 31)),
    st.integers(min_value=0, max_value=60),
)
def test_day_ranges_round_trip(first: dt.date, days: int) -> None:
    last = first + dt.timedelta(days=days)
    if last.year > 2099:
        return
    m1, m2 = (MONTHS[d.month - 1].capitalize() for d in (first, last))
    if first.year != last.year:
        text = f"{first.day} {m1} {first.year}-{last.day} {m2} {last.year}"
    elif first.month != last.month:
        text = f"{first.day} {m1}-{last.day} {m2} {last.year}"
    else:
        text = f"{first.day}-{last.day} {m2} {last.year}"
    d = parse_date(text)
    expected = first.isoformat() if first == last else f"{first.isoformat()}/{last.isoformat()}"
    assert (d.edtf, d.lower, d.upper) == (expected, first, last)


@given(st.integers(min_value=1800, max_value=2098), st.integers(min_value=1, max_value=100))
def test_year_ranges_and_decades(y1: int, span: int) -> None:
    y2 = min(2099, y1 + span)
    d = parse_date(f"{y1}-{y2} yılları arasında")
    assert (d.edtf, d.lower, d.upper) == (f"{y1}/{y2}", dt.date(y1, 1, 1), dt.date(y2, 12, 31))
    decade = y1 - y1 % 10
    d = parse_date(f"{decade}’lı yıllar")
    assert (d.edtf, d.lower, d.upper) == (f"{decade // 10}X", dt.date(decade, 1, 1), dt.date(decade + 9, 12, 31))


def _digits(n: int) -> str:
    return f"{n:,}".replace(",", ".")


@given(
    st.integers(min_value=2, max_value=10**12),
    st.booleans(),
    st.sampled_from(sorted(PREFIX_HEDGES)),
    st.booleans(),
)
def test_prefix_hedges_round_trip(n: int, words: bool, hedge: str, percent: bool) -> None:
    number = turkish_number_words(n) if words else _digits(n)
    expr = f"{hedge} {'yüzde ' if percent else ''}{number}"
    (found,) = find_numbers(f"Raporda {expr} birim sayıldı.")
    assert (found.text, found.value, found.qualifier, found.percent) == (expr, n, PREFIX_HEDGES[hedge], percent)


# The case forms of a number in digits and of a currency word after it.
_CASE_FORMS = {"abl": ("’den", "dolardan"), "dat": ("’e", "dolara"), "gen": ("’in", "doların"),
               "acc": ("’i", "doları"), "bare": ("", "dolar"), "any": ("", "dolar")}  # fmt: skip
# One example of every suffix hedge: (case, words after the number).
_SUFFIX_EXAMPLES = [
    ("abl", "fazla"), ("abl", "daha fazla"), ("abl", "çok"), ("abl", "az"), ("abl", "daha az"),
    ("dat", "yakın"), ("dat", "kadar"), ("dat", "varan"), ("bare", "kadar"), ("any", "civarında"),
    ("any", "dolayında"), ("acc", "aşkın"), ("acc", "aşan"), ("acc", "geçen"), ("any", "eşiğini aşmıştır"),
    ("gen", "üzerinde"), ("gen", "üstünde"), ("gen", "altında"),
]  # fmt: skip


def _suffix_hedge(case: str, words: str) -> str:
    (qualifier,) = [q for c, rx, q in SUFFIX_HEDGES if c == case and re.fullmatch(rx, words)]
    return qualifier


def test_every_suffix_hedge_has_an_example() -> None:
    covered = {
        (c, rx) for c, rx, _ in SUFFIX_HEDGES for case, w in _SUFFIX_EXAMPLES if case == c and re.fullmatch(rx, w)
    }
    assert covered == {(c, rx) for c, rx, _ in SUFFIX_HEDGES}


@given(st.integers(min_value=2, max_value=10**9), st.sampled_from(_SUFFIX_EXAMPLES), st.booleans())
def test_suffix_hedges_round_trip(n: int, example: tuple[str, str], money: bool) -> None:
    """A number in the case a hedge asks for, then the hedge, the case carried by the
    number or by a currency word after it."""
    case, words = example
    digit_suffix, currency = _CASE_FORMS[case]
    expr = f"{_digits(n)} {currency} {words}" if money else f"{_digits(n)}{digit_suffix} {words}"
    (found,) = find_numbers(f"Toplam {expr} oldu.")
    assert (found.text, found.value, found.qualifier) == (expr, n, _suffix_hedge(case, words))


# --------------------------------------------------------------------------- (c) hedges and rules


def _one(text: str) -> NumberExpr:
    (n,) = find_numbers(text)
    return n


def test_qualifier_codes_are_the_vocabulary() -> None:
    from turaz_data.tables.vocab import QUALIFIERS

    used = {*PREFIX_HEDGES.values(), *(q for _, _, q in SUFFIX_HEDGES), "exact"}
    assert used == set(QUALIFIER_CODES)
    # the qualifiers vocabulary gains nearly, less_than and up_to with issue 12 (i12-data)
    assert set(QUALIFIER_CODES) - set(QUALIFIERS) <= {"nearly", "less_than", "up_to"}


@pytest.mark.parametrize(
    ("text", "expr", "value", "qualifier"),
    [
        ("yaklaşık 500 asker", "yaklaşık 500", 500, "about"),
        ("tahminen 40 araç", "tahminen 40", 40, "about"),
        ("takriben 3 bin kişi", "takriben 3 bin", 3000, "about"),
        ("500 civarında asker", "500 civarında", 500, "about"),
        ("500 dolayında asker", "500 dolayında", 500, "about"),
        ("300 kadar asker", "300 kadar", 300, "about"),
        ("en az beş İHA", "en az beş", 5, "at_least"),
        ("en azından 12 tank", "en azından 12", 12, "at_least"),
        ("130’dan fazla sivil", "130’dan fazla", 130, "more_than"),
        ("yüzden fazla sivil", None, None, None),
        ("iki binden çok asker", "iki binden çok", 2000, "more_than"),
        ("100’ü aşkın uzman", "100’ü aşkın", 100, "more_than"),
        ("1 milyar doları aşan mühimmat", "1 milyar doları aşan", 10**9, "more_than"),
        ("1 milyar dolar eşiğini aşmıştır", "1 milyar dolar eşiğini aşmıştır", 10**9, "more_than"),
        ("yüzde 50’nin üzerinde", "yüzde 50’nin üzerinde", 50, "more_than"),
        ("iki bine yakın asker", "iki bine yakın", 2000, "nearly"),
        ("neredeyse 90 uçak", "neredeyse 90", 90, "nearly"),
        ("hemen hemen 20 gemi", "hemen hemen 20", 20, "nearly"),
        ("50’den az asker", "50’den az", 50, "less_than"),
        ("1.000’in altında asker", "1.000’in altında", 1000, "less_than"),
        ("en fazla 10 yıl", "en fazla 10", 10, "up_to"),
        ("en çok 3 gemi", "en çok 3", 3, "up_to"),
        ("5 bine kadar asker", "5 bine kadar", 5000, "up_to"),
        ("5 bine varan asker", "5 bine varan", 5000, "up_to"),
        ("130’dan daha fazla", "130’dan daha fazla", 130, "more_than"),
        ("40’tan daha az", "40’tan daha az", 40, "less_than"),
        ("100’ü geçen uzman", "100’ü geçen", 100, "more_than"),
        ("3 geçen yıl", "3", 3, "exact"),
        ("yaklaşık olarak 40 uçak", "yaklaşık olarak 40", 40, "about"),
        ("8,2 kat daha fazla", "8,2 kat", Decimal("8.2"), "exact"),
        ("yaklaşık yüzde seksenini", "yaklaşık yüzde seksenini", 80, "about"),
    ],
)
def test_hedges(text: str, expr: str | None, value, qualifier: str | None) -> None:
    found = find_numbers(text)
    if expr is None:  # "yüzden": yüz takes no suffix without an apostrophe (it is also "face")
        assert found == []
        return
    (n,) = found
    assert (n.text, n.value, n.qualifier) == (expr, value, qualifier)
    assert text[n.start : n.end] == n.text


@pytest.mark.parametrize(
    ("text", "value", "flags"),
    [
        ("yüzde 5,4", Decimal("5.4"), "percent"),
        ("%69", 69, "percent"),
        ("% 17", 17, "percent"),
        ("altı kat", 6, "multiplier"),
        ("5. Kolordu", 5, "ordinal"),
        ("4. maddesi", 4, "ordinal"),
        ("beşinci", 5, "ordinal"),
        ("Dördüncü", 4, "ordinal"),
        ("İkincisi", 2, "ordinal"),
        ("yirmi birinci", 21, "ordinal"),
        ("bir numaralı", 1, "ordinal"),
        ("yarısı", Decimal("0.5"), "fraction"),
        ("çeyreği", Decimal("0.25"), "fraction"),
        ("yarım", Decimal("0.5"), "fraction"),
    ],
)
def test_flags(text: str, value, flags: str) -> None:
    n = _one(text)
    assert n.value == value and n.text == text.split(". ")[0] + ("." if ". " in text else "")
    assert {k for k in ("percent", "multiplier", "ordinal", "fraction") if getattr(n, k)} == {flags}


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1.500", 1500),
        ("4,8", Decimal("4.8")),
        ("3 milyon", 3_000_000),
        ("1,85 milyar", 1_850_000_000),
        ("77 milyon 167 bin", 77_167_000),
        ("seksen", 80),
        ("iki buçuk milyon", 2_500_000),
        ("bir buçuk", Decimal("1.5")),
        ("yarım milyon", 500_000),
        ("bin dokuz yüz", 1900),
        ("1600", 1600),
        ("yaklaşık 2000", 2000),
        ("1900 milyon", 1_900_000_000),
        ("yüzde 1950", 1950),
    ],
)
def test_values(text: str, value) -> None:
    assert _one(text).value == value


@pytest.mark.parametrize(
    "text",
    [
        "katılmıştır.2 Yaşanan",  # a footnote marker
        "Ahmet Yüce, Dergi, s. 45.",  # a page number
        "Age, ss. 59-61.",
        "Insight Turkey, 23:4, 2021, s. 176.",  # volume:issue, publication year, page
        "erişim 21.07.2023.",  # an access date
        "TB2, F-16, T-72, SS-26 ve MiG-29",  # designations
        "“Kafkas Kartalı 2012” tatbikatı",  # a year inside a title
        "https://www.bbc.com/turkce/haberler-dunya-54917938",
        "Grafik 1 incelendiğinde",
        "bir yıl sonra bina ve beşik, işgal altında, ona göre, ikindi",  # words that are no numbers
        "Kasım Paşa ve Eylül Hanım",  # a month name alone is no date
        "yüz yüze görüştüler, dört bir yandan, bir iki gün, iki üç kez",  # idioms
        "3-4 bin kişi, 5-10 asker",  # number ranges are not read (and "bin" is not 1000)
    ],
)
def test_false_positives(text: str) -> None:
    assert find_numbers(text) == []
    assert find_dates(text, year=2000) == []


def test_idioms_stop_at_a_word_end() -> None:
    assert [(n.text, n.value) for n in find_numbers("bir ikinci dalga")] == [("ikinci", 2)]
    assert find_numbers("dört bir yandan") == []


def test_decade_is_not_a_year_or_number() -> None:
    assert find_dates("50’li yaşlarında") == []  # an age, not the 1950s
    assert parse_date("50’li yıllarda").edtf == "195X"
    assert parse_date("90’larda").edtf == "199X"
    (d,) = find_dates("1990’ların ortalarından itibaren")
    assert (d.edtf, d.lower, d.upper) == ("1994~/..", dt.date(1994, 1, 1), None)
    assert find_numbers("1990’ların ortalarından itibaren") == []
    (d,) = find_dates("90'lı yıllar")
    assert (d.edtf, d.lower, d.upper) == ("199X", dt.date(1990, 1, 1), dt.date(1999, 12, 31))
    assert parse_date("2000'li yıllar").edtf == "200X"
    assert parse_date("10’lu yıllar").edtf == "201X"
    assert parse_date("1980’lerin sonunda").edtf == "1987~/1989~"


@pytest.mark.parametrize(
    ("text", "edtf", "lower", "upper"),
    [
        ("2012 yılının ikinci yarısında", "2012-07/2012-12", dt.date(2012, 7, 1), dt.date(2012, 12, 31)),
        ("2012 yılının ilk yarısında", "2012-01/2012-06", dt.date(2012, 1, 1), dt.date(2012, 6, 30)),
        ("90’lı yılların ikinci yarısında", "1995/1999", dt.date(1995, 1, 1), dt.date(1999, 12, 31)),
        ("1994 yılının ilk aylarında", "1994-01~/1994-03~", dt.date(1994, 1, 1), dt.date(1994, 3, 31)),
        ("2014 yılından itibaren", "2014/..", dt.date(2014, 1, 1), None),
        ("2002 yılından bu yana", "2002/..", dt.date(2002, 1, 1), None),
        ("2009 yılına kadar", "../2009", None, dt.date(2009, 12, 31)),
        ("2007 yılından sonra", "2008/..", dt.date(2008, 1, 1), None),
        ("Mart 2001’den önce", "../2001-02", None, dt.date(2001, 2, 28)),
        ("1999 ile 2008 yılları arasında", "1999/2008", dt.date(1999, 1, 1), dt.date(2008, 12, 31)),
        ("1992-93", "1992/1993", dt.date(1992, 1, 1), dt.date(1993, 12, 31)),
        ("27 Eylül-10 Kasım 2020", "2020-09-27/2020-11-10", dt.date(2020, 9, 27), dt.date(2020, 11, 10)),
        ("28 Aralık-3 Ocak 2020", "2019-12-28/2020-01-03", dt.date(2019, 12, 28), dt.date(2020, 1, 3)),
        ("Mayıs-Haziran 1994", "1994-05/1994-06", dt.date(1994, 5, 1), dt.date(1994, 6, 30)),
        ("2020’de", "2020", dt.date(2020, 1, 1), dt.date(2020, 12, 31)),
        ("1992'de", "1992", dt.date(1992, 1, 1), dt.date(1992, 12, 31)),
        ("1992 yılı Ocak ayında", "1992-01", dt.date(1992, 1, 1), dt.date(1992, 1, 31)),
        ("1992 yılının Mart ayında", "1992-03", dt.date(1992, 3, 1), dt.date(1992, 3, 31)),
        ("15.09.1918", "1918-09-15", dt.date(1918, 9, 15), dt.date(1918, 9, 15)),
        ("1990’dan 2000’e kadar", "1990/2000", dt.date(1990, 1, 1), dt.date(2000, 12, 31)),
        ("2020 sonrası", "2021/..", dt.date(2021, 1, 1), None),
        ("1992 öncesinde", "../1991", None, dt.date(1991, 12, 31)),
        ("2020 yılı itibarıyla", "2020", dt.date(2020, 1, 1), dt.date(2020, 12, 31)),
        ("1990’lı yılların sonlarından itibaren", "1997~/..", dt.date(1997, 1, 1), None),
        ("2000’lerin başında", "2000~/2003~", dt.date(2000, 1, 1), dt.date(2003, 12, 31)),
        ("yaklaşık 1995 yılında", "1995~", dt.date(1995, 1, 1), dt.date(1995, 12, 31)),
        ("yaklaşık 1995’te", "1995~", dt.date(1995, 1, 1), dt.date(1995, 12, 31)),
        ("1995 civarında", "1995~", dt.date(1995, 1, 1), dt.date(1995, 12, 31)),
        ("1995 civarından itibaren", "1995~/..", dt.date(1995, 1, 1), None),
        ("tahminen 15 Mart 1992", "1992-03-15~", dt.date(1992, 3, 15), dt.date(1992, 3, 15)),
        ("1990’ların ortaları civarında", "1994~/1996~", dt.date(1994, 1, 1), dt.date(1996, 12, 31)),
    ],
)
def test_date_rules(text: str, edtf: str, lower, upper) -> None:
    d = parse_date(text)
    assert (d.text, d.edtf, d.lower, d.upper, d.year_from_context) == (text, edtf, lower, upper, False)


def test_yearless_expressions_take_the_running_year() -> None:
    text = "Nisan 1993’te bir gelişme oldu. Haziran ayında ise 5-8 Haziran’da bir ziyaret yapıldı."
    assert [d.edtf for d in find_dates(text)] == ["1993-04"]
    got = [(d.edtf, d.year_from_context) for d in find_dates(text, infer_year=True)]
    assert got == [("1993-04", False), ("1993-06", True), ("1993-06-05/1993-06-08", True)]
    # year= is the fallback when no printed year precedes; a preceding year wins
    assert [d.edtf for d in find_dates("Haziran ayında; 2001 yılında 3 Mart’ta", year=1999, infer_year=True)] == [
        "1999-06",
        "2001",
        "2001-03-03",
    ]
    assert find_dates("31 Şubat 2001") == []  # no calendar day


def test_bad_input_is_refused_with_a_message() -> None:
    with pytest.raises(ValueError, match="not one Turkish number expression"):
        parse_number("iki ülke")
    with pytest.raises(ValueError, match="not one Turkish date expression"):
        parse_date("yarın")
    with pytest.raises(ValueError, match="0 or more"):
        turkish_number_words(-1)


# --------------------------------------------------------------------------- invariants

_WORDS = [
    "15", "1918", "1992’de", "1999-2015", "yılları", "arasında", "yılında", "yılının", "ikinci", "yarısında",
    "Eylül", "Ocak", "ayında", "90’lı", "yıllar", "itibaren", "kadar", "sonra", "yüzde", "5,4", "%69", "iki",
    "bine", "yakın", "altı", "kat", "en", "az", "beş", "130’dan", "fazla", "1.500", "milyon", "bin", "bir",
    "ve", "Türkiye", "5.", "Kolordu", "“Kartal", "2012”", "s.", "7", "katılmıştır.2", "TB2", "-", ",", "yarısı",
    "yaklaşık", "seksenini", "neredeyse", "civarında", "birlikte", "ortaları", "on", "doksan", "dokuzuncu", "‘Anadolu", "2021’", "https://x.y/2020",
]  # fmt: skip


_ALPHABET = "0123456789 .,-–’'›‘“”%/:aeıioöuüAEIİOÖUÜbcçdfgğhjklmnprsştvyzBCÇDFGĞHKMNPRSŞTVYZ\n"


@given(
    st.one_of(st.lists(st.sampled_from(_WORDS), max_size=14).map(" ".join), st.text(_ALPHABET, max_size=60)),
    st.one_of(st.none(), st.integers(1800, 2099)),
    st.booleans(),
)
def test_expressions_are_consistent_on_any_text(text: str, year: int | None, infer: bool) -> None:
    """On any text (words of the article's kinds, or any characters): no exception, every
    expression is the text at its offsets, dates and numbers never overlap, bounds are
    ordered and every EDTF string is valid for the package."""
    from turaz_data.tables import edtf

    dates = find_dates(text, year=year, infer_year=infer)
    numbers = find_numbers(text)
    spans = sorted([(x.start, x.end) for x in [*dates, *numbers]])
    for (s1, e1), (s2, e2) in itertools.pairwise(spans):
        assert e1 <= s2
    for x in [*dates, *numbers]:
        assert text[x.start : x.end] == x.text and x.text == x.text.strip() and x.text
    for d in dates:
        assert d.lower is None or d.upper is None or d.lower <= d.upper
        edtf.parse(d.edtf)
        assert d.year_from_context <= (year is not None or infer)
    for n in numbers:
        assert n.qualifier in QUALIFIER_CODES and n.value >= 0


def test_apostrophe_forms_and_normalised_scopes_read_alike(parsed: Article) -> None:
    """The verifier may pass scopes as printed or normalised (apostrophes folded, white
    space folded): both give the same expressions."""
    from turaz_data.source.article import normalise

    for n in parsed.footnote_numbers:
        for support in ("sentence", "paragraph", "note"):
            if support != "note" and n not in parsed.markers:
                continue
            text = parsed.scope_text(n, support)
            assert [d.edtf for d in find_dates(normalise(text), infer_year=True)] == [
                d.edtf for d in find_dates(text, infer_year=True)
            ]
            assert [(x.value, x.qualifier) for x in find_numbers(normalise(text))] == [
                (x.value, x.qualifier) for x in find_numbers(text)
            ]
