"""turaz_data.source.article: normalising, sentence splitting, parsing made-up and real articles.

Made-up articles come from tests/article_layout.py (invented words, the real layout).
The real article is read from ../shared/seeds/ (or $TURAZ_ARTICLE); those tests skip
when it is absent.  No text of the article is copied here: only short tokens (dates,
numbers, names) that the citation model treats as data.
"""

from __future__ import annotations

import random
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from turaz_data.source.article import (
    SUPPORTS,
    Article,
    ArticleError,
    article_sha256,
    load_article,
    normalise,
    parse_article,
    split_sentences,
)
from tests.article_layout import Synthetic, build, unique_token
from tests.strategies import examples
from turaz_data.publish.metadata import ARTICLE_SHA256

# --------------------------------------------------------------------------- strategies


@st.composite
def synthetic_articles(draw: st.DrawFn) -> Synthetic:
    rng = draw(st.randoms(use_true_random=False))
    return build(
        rng,
        sections=draw(st.integers(1, 4)),
        width=draw(st.integers(35, 90)),
        page_len=draw(st.integers(3, 20)),
    )


PROPERTY = settings(max_examples=examples(60))


def parse_error(text: str) -> str:
    with pytest.raises(ArticleError) as info:
        parse_article(text)
    assert info.value.problems, "an ArticleError always lists its problems"
    return str(info.value)


def set_line(text: str, index: int, line: str) -> str:
    lines = text.split("\n")
    lines[index] = line
    return "\n".join(lines)


# --------------------------------------------------------------------------- normalise


def test_normalise_folds_apostrophes_space_and_unicode_forms() -> None:
    assert normalise("Azerbaycan’a  Azerbaycan›a\tAzerbaycan'a") == "Azerbaycan'a Azerbaycan'a Azerbaycan'a"
    assert normalise("‘Türkiye Barış Gücü’") == "'Türkiye Barış Gücü'"
    assert normalise("ʼ") == "'"
    decomposed = "Gu\u0308ney"  # u + combining diaeresis
    assert normalise(decomposed) == "Güney"
    assert normalise("\ufeff  a \n\n b  ") == "a b"


def test_normalise_line_break_hyphen_has_two_readings() -> None:
    assert normalise("1992-\n1993") == "1992-1993"
    assert normalise("reu-\n ters.com") == "reu-ters.com"
    assert normalise("reu-\nters.com", hyphen="drop") == "reuters.com"
    assert normalise("Türkiye- Azerbaycan") == "Türkiye- Azerbaycan"  # not at a line end


def test_normalise_keeps_case_and_diacritics() -> None:
    assert normalise("İHA") != normalise("IHA")
    assert normalise("askerî") != normalise("askeri")


def test_article_sha256_ignores_layout_not_wording() -> None:
    text = "Giriş\nBir satır \nve öbürü’dür.\n"
    same = "\ufeff" + text.replace("\n", "\r\n").replace("’", "'").replace(" \r\n", "  \r\n")
    assert article_sha256(text) == article_sha256(same)
    assert article_sha256(text) != article_sha256(text.replace("Bir", "Iki"))
    assert re.fullmatch(r"[0-9a-f]{64}", article_sha256(text))


# --------------------------------------------------------------------------- sentences


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Bir cümle. İki cümle.", ["Bir cümle.", "İki cümle."]),
        ("Ordusuna (5. Kolordu Komutanlığı) 80 araç verildi. Sonra bitti.",
         ["Ordusuna (5. Kolordu Komutanlığı) 80 araç verildi.", "Sonra bitti."]),
        ("Anlaşmanın 4. maddesi var. Anlaşmanın 9. Maddesi de var.",
         ["Anlaşmanın 4. maddesi var.", "Anlaşmanın 9. Maddesi de var."]),
        ("Bilal N. Şimşir yazdı. Pieter D. Wezeman da.", ["Bilal N. Şimşir yazdı.", "Pieter D. Wezeman da."]),
        ("Bkz. s. 45 ve Dr. Aydın vb. Kaynaklar. XXI. Yüzyılda bitti.",
         ["Bkz. s. 45 ve Dr. Aydın vb. Kaynaklar.", "XXI. Yüzyılda bitti."]),
        ("“Antlaşma” imzalanmıştır.” Sonra 1999 yılında oldu! Ne oldu? Bu.",
         ["“Antlaşma” imzalanmıştır.”", "Sonra 1999 yılında oldu!", "Ne oldu?", "Bu."]),
        ("en büyük 12. silah ihracatçısı. Sonra", ["en büyük 12. silah ihracatçısı.", "Sonra"]),
    ],
)
def test_split_sentences(text: str, expected: list[str]) -> None:
    assert split_sentences(text) == expected


# --------------------------------------------------------------------------- made-up articles


@PROPERTY
@given(synthetic_articles())
def test_synthetic_article_is_recovered_exactly(s: Synthetic) -> None:
    article = parse_article(s.text)
    numbers = list(range(1, len(s.footnotes) + 1))
    assert list(article.markers) == numbers
    assert article.footnote_numbers == numbers
    assert article.footnotes == s.footnotes
    assert [p.text for p in article.paragraphs] == s.paragraphs
    assert [p.section for p in article.paragraphs] == s.paragraph_sections
    assert [sec.id for sec in article.sections] == s.section_ids
    places = [(m.paragraph, m.sentence) for m in article.markers.values()]
    assert places == sorted(places) and len(set(places)) == len(places)
    for n, marker in article.markers.items():
        assert marker.line == s.marker_at[n][0] + 1
        assert article.scope_text(n, "sentence") == s.sentences[n]
        assert n in article.paragraphs[marker.paragraph].markers
        assert s.sentences[n] in article.scope_text(n, "paragraph")
    assert [ln - 1 for n in numbers for ln in article.footnote_lines[n]] == s.block_lines


@PROPERTY
@given(synthetic_articles(), st.data())
def test_token_of_a_sentence_is_in_that_scope_and_not_the_next(s: Synthetic, data: st.DataObject) -> None:
    article = parse_article(s.text)
    n = data.draw(st.sampled_from(sorted(article.markers)))
    token = unique_token(n)
    assert article.contains(token, n, "sentence")
    assert article.contains(token, n, "paragraph")
    assert (n, "sentence") in article.locate(token)
    if n + 1 in article.markers:
        assert not article.contains(token, n + 1, "sentence")
    assert {f for f, support in article.locate(token) if support == "sentence"} == {n}


@PROPERTY
@given(synthetic_articles())
def test_bom_and_crlf_do_not_change_the_parse(s: Synthetic) -> None:
    plain = parse_article(s.text)
    windows = parse_article("\ufeff" + s.text.replace("\n", "\r\n"))
    assert windows.footnotes == plain.footnotes
    assert windows.paragraphs == plain.paragraphs
    assert windows.markers == plain.markers
    assert windows.sha256 == plain.sha256


def test_handwritten_article_layout_cases() -> None:
    """One small article written out in full, with each layout case in it."""
    text = "\n".join(
        [
            " A Made-up Title",
            "",
            "Öz",
            "Özet satırı.1 ",
            "",
            "Giriş",
            "Bu giriş paragrafının ilk satırı başlıktan sonra ",
            "",
            "devam ediyor ve bitiyor. İkinci cümle 1918 yılında geçer.",
            "",
            "1. Birinci Bölüm",
            "Kolordu konusunda (5. Kolordu Komutanlığı) 80 ",
            "",
            "araç verildi ve Alfa-",
            "Beta yolu açıldı.1 Sonra 1992-",
            "1993 döneminde Dr. Aydın geldi.2 Cümle sayfa ",
            "",
            "1  Yazar Adı, “Kitap”, 2001, s. 4.",
            "2 İkinci Yazar, “Uzun bir başlık”, https://www.reu-",
            "ters.com/yol/",
            "sayfa, erişim 01.01.2020 ve devamı ",
            " sonunda bitiyor.3",
            "",
            "Grafik 1. Bir grafik ",
            "başlığı",
            "",
            "Kaynak: https://data.example.org",
            "",
            "Yeni paragraf 4. maddesi ile başlar.4",
            "",
            "bir önceki sayfadan kalan dipnot metni.",
            "3  Üçüncü Dipnot, s. 9.",
            "4  Dördüncü.",
            " Sonuç Yerine",
            "Sonuç paragrafı.",
            "",
            "Çatışma Beyanı:",
            "",
            "Yok.",
        ]
    )
    a = parse_article(text)
    assert [s.id for s in a.sections] == ["giris", "1", "sonuc"]
    assert a.sections[1].title == "1. Birinci Bölüm"
    assert a.footnotes == {
        1: "Yazar Adı, “Kitap”, 2001, s. 4.",
        2: "İkinci Yazar, “Uzun bir başlık”, https://www.reu-ters.com/yol/sayfa, erişim "
        "01.01.2020 ve devamı bir önceki sayfadan kalan dipnot metni.",
        3: "Üçüncü Dipnot, s. 9.",
        4: "Dördüncü.",
    }
    assert [p.text for p in a.paragraphs] == [
        "Bu giriş paragrafının ilk satırı başlıktan sonra devam ediyor ve bitiyor. "
        "İkinci cümle 1918 yılında geçer.",
        "Kolordu konusunda (5. Kolordu Komutanlığı) 80 araç verildi ve Alfa-Beta yolu açıldı. "
        "Sonra 1992-1993 döneminde Dr. Aydın geldi. Cümle sayfa sonunda bitiyor.",
        "Yeni paragraf 4. maddesi ile başlar.",
        "Sonuç paragrafı.",
    ]
    assert a.paragraphs[1].markers == [1, 2, 3]
    assert a.scope_text(1, "sentence") == "Kolordu konusunda (5. Kolordu Komutanlığı) 80 araç verildi ve Alfa-Beta yolu açıldı."
    assert a.scope_text(2, "sentence") == "Sonra 1992-1993 döneminde Dr. Aydın geldi."
    assert a.scope_text(3, "sentence") == "Cümle sayfa sonunda bitiyor."
    assert [(m.line, m.paragraph, m.sentence) for m in a.markers.values()] == [
        (15, 1, 0), (16, 1, 1), (22, 1, 2), (29, 2, 0),
    ]
    assert a.captions[0].text == "Grafik 1. Bir grafik başlığı Kaynak: https://data.example.org"
    assert (a.captions[0].first_line, a.captions[0].last_line) == (24, 27)
    assert a.footnote_lines[2] == [19, 20, 21, 31]
    # Both readings of a line-break hyphen match; the printed one is shown.
    assert a.locate("reuters.com") == a.locate("reu-ters.com") == [(2, "note")]
    assert a.locate("1992-1993") == [(1, "paragraph"), (2, "sentence"), (2, "paragraph"), (3, "paragraph")]
    assert a.locate("AlfaBeta") == a.locate("Alfa-Beta")
    assert a.locate("Grafik") == []  # the caption is no scope
    assert a.locate("5. Kolordu") == [(1, "sentence"), (1, "paragraph"), (2, "paragraph"), (3, "paragraph")]


# --------------------------------------------------------------------------- damaged input


@PROPERTY
@given(synthetic_articles(), st.data())
def test_removed_marker_is_reported_with_its_neighbours(s: Synthetic, data: st.DataObject) -> None:
    n = data.draw(st.sampled_from(sorted(s.marker_at)))
    index, col = s.marker_at[n]
    line = s.lines[index]
    damaged = set_line(s.text, index, line[:col] + line[col + len(str(n)) :])
    message = parse_error(damaged)
    if n == len(s.footnotes) and n == 1:
        assert "footnote marker 1 not found in the body" in message
    else:
        assert f"footnote marker {n} not found in the body (marker" in message
    if 1 < n < len(s.footnotes):
        before, after = s.marker_at[n - 1][0] + 1, s.marker_at[n + 1][0] + 1
        assert (
            f"footnote marker {n} not found in the body (markers {n - 1} and {n + 1} "
            f"are on lines {before} and {after})"
        ) in message


@PROPERTY
@given(synthetic_articles(), st.data())
def test_swapped_markers_are_out_of_order(s: Synthetic, data: st.DataObject) -> None:
    assume(len(s.marker_at) >= 2)
    n = data.draw(st.integers(1, len(s.marker_at) - 1))
    lines = s.lines
    # Replace from the right so the first replacement does not move the second.
    for number, other in sorted([(n, n + 1), (n + 1, n)], key=lambda p: s.marker_at[p[0]], reverse=True):
        index, col = s.marker_at[number]
        lines[index] = lines[index][:col] + str(other) + lines[index][col + len(str(number)) :]
    message = parse_error("\n".join(lines))
    assert re.search(rf"footnote marker ({n}|{n + 1}) is out of order: it stands on line \d+", message)


@PROPERTY
@given(synthetic_articles(), st.data())
def test_duplicated_marker_is_reported(s: Synthetic, data: st.DataObject) -> None:
    assume(len(s.marker_at) >= 2)
    n = data.draw(st.integers(2, len(s.marker_at)))
    index, col = s.marker_at[n]
    line = s.lines[index]
    damaged = set_line(s.text, index, line[:col] + str(n - 1) + line[col + len(str(n)) :])
    message = parse_error(damaged)
    assert f"footnote marker {n - 1} occurs more than once in the body" in message
    assert f"footnote marker {n} not found in the body" in message


@PROPERTY
@given(synthetic_articles())
def test_footnote_blocks_removed(s: Synthetic) -> None:
    drop = set(s.block_lines)
    damaged = "\n".join(line for i, line in enumerate(s.lines) if i not in drop)
    assert "- no footnote blocks found: is this the article text?" in parse_error(damaged)


@PROPERTY
@given(synthetic_articles(), st.data())
def test_missing_footnote_number_is_reported(s: Synthetic, data: st.DataObject) -> None:
    n = data.draw(st.sampled_from(sorted(s.footnote_lines)))
    index = s.footnote_lines[n][0]
    stripped = re.sub(r"^\d+ {1,2}", "", s.lines[index])
    message = parse_error(set_line(s.text, index, stripped))
    assert names_missing_footnote(message, n), message


def names_missing_footnote(message: str, n: int) -> bool:
    """Whether the message names footnote n as missing, in one of the parser's forms.

    Which form depends on the layout: a later footnote line read as skipping numbers
    ("footnote 3 not found", "footnotes 3-4 not found"), or footnote n's lines running on
    into footnote n - 1 so that marker n has no text, or (n = 1) no block left at all.
    """
    for m in re.finditer(r"footnotes? (\d+)(?:-(\d+))? not found in the footnote blocks", message):
        low, high = int(m.group(1)), int(m.group(2) or m.group(1))
        if low <= n <= high:
            return True
    if re.search(rf"footnote marker {n} \(line \d+\) has no footnote text", message):
        return True
    return n == 1 and "no footnote blocks found" in message


def test_empty_and_foreign_text() -> None:
    assert parse_error("") == "the text does not parse as the article:\n- the text is empty"
    assert parse_error("\ufeff \r\n\n") .endswith("- the text is empty")
    assert "heading “Giriş” not found: is this the article text?" in parse_error("Lorem ipsum.\n")
    no_notes = "Giriş\nBir paragraf bitti.1 \n\nSonuç Yerine\nSon.\n"
    assert parse_error(no_notes).endswith("- no footnote blocks found: is this the article text?")


@settings(max_examples=examples(200))
@given(st.text())
def test_random_text_raises_only_article_error(text: str) -> None:
    with pytest.raises(ArticleError):
        parse_article(text)


@settings(max_examples=examples(120))
@given(st.lists(st.sampled_from(["", " ", "Giriş", "1. Bölüm", "Sonuç Yerine", "Çatışma Beyanı:",
                                 "1  Not.", "2 Not", " Sayfa", "metin.1 ", "metin.2", "Grafik 1. x",
                                 "Kaynak: y", "a-", "b.3 c ", "5. Kolordu "]), max_size=40))
def test_article_like_junk_raises_only_article_error(lines: list[str]) -> None:
    try:
        parse_article("\n".join(lines))
    except ArticleError:
        pass


@PROPERTY
@given(synthetic_articles(), st.data())
def test_cut_articles_parse_or_raise_article_error(s: Synthetic, data: st.DataObject) -> None:
    lines = s.lines
    start = data.draw(st.integers(0, len(lines) - 1))
    stop = data.draw(st.integers(start, min(len(lines), start + 15)))
    try:
        parse_article("\n".join(lines[:start] + lines[stop:]))
    except ArticleError:
        pass


def test_load_article_errors(tmp_path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ArticleError, match="cannot read the article text"):
        load_article(tmp_path / "missing.txt")
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("Giriş çalışma".encode("cp1254"))
    with pytest.raises(ArticleError, match="is not UTF-8 text"):
        load_article(bad)


def test_scope_text_rejects_unknown_scope() -> None:
    a = parse_article(build(random.Random(1)).text)
    with pytest.raises(ValueError, match="support must be one of"):
        a.scope_text(1, "page")
    with pytest.raises(ValueError, match="footnote 999 is not in the article"):
        a.scope_text(999, "note")


# --------------------------------------------------------------------------- the real article


def test_real_article_has_59_footnotes_and_markers_in_order(real_article: Article) -> None:
    numbers = list(range(1, 60))
    assert real_article.footnote_numbers == numbers
    assert list(real_article.markers) == numbers
    lines = [m.line for m in real_article.markers.values()]
    assert lines == sorted(lines)
    positions = [(real_article.markers[n].paragraph, real_article.markers[n].sentence) for n in numbers]
    assert positions == sorted(positions)
    assert real_article.sha256 == ARTICLE_SHA256  # the text the tables were checked against
    assert all(real_article.footnotes[n] for n in numbers)
    assert [s.id for s in real_article.sections] == ["giris", "1", "2", "3", "4", "sonuc"]
    assert real_article.sections[3].title.startswith("3. 2003-2020 ")
    assert real_article.sections[-1].title == "Sonuç Yerine"


def test_real_article_footnote_texts_are_whole(real_article: Article) -> None:
    notes = real_article.footnotes
    assert "Atamali Shahbazov" in notes[13]
    assert notes[13].endswith("erişim 13.08.2023.")
    assert notes[13].startswith("Aslında birinci bağımsızlık")
    # 41 runs on after a page break, above footnote 42.
    assert "Berikan Yayınevi" in notes[41] and notes[41].endswith("s. 177.")
    assert "Kenan Aslanlı (ed.)" in notes[41]
    assert real_article.footnote_lines[41] == [604, 648, 649]
    assert notes[42].startswith("“Türkiye Cumhuriyeti ile Azerbaycan")
    # 55's URL line is at the top of the next page's block.
    assert "defenceturk.net" in notes[55] and notes[55].endswith("erişim 12.08.2023.")
    assert real_article.footnote_lines[55] == [756, 796, 797]
    assert notes[56].startswith("Joël Postma")
    assert "Tayyareçilik" in notes[40]
    assert notes[38].startswith("Derk Kınnane")  # one space after the number
    assert notes[14].endswith("s. 166.")


def test_real_article_marker_sentences(real_article: Article) -> None:
    a = real_article
    assert "762" in a.scope_text(2, "sentence")
    assert a.markers[2].line == 216
    # "11 Ağustos 1992" stands in the sentence ending with marker 18, not before it.
    assert "11 Ağustos 1992" in a.scope_text(18, "sentence")
    assert "11 Ağustos" in a.scope_text(18, "paragraph")
    assert a.markers[18].paragraph == a.markers[19].paragraph
    assert "11 Ağustos" not in a.scope_text(19, "sentence")
    # "5. Kolordu" is no marker and no sentence end; footnote 34's sentence holds "80".
    assert "80" in a.scope_text(34, "sentence")
    assert "(5. Kolordu Komutanlığı) 80 askeri araç" in a.scope_text(34, "sentence")
    assert "5. Kolordu’nun" in a.scope_text(35, "sentence")
    assert (a.markers[34].line, a.markers[35].line) == (536, 538)
    # A sentence healed across the footnote block at lines 226-230.
    assert a.scope_text(5, "sentence").endswith("giderleri Türkiye tarafından karşılanmıştır.")
    assert a.markers[5].line == 231


def test_real_article_scope_memberships(real_article: Article) -> None:
    locate = real_article.locate
    assert locate("1600 Türk askerî uzmanı") == [(21, "sentence"), (21, "paragraph")]
    assert locate("Hocalı Katliamı") == [(13, "sentence"), (13, "paragraph"), (14, "paragraph"), (15, "paragraph")]
    assert locate("11 Ağustos 1992") == [(18, "sentence"), (18, "paragraph"), (19, "paragraph")]
    assert locate("14 anlaşma") == [(44, "sentence"), (44, "paragraph")]
    assert locate("4 Haziran 1918") == [(9, "paragraph")]
    assert locate("Tayyareçilik") == [(40, "note")]
    assert locate("15 Haziran 2021") == [(58, "paragraph"), (59, "paragraph")]
    # The paragraph holding "1992-1993" carries no marker: no scope holds it.
    assert locate("1992-1993") == []
    # Line-break hyphens: a range, a compound, a word split inside a URL.
    assert locate("2015-2019") == [(46, "paragraph")]
    assert locate("Türkiye-Azerbaycan arasında kısa süreli") == [(21, "paragraph")]
    assert locate("reuters.com") == locate("reu-ters.com") == [(6, "note")]
    # Apostrophes: the note prints "Azerbaycan›a".
    assert locate("Azerbaycan’a bir askerî kuvvet") == [(13, "note")]
    # Case and diacritics count.
    assert locate("askerî personel") and not locate("askeri personel katılmıştır")


def test_real_article_caption_is_kept_out(real_article: Article) -> None:
    (caption,) = real_article.captions
    assert (caption.first_line, caption.last_line) == (246, 249)
    assert caption.text.startswith("Grafik 1.") and caption.text.endswith("data.worldbank.org/indicator")
    assert not any("worldbank" in p.text for p in real_article.paragraphs)
    assert real_article.locate("data.worldbank.org") == []


def test_real_article_hash_and_line_ends(real_text: str, real_article: Article) -> None:
    assert real_article.sha256 == article_sha256(real_text)
    assert real_article.sha256 == "b6dc686667edc80bac2154b4eed71cb708243cb501324dd7cb7027b5214592d1"
    windows = parse_article("\ufeff" + real_text.replace("\n", "\r\n"))
    assert windows.sha256 == real_article.sha256
    assert windows.footnotes == real_article.footnotes
    assert windows.markers == real_article.markers


def test_real_article_damaged(real_text: str) -> None:
    lines = real_text.split("\n")

    def damaged(index: int, old: str, new: str) -> str:
        assert old in lines[index]
        return set_line(real_text, index, lines[index].replace(old, new))

    assert parse_error(damaged(409, "olmuştur.17", "olmuştur.")).endswith(
        "- footnote marker 17 not found in the body (markers 16 and 18 are on lines 405 and 417)"
    )
    assert parse_error(damaged(445, "17  ", "")).endswith(
        "- footnote 17 not found in the footnote blocks (line 450 starts footnote 18, after footnote 16)"
    )
    assert "footnote marker 18 occurs more than once in the body (lines 417, 422)" in parse_error(
        damaged(421, "getirilmiştir.19", "getirilmiştir.18")
    )
    no_blocks = "\n".join(
        line for i, line in enumerate(lines) if not (225 <= i < 877 and re.match(r"^\d{1,2} ", line))
    )
    message = parse_error(no_blocks)
    assert "footnote marker" in message or "no footnote blocks" in message
    assert parse_error(real_text.replace("Giriş\n", "Giris\n")).endswith(
        "- heading “Giriş” not found: is this the article text?"
    )


def test_every_scope_of_the_real_article_is_text(real_article: Article) -> None:
    for n in real_article.footnote_numbers:
        for support in SUPPORTS:
            assert real_article.scope_text(n, support).strip()


def test_article_and_verifier_use_the_standard_library_only() -> None:
    code = (
        "import sys, turaz_data.source.article, turaz_data.source.turkish, turaz_data.source.verify; "
        "heavy = {'pandas', 'pydantic', 'pandera', 'numpy', 'frictionless', 'edtf'}; "
        "print(sorted(heavy & {m.split('.')[0] for m in sys.modules}))"
    )
    root = Path(__file__).resolve().parents[1]
    out = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
