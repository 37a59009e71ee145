"""Small pieces of English the explanations share."""

from __future__ import annotations

# Letters whose English name starts with a vowel sound: "an ML engineer", "an SQL developer".
VOWEL_SOUND_LETTERS = frozenset("AEFHILMNORSX")


def with_article(phrase: str) -> str:
    """ "ML engineer" -> "an ML engineer", "Applied scientist" -> "an applied scientist",
    "Data engineer" -> "a data engineer": the indefinite article, and the first word in lower
    case unless it is an acronym."""
    first = phrase.split(" ", 1)[0]
    acronym = len(first) > 1 and first[:2].isupper()  # "ML", "MLOps", "SQL"
    text = phrase if acronym else phrase[:1].lower() + phrase[1:]
    if acronym:
        article = "an" if first[0] in VOWEL_SOUND_LETTERS else "a"
    else:
        article = "an" if text[:1].lower() in "aeio" else "a"
    return f"{article} {text}"
