"""Property-based API tests generated from the served OpenAPI description, with every check
schemathesis has, bounded in examples: no 5xx, every status, content type and body as the
description says, schema-valid requests accepted and invalid ones refused. A schema-valid request
may still be refused for what a schema cannot say (a skill id the taxonomy lacks, a document
without text): schemathesis.toml lists those documented problem statuses."""

from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, settings

from service import create_app

APP = create_app({"SPACY_MODEL": "blank:en", "RATE_LIMIT": ""})
schema = schemathesis.openapi.from_wsgi("/openapi.json", APP)


@schema.parametrize()
@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
def test_api(case):
    case.call_and_validate()
