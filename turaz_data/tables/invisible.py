"""Characters a reader cannot see, and how messages show them.

A header name ``\\ufeffid`` (a byte-order mark before ``id``) or a cell
``foot\\u200bnote`` (a zero-width space inside) prints exactly like ``id`` or
``footnote``; a message that quotes it as is says "unknown column 'id'" and cannot be
acted on. :func:`visible` writes such characters as escapes (``'\\ufeffid'``), leaving
letters of every script as they are; :func:`invisible_note` names them.

The text rules refuse some of them in cells: :data:`TEXT_FORBIDDEN` (the bidirectional
embedding, override and isolate controls, which can make text display in another
order than it is stored, and the line and paragraph separators, which break a line
where no line break is allowed). Standard library only.
"""

from __future__ import annotations

import re
import unicodedata

#: Bidirectional controls: embeddings and overrides (U+202A-U+202E), isolates (U+2066-U+2069).
BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
#: Unicode's line separator and paragraph separator.
SEPARATORS = "\u2028\u2029"
#: Characters no text cell may hold (besides the control characters of the text rules).
TEXT_FORBIDDEN = BIDI_CONTROLS + SEPARATORS
#: A regular expression matching one of :data:`TEXT_FORBIDDEN` (Python re and RE2 alike).
TEXT_FORBIDDEN_RE = "[\u202a-\u202e\u2066-\u2069\u2028\u2029]"
_FORBIDDEN = re.compile(TEXT_FORBIDDEN_RE)


def forbidden_char(value: str) -> str | None:
    """The first character of ``value`` that the text rules refuse for being invisible
    or reordering the text, or None."""
    m = _FORBIDDEN.search(value)
    return m.group() if m else None


def describe(ch: str) -> str:
    """``U+202E RIGHT-TO-LEFT OVERRIDE``."""
    if ch == "\ufeff":
        return "U+FEFF BYTE ORDER MARK"
    return f"U+{ord(ch):04X} {unicodedata.name(ch, 'unnamed character')}"


def _hidden(ch: str) -> bool:
    """Whether ``ch`` prints as nothing or as a plain space (format, control, separator,
    unassigned, private use, and every space other than U+0020)."""
    if ch == " ":
        return False
    return unicodedata.category(ch)[0] in "CZ"


def visible(text: str) -> str:
    """``text`` in single quotes, with every invisible character escaped as ``\\uXXXX``
    (``\\n``, ``\\t``, ``\\r`` for those) and other characters as they are."""
    out = []
    for ch in text:
        if ch == "\\":
            out.append("\\\\")
        elif ch == "'":
            out.append("\\'")
        elif _hidden(ch):
            out.append({"\n": "\\n", "\t": "\\t", "\r": "\\r"}.get(ch) or
                       (f"\\u{ord(ch):04x}" if ord(ch) <= 0xFFFF else f"\\U{ord(ch):08x}"))
        else:
            out.append(ch)
    return "'" + "".join(out) + "'"


def has_hidden(text: str) -> bool:
    return any(_hidden(ch) for ch in text)


def strip_hidden(text: str) -> str:
    """``text`` without its invisible characters, and without white space at the ends."""
    return "".join(ch for ch in text if not _hidden(ch) or ch in " \t").strip()


def invisible_note(text: str) -> str:
    """Which invisible characters ``text`` holds and where, in words ('' when none)."""
    found = [(i, ch) for i, ch in enumerate(text) if _hidden(ch) and ch not in " \t"]
    if not found:
        return ""
    parts = [f"{describe(ch)} at character {i + 1}" for i, ch in found[:3]]
    more = f" and {len(found) - 3} more" if len(found) > 3 else ""
    return "it holds " + ", ".join(parts) + more + ", which cannot be seen"
