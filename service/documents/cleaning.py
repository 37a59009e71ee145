"""Text clean-up shared by every format: ligatures, glyph codes, icon glyphs, bullets, mojibake,
and words hyphenated across lines."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace

import ftfy
import ftfy.bad_codecs  # registers "sloppy-windows-1252"
import ftfy.chardata
from ftfy.badness import is_bad

from service.documents.model import Line

LIGATURES = str.maketrans(
    {"\u2010": "-", "\u2011": "-", "\u00ad": "-", "ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"}
)
# A character LIGATURES replaces: a search for one costs less than translating a line without one.
LIGATURE = re.compile("[" + "".join(map(chr, LIGATURES)) + "]")
CID = re.compile(r"\(cid:\d+\)")
# Bullets, arrows, check marks, boxes and icon-font glyphs (private use area) carry no words.
STRAY = re.compile(
    "[\u2022\u2023\u2043\u2219\u25aa-\u25ff\u2190-\u21ff\u2600-\u27bf\ue000-\uf8ff\U000f0000-\U000fffff\ufffd\u00b7\u25cf\u25cb\u25a0\u25a1]"
)
LEADING_BULLET = re.compile(r"^\s*(?:[-*+>o]|\d{1,2}[.)])\s+(?=\S)")
BULLET_SIGNS = "-*+>o"  # LEADING_BULLET's first character but for a digit
HYPHENATED = re.compile(r"[a-z]-$")
# What a text HYPHENATED finds a word in ends with ("$" stands before a last line feed too): a
# line without either end is not searched.
HYPHENATED_ENDS = ("-", "-\n")
# Text ftfy leaves as it is, but for an HTML entity (which ends in ";"): printable ASCII with
# bullets and dashes. Mojibake, ligatures, wide forms, curly quotes, line breaks and control
# characters are all outside it; the bullet and the dashes are among the characters of ftfy's
# mojibake patterns only beside letters and signs outside it (accented, currency, "Â"); the
# shapes, the arrow and the non-breaking hyphen are in none of them; none changes in NFC.
UNREPAIRED = re.compile("[ -~\u2022\u2013\u2014\u00b7\u00ad\u25cf\u25e6\u25cb\u2192\u22c4\u2011]*")
# Characters one of ftfy's fixes besides its mojibake repair changes (C1 and other control
# characters, ligatures, wide forms, line breaks, surrogates), and the line feed, at which ftfy
# parts a text into lines that it sees for mojibake one at a time. Curly quotes are left out:
# ftfy uncurls them (UNCURLED).
FIXED_APART = re.compile(
    "[\n\r\u2028\u2029\x80-\x9f\ud800-\udfff"
    + "".join(map(re.escape, map(chr, {*ftfy.chardata.LIGATURES, *ftfy.chardata.WIDTH_MAP, *ftfy.chardata.CONTROL_CHARS})))
    + "]"
)
UNCURLED = str.maketrans(dict.fromkeys("\u02bc\u2018\u2019\u201a\u201b", "'") | dict.fromkeys("\u201c\u201d\u201e\u201f", '"'))
CURLED = re.compile("[" + "".join(map(chr, UNCURLED)) + "]")  # a character UNCURLED replaces
# Printable ASCII with "Â" before spaces: UTF-8 no-break spaces (C2 A0) read as Latin-1, their
# second byte become a space.
SPACED_A_HAT = re.compile("(?:[ -~]|\u00c2 )*")
# ftfy sees a longer text for mojibake a piece of this many characters at a time.
FTFY_SEGMENT = ftfy.TextFixerConfig().max_decode_length


def clean_text(text: str) -> str:
    """Undo ligatures, drop glyph codes and icon glyphs, fold white space."""
    # Ligatures and stray glyphs are all past ASCII, and most lines are ASCII: they skip both.
    if not text.isascii() and LIGATURE.search(text) is not None:
        text = text.translate(LIGATURES)
    if "(cid:" in text:
        text = CID.sub("", text)
    if not text.isascii():
        text = STRAY.sub(" ", text)
    if not text.isprintable():  # a printable text holds no control or format characters to drop
        text = "".join(ch for ch in text if ch in "\t " or unicodedata.category(ch)[0] != "C")
    return " ".join(text.split())


def clean_line(text: str) -> str:
    """Repair mojibake ("â€¢" for "•"), then clean the text and drop a leading bullet."""
    text = clean_text(_fixed(text))
    # Most lines start with a letter, and the bullet's pattern is not searched for.
    start = text.lstrip()[:1]
    if start in BULLET_SIGNS or start.isdecimal():
        text = LEADING_BULLET.sub("", text)
    return text.strip()


def _fixed(text: str) -> str:
    """The text with ftfy's repairs. Most lines have nothing for ftfy to repair and skip its dozen
    passes: printable ASCII and the bullets and dashes of UNREPAIRED, without an HTML entity. So
    do lines in which ftfy sees no mojibake and that hold nothing for its other fixes but curly
    quotes, which it uncurls: ftfy's fixes then leave the line as it is, bar the quotes, and the
    plain quotes that replace them make no mojibake pattern match where none did. Where ftfy does
    see mojibake in a line of SPACED_A_HAT, it reads the line as Latin-1 bytes of UTF-8 and puts
    back each no-break space's second byte (its restore_byte_a0): each "Â " becomes a no-break
    space, which no mojibake pattern holds without a letter the line lacks. Where the line's bytes
    in Windows-1252 are UTF-8, ftfy's first step decodes them so: the same bytes in Latin-1, which
    it tries first; its restore_byte_a0 and replace_lossy_sequences change only bytes that are not
    UTF-8 or that decode to a control character; its UTF-8 variant decodes UTF-8 as UTF-8. Where
    the text decoded has no mojibake and nothing for ftfy's other fixes, ftfy goes no further
    than uncurling its quotes."""
    if "&" in text and ";" in text:
        return ftfy.fix_text(text)
    if (text.isascii() and text.isprintable()) or UNREPAIRED.fullmatch(text) is not None:
        return text
    if len(text) <= FTFY_SEGMENT and not _fixed_apart(text):
        if not is_bad(text):
            return _uncurled(text)
        if SPACED_A_HAT.fullmatch(text) is not None:
            return text.replace("\u00c2 ", "\u00a0")
        decoded = _utf8_read_as_windows_1252(text)
        if decoded is not None and not _fixed_apart(decoded) and not is_bad(decoded):
            return _uncurled(decoded)
    return ftfy.fix_text(text)


def _uncurled(text: str) -> str:
    """The text with its curly quotes made straight (UNCURLED); most lines hold none."""
    return text.translate(UNCURLED) if CURLED.search(text) is not None else text


def _fixed_apart(text: str) -> bool:
    """Whether the text holds a character for ftfy's fixes besides its mojibake repair, or one
    that NFC changes."""
    return FIXED_APART.search(text) is not None or not unicodedata.is_normalized("NFC", text)


def _utf8_read_as_windows_1252(text: str) -> str | None:
    """The UTF-8 text whose bytes, read as Windows-1252 (ftfy's sloppy codec), are the text; None
    where its bytes are not UTF-8."""
    try:
        return text.encode("sloppy-windows-1252").decode("utf-8")
    except UnicodeError:
        return None


def join_hyphenated(lines: list[Line]) -> list[Line]:
    """Join words split by a hyphen at the end of a line ("experi-" + "ence")."""
    out = list(lines)
    for i in range(len(out) - 1):
        this, following = out[i], out[i + 1]
        if (
            this.text.endswith(HYPHENATED_ENDS)
            and HYPHENATED.search(this.text)
            and following.text[:1].islower()
            and following.page == this.page
        ):
            first, _, rest = following.text.partition(" ")
            out[i] = replace(this, text=this.text[:-1] + first)
            out[i + 1] = replace(following, text=rest, heading=False)
    return [line for line in out if line.text]
