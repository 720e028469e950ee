"""Opening a contributed file: the one place where ``validate`` and ``add`` read input.

:func:`open_input` decides, before anything reads the content, whether the file can be
read as CSV text, and how:

- only a regular file is opened: a named pipe, a device, a folder or a socket is
  refused from ``os.stat`` alone, and the file is opened non-blocking and checked again
  on the open descriptor (so it cannot be swapped for a pipe in between); a symbolic
  link is refused (a link planted in a checkout must not make the tool read, and echo,
  a file elsewhere);
- a file larger than ``max_bytes`` (default :data:`DEFAULT_MAX_BYTES`) is refused with
  its size and the option that raises the limit (``--max-bytes``);
- the first bytes are matched against the signatures of formats that are not CSV (an
  Excel or OpenDocument workbook, a zip, gzip or other archive, a PDF, ...), which are
  named with what to do;
- the encoding is read off a byte-order mark (UTF-8, UTF-16, UTF-32) or, without one,
  the first :data:`SNIFF_BYTES` are decoded as UTF-8; when they are not UTF-8 the likely
  encoding is named: Windows-1254 (Turkish) when its Turkish letters ğ ı İ ş Ş Ğ appear,
  else Latin-1/Windows-1252 (``--encoding`` reads such a file as it is);
- line ends made of a carriage return alone (classic Mac OS) are read as line ends.

:func:`decoded_lines` then gives the file's lines as text, with a problem that names
the line, the byte and the likely encoding when a later line is not UTF-8. Standard
library only.
"""

from __future__ import annotations

import codecs
import io
import os
import stat
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import IO

from turaz_data.tables.confine import _kind
from turaz_data.tables.storage import raise_field_limit

#: Largest file read unless ``--max-bytes`` says otherwise (1 GiB).
DEFAULT_MAX_BYTES = 1 << 30
#: Longest line read (in bytes, or characters for other encodings): a larger one is refused.
MAX_LINE_BYTES = 64 << 20
#: Bytes looked at to recognise the encoding, the line ends and the delimiter.
SNIFF_BYTES = 1 << 20

SAVE_AS_CSV = ("save it as CSV UTF-8 (in Excel: File > Save As > 'CSV UTF-8 (Comma delimited) (*.csv)'; "
               "in LibreOffice: File > Save As > 'Text CSV', character set 'Unicode (UTF-8)', field delimiter ',')")

#: (leading bytes, what the file is, what to do).
SIGNATURES: list[tuple[bytes, str, str]] = [
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old-style Excel workbook (.xls) or another Microsoft Office file",
     "open it in Excel or LibreOffice and " + SAVE_AS_CSV),
    (b"\x1f\x8b", "a gzip-compressed file", "decompress it first (gunzip FILE), then pass the CSV file"),
    (b"BZh", "a bzip2-compressed file", "decompress it first (bunzip2 FILE), then pass the CSV file"),
    (b"\xfd7zXZ\x00", "an xz-compressed file", "decompress it first (unxz FILE), then pass the CSV file"),
    (b"(\xb5/\xfd", "a zstd-compressed file", "decompress it first (unzstd FILE), then pass the CSV file"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive", "extract it first, then pass the CSV file inside"),
    (b"Rar!\x1a\x07", "a RAR archive", "extract it first, then pass the CSV file inside"),
    (b"%PDF-", "a PDF document", "export the table from its source as CSV UTF-8"),
    (b"SQLite format 3\x00", "an SQLite database", "export the table as CSV (sqlite3 -csv -header DB 'SELECT ...')"),
    (b"PAR1", "a Parquet file", "convert it to CSV first (e.g. pandas.read_parquet(...).to_csv(...))"),
    (b"{\\rtf", "a Rich Text (RTF) document", SAVE_AS_CSV),
]

#: Letters that Windows-1254 has and Latin-1/Windows-1252 has not (ğ Ğ ı İ ş Ş), as bytes.
_TURKISH_BYTES = frozenset(b"\xf0\xd0\xfd\xdd\xfe\xde")
_BOMS = [  # longest first: the UTF-32 LE mark starts with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32 (little-endian)"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32 (big-endian)"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8 with a byte-order mark"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16 (little-endian)"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16 (big-endian)"),
]


#: How an input file is opened: read-only, never blocking (a FIFO swapped in), never through a link.
_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)


class Refused(Exception):
    """The file cannot be read as CSV text: ``rule``, ``message`` and ``hint`` say why."""

    def __init__(self, rule: str, message: str, hint: str = "", line: int | None = None):
        super().__init__(message)
        self.rule, self.message, self.hint, self.line = rule, message, hint, line


@dataclass
class Input:
    """An opened input file and how to decode it."""

    fh: IO[bytes]
    size: int
    #: Python codec of the text ("utf-8" unless a byte-order mark or --encoding says otherwise).
    encoding: str = "utf-8"
    #: Length of the byte-order mark at the start (skipped).
    bom: int = 0
    #: The line ends are carriage returns alone.
    cr_only: bool = False
    #: Notices for the report: (rule, message).
    notices: list[tuple[str, str]] = field(default_factory=list)
    #: The path opened, and the (device, inode) of the file, for :meth:`reopen`.
    path: str | os.PathLike | None = None
    identity: tuple[int, int] | None = None

    def reopen(self) -> IO[bytes]:
        """Another file object on the same file, with its own position (the fast path reads
        in a thread of its own); :class:`Refused` if the path now names another file."""
        fd = os.open(self.path, _FLAGS)
        st = os.fstat(fd)
        if (st.st_dev, st.st_ino) != self.identity:
            os.close(fd)
            raise Refused("cannot_open", "the file was replaced while it was being read", "run the command again")
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")

    @property
    def plain(self) -> bool:
        """Whether the bytes are UTF-8 with LF or CRLF line ends (what the fast path reads)."""
        return self.encoding == "utf-8" and not self.cr_only

    def close(self) -> None:
        self.fh.close()


def _size(n: int) -> str:
    for unit, div in (("GB", 1e9), ("MB", 1e6), ("kB", 1e3)):
        if n >= div:
            return f"{n / div:,.1f} {unit}"
    return f"{n} bytes"


def check_encoding(name: str) -> str:
    """The codec name for ``--encoding``, or ValueError naming a few usual ones."""
    try:
        return codecs.lookup(name).name
    except LookupError:
        raise ValueError(f"unknown encoding {name!r}: use e.g. utf-8, cp1254 (Windows Turkish), "
                         "latin-1, utf-16") from None


def open_input(path: str | os.PathLike, *, max_bytes: int | None = DEFAULT_MAX_BYTES,
               encoding: str | None = None) -> Input:
    """Open ``path`` for reading as CSV text, or raise :class:`Refused` (never blocks)."""
    try:
        lst = os.lstat(path)
    except FileNotFoundError:
        raise Refused("cannot_open", "cannot open the file: No such file or directory", "check the path") from None
    except OSError as e:
        raise Refused("cannot_open", f"cannot open the file: {e.strerror or e}", "check the path") from None
    if stat.S_ISLNK(lst.st_mode):
        raise Refused("not_regular_file", "the file is a symbolic link; links are not followed, so that a link "
                      "planted in a folder cannot make the tool read another file",
                      "pass the path of the file itself")
    kind = _kind(lst.st_mode)
    if kind:
        raise Refused("not_regular_file", f"the path is {kind}, not a regular file; only regular files are read",
                      "pass a CSV file saved on disk")
    try:
        fd = os.open(path, _FLAGS)
    except OSError as e:
        raise Refused("cannot_open", f"cannot open the file: {e.strerror or e}", "check the path") from None
    try:
        st = os.fstat(fd)
        kind = _kind(st.st_mode)
        if kind:
            raise Refused("not_regular_file", f"the path is {kind}, not a regular file; only regular files are read",
                          "pass a CSV file saved on disk")
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        if max_bytes and st.st_size > max_bytes:
            raise Refused("file_too_large",
                          f"the file is {_size(st.st_size)} ({st.st_size:,} bytes), more than the limit of "
                          f"{max_bytes:,} bytes",
                          f"if the file is meant to be this large, pass --max-bytes {st.st_size} (0: no limit)")
        fh = os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise
    try:
        inp = _sniff(fh, st.st_size, encoding)
        inp.path, inp.identity = path, (st.st_dev, st.st_ino)
        return inp
    except BaseException:
        fh.close()
        raise


def _sniff(fh: IO[bytes], size: int, encoding: str | None) -> Input:
    head = fh.read(SNIFF_BYTES)
    fh.seek(0)
    inp = Input(fh=fh, size=size)
    for magic, what, fix in SIGNATURES:
        if head.startswith(magic):
            raise Refused("not_csv", f"the file is not CSV text: it is {what}", fix)
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        what, fix = _zip_kind(fh)
        fh.seek(0)
        raise Refused("not_csv", f"the file is not CSV text: it is {what}", fix)
    if encoding is not None:
        inp.encoding = check_encoding(encoding)
        if inp.encoding == "utf-8-sig":
            inp.encoding = "utf-8"
        if inp.encoding == "utf-8" and head.startswith(codecs.BOM_UTF8):
            inp.bom = len(codecs.BOM_UTF8)  # (utf-16 and utf-32 read their own mark)
    else:
        for bom, codec, name in _BOMS:
            if head.startswith(bom):
                inp.encoding, inp.bom = codec, len(bom)
                if codec != "utf-8":
                    inp.notices.append(("encoding_read", (f"the file is {name} (it starts with a byte-order mark); "
                                        "it was read as such, and 'add' writes UTF-8")))
                break
        else:
            _utf8_or_refuse(head, size)
    text = _sample_text(head[inp.bom:], inp.encoding)
    if "\r" in text and "\n" not in text:
        inp.cr_only = True
        inp.notices.append(("line_ends_cr", ("the lines end with a carriage return alone (classic Mac OS); "
                            "they were read as line ends, and 'add' writes LF")))
    return inp


def _sample_text(data: bytes, codec: str) -> str:
    return codecs.getincrementaldecoder(codec)(errors="replace").decode(data, final=False)


def _zip_kind(fh: IO[bytes]) -> tuple[str, str]:
    try:
        with zipfile.ZipFile(fh) as zf:
            names = zf.namelist()[:2000]
            mimetype = zf.read("mimetype")[:100] if "mimetype" in names else b""
    except (zipfile.BadZipFile, OSError, KeyError, ValueError, RuntimeError, EOFError, NotImplementedError):
        return "a zip archive (damaged)", "pass the CSV file itself, not an archive"
    if b"opendocument.spreadsheet" in mimetype:
        return "an OpenDocument spreadsheet (.ods)", "open it in LibreOffice and " + SAVE_AS_CSV
    if any(n.startswith("xl/") for n in names):
        return "an Excel workbook (.xlsx)", "open it in Excel and " + SAVE_AS_CSV
    if any(n.startswith("word/") for n in names) or b"opendocument.text" in mimetype:
        return "a word-processor document", "export the table as CSV UTF-8"
    return "a zip archive", "extract it first, then pass the CSV file inside"


def _utf8_or_refuse(head: bytes, size: int) -> None:
    """Nothing when the sample is UTF-8; else :class:`Refused` naming the likely encoding."""
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=len(head) >= size)
        return
    except UnicodeDecodeError as e:
        start = e.start
    if _looks_utf16(head):
        raise Refused("not_utf8", "the file is not UTF-8: it looks like UTF-16 without a byte-order mark "
                      "(every other byte is zero)",
                      SAVE_AS_CSV + ", or pass --encoding utf-16-le (or utf-16-be) to read it as it is")
    line = head.count(b"\n", 0, start) + 1
    raise not_utf8(head, start, line, start - (head.rfind(b"\n", 0, start) + 1), head, start)


def _looks_utf16(head: bytes) -> bool:
    sample = head[:4096]
    if len(sample) < 4:
        return False
    zeros = sample.count(0)
    return zeros * 3 >= len(sample) and (sample[1::2].count(0) * 2 >= len(sample) // 2 * 0.9
                                          or sample[0::2].count(0) * 2 >= len(sample) // 2 * 0.9)


def guess_encoding(sample: bytes) -> tuple[str, str]:
    """(name, codec) of the likely 8-bit encoding of bytes that are not UTF-8."""
    high = {b for b in sample if b >= 0x80}
    if high & _TURKISH_BYTES:
        return "Windows-1254 (Turkish; what Excel saves as 'CSV' on a Turkish system)", "cp1254"
    return "Latin-1 or Windows-1252 (Western European)", "cp1252"


def not_utf8(raw: bytes, start: int, line: int, col_byte: int, sample: bytes, offset: int | None = None) -> Refused:
    """The problem of a file that is not UTF-8 at byte ``start`` of ``raw``."""
    name, codec = guess_encoding(sample)
    bad = raw[start:start + 1]
    try:
        letter = bad.decode(codec)
        shown = f" ('{letter}' in {codec})" if letter.isprintable() else ""
    except UnicodeDecodeError:
        shown = ""
    where = f"byte {col_byte + 1} of line {line}" + (f" (byte {offset + 1} of the file)" if offset is not None else "")
    delim = ""
    first = sample.split(b"\n", 1)[0]
    if first.count(b";") > first.count(b","):
        delim = "; it is also delimited with semicolons, and CSV UTF-8 (Comma delimited) fixes both"
    return Refused("not_utf8", f"not UTF-8: {where} is 0x{bad.hex().upper()}{shown}; the file looks like {name}{delim}",
                   f"{SAVE_AS_CSV}; or pass --encoding {codec} to read it as it is", line)


def decoded_lines(inp: Input | IO[bytes], counter: list[int]) -> Iterator[str]:
    """The file's lines as text (the byte-order mark dropped); ``counter[0]`` = bytes read.

    Raises :class:`Refused` at the first line that cannot be decoded, naming the line,
    the byte and the likely encoding."""
    raise_field_limit()
    if not isinstance(inp, Input):
        inp = Input(fh=inp, size=-1)
    if inp.plain:
        yield from _utf8_lines(inp.fh, counter)
        return
    fh = inp.fh
    fh.seek(inp.bom)
    codec = inp.encoding
    text = io.TextIOWrapper(fh, encoding=codec, errors="strict", newline="")
    number = 0
    try:
        for number, line in enumerate(_lines(text.readline), start=1):
            if number == 1 and line.startswith("\ufeff"):
                line = line[1:]
            counter[0] = _tell(fh)
            yield line
    except UnicodeDecodeError as e:
        raise Refused("not_decodable", f"line {number + 1} cannot be read as {codec} ({e.reason})",
                      SAVE_AS_CSV + f", or pass the right --encoding (now {codec})", number + 1) from None
    finally:
        text.detach()


def _tell(fh) -> int:
    try:
        return fh.tell()
    except (OSError, ValueError):
        return 0


def _too_long(line: int) -> Refused:
    return Refused("line_too_long", f"line {line} is longer than {MAX_LINE_BYTES >> 20} MB without a line end",
                   "this is not a CSV table (or its line ends are lost); save the table again as CSV", line)


def _lines(readline) -> Iterator:
    """The lines ``readline`` gives, each at most :data:`MAX_LINE_BYTES` long (so memory stays bounded)."""
    number = 0
    while True:
        line = readline(MAX_LINE_BYTES + 1)
        if not line:
            return
        number += 1
        if len(line) > MAX_LINE_BYTES:
            raise _too_long(number)
        yield line


def _utf8_lines(fh: IO[bytes], counter: list[int]) -> Iterator[str]:
    offset = 0
    sample = b""
    for number, raw in enumerate(_lines(fh.readline), start=1):
        if number <= 50:
            sample += raw[:4096]
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as e:
            raise not_utf8(raw, e.start, number, e.start, sample + raw[:SNIFF_BYTES], offset + e.start) from None
        if number == 1 and text.startswith("\ufeff"):
            text = text[1:]
        offset += len(raw)
        counter[0] = offset
        yield text
