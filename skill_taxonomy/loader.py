"""Load taxonomy files into a validated `Taxonomy`, reporting every problem at once."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from skill_taxonomy.catalogue import (
    CATEGORY_KINDS,
    CONCURRENT_TITLE_CREDIT,
    DEFAULT_WEIGHTS,
    DEGREE_LEVELS,
    EARLIER_TITLE_CREDIT,
    MAX_WEIGHT,
    SIGNALS,
    FittedSource,
    Importance,
    Requirement,
    Role,
    Skill,
    is_importance,
)
from skill_taxonomy.fitted import TITLE_CREDITS, apply_fitted, parse_fitted
from skill_taxonomy.lexicon import Lexicon, builtin_lexicon, compile_lexicon, merge_lexicon
from skill_taxonomy.shares import PostingShares, apply_shares, parse_shares
from skill_taxonomy.taxonomy import Taxonomy

BUILTIN = Path(__file__).parent / "data"
MANIFEST = "taxonomy.yaml"
BUILTIN_LEXICON = BUILTIN / "lexicon.yaml"
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*$")
# What a requirement of a request's own role says when it leaves out its reason or its advice.
DEFAULT_REASON = "Asked for by the role {title}."
DEFAULT_ADVICE = "Show {label} in an experience bullet with what you did with it."

try:  # the C loader reads the catalogue about ten times faster
    _Loader: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = yaml.SafeLoader


class TaxonomyError(ValueError):
    """The taxonomy files are not valid; `problems` lists every problem found."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("invalid taxonomy:\n  " + "\n  ".join(problems))


def _read_yaml(path: Path, problems: list[str]) -> Any:
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
    except OSError as error:
        problems.append(f"{path.name}: cannot be read ({error.strerror})")
    except yaml.YAMLError as error:
        problems.append(f"{path.name}: not valid YAML ({error})")
    return None


def _strings(value: Any) -> tuple[str, ...] | None:
    if value is None:
        return ()
    if isinstance(value, list) and all(isinstance(item, str) and item.strip() for item in value):
        return tuple(value)
    return None


def _parse_skill(raw: Any, where: str, problems: list[str]) -> Skill | None:
    if not isinstance(raw, dict):
        problems.append(f"{where}: a skill must be a mapping")
        return None
    skill_id, label = raw.get("id"), raw.get("label")
    if not isinstance(skill_id, str) or not ID_PATTERN.match(skill_id):
        problems.append(f"{where}: id {skill_id!r} must be lower-case letters, digits and hyphens")
        return None
    if not isinstance(label, str) or not label.strip():
        problems.append(f"{where} ({skill_id}): label is missing")
        return None
    fields = {name: _strings(raw.get(name)) for name in ("aliases", "ambiguous_aliases", "parents")}
    for name, value in fields.items():
        if value is None:
            problems.append(f"{where} ({skill_id}): {name} must be a list of non-empty strings")
            return None
    return Skill(
        id=skill_id,
        label=label.strip(),
        category=str(raw.get("category") or "other"),
        aliases=fields["aliases"] or (),
        ambiguous_aliases=fields["ambiguous_aliases"] or (),
        ambiguous=bool(raw.get("ambiguous", False)),
        parents=fields["parents"] or (),
    )


def _merge_layer(skills: dict[str, Skill], layer: list[Skill], where: str, problems: list[str]) -> None:
    """Add one file's skills; within a file a name may belong to one skill only, and a later
    file's names win over an earlier file's (the curated layer refines the derived one)."""
    owners: dict[str, str] = {}
    for skill in layer:
        for form, _ in skill.surface_forms():
            key = form.casefold()
            if owners.get(key, skill.id) != skill.id:
                problems.append(f"{where}: duplicate alias {form!r} names both {owners[key]} and {skill.id}")
            owners[key] = skill.id
    ids = [skill.id for skill in layer]
    for skill_id in {i for i in ids if ids.count(i) > 1}:
        problems.append(f"{where}: duplicate skill id {skill_id}")
    for skill_id, old in list(skills.items()):
        if skill_id in ids:
            continue
        if old.label.casefold() in owners:
            del skills[skill_id]  # the same thing under the later file's id
            continue
        aliases, ambiguous_aliases = _unowned(old.aliases, owners), _unowned(old.ambiguous_aliases, owners)
        if aliases != old.aliases or ambiguous_aliases != old.ambiguous_aliases:
            skills[skill_id] = Skill(old.id, old.label, old.category, aliases, ambiguous_aliases, old.ambiguous, old.parents)
    for skill in layer:
        skills[skill.id] = skill


def _unowned(forms: tuple[str, ...], owners: dict[str, str]) -> tuple[str, ...]:
    """The names no skill of the later file owns."""
    return tuple(form for form in forms if form.casefold() not in owners)


def _parse_requirement(
    raw: Any, where: str, skills: dict[str, Skill], problems: list[str], role_title: str | None = None
) -> Requirement | None:
    """One requirement; with `role_title` (a request's role), a reason or advice left out gets a default."""
    if not isinstance(raw, dict):
        problems.append(f"{where}: a requirement must be a mapping")
        return None
    req_id = raw.get("id")
    if not isinstance(req_id, str) or not ID_PATTERN.match(req_id):
        problems.append(f"{where}: requirement id {req_id!r} must be lower-case letters, digits and hyphens")
        return None
    where = f"{where} requirement {req_id}"
    start = len(problems)
    importance = _parse_importance(raw.get("importance"), where, problems)
    weight = _parse_weight(raw.get("weight", DEFAULT_WEIGHTS[importance]), where, problems)
    label, reason, advice = _parse_texts(raw, where, problems, role_title)
    cap = _parse_cap(raw.get("cap"), where, problems)
    ways = [name for name in ("any", "n_of", "signal") if name in raw]
    if len(ways) != 1:
        problems.append(f"{where}: needs exactly one of any, n_of, signal (got {ways or 'none'})")
        return None
    any_of: tuple[str, ...] = ()
    n_of, signal, minimum = 0, None, None
    if ways[0] == "signal":
        signal, minimum = _parse_signal(raw["signal"], where, problems)
    else:
        any_of, n_of = _parse_skills(ways[0], raw[ways[0]], where, skills, problems)
    if len(problems) > start:
        return None
    return Requirement(
        id=req_id,
        label=label,
        importance=importance,
        weight=weight,
        reason=reason,
        advice=advice,
        any_of=any_of,
        n_of=n_of,
        signal=signal,
        minimum=minimum,
        cap=cap,
    )


def _parse_cap(value: Any, where: str, problems: list[str]) -> float | None:
    """The score a role is held to while the requirement is missing; None when not given."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value < 100:
        problems.append(f"{where}: cap must be a number above 0 and below 100 (got {value!r})")
        return None
    return float(value)


def _parse_importance(value: Any, where: str, problems: list[str]) -> Importance:
    if is_importance(value):
        return value
    problems.append(f"{where}: importance must be one of must, important, nice (got {value!r})")
    return "important"


def _parse_weight(value: Any, where: str, problems: list[str]) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value <= MAX_WEIGHT:
        problems.append(f"{where}: weight must be a number above 0 and at most {MAX_WEIGHT:g} (got {value!r})")
        return 0.0
    return float(value)


def _parse_texts(raw: dict[str, Any], where: str, problems: list[str], role_title: str | None) -> tuple[str, str, str]:
    """The label, reason and advice. A request's role (`role_title` given) may leave out the reason
    and the advice: the defaults name the role and the requirement's label."""
    texts: dict[str, str] = {}
    for name in ("label", "reason", "advice"):
        value = raw.get(name)
        if isinstance(value, str) and value.strip():
            texts[name] = value.strip()
        elif role_title is None or name == "label" or value is not None:
            problems.append(f"{where}: {name} is missing")
    label = texts.get("label", "")
    reason = texts.get("reason") or DEFAULT_REASON.format(title=role_title, label=label)
    advice = texts.get("advice") or DEFAULT_ADVICE.format(title=role_title, label=label)
    return label, reason, advice


def _parse_signal(spec: Any, where: str, problems: list[str]) -> tuple[str | None, float | str | None]:
    """A signal requirement's name and minimum ({"name": "degree", "min": "master"})."""
    signal = spec.get("name") if isinstance(spec, dict) else None
    minimum = spec.get("min") if isinstance(spec, dict) else None
    if signal not in SIGNALS:
        problems.append(f"{where}: signal name must be one of {', '.join(SIGNALS)} (got {signal!r})")
    elif signal == "degree" and minimum not in DEGREE_LEVELS:
        problems.append(f"{where}: degree min must be one of {', '.join(DEGREE_LEVELS)} (got {minimum!r})")
    elif signal in ("deployment", "title"):
        minimum = 1
    elif signal != "degree" and (isinstance(minimum, bool) or not isinstance(minimum, (int, float)) or minimum <= 0):
        problems.append(f"{where}: {signal} min must be a number above 0 (got {minimum!r})")
    return signal, minimum


def _parse_skills(way: str, spec: Any, where: str, skills: dict[str, Skill], problems: list[str]) -> tuple[tuple[str, ...], int]:
    """The skills of an `any` or `n_of` requirement, and how many of them it needs."""
    listed = spec.get("skills") if way == "n_of" and isinstance(spec, dict) else spec
    any_of = _strings(listed) or ()
    if not any_of:
        problems.append(f"{where}: {way} needs a non-empty list of skill ids")
    unknown = [skill_id for skill_id in any_of if skill_id not in skills]
    if unknown:
        problems.append(f"{where}: unknown skill ids {', '.join(unknown)}")
    n_of = spec.get("n", 0) if way == "n_of" and isinstance(spec, dict) else 1
    if not isinstance(n_of, int) or isinstance(n_of, bool) or not 1 <= n_of <= max(len(any_of), 1):
        problems.append(f"{where}: n_of n must be a whole number from 1 to the number of skills (got {n_of!r})")
    return any_of, n_of


def parse_roles(raw_roles: Any, skills: dict[str, Skill], where: str, problems: list[str], *, require_texts: bool = False) -> list[Role]:
    """Validate role definitions (from a file or a request) against a skills catalogue.

    A request's roles may leave out a requirement's reason and advice (defaults: DEFAULT_REASON,
    DEFAULT_ADVICE); taxonomy files are read with `require_texts`, so a text left out of a file
    is reported with its place instead."""
    if not isinstance(raw_roles, list):
        problems.append(f"{where}: roles must be a list")
        return []
    roles: list[Role] = []
    for index, raw in enumerate(raw_roles):
        place = f"{where} roles[{index}]"
        if not isinstance(raw, dict) or not isinstance(raw.get("id"), str) or not ID_PATTERN.match(raw["id"]):
            problems.append(f"{place}: a role needs an id of lower-case letters, digits and hyphens")
            continue
        place = f"{where} role {raw['id']}"
        title = raw["title"].strip() if isinstance(raw.get("title"), str) else ""
        if not title:
            problems.append(f"{place}: title is missing")
        reqs = raw.get("requirements")
        if not isinstance(reqs, list) or not reqs:
            problems.append(f"{place}: requirements must be a non-empty list")
            continue
        parsed = [_parse_requirement(req, place, skills, problems, None if require_texts else title) for req in reqs]
        titles = _strings(raw.get("titles"))
        if titles is None:
            problems.append(f"{place}: titles must be a list of non-empty strings")
            titles = ()
        if any(req and req.signal == "title" for req in parsed) and not titles:
            problems.append(f"{place}: a title requirement needs the role's titles")
        req_ids = [req.id for req in parsed if req]
        for dup in sorted({i for i in req_ids if req_ids.count(i) > 1}):
            problems.append(f"{place}: duplicate requirement id {dup}")
        if all(parsed) and isinstance(raw.get("title"), str):
            roles.append(Role(raw["id"], title, str(raw.get("description", "")).strip(), tuple(r for r in parsed if r), titles))
    ids = [role.id for role in roles]
    for dup in sorted({i for i in ids if ids.count(i) > 1}):
        problems.append(f"{where}: duplicate role id {dup}")
    return roles


@dataclass
class _Manifest:
    version: str
    skills: list[Path]  # in order: an extended taxonomy's files first
    roles: list[list[Path]]  # per taxonomy: a later taxonomy's role replaces one with the same id
    lexicon: list[Path] = field(default_factory=list)  # each adds to the built-in lexicon
    # each shares file, base first, with the index in `roles` of the taxonomy whose roles it describes
    shares: list[tuple[Path, int]] = field(default_factory=list)
    # each fitted-weights file, base first, with the index in `roles` of the taxonomy whose roles it describes
    fitted: list[tuple[Path, int]] = field(default_factory=list)


MAX_EXTENDS_DEPTH = 4


def _read_manifest(path: str | Path | None, problems: list[str], depth: int = 0) -> _Manifest | None:
    """A manifest and the files it lists, after those of the taxonomy it `extends` ("builtin" or a path)."""
    folder = Path(path) if path else BUILTIN
    manifest_path = folder if folder.is_file() else folder / MANIFEST
    folder = manifest_path.parent
    manifest = _read_yaml(manifest_path, problems)
    if manifest is None:
        return None
    if not isinstance(manifest, dict) or not isinstance(manifest.get("version"), (str, int, float)):
        problems.append(f"{manifest_path}: needs a version and lists of skills and roles files")
        return None
    for key in ("skills", "roles", "lexicon"):
        if not isinstance(manifest.get(key, []), list):
            problems.append(f"{manifest_path}: {key} must be a list of file names")
            return None
    base = _Manifest("", [], [], [])
    extends = manifest.get("extends")
    if extends is not None:
        if depth >= MAX_EXTENDS_DEPTH:
            problems.append(f"{manifest_path}: extends nests deeper than {MAX_EXTENDS_DEPTH}")
            return None
        target = None if extends == "builtin" else (folder / str(extends))
        found = _read_manifest(target, problems, depth + 1)
        if found is None:
            return None
        base = found
    version = f"{base.version}+{manifest['version']}" if base.version else str(manifest["version"])
    skills = base.skills + [folder / name for name in manifest.get("skills", [])]
    roles = base.roles + [[folder / name for name in manifest.get("roles", [])]]
    lexicon = base.lexicon + [folder / name for name in manifest.get("lexicon", [])]
    # A taxonomy's shares describe its roles and its base's as they stand in it; a base's shares
    # stay for the roles the extending taxonomy's shares do not name.
    shares = base.shares + ([(folder / str(manifest["shares"]), len(roles) - 1)] if manifest.get("shares") else [])
    fitted = base.fitted + ([(folder / str(manifest["fitted"]), len(roles) - 1)] if manifest.get("fitted") else [])
    return _Manifest(version, skills, roles, lexicon, shares, fitted)


def load_taxonomy(path: str | Path | None = None, fitted: bool = True) -> Taxonomy:
    """Load and validate the taxonomy in a folder (or its manifest file); default: the built-in one.

    A manifest with `extends: builtin` (or a relative path) adds its skills and roles to that
    taxonomy: its skills files come after the base's, and its roles replace base roles with the
    same id. The version is then "<base>+<own>". Without `fitted`, fitted-weights files are left
    out: the weights are as written and moved by the shares (what a fit is pulled towards)."""
    problems: list[str] = []
    manifest = _read_manifest(path, problems)
    if manifest is None:
        raise TaxonomyError(problems)
    skills, sources, kinds = _load_skills(manifest.skills, problems)
    roles, origin = _load_roles(manifest.roles, skills, problems)
    lexicon = _load_lexicon(manifest.lexicon, problems)
    shares: PostingShares | None = None
    for file, layer in manifest.shares if not problems else []:
        roles, found = _load_shares(file, layer, roles, origin, problems)
        if found is not None:
            shares = found if shares is None else found.after(shares)
    numbers: FittedSource | None = None
    credits = {"earlier_title_credit": EARLIER_TITLE_CREDIT, "concurrent_title_credit": CONCURRENT_TITLE_CREDIT}
    for file, layer in manifest.fitted if fitted and not problems else []:
        roles, numbers, credits = _load_fitted(file, layer, roles, origin, problems, numbers, credits)
    if problems:
        raise TaxonomyError(problems)
    return Taxonomy(
        manifest.version,
        skills,
        roles,
        tuple(sources),
        lexicon=lexicon,
        shares=shares,
        category_kinds=kinds,
        fitted=numbers,
        earlier_title_credit=credits["earlier_title_credit"],
        concurrent_title_credit=credits["concurrent_title_credit"],
    )


def _load_skills(files: list[Path], problems: list[str]) -> tuple[dict[str, Skill], list[str], dict[str, frozenset[str]]]:
    """The catalogue, each file's skills merged over the ones before, the files' sources, and the
    kinds their categories are (each file adds to the ones before)."""
    skills: dict[str, Skill] = {}
    sources: list[str] = []
    kinds: dict[str, frozenset[str]] = {kind: frozenset() for kind in CATEGORY_KINDS}
    for file in files:
        data = _read_yaml(file, problems)
        if not isinstance(data, dict) or not isinstance(data.get("skills"), list):
            problems.append(f"{file.name}: needs a list under 'skills'")
            continue
        if data.get("source"):
            sources.append(str(data["source"]))
        _add_kinds(kinds, data.get("category_kinds", {}), file.name, problems)
        layer = [s for i, raw in enumerate(data["skills"]) if (s := _parse_skill(raw, f"{file.name} skills[{i}]", problems))]
        _merge_layer(skills, layer, file.name, problems)
    for skill in skills.values():
        missing = [parent for parent in skill.parents if parent not in skills]
        if missing:
            problems.append(f"skill {skill.id}: unknown parents {', '.join(missing)}")
    return skills, sources, kinds


def _add_kinds(kinds: dict[str, frozenset[str]], raw: Any, where: str, problems: list[str]) -> None:
    """A skills file's `category_kinds`: kind -> categories, added to the files' before."""
    if not isinstance(raw, dict):
        problems.append(f"{where} category_kinds: needs a mapping of kinds ({', '.join(CATEGORY_KINDS)}) to lists of categories")
        return
    for kind, categories in raw.items():
        listed = _strings(categories)
        if kind not in CATEGORY_KINDS:
            problems.append(f"{where} category_kinds: unknown kind {kind!r} (known: {', '.join(CATEGORY_KINDS)})")
        elif listed is None:
            problems.append(f"{where} category_kinds.{kind}: needs a list of category names")
        else:
            kinds[kind] = kinds[kind] | frozenset(listed)


def _load_roles(layers: list[list[Path]], skills: dict[str, Skill], problems: list[str]) -> tuple[dict[str, Role], dict[str, int]]:
    """The roles, a later taxonomy's replacing an earlier one's with the same id, and for each role
    id the taxonomy (index in `layers`) that defines it."""
    roles: dict[str, Role] = {}
    origin: dict[str, int] = {}
    for layer, files in enumerate(layers):
        own: list[Role] = []
        for file in files:
            data = _read_yaml(file, problems)
            if isinstance(data, dict):
                own += parse_roles(data.get("roles"), skills, file.name, problems, require_texts=True)
            elif data is not None:
                problems.append(f"{file.name}: needs a list under 'roles'")
        ids = [role.id for role in own]
        problems += [f"duplicate role id {role_id}" for role_id in sorted({i for i in ids if ids.count(i) > 1})]
        roles.update({role.id: role for role in own})
        origin.update({role.id: layer for role in own})
    return roles, origin


def _load_shares(
    file: Path, shares_layer: int, roles: dict[str, Role], origin: dict[str, int], problems: list[str]
) -> tuple[dict[str, Role], PostingShares | None]:
    """The roles with the file's shares applied, and the file's description.

    The shares describe the roles as they stood in the taxonomy that ships them; a role a later
    taxonomy replaces is that taxonomy's own, with no shares from this file."""
    data = _read_yaml(file, problems)
    if isinstance(data, dict) and isinstance(data.get("roles"), dict) and isinstance(data.get("postings"), dict):
        replaced = {role_id for role_id in data["roles"] if origin.get(role_id, -1) > shares_layer}
        data = {**data, "roles": {k: v for k, v in data["roles"].items() if k not in replaced}}
        data["postings"] = {k: v for k, v in data["postings"].items() if k not in replaced}
    shares = parse_shares(data, roles, file.name, problems) if data is not None else None
    if shares is not None and not problems:
        roles = apply_shares(roles, data)
    return roles, shares


def _load_fitted(
    file: Path,
    layer: int,
    roles: dict[str, Role],
    origin: dict[str, int],
    problems: list[str],
    before: FittedSource | None,
    credits: dict[str, float],
) -> tuple[dict[str, Role], FittedSource | None, dict[str, float]]:
    """The roles with the file's fitted weights applied, where they come from, and the title
    credits. Like shares, the weights describe the roles of the taxonomy that ships them: a role a
    later taxonomy replaces keeps the weights it writes. A later file's roles and credits win over
    a base's."""
    data = _read_yaml(file, problems)
    if isinstance(data, dict) and isinstance(data.get("roles"), dict):
        # the weights and caps of a role a later taxonomy replaces are that taxonomy's own
        data = {**data, "roles": {k: v for k, v in data["roles"].items() if origin.get(k, -1) <= layer}}
        if isinstance(data.get("caps"), dict):
            data["caps"] = {k: v for k, v in data["caps"].items() if origin.get(k, -1) <= layer}
    found = parse_fitted(data, roles, file.name, problems) if data is not None else None
    if found is None or problems:
        return roles, before, credits
    if before is not None:
        found = replace(found, roles=found.roles | before.roles)
    own = {key: float(data[key]) for key in TITLE_CREDITS if data.get(key) is not None}
    return apply_fitted(roles, data), found, {**credits, **own}


def _load_lexicon(files: list[Path], problems: list[str]) -> Lexicon:
    """The built-in lexicon, with what the taxonomy's own lexicon files add to it."""
    own = [file for file in dict.fromkeys(files) if file.resolve() != BUILTIN_LEXICON.resolve()]
    if not own:
        return builtin_lexicon()
    layers = [(file.name, _read_yaml(file, problems)) for file in [BUILTIN_LEXICON, *own]]
    merged = merge_lexicon([(name, data) for name, data in layers if data is not None], problems)
    return compile_lexicon(merged) if not problems else builtin_lexicon()
