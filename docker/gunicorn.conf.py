"""Gunicorn settings for the service; `make run`, `rolefit serve` and the container use this file.

Environment: ROLEFIT_HOST (127.0.0.1), ROLEFIT_PORT (8000), ROLEFIT_WORKERS (CPU count),
ROLEFIT_TIMEOUT (60 s), ROLEFIT_MAX_REQUESTS (1000), ROLEFIT_WORKER_MAX_MEMORY_MB (150),
ROLEFIT_PRELOAD (1), ROLEFIT_LOG_LEVEL (info), PROMETHEUS_MULTIPROC_DIR (a fresh temporary folder: where workers share their metrics).
"""

import gc
import multiprocessing
import os
import shutil
import tempfile

from service.memory import memory_limit_mb, over_limit, release_freed_memory

# Workers write their metrics here so /metrics on any worker reports them all. It must be set
# before prometheus_client is imported, which happens when the app is preloaded below.
_metrics_dir = os.environ.get("PROMETHEUS_MULTIPROC_DIR") or tempfile.mkdtemp(prefix="rolefit-metrics-")
os.environ["PROMETHEUS_MULTIPROC_DIR"] = _metrics_dir

bind = f"{os.environ.get('ROLEFIT_HOST', '127.0.0.1')}:{os.environ.get('ROLEFIT_PORT', '8000')}"
workers = int(os.environ.get("ROLEFIT_WORKERS", multiprocessing.cpu_count()))
worker_class = "sync"  # one request per process at a time: the time budget uses the main thread's timer, and a request's spaCy memory zone must not overlap another's
# A worker busy longer than this on one request is killed and replaced (the budget stops documents first).
timeout = int(os.environ.get("ROLEFIT_TIMEOUT", "60"))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then so no slow leak can grow without bound.
max_requests = int(os.environ.get("ROLEFIT_MAX_REQUESTS", "1000"))
max_requests_jitter = max(1, max_requests // 10)
# After each request a worker gives the C heap's free pages back, and one whose private memory
# (beyond the pages it shares with the master) is still over this many MB finishes and is replaced
# by a fresh fork, so no document leaves a worker larger for good; 0 turns the check off. A worker
# held about 40 MB of its own after 170 resumes and scans here, and about 30 MB once the largest
# image had been read and its memory given back (bench/large_image.py).
worker_max_memory_mb = memory_limit_mb(os.environ.get("ROLEFIT_WORKER_MAX_MEMORY_MB", "150"))
# Load the spaCy pipeline and taxonomy once, before forking, so workers share that memory.
preload_app = os.environ.get("ROLEFIT_PRELOAD", "1") not in ("0", "false", "False")
wsgi_app = "service:create_app()"
# The app writes one JSON access line per request (request id, route, status, sizes, timings).
accesslog = None
errorlog = "-"
loglevel = os.environ.get("ROLEFIT_LOG_LEVEL", "info").lower()
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "service.web.operations.JsonFormatter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stdout"}},
    "loggers": {
        "gunicorn.error": {"level": loglevel.upper(), "handlers": ["console"], "propagate": False},
        "gunicorn.access": {"level": "WARNING", "handlers": ["console"], "propagate": False},
    },
}


def on_starting(server):  # noqa: ARG001
    for name in os.listdir(_metrics_dir):
        os.unlink(os.path.join(_metrics_dir, name))


def pre_fork(server, worker):  # noqa: ARG001
    # What the master made before forking (the spaCy pipeline, the taxonomy, the models) is put
    # out of the collector's reach: a worker's collections neither walk those objects nor write
    # to the pages it shares with the master, so they stay shared and a full collection is short.
    gc.freeze()


def post_request(worker, req, environ, resp):  # noqa: ARG001
    release_freed_memory()
    used = over_limit(worker_max_memory_mb)
    if used is not None:
        worker.log.info(
            "Worker %s holds %.0f MB of its own after a request, over ROLEFIT_WORKER_MAX_MEMORY_MB=%g: it exits and is replaced.",
            worker.pid,
            used,
            worker_max_memory_mb,
        )
        worker.alive = False  # a sync worker finishes this request, then leaves its loop


def child_exit(server, worker):  # noqa: ARG001
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)


def on_exit(server):  # noqa: ARG001
    if _metrics_dir.startswith(tempfile.gettempdir()):
        shutil.rmtree(_metrics_dir, ignore_errors=True)
