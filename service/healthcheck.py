"""`python -m service.healthcheck`: exit 0 when the service on this host answers /healthz, else 1.

The container's HEALTHCHECK runs it (slim images carry no curl); it reads the same ROLEFIT_PORT
as the gunicorn settings, so the check follows the port the service binds."""

from __future__ import annotations

import os
import sys
import urllib.error
import urllib.request

TIMEOUT_SECONDS = 4.0


def check(port: int, path: str = "/healthz", timeout: float = TIMEOUT_SECONDS) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=timeout) as response:  # noqa: S310 - loopback only
            status: int = response.status
            return status == 200
    except (urllib.error.URLError, OSError):
        return False


def main() -> int:
    port = int(os.environ.get("ROLEFIT_PORT", "8000"))
    healthy = check(port)
    if not healthy:
        print(f"no healthy answer from 127.0.0.1:{port}/healthz", file=sys.stderr)
    return 0 if healthy else 1


if __name__ == "__main__":
    sys.exit(main())
