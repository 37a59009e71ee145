"""Gunicorn settings for the service; `make run`, `rolefit serve` and the container use this file.

Environment: ROLEFIT_HOST (127.0.0.1), ROLEFIT_PORT (8000), ROLEFIT_WORKERS (CPU count),
ROLEFIT_TIMEOUT (60 s), ROLEFIT_MAX_REQUESTS (1000), ROLEFIT_PRELOAD (1).
"""

import multiprocessing
import os

bind = f"{os.environ.get('ROLEFIT_HOST', '127.0.0.1')}:{os.environ.get('ROLEFIT_PORT', '8000')}"
workers = int(os.environ.get("ROLEFIT_WORKERS", multiprocessing.cpu_count()))
worker_class = "sync"
# A worker busy longer than this on one document is killed and replaced.
timeout = int(os.environ.get("ROLEFIT_TIMEOUT", "60"))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then so no slow leak can grow without bound.
max_requests = int(os.environ.get("ROLEFIT_MAX_REQUESTS", "1000"))
max_requests_jitter = max(1, max_requests // 10)
# Load the spaCy pipeline and taxonomy once, before forking, so workers share that memory.
preload_app = os.environ.get("ROLEFIT_PRELOAD", "1") not in ("0", "false", "False")
wsgi_app = "service:create_app()"
accesslog = "-"
# Path only: query strings and bodies may carry personal data.
access_log_format = '%(h)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms'
errorlog = "-"
loglevel = os.environ.get("ROLEFIT_LOG_LEVEL", "info").lower()
