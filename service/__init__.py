"""Resume-to-role gap analyzer: the domain pipeline and its HTTP service.

`create_app` is the gunicorn target (`service:create_app()`); it imports the web layer only
when called, so the domain modules stay importable without Flask."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from flask import Flask


def create_app(config: dict[str, Any] | None = None) -> Flask:
    """Build the Flask application: defaults, then ROLEFIT_* environment variables, then `config`."""
    from service.web.app import build_app

    return build_app(config)
