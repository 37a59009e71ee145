"""PDFium's characters read into words: the page's text read in one call stands for the characters
read one by one, whatever PDFium leaves out of it or marks in it."""

from __future__ import annotations

import ctypes
from contextlib import closing

import builders
import pypdfium2
import pytest

from service.documents.pdf import BOLD_NAME
from service.documents.pdfium import _UNICODE_OF, BOLD_WEIGHT, FONT_NAME_BYTES, _Glyphs, _page_text, _pdfium_words

# "experi-" ends a line: PDFium gives the hyphen a code of its own (2), and U+FFFE in its page text.
LINES = [b"Built \x01models and experi-", b"ence with Python"]
# Code 1 as a control character (left out of PDFium's page text), as U+0000 (U+FFFE there), as
# a surrogate pair (PDFium makes two characters of it, one unit each) and as a plain letter.
CONTROL, NUL, PAIR, LETTER = ({1: "0003"}, {1: "0000"}, {1: "D83DDE00"}, {1: "0078"})


def characters(data: bytes) -> tuple[str, str, list[str]]:
    """The first page's characters one by one, PDFium's page text, and the words read."""
    with closing(pypdfium2.PdfDocument(data)) as pdf, closing(pdf[0]) as page, closing(page.get_textpage()) as textpage:
        count = textpage.count_chars()
        one_by_one = "".join(chr(_UNICODE_OF(textpage.raw, index)) for index in range(count))
        assert _page_text(textpage.raw, count) == one_by_one
        words = [word.text for word in _pdfium_words(textpage, page.get_size()[1])]
        return one_by_one, textpage.get_text_range(), words


@pytest.mark.parametrize("unicode", [CONTROL, PAIR])
def test_a_page_whose_text_leaves_characters_out_is_read_a_character_at_a_time(unicode):
    one_by_one, text, words = characters(builders.to_unicode_pdf(LINES, unicode))
    assert len(text) < len(one_by_one)
    assert words == ["Built", one_by_one[6 : one_by_one.index(" ", 6)], "and", "experi-", "ence", "with", "Python"]


def test_characters_the_page_text_marks_are_read_on_their_own():
    one_by_one, text, words = characters(builders.to_unicode_pdf(LINES, NUL))
    assert len(text) == len(one_by_one)
    assert text.count("\ufffe") == 2
    assert words == ["Built", "models", "and", "experi-", "ence", "with", "Python"]  # U+0000 parts words


def test_a_page_whose_text_holds_every_character_is_read_in_one_call():
    one_by_one, text, words = characters(builders.to_unicode_pdf(LINES, LETTER))
    assert text.replace("\ufffe", "\x02") == one_by_one
    assert words == ["Built", "xmodels", "and", "experi-", "ence", "with", "Python"]


@pytest.mark.parametrize("lines", [[b"Built \x01models"], [b"Built \x01models \x02"]])
def test_a_code_past_unicode_reads_as_its_low_bits_with_or_without_the_page_text(lines):
    # Code 2 is a control character here: its line is read a character at a time.
    data = builders.raw_pdf(builders.text_lines_stream(lines), differences="[1 /uFFFFFF]")
    with closing(pypdfium2.PdfDocument(data)) as pdf, closing(pdf[0]) as page, closing(page.get_textpage()) as textpage:
        assert _UNICODE_OF(textpage.raw, 6) == 0xFFFFFF
        assert len(textpage.get_text_range()) == textpage.count_chars() - lines[0].count(b"\x02")
        assert _page_text(textpage.raw, textpage.count_chars()).startswith("Built \uffffmodels")


def test_an_empty_page_has_no_words():
    assert characters(builders.raw_pdf(b"")) == ("", "", [])


@pytest.mark.parametrize("data", [builders.one_column_pdf(), builders.two_column_pdf()])
def test_the_unchecked_calls_give_what_pypdfium2s_own_calls_give(data):
    raw = pypdfium2.raw
    with closing(pypdfium2.PdfDocument(data)) as pdf, closing(pdf[0]) as page, closing(page.get_textpage()) as textpage:
        count = textpage.count_chars()
        glyphs = _Glyphs(textpage)
        rect, name, flags = raw.FS_RECTF(), ctypes.create_string_buffer(FONT_NAME_BYTES), ctypes.c_int()
        boxes, bold = [], []
        for index in range(count):
            assert raw.FPDFText_GetLooseCharBox(textpage.raw, index, ctypes.byref(rect))
            boxes.append(bytes(rect))
            length = raw.FPDFText_GetFontInfo(textpage.raw, index, name, FONT_NAME_BYTES, ctypes.byref(flags))
            by_name = 0 < length <= FONT_NAME_BYTES and BOLD_NAME.search(name.value.decode("utf-8", "replace")) is not None
            bold.append(raw.FPDFText_GetFontWeight(textpage.raw, index) >= BOLD_WEIGHT or by_name)
        assert glyphs.boxes(list(range(count))) == b"".join(boxes)
        assert glyphs.bold(list(range(count))) == bold
        assert _page_text(glyphs.handle, count) == "".join(chr(raw.FPDFText_GetUnicode(textpage.raw, index)) for index in range(count))
    assert any(bold) and not all(bold)  # bold headings, plain body text
