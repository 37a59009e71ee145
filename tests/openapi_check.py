"""Check real responses against the committed openapi.yaml."""

from __future__ import annotations

import functools
import re
from pathlib import Path

import yaml
from jsonschema import Draft202012Validator
from referencing import Registry
from referencing.jsonschema import DRAFT202012

SPEC_PATH = Path(__file__).resolve().parents[1] / "openapi.yaml"


@functools.lru_cache(maxsize=1)
def spec() -> dict:
    return yaml.safe_load(SPEC_PATH.read_text())


def _operation(path: str, method: str) -> dict:
    for template, item in spec()["paths"].items():
        pattern = "^" + re.sub(r"\{[^}]+\}", "[^/]+", template) + "$"
        if re.match(pattern, path) and method.lower() in item:
            return item[method.lower()]
    raise AssertionError(f"{method} {path} is not in openapi.yaml")


def assert_matches_spec(response, path: str, method: str = "GET") -> None:
    """The response's status, content type and body are those the spec declares."""
    operation = _operation(path.split("?")[0], method)
    responses = operation["responses"]
    declared = responses.get(str(response.status_code)) or responses.get("default")
    assert declared is not None, f"{method} {path}: status {response.status_code} is not declared"
    content = declared.get("content", {})
    assert response.mimetype in content, f"{method} {path}: {response.mimetype} not declared for {response.status_code}"
    schema = content[response.mimetype].get("schema")
    if schema is None or response.mimetype == "application/yaml":
        return
    registry = Registry().with_resource("urn:openapi", DRAFT202012.create_resource(spec()))
    wrapped = {"$ref": "urn:openapi#" + schema["$ref"][1:]} if "$ref" in schema else schema
    Draft202012Validator(wrapped, registry=registry).validate(response.get_json())
