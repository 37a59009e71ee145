"""Derive the O*NET part of the skills catalogue from the O*NET Technology Skills file.

Run by people maintaining the taxonomy, never by the service:

    python -m skill_taxonomy.derive --onet ONET_DIR --esco ESCO_DIR \
        --words /usr/share/dict/american-english-small --out skill_taxonomy/data/onet_skills.yaml

O*NET 29.2 (U.S. Department of Labor, ETA) is licensed CC BY 4.0; ESCO labels (European
Commission) and the common English words of SCOWL (Debian's `wamerican-small`) are used only to
learn which names are everyday English words.

O*NET's names become skills with their aliases. A one-word name that is also an everyday word
("Slack", "Keynote", "Ant"), a very short name ("J", "Ada") and a short acronym ("RSS", "CMS")
count only with technical context (`ambiguous`, `ambiguous_aliases`); an alias that is a word of
job language ("Director") is dropped, and so is a name left bare by cutting off its vendor that
is a generic phrase ("operating system" of Microsoft operating system) or a word that ends the
names of several vendors' products ("ERP" of Lawson ERP, as of SAP ERP and Deacom ERP: the kind
of product, which a resume's "ERP" names, not this one).
"""

from __future__ import annotations

import argparse
import collections
import csv
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from skill_taxonomy.catalogue import slugify

# An entry must be used by this many occupations (or be an O*NET "Hot Technology").
MIN_OCCUPATIONS = 2
# A leading word that starts this many labels is a vendor name ("Microsoft Excel").
MIN_VENDOR_LABELS = 3
TRAILING_ACRONYM = re.compile(r"^(?P<name>.+?)\s+(?P<acronym>[A-Z][A-Z0-9/&.-]{1,9})$")
# Employers and websites that O*NET lists as tools but resumes name as companies.
COMPANIES = {
    "Facebook",
    "Google",
    "LinkedIn",
    "Twitter",
    "YouTube",
    "Instagram",
    "Pinterest",
    "Yelp",
    "Craigslist",
    "Indeed",
    "Monster",
    "Glassdoor",
    "eBay",
    "Etsy",
    "Snapchat",
    "TikTok",
    "Amazon",
    "Apple",
    "Yahoo!",
    "Bing",
    "Reddit",
    "Tumblr",
    "Flickr",
    "Vimeo",
    "Wikipedia",
    "CareerBuilder",
    "Zillow",
    "Airbnb",
}
PARENTHESISED = re.compile(r"^(?P<name>.+?)\s*\((?P<inner>[^)]+)\)$")
ACRONYM = re.compile(r"^[A-Z][A-Z0-9&/.+-]{1,4}$")  # "RSS", "CMS", "MARS"
SHORT = 3  # a one-word name this short ("J", "Ada") names something else as often
WORD = re.compile(r"[A-Za-z]+")
ARTICLE_PHRASE = re.compile(r"^(?:A|An|The)\s+[a-z]")


@dataclass(frozen=True)
class Words:
    """What the word lists say, lower-cased: the words of job language (ESCO labels) and the
    everyday words of a plain word list (its lower-case entries)."""

    job: frozenset[str]
    everyday: frozenset[str]

    def needs_context(self, name: str) -> bool:
        """A one-word name that is also a word, very short ("J", "Ada") or a short acronym
        ("RSS"): a skill only with technical context."""
        word = name.lower()
        if " " in name:
            return False
        return word in self.job or word in self.everyday or len(name) <= SHORT or bool(ACRONYM.match(name))


def _category(commodity_title: str) -> str:
    title = re.sub(r"\b(software|systems?)\b", "", commodity_title, flags=re.I)
    return slugify(title) or "software"


def _everyday_words(esco_dir: Path) -> set[str]:
    """Words written in lower case in ESCO skill and occupation labels: everyday words, not names."""
    words: set[str] = set()
    label_file = esco_dir / "skills_en_label.txt"
    if label_file.exists():
        for line in label_file.read_text(encoding="utf-8").splitlines():
            words.update(re.findall(r"\b[a-z]+\b", line))
    occupations = esco_dir / "occupations_en.csv"
    if occupations.exists():
        with occupations.open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                text = f"{row.get('preferredLabel', '')} {row.get('altLabels', '')}"
                words.update(re.findall(r"\b[a-z]+\b", text))
    return words


def _dictionary(path: Path | None) -> set[str]:
    """The lower-case words of a plain word list, one word a line (its capitalised entries are
    names, of people and places but of products too: "Perl", "Redis")."""
    if path is None:
        return set()
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    return {line.strip() for line in lines if line.strip().isalpha() and line.strip().islower()}


def _is_initials(acronym: str, name: str) -> bool:
    """ "SQL" abbreviates "Structured query language"; "AIR" does not abbreviate "Adobe"."""
    letters = [c.lower() for c in acronym if c.isalpha()]
    initials = [word[0].lower() for word in re.findall(r"[A-Za-z]+", name)]
    return len(letters) >= 2 and initials[-len(letters) :] == letters


def _aliases(label: str, vendors: set[str], kinds: set[str], words: Words) -> tuple[list[str], list[str]]:
    """A label's aliases: its full name and acronym, and its name without the vendor (unless that
    is a kind of product, `kinds`); those that need technical context apart (see the module's
    docstring)."""
    aliases: list[str] = []
    match = PARENTHESISED.match(label)
    if match:
        aliases += [match["name"], match["inner"]]
    match = TRAILING_ACRONYM.match(label)
    if match and _is_initials(match["acronym"], match["name"]):
        aliases += [match["name"], match["acronym"]]
    first, _, rest = label.partition(" ")
    # "operating system" of "Microsoft operating system" is a generic phrase, no product.
    # "ERP" of "Lawson ERP" is the kind of product that several vendors' names end with.
    if first in vendors and rest and not rest.lower().endswith("software") and rest != rest.lower() and rest not in kinds:
        aliases.append(rest)
    # An alias that is one word of job language ("Director" for "Adobe Director") is dropped:
    # the curated layer names the few that matter ("Excel") with their context rules.
    # An article and a word in lower case open a phrase ("A programming language" of APL), not a
    # name ("The Raiser's Edge").
    kept = [
        a
        for a in dict.fromkeys(aliases)
        if a != label and len(a) >= 2 and not (" " not in a and a.lower() in words.job) and not ARTICLE_PHRASE.match(a)
    ]
    return [a for a in kept if not words.needs_context(a)], [a for a in kept if words.needs_context(a)]


def derive(onet_dir: Path, esco_dir: Path, word_list: Path | None = None) -> dict[str, Any]:
    """Build the catalogue mapping from the O*NET and ESCO files (and a plain word list)."""
    with (onet_dir / "Technology Skills.txt").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    occupations: dict[str, set[str]] = collections.defaultdict(set)
    hot: set[str] = set()
    category: dict[str, str] = {}
    for row in rows:
        name = row["Example"].strip()
        occupations[name].add(row["O*NET-SOC Code"])
        category.setdefault(name, _category(row["Commodity Title"]))
        if row["Hot Technology"] == "Y":
            hot.add(name)
    first_words = collections.Counter(name.split(" ", 1)[0] for name in occupations if " " in name)
    vendors = {word for word, count in first_words.items() if count >= MIN_VENDOR_LABELS and word[:1].isupper()}
    # a name's last word -> the first words of the names it ends ("DATAS for Excel" is an add-in, no Excel)
    makers: dict[str, set[str]] = collections.defaultdict(set)
    for name in occupations:
        parts = name.split(" ")
        if len(parts) > 1 and parts[-2] != "for":
            makers[parts[-1]].add(parts[0])
    kinds = {word for word, firsts in makers.items() if len(firsts) >= MIN_VENDOR_LABELS}
    words = Words(frozenset(_everyday_words(esco_dir)), frozenset(_dictionary(word_list)))

    skills = []
    seen: set[str] = set()
    owners: set[str] = set()  # every name already given to a skill, case-folded
    for name in sorted(occupations):
        if (len(occupations[name]) < MIN_OCCUPATIONS and name not in hot) or name in COMPANIES:
            continue
        skill_id = slugify(name)
        if not skill_id or skill_id in seen or name.casefold() in owners:
            continue
        seen.add(skill_id)
        entry: dict[str, Any] = {"id": skill_id, "label": name, "category": category[name]}
        plain, ambiguous = ([a for a in found if a.casefold() not in owners] for found in _aliases(name, vendors, kinds, words))
        owners.update(form.casefold() for form in [name, *plain, *ambiguous])
        # A one-word name that is also an everyday word ("Access", "Slack"), a person's name
        # ("Ada") or very short ("J") is only a skill with technical context.
        if words.needs_context(name):
            entry["ambiguous"] = True
        if plain:
            entry["aliases"] = plain
        if ambiguous:
            entry["ambiguous_aliases"] = ambiguous
        skills.append(entry)
    return {
        "source": (
            "O*NET 29.2 Technology Skills, U.S. Department of Labor, Employment and Training "
            "Administration, CC BY 4.0 (https://www.onetcenter.org/database.html); "
            "modified: filtered, aliased and categorised."
        ),
        "skills": skills,
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--onet", type=Path, required=True)
    parser.add_argument("--esco", type=Path, required=True)
    parser.add_argument("--words", type=Path, help="a plain English word list, one word a line (/usr/share/dict/words)")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    data = derive(args.onet, args.esco, args.words)
    header = "# Generated by `python -m skill_taxonomy.derive`; edit ml_skills.yaml instead.\n"
    args.out.write_text(header + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=120))
    print(f"{len(data['skills'])} skills written to {args.out}")


if __name__ == "__main__":
    main()
