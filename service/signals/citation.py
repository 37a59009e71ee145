"""Shapes of a citation that the publication and author readers share: venue and name tokens,
list tags, venue-first openings, and the clean-up of an entry's text."""

from __future__ import annotations

import re
import unicodedata

from service.signals.names import DETACHED_ACCENTS

# A word of two capitals at least ("NeurIPS", "ICPR"), read once (atomic) so that long runs of
# capitals cost linear time.
ACRONYM = r"(?=[A-Z][a-z]*[A-Z])(?>[A-Za-z]+)"
# Preprint servers in any case ("arXiv", "ArXiv", "ARXIV")
VENUE_WORDS = re.compile(
    r"\b(?:Proceedings|Proc\.|Conference|Conf\.|Symposium|Workshop|Journal|Transactions|Trans\.|Letters|"
    r"(?i:arxiv)|preprint|In:|In\s+(?=[A-Z])|Submitted|Accepted|under review|in submission|to appear|Advances in|"
    r"Review|Magazine|IEEE|ACM|Springer|Elsevier|Nature|Science|(?i:biorxiv|medrxiv)|SSRN|Findings of)\b"
)
NAME_TOKEN = re.compile(r"^(?:[A-ZÀ-ÖØ-Þ][^\W\d_]*(?:[-'’][^\W\d_]+)*|[A-Z]\.(?:\s?[A-Z]\.)*|[A-Z]\.?-[A-Z]\.)[*†‡]?$")
# A list number or a venue tag before an entry: "[3]", "3.", "[C]", "[Interspeech'25]", "(ICML 2023)", "J2:". (B)
LEADING_TAG = re.compile(r"^\s*(?:(?>\[[^\]]{1,40}\]|\([^)]{1,40}\)|\d{1,3}[.)]|[A-Z]{1,2}\d{1,3}[.:)]?)\s*)+")
# An entry that opens with its venue and year: "ICPR 2020 Title, authors, ...". (C)
VENUE_FIRST = re.compile(rf"^(?:{ACRONYM}-?|Interspeech)\s*(?:[‘’'′]\d\d\b|\d\d[‘’'′]|(?:19|20)\d\d\b)[,:]?\s+(?=\S)")
MIN_VENUE_FIRST_TITLE_WORDS = 4  # "NeurIPS 2019 Workshop on X", "CVPR 2020 (Oral)" are venue lines
GLUED_INITIAL = re.compile(r"\b([A-Z]\.)(?=[A-Z][a-z])")  # "D.Yarats" (B)
# Where GLUED_INITIAL matches, read from its dot: a plain character the engine skips ahead to,
# where the pattern itself opens on a boundary and is tried at every position.
GLUED_INITIAL_DOT = re.compile(r"\.(?<=\b[A-Z]\.)(?=[A-Z][a-z])")
ONLY_INITIALS = re.compile(r"^(?:[A-Z]{1,3}\.?(?:\s?-?[A-Z]\.?){0,2})$")


def clean_entry(text: str) -> str:
    text = DETACHED_ACCENTS.sub("", unicodedata.normalize("NFC", text))
    return GLUED_INITIAL.sub(r"\1 ", text) if GLUED_INITIAL_DOT.search(text) else text


def venue_first(text: str) -> re.Match[str] | None:
    """ "ICPR 2020 Title of the paper, J. Roe, ...": a venue and year before a title, not a venue
    line that goes on ("NeurIPS 2019 Workshop on X"). (C)"""
    match = VENUE_FIRST.match(text)
    if not match:
        return None
    rest = text[match.end() :]
    if VENUE_WORDS.match(rest) or len(re.findall(r"[^\W\d_]{2,}", rest)) < MIN_VENUE_FIRST_TITLE_WORDS:
        return None
    return match
