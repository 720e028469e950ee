"""Parse a plain-text extraction of the source article into footnotes, paragraphs and scopes.

The article (Özsoy, "Türkiye-Azerbaycan İlişkilerinin Askerî Boyutu", Güvenlik Stratejileri
Dergisi) is not shipped with the package: callers pass its text (see
``docs``/the citation model).  This module turns that text into an :class:`Article` whose
*scopes* (the sentence ending with a footnote marker, the paragraph holding it, the
footnote's own text) are what claim rows are verified against (:mod:`turaz_data.source.verify`).

Standard library only.

Layout of the extraction (checked on the real file) and the heuristics built on it
------------------------------------------------------------------------------------
* **Front matter.**  Title, author, a Turkish abstract ("Öz"), an English abstract and
  summary.  Everything before the first line reading exactly ``Giriş`` is ignored.
* **Body.**  Starts at the heading ``Giriş`` and stops at the line starting with
  ``Çatışma Beyanı`` (or at the end of the text).  Section headings are single lines
  without a trailing space, standing after a blank line or at the top of a page and
  followed by a non-blank line (the first line of the section's first paragraph):
  ``Giriş``, then ``1. ...``, ``2. ...`` (numbered in sequence), then ``Sonuç Yerine``.
  Section ids are ``"giris"``, ``"1"``, ``"2"``, ..., ``"sonuc"``.
* **Lines and paragraphs.**  Every line inside a paragraph ends with a trailing space; a
  line ending in a hyphen with no trailing space is broken at that hyphen (``1992-`` /
  ``1993``, ``Türkiye-`` / ``Azerbaycan``).  A body line with no trailing space that does
  not end in a hyphen ends its paragraph.  A *gap* between two body lines (blank lines,
  possibly with a footnote block or a chart caption in between) is a paragraph break
  only when the line before it ends a sentence (``.``, ``!``, ``?`` or ``…``, possibly with
  closing quotes and a glued footnote marker, and not an abbreviation or ordinal such as
  ``s.`` or ``5.``); otherwise the text plainly runs on (the blank line that often
  follows the first line after a heading, page breaks inside sentences).  A page break
  with no footnote block and no blank line never breaks a paragraph.
* **Pages.**  The first line of each page starts with a single leading space.
* **Footnote blocks.**  They sit at page ends: after a blank line and immediately before
  the first line of the next page (or before the end of the body).  A footnote starts
  with a line ``N  text`` or ``N text`` (the number, one to three spaces, text) where N is
  the next footnote number expected; every other line of the block continues the
  current footnote.  A block may start with continuation lines of the previous page's
  last footnote (footnotes 41 and 55 of the real article), provided the block then
  starts the next footnote; a block made only of continuation lines is not recognised
  (the real article has none).  Footnote lines are joined as printed: a trailing space
  is a word break, a line without one is glued to the next (URLs broken over lines).
* **Captions.**  A chart caption block (``Grafik 1. ...`` up to its ``Kaynak: ...`` line,
  also ``Tablo``, ``Şekil``, ``Harita``) is neither prose nor a footnote: it is kept out
  of the paragraphs and recorded in :attr:`Article.captions`; it is no scope.
* **Footnote markers.**  Digits glued to sentence punctuation, ``katılmıştır.2``,
  ``getirmiştir.13 Yaşanan``: one or two digits right after ``.``, ``,``, ``;``, ``:``,
  ``!``, ``?``, ``…``, a closing quote or bracket that itself follows a non-digit, and
  followed by white space or the end of the line.  Years, ``5. Kolordu``, ``4. maddesi``,
  ``1,85``, ``20 Ocak``, ``TB2``, ``1992-`` / ``1993`` never take that shape.  Markers must
  then read 1, 2, 3, ... in order: the longest increasing chain of candidates is taken
  and anything else in range (a missing, duplicated or out-of-order marker) is reported.
  A marker ends its sentence.
* **Sentences.**  Split after ``.``, ``!``, ``?`` or ``…`` (plus closing quotes) followed by
  white space and an upper-case letter, a digit, an opening quote or bracket; never after
  an ordinal or number (``5.``, ``19.``), a single capital initial (``N.``, ``D.``), a Roman
  numeral (``XXI.``) or a listed abbreviation (``s.``, ``vb.``, ``Dr.``, ``bkz.``, ...).

Normalisation and the article hash
----------------------------------
:func:`normalise` is applied to evidence tokens and scope texts before matching: Unicode
NFC; U+FEFF and soft hyphens removed; the apostrophes ``’ ' › ‘ ʼ`` folded to ``'``; a
hyphen at a line end glued to the next line (``hyphen="keep"``: ``reu-ters``) or dropped
(``hyphen="drop"``: ``reuters``); runs of white space folded to one space; ends stripped.
Because a line-break hyphen is ambiguous (``1992-1993`` is a range, ``reu-ters.com`` a
split word), every scope is kept in both readings and a token matches when it occurs in
either (a token that needs one line-break hyphen kept and another dropped in the same
scope is not matched).

:func:`article_sha256` is the SHA-256 (hex) of the UTF-8 encoding of
``normalise(text)`` (hyphens kept) of the *whole* input text after a UTF-8 BOM is removed
and CRLF/CR line ends are made LF.  Line-end conventions, trailing spaces and
apostrophe variants therefore do not change the hash; any change of wording does.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from os import PathLike
from pathlib import Path
from typing import Literal

from turaz_data.errors import TurazError

__all__ = [
    "SUPPORTS",
    "Article",
    "ArticleError",
    "Caption",
    "Marker",
    "Paragraph",
    "Section",
    "Support",
    "article_sha256",
    "load_article",
    "normalise",
    "parse_article",
    "split_sentences",
]

Support = Literal["sentence", "paragraph", "note"]
SUPPORTS: tuple[Support, ...] = ("sentence", "paragraph", "note")

# A line-break hyphen inside assembled text: the printed "-" followed by this invisible
# sentinel, so both readings (hyphen kept, hyphen dropped) can be produced later.  Soft
# hyphens in the input are removed first, so the sentinel is unambiguous.
_BREAK = "\u00ad"

_APOSTROPHES = str.maketrans({"’": "'", "›": "'", "‘": "'", "ʼ": "'"})
_WS = re.compile(r"\s+")
_LINE_BREAK_HYPHEN = re.compile(r"-[ \t]*\n[ \t]*")

# "2  Ahmet Yüce, ..." / "38 Derk ...": the footnote number, 1-3 spaces, then text.
_FOOTNOTE_START = re.compile(r"^(\d{1,3})( {1,3})(?=\S)")
# A marker: 1-2 digits glued to sentence punctuation that follows a non-digit.
_MARKER = re.compile(r"(?<=[^\s\d][.,;:!?…”\"’»)\]])(\d{1,2})(?=\s|$)")
_SECTION_HEADING = re.compile(r"^(\d{1,2})\. (\S.*)$")
_CAPTION_START = re.compile(r"^(Grafik|Tablo|Şekil|Harita) \d+\.\s")
_CAPTION_END = re.compile(r"^Kaynak\s*:")
_SENTENCE_END = re.compile(r"([.!?…])([”\"’'»)\]]*)(\s+)(?=[A-ZÇĞİÖŞÜÂÎÛ0-9“\"‘'(«\[])")
_LINE_ENDS_SENTENCE = re.compile(r"[.!?…][”\"’'»)\]]*(\d{1,2})?$")

#: Words that end with a period without ending a sentence (compared lower-cased, without
#: the period).  Single capital initials, Roman numerals and numbers are handled apart.
ABBREVIATIONS: frozenset[str] = frozenset(
    {
        "s", "ss", "vb", "vs", "vd", "dr", "prof", "doç", "yrd", "bkz", "krş", "age",
        "agk", "a.g.e", "a.g.k", "ed", "eds", "çev", "yay", "haz", "no", "nr", "sy", "c",
        "cilt", "st", "org", "orgeneral", "gen", "korg", "tümg", "tuğg", "alb", "yb",
        "bnb", "yzb", "ütğm", "tğm", "mr", "mrs", "ms", "jr", "sr", "vol", "pp", "p",
        "örn", "yy", "bk", "op", "cit", "ibid", "etc", "e.g", "i.e", "vs", "mad", "md",
    }
)
_ROMAN = re.compile(r"^[IVXLCDM]+$")
_INITIAL = re.compile(r"^[A-ZÇĞİÖŞÜ]$")


#: How far ahead of the expected footnote number a footnote line is still read as one
#: (and the numbers skipped reported as missing).
_JUMP = 5


def _footnote_start(content: str) -> tuple[int, int] | None:
    """(number, spaces after it) when a line starts like a footnote, else None."""
    m = _FOOTNOTE_START.match(content)
    return (int(m.group(1)), len(m.group(2))) if m else None


class ArticleError(TurazError, ValueError):
    """The text is not the article, or it is damaged; ``problems`` says precisely how."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = list(problems)
        lines = "\n".join(f"- {p}" for p in self.problems)
        super().__init__(f"the text does not parse as the article:\n{lines}")


# --------------------------------------------------------------------------- normalising


def _prepare(text: str) -> str:
    """Drop a BOM and soft hyphens, make line ends LF, apply NFC."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text).replace("\u00ad", "")


def normalise(text: str, hyphen: Literal["keep", "drop"] = "keep") -> str:
    """Return ``text`` in the form evidence tokens and scopes are compared in.

    Unicode NFC; BOM and soft hyphens removed; the apostrophes ’ ' › ‘ ʼ folded to ``'``;
    a hyphen at the end of a line joined to the next line, kept (``hyphen="keep"``) or
    removed (``hyphen="drop"``); runs of white space folded to one space; ends stripped.

    >>> normalise("Azerbaycan›a  reu-\\nters")
    "Azerbaycan'a reu-ters"
    >>> normalise("reu-\\nters.com", hyphen="drop")
    'reuters.com'
    """
    text = _prepare(text).translate(_APOSTROPHES)
    text = _LINE_BREAK_HYPHEN.sub("-" if hyphen == "keep" else "", text)
    return _WS.sub(" ", text).strip()


def article_sha256(text: str) -> str:
    """SHA-256 (hex) of ``normalise(text)`` encoded as UTF-8 (see the module docstring)."""
    return hashlib.sha256(normalise(text).encode("utf-8")).hexdigest()


def _readings(raw: str) -> tuple[str, str]:
    """Both normalised readings of assembled text holding line-break sentinels."""
    return (
        normalise(raw.replace(_BREAK, "")),
        normalise(raw.replace("-" + _BREAK, "").replace(_BREAK, "")),
    )


def _display(raw: str) -> str:
    """Assembled text as printed: line-break hyphens kept, white space folded."""
    return _WS.sub(" ", raw.replace(_BREAK, "")).strip()


# --------------------------------------------------------------------------- sentences


def _is_abbreviation(before: str) -> bool:
    """Whether the word ending just before a period is an abbreviation or ordinal."""
    word = before.rsplit(None, 1)[-1] if before.strip() else ""
    word = word.lstrip("(“\"‘'«[")
    if not word:
        return False
    if word[-1].isdigit():  # "5.", "19.", "1918." as an ordinal: never a sentence end
        return True
    if _INITIAL.match(word) or _ROMAN.match(word):
        return True
    return word.lower() in ABBREVIATIONS


def split_sentences(text: str) -> list[str]:
    """Split Turkish prose into sentences (rules in the module docstring).

    >>> split_sentences("Naxçıvan (5. Kolordu) 80 araç aldı. Bilal N. Şimşir yazdı.")
    ['Naxçıvan (5. Kolordu) 80 araç aldı.', 'Bilal N. Şimşir yazdı.']
    """
    sentences: list[str] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        if m.group(1) == "." and _is_abbreviation(text[start : m.start()]):
            continue
        end = m.end(2)
        piece = text[start:end].strip()
        if piece:
            sentences.append(piece)
        start = m.end()
    rest = text[start:].strip()
    if rest:
        sentences.append(rest)
    return sentences


def _line_ends_sentence(content: str) -> bool:
    """Whether a body line (without trailing space) ends a sentence."""
    m = _LINE_ENDS_SENTENCE.search(content)
    if not m:
        return False
    if m.group(1) is None and content[m.start()] == "." and _is_abbreviation(content[: m.start()]):
        return False
    return True


# --------------------------------------------------------------------------- results


@dataclass(frozen=True)
class Section:
    """A section of the body: ``id`` is "giris", "1", "2", ... or "sonuc"."""

    id: str
    title: str  # the heading as printed, e.g. "1. Türkiye-Azerbaycan Askerî ..."
    line: int  # 1-based line number of the heading in the input


@dataclass(frozen=True)
class Caption:
    """A chart caption block, kept out of the paragraphs (not a scope)."""

    text: str
    first_line: int
    last_line: int


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of the body with its footnote markers removed."""

    section: str
    text: str
    sentences: list[str]
    markers: list[int]  # footnote numbers whose markers stand in this paragraph
    first_line: int
    last_line: int
    _raw: str = field(repr=False, compare=False, default="")
    _raw_sentences: list[str] = field(repr=False, compare=False, default_factory=list)


@dataclass(frozen=True)
class Marker:
    """Where the marker of footnote ``number`` stands."""

    number: int
    paragraph: int  # index into Article.paragraphs
    sentence: int  # index into that paragraph's sentences
    line: int  # 1-based line number in the input


@dataclass
class Article:
    """The parsed article.  Build it with :func:`parse_article` or :func:`load_article`."""

    footnotes: dict[int, str]
    sections: list[Section]
    paragraphs: list[Paragraph]
    markers: dict[int, Marker]
    sha256: str
    captions: list[Caption] = field(default_factory=list)
    #: footnote number -> the input line numbers (1-based) its text was printed on
    footnote_lines: dict[int, list[int]] = field(default_factory=dict)
    _raw_notes: dict[int, str] = field(repr=False, default_factory=dict)
    _scopes: dict[tuple[int, str], tuple[str, str]] = field(repr=False, init=False)

    def __post_init__(self) -> None:
        scopes: dict[tuple[int, str], tuple[str, str]] = {}
        for n, marker in self.markers.items():
            para = self.paragraphs[marker.paragraph]
            scopes[(n, "sentence")] = _readings(para._raw_sentences[marker.sentence])
            scopes[(n, "paragraph")] = _readings(para._raw)
        for n in self.footnotes:
            scopes[(n, "note")] = _readings(self._raw_notes.get(n, self.footnotes[n]))
        self._scopes = scopes

    @property
    def footnote_numbers(self) -> list[int]:
        """All footnote numbers, in order (1..59 for the real article)."""
        return sorted(self.footnotes)

    def _check(self, footnote: int, support: str) -> None:
        if support not in SUPPORTS:
            raise ValueError(f"support must be one of {', '.join(SUPPORTS)}, not {support!r}")
        if footnote not in self.footnotes:
            raise ValueError(f"footnote {footnote} is not in the article")

    def scope_text(self, footnote: int, support: str) -> str:
        """The text of a scope as printed (markers removed, line-break hyphens kept).

        ``sentence``: the sentence ending with the footnote's marker; ``paragraph``: the
        whole paragraph containing it; ``note``: the footnote's own text.
        """
        self._check(footnote, support)
        if support == "note":
            return self.footnotes[footnote]
        marker = self.markers[footnote]
        para = self.paragraphs[marker.paragraph]
        return para.text if support == "paragraph" else para.sentences[marker.sentence]

    def readings(self, footnote: int, support: str) -> tuple[str, str]:
        """The scope normalised (:func:`normalise`) in both readings of a line-break
        hyphen: (hyphen kept, hyphen dropped)."""
        self._check(footnote, support)
        return self._scopes[(footnote, support)]

    def contains(self, token: str, footnote: int, support: str) -> bool:
        """Whether ``token`` (normalised) occurs in the scope, in either hyphen reading."""
        self._check(footnote, support)
        needle = normalise(token)
        return bool(needle) and any(needle in r for r in self._scopes[(footnote, support)])

    def locate(self, token: str) -> list[tuple[int, str]]:
        """Every (footnote, support) scope where ``token`` occurs, in footnote order."""
        needle = normalise(token)
        if not needle:
            return []
        return [
            (n, s)
            for n in self.footnote_numbers
            for s in SUPPORTS
            if any(needle in r for r in self._scopes[(n, s)])
        ]


# --------------------------------------------------------------------------- parsing


@dataclass
class _Line:
    number: int  # 1-based
    content: str  # without the page-start space and the trailing spaces
    trailing: bool  # the printed line ended with a space
    page_start: bool

    @property
    def blank(self) -> bool:
        return not self.content


def _lines(text: str) -> list[_Line]:
    out = []
    for i, line in enumerate(text.split("\n"), start=1):
        page_start = len(line) > 1 and line[0] == " " and line[1] != " "
        out.append(_Line(i, line.strip(), line.rstrip() != line, page_start))
    return out


def _join(lines: list[_Line]) -> str:
    """Join printed lines: a trailing space is a word break, none glues (``-`` marked)."""
    parts: list[str] = []
    for i, line in enumerate(lines):
        parts.append(line.content)
        if i + 1 < len(lines):
            if line.trailing:
                parts.append(" ")
            elif line.content.endswith("-"):
                parts.append(_BREAK)
    return "".join(parts)


@dataclass
class _Candidate:
    number: int
    line: int
    paragraph: int
    offset: int  # offset in the paragraph's joined raw text
    length: int


def _longest_increasing(cands: list[_Candidate]) -> list[int]:
    """Indices of a longest strictly increasing (by number) subsequence of ``cands``."""
    n = len(cands)
    best = [1] * n
    prev = [-1] * n
    for i in range(n):
        for j in range(i):
            if cands[j].number < cands[i].number and best[j] + 1 > best[i]:
                best[i], prev[i] = best[j] + 1, j
    if not n:
        return []
    i = max(range(n), key=lambda k: (best[k], -k))
    chain = []
    while i != -1:
        chain.append(i)
        i = prev[i]
    return chain[::-1]


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = _prepare(text)
        self.lines = _lines(self.text)
        self.problems: list[str] = []
        self.kind: dict[int, str] = {}  # line index -> "footnote" | "caption" | "heading"

    def fail(self) -> None:
        if self.problems:
            raise ArticleError(self.problems)

    # -- regions --------------------------------------------------------------------
    def body_bounds(self) -> tuple[int, int]:
        start = next((i for i, ln in enumerate(self.lines) if ln.content == "Giriş"), None)
        if start is None:
            raise ArticleError(["heading “Giriş” not found: is this the article text?"])
        end = next(
            (
                i
                for i in range(start + 1, len(self.lines))
                if self.lines[i].content.startswith("Çatışma Beyanı")
            ),
            len(self.lines),
        )
        return start, end

    # -- footnotes --------------------------------------------------------------------
    def footnote_blocks(self, start: int, end: int) -> dict[int, list[_Line]]:
        """Find the footnote blocks (page ends) and the lines of each footnote.

        Footnote numbers must run 1, 2, 3, ...  When no line starts the expected number,
        a line starting a later one (up to ``_JUMP`` ahead) at the head of a block, or
        with two spaces after its number further down, is read as that footnote and the
        skipped numbers are reported, so that one missing footnote gives one precise
        problem rather than a cascade.
        """
        notes: dict[int, list[_Line]] = {}
        expected = 1
        current: int | None = None
        boundaries = [i for i in range(start + 1, end) if self.lines[i].page_start] + [end]
        for b in boundaries:
            k = b - 1
            while k > start and not self.lines[k].blank:
                k -= 1
            block = list(range(k + 1, b))
            if not block or not self.lines[k].blank:
                continue
            numbers = [_footnote_start(self.lines[i].content) for i in block]
            # The line starting the next footnote; continuation lines may come before it
            # only when a footnote is open (it runs on from the previous page).
            first: int | None = None
            jump: int | None = None  # a line starting a later footnote, numbers skipped
            for pos, found in enumerate(numbers):
                if found is not None and found[0] == expected:
                    first = pos
                    break
                if (
                    jump is None
                    and found is not None
                    and expected < found[0] <= expected + _JUMP
                    and (pos == 0 or found[1] == 2)
                ):
                    jump = pos
                if current is None:
                    break
            if first is None:
                if jump is None:
                    continue  # body text, not a footnote block
                first = jump
            for i in block:
                self.kind[i] = "footnote"
            for pos, (i, found) in enumerate(zip(block, numbers)):
                line = self.lines[i]
                number, spaces = found if found is not None else (None, 0)
                jump = (
                    number is not None
                    and expected < number <= expected + _JUMP
                    and (pos == first or spaces == 2)
                )
                if pos >= first and number is not None and (number == expected or jump):
                    if number != expected:
                        missing = (
                            f"footnote {expected}"
                            if number == expected + 1
                            else f"footnotes {expected}-{number - 1}"
                        )
                        after = f", after footnote {current}" if current else ""
                        self.problems.append(
                            f"{missing} not found in the footnote blocks "
                            f"(line {line.number} starts footnote {number}{after})"
                        )
                    current, expected = number, number + 1
                    rest = line.content[len(str(number)) + spaces :]
                    notes[number] = [_Line(line.number, rest, line.trailing, False)]
                    continue
                if current is None:  # unreachable: `first` starts a footnote
                    continue
                if number is not None and number == current and spaces == 2:
                    self.problems.append(
                        f"footnote {number} occurs twice in the footnote blocks "
                        f"(lines {notes[number][0].number} and {line.number})"
                    )
                notes[current].append(line)
        return notes

    # -- headings and captions ---------------------------------------------------------
    def headings(self, start: int, end: int) -> list[tuple[int, Section]]:
        found = [(start, Section("giris", "Giriş", self.lines[start].number))]
        self.kind[start] = "heading"
        next_number = 1
        sonuc = False
        for i in range(start + 1, end):
            line = self.lines[i]
            if i in self.kind or line.blank or line.trailing:
                continue
            if not (line.page_start or self.lines[i - 1].blank):
                continue
            if i + 1 >= end or self.lines[i + 1].blank:
                continue  # a heading is followed by its first paragraph's first line
            if line.content == "Sonuç Yerine" and not sonuc:
                found.append((i, Section("sonuc", line.content, line.number)))
                self.kind[i] = "heading"
                sonuc = True
                continue
            m = _SECTION_HEADING.match(line.content)
            if not m or sonuc or len(line.content) > 160:
                continue
            number = int(m.group(1))
            if number == next_number:
                found.append((i, Section(str(number), line.content, line.number)))
                self.kind[i] = "heading"
                next_number += 1
            elif number > next_number and not m.group(2)[:1].islower():
                self.problems.append(
                    f"section heading {number} on line {line.number} comes before "
                    f"section heading {next_number}"
                )
        if not sonuc:
            self.problems.append("heading “Sonuç Yerine” not found in the body")
        return found

    def captions(self, start: int, end: int) -> list[Caption]:
        """Chart captions: from ``Grafik N.`` to its ``Kaynak:`` line (else a blank line)."""
        out = []
        i = start + 1
        while i < end:
            line = self.lines[i]
            if (
                i in self.kind
                or not (self.lines[i - 1].blank or line.page_start)
                or not _CAPTION_START.match(line.content)
            ):
                i += 1
                continue
            stop = None
            for j in range(i, min(end, i + 8)):
                if j in self.kind or (j > i and self.lines[j].page_start):
                    break
                if _CAPTION_END.match(self.lines[j].content):
                    stop = j
                    break
            if stop is None:
                stop = i
                while stop + 1 < end and not self.lines[stop + 1].blank and stop + 1 not in self.kind:
                    stop += 1
            for k in range(i, stop + 1):
                self.kind[k] = "caption"
            groups: list[list[_Line]] = [[]]
            for k in range(i, stop + 1):
                if self.lines[k].blank:
                    groups.append([])
                else:
                    groups[-1].append(self.lines[k])
            text = " ".join(_display(_join(g)) for g in groups if g)
            out.append(Caption(text, line.number, self.lines[stop].number))
            i = stop + 1
        return out

    # -- paragraphs ------------------------------------------------------------------
    def paragraph_lines(
        self, start: int, end: int, sections: list[tuple[int, Section]]
    ) -> list[tuple[str, list[_Line]]]:
        heading_at = dict(sections)
        out: list[tuple[str, list[_Line]]] = []
        section = "giris"
        current: list[_Line] = []
        gap = False

        def close() -> None:
            nonlocal current
            if current:
                out.append((section, current))
            current = []

        for i in range(start, end):
            line = self.lines[i]
            if i in heading_at:
                close()
                section = heading_at[i].id
                gap = False
                continue
            if line.blank or i in self.kind:
                gap = True
                continue
            if current:
                prev = current[-1]
                runs_on = prev.content.endswith("-") and not prev.trailing
                if not runs_on and prev.trailing:
                    runs_on = not gap or not _line_ends_sentence(prev.content)
                if not runs_on:
                    close()
            current.append(line)
            gap = False
        close()
        return out

    # -- everything ------------------------------------------------------------------
    def parse(self) -> Article:
        if not self.text.strip():
            raise ArticleError(["the text is empty"])
        start, end = self.body_bounds()
        raw_notes_lines = self.footnote_blocks(start, end)
        if not raw_notes_lines:
            self.problems.append("no footnote blocks found: is this the article text?")
            self.fail()
        sections = self.headings(start, end)
        captions = self.captions(start, end)
        para_lines = self.paragraph_lines(start, end, sections)

        raw_notes = {n: _join(lines) for n, lines in raw_notes_lines.items()}
        for n, raw in raw_notes.items():
            if not raw.strip():
                self.problems.append(f"footnote {n} has no text")
        total = max(raw_notes)

        # Marker candidates, paragraph by paragraph, line by line.
        cands: list[_Candidate] = []
        joined: list[str] = []
        for p, (_, lines) in enumerate(para_lines):
            offset = 0
            for k, line in enumerate(lines):
                for m in _MARKER.finditer(line.content):
                    cands.append(_Candidate(int(m.group(1)), line.number, p, offset + m.start(), len(m.group(1))))
                offset += len(line.content)
                if k + 1 < len(lines) and (line.trailing or line.content.endswith("-")):
                    offset += 1
            joined.append(_join(lines))
        in_range = [c for c in cands if 1 <= c.number <= total + 5]
        chain_idx = _longest_increasing(in_range)
        chain = [in_range[i] for i in chain_idx if in_range[i].number <= total]
        self.marker_problems(in_range, chain_idx, total)
        self.fail()

        by_para: dict[int, list[_Candidate]] = {}
        for c in chain:
            by_para.setdefault(c.paragraph, []).append(c)
        paragraphs: list[Paragraph] = []
        markers: dict[int, Marker] = {}
        for p, ((section, lines), raw) in enumerate(zip(para_lines, joined)):
            pieces: list[str] = []
            pos = 0
            raw_sentences: list[str] = []
            for c in by_para.get(p, []):
                segment = raw[pos : c.offset]
                raw_sentences.extend(split_sentences(segment) or [""])
                markers[c.number] = Marker(c.number, p, len(raw_sentences) - 1, c.line)
                pieces.append(segment)
                pos = c.offset + c.length
            pieces.append(raw[pos:])
            raw_sentences.extend(split_sentences(raw[pos:]))
            text_raw = "".join(pieces)
            paragraphs.append(
                Paragraph(
                    section=section,
                    text=_display(text_raw),
                    sentences=[_display(s) for s in raw_sentences],
                    markers=[c.number for c in by_para.get(p, [])],
                    first_line=lines[0].number,
                    last_line=lines[-1].number,
                    _raw=text_raw,
                    _raw_sentences=raw_sentences,
                )
            )
        return Article(
            footnotes={n: _display(raw_notes[n]) for n in sorted(raw_notes)},
            sections=[s for _, s in sections],
            paragraphs=paragraphs,
            markers=markers,
            sha256=article_sha256(self.text),
            captions=captions,
            footnote_lines={n: [ln.number for ln in raw_notes_lines[n]] for n in sorted(raw_notes)},
            _raw_notes=raw_notes,
        )

    def marker_problems(self, cands: list[_Candidate], chain_idx: list[int], total: int) -> None:
        chain = [cands[i] for i in chain_idx]
        in_chain = {c.number: c for c in chain if c.number <= total}
        chained = set(chain_idx)

        def where(n: int) -> str:
            c = in_chain.get(n)
            return f"line {c.line}" if c else "not found"

        for n in range(1, total + 1):
            if n in in_chain:
                others = [c for i, c in enumerate(cands) if c.number == n and i not in chained]
                if others:
                    lines = ", ".join(str(c.line) for c in [in_chain[n], *others])
                    self.problems.append(
                        f"footnote marker {n} occurs more than once in the body (lines {lines})"
                    )
                continue
            strays = [(i, c) for i, c in enumerate(cands) if c.number == n]
            if not strays:
                neighbours = [m for m in (n - 1, n + 1) if m in in_chain]
                if len(neighbours) == 2:
                    context = (
                        f" (markers {n - 1} and {n + 1} are on lines "
                        f"{in_chain[n - 1].line} and {in_chain[n + 1].line})"
                    )
                elif neighbours:
                    context = f" (marker {neighbours[0]} is on {where(neighbours[0])})"
                else:
                    context = ""
                self.problems.append(f"footnote marker {n} not found in the body{context}")
                continue
            for i, c in strays:
                before = [cands[j] for j in chain_idx if j < i]
                after = [cands[j] for j in chain_idx if j > i]
                context = []
                if before:
                    context.append(f"after marker {before[-1].number} (line {before[-1].line})")
                if after:
                    context.append(f"before marker {after[0].number} (line {after[0].line})")
                self.problems.append(
                    f"footnote marker {n} is out of order: it stands on line {c.line}"
                    + (", " + " and ".join(context) if context else "")
                )
        beyond = [c for c in chain if c.number > total]
        if beyond:
            self.problems.append(
                f"footnote marker {beyond[0].number} (line {beyond[0].line}) has no footnote "
                f"text: the footnote blocks end at footnote {total}"
            )


def parse_article(text: str) -> Article:
    """Parse the plain-text extraction of the article.

    Raises :class:`ArticleError` listing every problem found when the text is not the
    article or is damaged (markers missing, duplicated or out of order; no footnote
    blocks; footnote numbers missing).  Nothing is guessed.
    """
    if not isinstance(text, str):
        raise TypeError(f"parse_article expects str, not {type(text).__name__}")
    return _Parser(text).parse()


def load_article(path: str | PathLike[str]) -> Article:
    """Read the article text (UTF-8, with or without BOM) from ``path`` and parse it."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise ArticleError([f"cannot read the article text at {path}: {exc.strerror}"]) from exc
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ArticleError(
            [f"{path} is not UTF-8 text (byte {exc.start}): is this the article text?"]
        ) from exc
    return parse_article(text)

