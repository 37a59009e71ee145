"""The web page at `/`: a person drops a resume (and may paste a job description) and sees the
role fits. Everything it needs is served from here (no CDN); it calls the same API as everyone."""

from __future__ import annotations

from flask import Blueprint, Response, request

page = Blueprint("page", __name__, static_folder="static", static_url_path="/static")

# The page runs only its own script and style, and sends data only to this service.
POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)


def is_page_path(path: str) -> bool:
    """The page and its assets: open without an API key and outside the rate limit."""
    return path == "/" or path.startswith("/static/")


@page.route("/")
def index() -> Response:
    response = page.send_static_file("index.html")
    response.headers["Content-Security-Policy"] = POLICY
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["Cache-Control"] = "no-cache"
    return response


@page.after_app_request
def no_sniffing(response: Response) -> Response:
    if is_page_path(request.path):
        response.headers["X-Content-Type-Options"] = "nosniff"
    return response
