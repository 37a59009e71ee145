"""Fixtures: `app` -> `client`, the matcher on a blank pipeline, and the evaluation data."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from service import create_app  # noqa: E402
from service.matching import cached_taxonomy, make_pipeline  # noqa: E402

SHARED_EVAL = Path(__file__).resolve().parents[1].parent / "shared" / "eval"
DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="session")
def app():
    """The application with the default trained pipeline, built once for the session."""
    return create_app({"TESTING": True, "RATE_LIMIT": ""})  # the suite's many requests come from one address


@pytest.fixture()
def client(app):
    return app.test_client()


@pytest.fixture(scope="session")
def live_server(app):
    """The session's app served on 127.0.0.1 (for a browser, or a probe over real HTTP)."""
    from servers import serving

    with serving(app) as port:
        yield f"http://127.0.0.1:{port}"


@pytest.fixture(scope="session")
def taxonomy():
    return cached_taxonomy(None)


@pytest.fixture(scope="session")
def blank_nlp():
    """A blank English pipeline with the skill matcher: no trained model needed."""
    return make_pipeline("blank:en")


@pytest.fixture(scope="session")
def shared_eval() -> Path:
    if not SHARED_EVAL.is_dir():
        pytest.skip("the evaluation set (../shared/eval) is not present")
    return SHARED_EVAL
