"""gunicorn's settings for sijeong (read from the working directory; `make serve` uses them).

Each can be overridden on the command line or through GUNICORN_CMD_ARGS. docs/deployment.md
explains the choices.
"""

import multiprocessing
import os

# Sync workers: each request holds a worker and a database connection for its duration, which
# is what Django's ORM expects. 2 × cores + 1 keeps the cores busy while some workers wait on
# the database.
workers = int(os.environ.get("WEB_CONCURRENCY", 2 * multiprocessing.cpu_count() + 1))
timeout = 60  # a report download (PDF of a whole report) takes seconds, not minutes
graceful_timeout = 30
# A worker is replaced after this many requests (with jitter, so not all at once), so that a
# slow leak in a library cannot grow without bound.
max_requests = 2000
max_requests_jitter = 200
# The proxy in front (nginx, a load balancer) talks to us on loopback or a private network.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
accesslog = "-"
access_log_format = 'method=%(m)s path="%(U)s" status=%(s)s bytes=%(B)s ms=%(M)s'
# Load the application once in the master and fork the workers from it (sijeong/wsgi.py closes
# the database connection it used first): workers start ready, sharing the imported code.
preload_app = True
