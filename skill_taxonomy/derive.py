"""Derive the O*NET part of the skills catalogue from the O*NET Technology Skills file.

Run by people maintaining the taxonomy, never by the service:

    python -m skill_taxonomy.derive --onet ONET_DIR --esco ESCO_DIR \
        --out skill_taxonomy/data/onet_skills.yaml

O*NET 29.2 (U.S. Department of Labor, ETA) is licensed CC BY 4.0; ESCO labels (European
Commission) are used only to learn which names are everyday English words.
"""

from __future__ import annotations

import argparse
import collections
import csv
import re
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


def _is_initials(acronym: str, name: str) -> bool:
    """ "SQL" abbreviates "Structured query language"; "AIR" does not abbreviate "Adobe"."""
    letters = [c.lower() for c in acronym if c.isalpha()]
    initials = [word[0].lower() for word in re.findall(r"[A-Za-z]+", name)]
    return len(letters) >= 2 and initials[-len(letters) :] == letters


def _aliases(label: str, vendors: set[str]) -> list[str]:
    aliases: list[str] = []
    match = PARENTHESISED.match(label)
    if match:
        aliases += [match["name"], match["inner"]]
    match = TRAILING_ACRONYM.match(label)
    if match and _is_initials(match["acronym"], match["name"]):
        aliases += [match["name"], match["acronym"]]
    first, _, rest = label.partition(" ")
    if first in vendors and rest and not rest.lower().endswith("software"):
        aliases.append(rest)
    return [alias for alias in dict.fromkeys(aliases) if alias != label and len(alias) >= 2]


def derive(onet_dir: Path, esco_dir: Path) -> dict[str, Any]:
    """Build the catalogue mapping from the O*NET and ESCO files."""
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
    everyday = _everyday_words(esco_dir)

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
        aliases = [a for a in _aliases(name, vendors) if a.casefold() not in owners]
        owners.update(form.casefold() for form in [name, *aliases])
        # A one-word name that is also an everyday word ("Access", "Slack") is only a
        # skill with technical context; so is any alias that is one everyday word.
        if " " not in name and name.lower() in everyday:
            entry["ambiguous"] = True
        # An alias that is one everyday word ("Director" for "Adobe Director") is dropped:
        # the curated layer names the few that matter ("Excel") with their context rules.
        plain = [a for a in aliases if not (" " not in a and a.lower() in everyday)]
        if plain:
            entry["aliases"] = plain
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
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    data = derive(args.onet, args.esco)
    header = "# Generated by `python -m skill_taxonomy.derive`; edit ml_skills.yaml instead.\n"
    args.out.write_text(header + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=120))
    print(f"{len(data['skills'])} skills written to {args.out}")


if __name__ == "__main__":
    main()
