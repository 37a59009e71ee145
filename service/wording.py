"""Small pieces of English the explanations share."""

from __future__ import annotations

# Letters whose English name starts with a vowel sound: "an ML engineer", "an SQL developer".
VOWEL_SOUND_LETTERS = frozenset("AEFHILMNORSX")


def _acronym(word: str) -> bool:
    return len(word) > 1 and word[:2].isupper()  # "ML", "MLOps", "SQL"


def in_sentence(phrase: str) -> str:
    """ "Applied scientist" -> "applied scientist", "ML engineer" -> "ML engineer": a title as it
    stands inside a sentence, the first word in lower case unless it is an acronym."""
    return phrase if _acronym(phrase.split(" ", 1)[0]) else phrase[:1].lower() + phrase[1:]


def with_article(phrase: str) -> str:
    """ "ML engineer" -> "an ML engineer", "Applied scientist" -> "an applied scientist",
    "Data engineer" -> "a data engineer": the indefinite article before `in_sentence`."""
    first = phrase.split(" ", 1)[0]
    if _acronym(first):
        article = "an" if first[0] in VOWEL_SOUND_LETTERS else "a"
    else:
        article = "an" if first[:1].lower() in "aeio" else "a"
    return f"{article} {in_sentence(phrase)}"


def sentence_case(phrase: str) -> bool:
    """ "ML engineer", "Research scientist": no word after the first starts with a capital unless
    it is an acronym ("Machine Learning Engineer" is title case)."""
    return all(word[:1].islower() or _acronym(word) or not word[:1].isalpha() for word in phrase.split()[1:])
