"""Lay out made-up articles the way the real extraction looks, for the parser's tests.

No text of the real article is used: the words are invented Turkish-looking filler.  The
layout follows what the real file shows (see turaz_data/source/article.py): front matter, a body
from "Giriş" to "Çatışma Beyanı", headings on their own line with a spurious blank line
after the first line of their first paragraph, lines ending with a trailing space inside
paragraphs, words broken at a hyphen at line ends, page breaks marked by a leading space,
footnote blocks at page ends ("N  text" or "N text"), footnotes running on into the next
page's block, URLs broken over lines, a chart caption block.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

WORDS = (
    "kavram bölge ilişki güç savunma düzen anlaşma ortaklık süreç yapı alan kurum ülke "
    "toplum hedef karar sınır yardım eğitim birlik tatbikat konsey protokol dönem "
    "yönetim destek teknik araç merkez kuvvet strateji gelişme ekonomi siyaset "
    "öneri çerçeve ortam sorun çözüm olay kaynak değer tarih bilgi etki"
).split()
NAMES = "Ardahan Karadağ Selvi Tunalı Özdere Kumral Erdemli Çayır Şahin Göksu".split()
# Things that look like markers or sentence ends and are neither (never sentence-final).
DECOYS = (
    "5. Kolordu",
    "4. maddesi",
    "12. silah",
    "1992-1993",
    "2015-2019",
    "Türkiye-Azerbaycan",
    "Alfa-Beta",
    "1,85",
    "1918",
    "Ocak 1990",
    "Dr. Aydın",
    "N. Şimşir",
    "(IPAP’ler)",
    "Azerbaycan’a",
    "TB2",
)


def unique_token(n: int) -> str:
    """A word that occurs only in the sentence of marker ``n``."""
    return "Vel" + "".join("abcdefghij"[int(d)] for d in str(n)) + "kor"


@dataclass
class Synthetic:
    text: str
    footnotes: dict[int, str]  # footnote number -> text as printed (one line)
    sentences: dict[int, str]  # marker number -> its sentence, marker removed
    paragraphs: list[str]  # every paragraph's text, markers removed
    paragraph_sections: list[str]
    marker_at: dict[int, tuple[int, int]]  # marker -> (line index, column of its digits)
    footnote_lines: dict[int, list[int]] = field(default_factory=dict)  # line indices
    block_lines: list[int] = field(default_factory=list)  # all footnote block line indices
    section_ids: list[str] = field(default_factory=list)

    @property
    def lines(self) -> list[str]:
        return self.text.split("\n")


def _wrap(words: list[str], width: int, urls: bool = False) -> list[str]:
    """Greedy wrap; lines end with a trailing space except where a word is broken.

    A word with a hyphen may be broken after the hyphen (no trailing space); with
    ``urls``, a long URL is broken after a "/" (no trailing space).  The last line gets
    no trailing space (callers add one where they want it).
    """
    lines: list[str] = []
    cur = ""
    for word in words:
        while True:
            candidate = word if not cur else cur + " " + word
            if len(candidate) <= width or not cur and len(word) <= width:
                cur = candidate
                break
            room = width - len(cur) - (1 if cur else 0)
            cut = -1
            breakers = "-/" if urls and word.startswith("http") else "-"
            for i, ch in enumerate(word[:-1]):
                if ch in breakers and i + 1 <= room and i > 0:
                    cut = i + 1
            if cut > 0:
                head = word[:cut]
                lines.append((cur + " " + head) if cur else head)
                lines[-1] = lines[-1] + "\0"  # marks "no trailing space"
                cur = ""
                word = word[cut:]
                continue
            if cur:
                lines.append(cur)
                cur = ""
                continue
            cur = word  # a single over-long word: leave it on its own line
            break
    if cur:
        lines.append(cur)
    out = []
    for i, line in enumerate(lines):
        if line.endswith("\0"):
            out.append(line[:-1])
        elif i + 1 < len(lines):
            out.append(line + " ")
        else:
            out.append(line)
    return out


def _sentence(rng: random.Random, marker: int | None) -> list[str]:
    words = [rng.choice(WORDS) for _ in range(rng.randint(3, 12))]
    words[0] = words[0].capitalize()
    for _ in range(rng.randint(0, 2)):
        words.insert(rng.randint(1, len(words) - 1), rng.choice(DECOYS + tuple(NAMES)))
    if marker is not None:
        words.insert(rng.randint(1, len(words)), unique_token(marker))
    words.append(rng.choice(WORDS) + ".")
    return " ".join(words).split(" ")


def _footnote_words(rng: random.Random, n: int) -> list[str]:
    author = f"{rng.choice(NAMES)} {rng.choice(NAMES)}"
    title = " ".join(rng.choice(WORDS) for _ in range(rng.randint(2, 8))).capitalize()
    parts = [f"{author},", f"“{title}”,"]
    if rng.random() < 0.4:
        parts.append(f"Bir ara not: {' '.join(rng.choice(WORDS) for _ in range(rng.randint(4, 25)))}.")
    if rng.random() < 0.4:
        path = "/".join(rng.choice(WORDS) for _ in range(rng.randint(2, 6)))
        parts.append(f"https://www.ornek-{n}.org/{path}/sayfa-{n}.htm,")
    parts.append(f"{rng.randint(1990, 2023)}, s. {rng.randint(1, 300)}.")
    return " ".join(parts).split(" ")


def _content(rng: random.Random, sections: int):
    """The sections, their titles, the paragraphs (section, sentences, markers) and the
    footnotes of a made-up article."""
    section_ids = ["giris", *[str(i) for i in range(1, sections + 1)], "sonuc"]
    titles = {"giris": "Giriş", "sonuc": "Sonuç Yerine"}
    for i in range(1, sections + 1):
        titles[str(i)] = f"{i}. {rng.choice(NAMES)} {rng.choice(WORDS).capitalize()} Bölümü"
    marker = 0
    body: list[tuple[str, list[list[str]], list[int | None]]] = []  # (section, sentences, markers)
    for sid in section_ids:
        for _ in range(rng.randint(1, 3)):
            sents, marks = [], []
            for _ in range(rng.randint(1, 4)):
                m = None
                if sid not in ("giris", "sonuc") and rng.random() < 0.55:
                    marker += 1
                    m = marker
                sents.append(_sentence(rng, m))
                marks.append(m)
            body.append((sid, sents, marks))
    if marker == 0:  # at least one footnote
        sid, sents, marks = body[len(body) // 2]
        marker = 1
        sents[0] = _sentence(rng, 1)
        marks[0] = 1
    notes = {n: _footnote_words(rng, n) for n in range(1, marker + 1)}
    return section_ids, titles, body, marker, notes


def _entries(rng: random.Random, body, titles: dict[str, str], width: int):
    """The body as entries: ("heading", text) | ("text", line) | ("blank", kind) |
    ("caption", lines); with the paragraphs, their sections and the sentence of each marker."""
    entries: list[tuple[str, object]] = []
    paragraphs, para_sections, sentence_of = [], [], {}
    current = None
    for sid, sents, marks in body:
        if sid != current:
            if entries:
                entries.append(("blank", "heading"))
            entries.append(("heading", titles[sid]))
            current = sid
            first = True
        else:
            entries.append(("blank", "para"))
            first = False
            if rng.random() < 0.1:
                entries.append(("caption", [f"Grafik {rng.randint(1, 9)}. {rng.choice(WORDS).capitalize()} ve {rng.choice(WORDS)} ", f"{rng.choice(WORDS)} oranları"]))
                entries.append(("blank", "caption"))
                entries.append(("caption", ["Kaynak: https://data.example.org/indicator"]))
                entries.append(("blank", "para"))
        words: list[str] = []
        plain: list[str] = []
        for s, m in zip(sents, marks, strict=True):
            text = " ".join(s)
            plain.append(text)
            if m is not None:
                sentence_of[m] = text
                s = [*s[:-1], s[-1] + str(m)]
            words.extend(s)
        paragraphs.append(" ".join(plain))
        para_sections.append(sid)
        lines = _wrap(words, width)
        if rng.random() < 0.5 and not lines[-1].endswith(" "):
            lines[-1] += " "  # a paragraph's last line may keep its trailing space
        for i, line in enumerate(lines):
            entries.append(("text", line))
            if first and i == 0 and len(lines) > 1 and line.rstrip()[-1:].isalpha():
                entries.append(("blank", "spurious"))
    return entries, paragraphs, para_sections, sentence_of


class _Pager:
    """Lays the entries out on pages: body lines, and where each page's footnote block goes."""

    def __init__(self, out: list[str], marker: int, page_len: int) -> None:
        self.out = out
        self.marker = marker
        self.page_len = page_len
        self.marker_at: dict[int, tuple[int, int]] = {}
        self.page_notes: list[int] = []
        self.pages: list[tuple[int, list[int]]] = []  # (index in `out` where the block goes, notes)
        self.page_start = False
        self.lines_on_page = 0

    def emit(self, line: str) -> None:
        if self.page_start:
            line = " " + line
            self.page_start = False
        self.out.append(line)
        self.lines_on_page += 1

    def find_markers(self, line: str) -> None:
        """Note the footnote markers of the line just emitted."""
        for n in range(1, self.marker + 1):
            token = f".{n}"
            col = line.find(token + " ")
            if col < 0 and line.rstrip().endswith(token):
                col = len(line.rstrip()) - len(token)
            if col >= 0 and n not in self.marker_at and line[col - 1 : col] != "" and not line[col - 1].isdigit():
                self.marker_at[n] = (len(self.out) - 1, col + 1)
                self.page_notes.append(n)

    def text(self, entries: list[tuple[str, object]], i: int, value: str) -> int:
        """Emit the text line ``entries[i]``, ending the page after it when it is full;
        the index of the last entry used."""
        self.emit(value)
        line = self.out[-1]  # as printed, with a page-start space
        self.find_markers(line)
        nxt = entries[i + 1][0] if i + 1 < len(entries) else None
        after = next((k for k, _ in entries[i + 1 :] if k != "blank"), None)
        if self.lines_on_page >= self.page_len and nxt is not None and after != "caption":
            mid = nxt == "text"
            ends_word = line.rstrip()[-1:].isalpha()  # no sentence end, no hyphen
            if not mid or ends_word or not self.page_notes:
                if not mid:
                    self.out.append("")  # the paragraph's own blank line
                    i += 1
                    while i + 1 < len(entries) and entries[i + 1][0] == "blank":
                        i += 1
                elif self.page_notes:
                    self.out.append("")
                self.pages.append((len(self.out), list(self.page_notes)))
                self.page_notes.clear()
                self.page_start = True
                self.lines_on_page = 0
        return i

    def lay_out(self, entries: list[tuple[str, object]]) -> None:
        i = 0
        while i < len(entries):
            kind, value = entries[i]
            if kind == "blank":
                self.out.append("")
            elif kind == "heading":
                self.emit(str(value))
            elif kind == "caption":
                for line in value:  # type: ignore[union-attr]
                    self.emit(line)
            else:
                i = self.text(entries, i, str(value))
            i += 1
        self.out.append("")
        self.pages.append((len(self.out), list(self.page_notes)))


def _blocks(rng: random.Random, pages, notes, width: int) -> list[list[tuple[int, str]]]:
    """The footnote block of each page: (footnote, line)."""
    blocks: list[list[tuple[int, str]]] = []  # per page: (footnote, line)
    for _, numbers in pages:
        block = []
        for n in numbers:
            wrapped = _wrap(notes[n], width + 20, urls=True)
            sep = " " if rng.random() < 0.25 else "  "
            block.append((n, f"{n}{sep}{wrapped[0]}"))
            block.extend((n, w) for w in wrapped[1:])
        blocks.append(block)
    # A footnote may run on into the next page's block when that block starts another.
    for k in range(len(blocks) - 1):
        block, nxt = blocks[k], blocks[k + 1]
        if not block or not nxt:
            continue
        last = block[-1][0]
        own = [j for j, (n, _) in enumerate(block) if n == last]
        if len(own) >= 2 and rng.random() < 0.6:
            cut = rng.randint(own[0] + 1, own[-1])
            tail = block[cut:]
            if not block[cut - 1][1].endswith(" ") and not block[cut - 1][1].endswith(("-", "/")):
                block[cut - 1] = (last, block[cut - 1][1] + " ")
            del block[cut:]
            blocks[k + 1] = tail + nxt
    return blocks


def build(rng: random.Random, *, sections: int = 3, width: int = 70, page_len: int = 14) -> Synthetic:
    """A made-up article in the real article's layout."""
    # ---- content
    section_ids, titles, body, marker, notes = _content(rng, sections)

    # ---- body entries: ("heading", text) | ("text", line) | ("blank", kind) | ("caption", lines)
    entries, paragraphs, para_sections, sentence_of = _entries(rng, body, titles, width)

    # ---- pages: body lines, then (blank + footnote block) at page ends
    out: list[str] = [
        " Synthetic Title of a Made-up Article 1918-2023",
        "",
        "Yazar ADI*",
        "",
        "Öz",
        "Bu özet uydurmadır ve 1. bölüm ile 2. bölümden söz eder. ",
        "İkinci satırı da vardır.2 Gerçek dipnot değildir.",
        " Abstract",
        "A made-up abstract that mentions footnote-like numbers.3 ",
        "and runs on.",
        "",
    ]
    pager = _Pager(out, marker, page_len)
    pager.lay_out(entries)
    pages, marker_at = pager.pages, pager.marker_at

    # ---- footnote blocks, inserted from the last page backwards
    footnote_text = {n: " ".join(w) for n, w in notes.items()}
    blocks = _blocks(rng, pages, notes, width)
    offset = 0
    footnote_lines: dict[int, list[int]] = {}
    block_lines: list[int] = []
    final: list[str] = []
    cursor = 0
    for (pos, _), block in zip(pages, blocks, strict=True):
        final.extend(out[cursor:pos])
        cursor = pos
        for n, line in block:
            footnote_lines.setdefault(n, []).append(len(final))
            block_lines.append(len(final))
            final.append(line)
        offset += len(block)
    final.extend(out[cursor:])
    if blocks and blocks[-1]:
        final.append(" Çatışma Beyanı:")
    else:
        final.append("Çatışma Beyanı:")
    final += ["", "Yazar çıkar çatışması beyan etmemiştir."]
    # Marker positions moved by the inserted blocks.
    shifted: dict[int, tuple[int, int]] = {}
    for n, (idx, col) in marker_at.items():
        before = sum(len(b) for (pos, _), b in zip(pages, blocks, strict=True) if pos <= idx)
        shifted[n] = (idx + before, col)
    return Synthetic(
        text="\n".join(final) + "\n",
        footnotes=footnote_text,
        sentences=sentence_of,
        paragraphs=paragraphs,
        paragraph_sections=para_sections,
        marker_at=shifted,
        footnote_lines=footnote_lines,
        block_lines=block_lines,
        section_ids=section_ids,
    )
