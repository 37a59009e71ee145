"""Property-based API tests generated from the served OpenAPI description, bounded in examples:
no 5xx, and every status, content type and body as the spec describes it. (Schema-valid input
may still be refused for what a schema cannot say: an unknown skill id, a document with no text.)"""

from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import content_type_conformance, response_schema_conformance, status_code_conformance

from service import create_app

APP = create_app({"SPACY_MODEL": "blank:en", "RATE_LIMIT": ""})
schema = schemathesis.openapi.from_wsgi("/openapi.json", APP)
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


@schema.parametrize()
@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
def test_api(case):
    case.call_and_validate(checks=CHECKS)
