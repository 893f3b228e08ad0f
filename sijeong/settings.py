"""Settings for sijeong, read from environment variables with safe development defaults.

DEBUG defaults to on for development; with DEBUG off the app refuses to start without a
SECRET_KEY. DATABASE_URL selects the database (SQLite under var/ by default).
"""

import os
import warnings
from datetime import timedelta
from pathlib import Path

import csp.constants
import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


DEBUG = env_bool("DEBUG", True)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "sijeong-development-only-not-secret"

ALLOWED_HOSTS = [h for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h]
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "simple_history",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "sijeong.core",
    "sijeong.accounts",
    "sijeong.org",
    "sijeong.budget",
    "sijeong.schedule",
    "sijeong.planning",
    "sijeong.public",
    "sijeong.feeds",
    "sijeong.api",
    "sijeong.press",
    "sijeong.relations",
    "sijeong.programs",
    "sijeong.reports",
    "sijeong.ingest",
    "sijeong.checking",
    "sijeong.jobs",
    "sijeong.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Static files with hashed names straight from the app, before anything touches a session.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Every answer under /api/ is JSON, its body over the API's limit refused unread.
    "sijeong.api.middleware.JsonErrors",
    # Before anything reads request.POST (CSRF does): an oversized body is refused unread.
    "sijeong.ingest.middleware.RequestSizeLimit",
    # Which database a request reads from (replicas, when there are any), then: what a request
    # changed is made again for the dashboard once committed, and a request that writes is one
    # transaction, before the session is read or saved.
    "sijeong.core.routers.ReplicaReads",
    "sijeong.web.middleware.WarmAfterChanges",
    "sijeong.web.middleware.AtomicWrites",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes requires: it turns a locked login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

AUTH_USER_MODEL = "accounts.User"

ROOT_URLCONF = "sijeong.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "sijeong" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "sijeong.web.context.person",
            ],
        },
    },
]

WSGI_APPLICATION = "sijeong.wsgi.application"

VAR_DIR = Path(os.environ.get("SIJEONG_VAR_DIR", BASE_DIR / "var"))

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'sijeong.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0")),
    )
}
# Read replicas of the PostgreSQL primary (docs/deployment.md): reads of requests that change
# nothing go to them, except for a person who changed something in the last
# REPLICA_PIN_SECONDS (longer than the replicas' lag).
for number, url in enumerate(os.environ.get("DATABASE_REPLICA_URLS", "").split(","), start=1):
    if url.strip():
        DATABASES[f"replica{number}"] = dj_database_url.parse(
            url.strip(), conn_max_age=DATABASES["default"]["CONN_MAX_AGE"]
        ) | {"TEST": {"MIRROR": "default"}}
DATABASE_ROUTERS = ["sijeong.core.routers.ReplicaRouter"]
REPLICA_PIN_SECONDS = int(os.environ.get("REPLICA_PIN_SECONDS", "10"))
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Two saves at once: a deferred transaction that reads, then tries to write, fails at
    # once with "database is locked"; an immediate one takes the write lock first and
    # waits up to `timeout` seconds for it. WAL lets pages be read while someone saves.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": int(os.environ.get("SQLITE_TIMEOUT", "20")),
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
        }
    )

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "ko-kr"
TIME_ZONE = "Asia/Seoul"
USE_I18N = True
USE_TZ = True

# WhiteNoise warns at start-up when STATIC_ROOT does not exist yet; with DEBUG on (no
# collectstatic) it serves from the apps' folders and that folder is not needed.
warnings.filterwarnings("ignore", message="No directory at: ", category=UserWarning)

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
# With DEBUG off, `collectstatic` writes every file under a name with its content's hash and a
# compressed copy, and WhiteNoise serves them cached for a year; with DEBUG on, files are
# served from the apps' folders as they are edited.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "sijeong.web.storage.StaticStorage"
        )
    },
}
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
MEDIA_URL = "media/"

# Request bodies: the largest import file is 30 MB (documents.reading.text.MAX_BYTES, the upload
# form's limit); a request declaring more than REQUEST_MAX_BYTES (the file and its form) is
# answered 413 before its body is read. Form fields other than files stay within Django's
# 2.5 MB; a file larger than that waits on disk, not in memory, until the import reads it.
REQUEST_MAX_BYTES = 31 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
# Uploads not applied within this many days lose their stored file and preview
# (`manage.py expire_imports`, run daily from cron; the imports list also expires them).
IMPORT_REVIEW_DAYS = int(os.environ.get("IMPORT_REVIEW_DAYS", "14"))
# A job's result file (a ZIP of many reports) is removed this many days after the job ended
# (`manage.py expire_jobs`, daily from cron; the jobs list also expires them). The job's row
# stays, with what it made; the reports can be built again at any time.
JOB_RESULT_DAYS = int(os.environ.get("JOB_RESULT_DAYS", "7"))

# The fonts of PDF reports, installed by `make setup` (requirements/fonts.txt); searched with
# its subfolders.
FONT_DIR = Path(os.environ.get("SIJEONG_FONT_DIR", BASE_DIR / ".tools/fonts"))

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Caches, in database tables every server process shares (`manage.py createcachetable` makes
# them; `make run`, `make serve` and the test database do it themselves): what is made once
# per change of an office's records — its data checks, the dashboard's indicators, charts —
# and the pages made for every citizen alike, so that one process computes them for all; and
# the counts of the anonymous rate limits (feeds, API), so that every process counts the same
# requests.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "sijeong_cache",
        "OPTIONS": {"MAX_ENTRIES": 20_000},
    },
    "ratelimit": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "sijeong_ratelimit",
    },
    # Charts, kept under a digest of what they show: never stale, so each process keeps its own.
    "charts": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "OPTIONS": {"MAX_ENTRIES": 5_000},
    },
}
RATELIMIT_USE_CACHE = "ratelimit"

# Slow work (building many reports, bulk imports) runs as tasks (django-tasks, the backport of
# Django 6.0's django.tasks) queued in the database; `manage.py db_worker` runs them (`make run`
# and `make serve` start one beside the web server).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Login throttling (django-axes): after LOGIN_FAILURE_LIMIT wrong passwords for one username,
# from whatever addresses, that username is locked for LOGIN_LOCKOUT_MINUTES; after
# LOGIN_ADDRESS_FAILURE_LIMIT failures from one address, for any usernames, that address is —
# on the pages' login and the back office's alike (accounts.lockout). The address limit is
# high because an office signs in through one address: 30 failures in 15 minutes that nobody
# followed by signing in is a client trying passwords, not a morning of typos (a person's own
# failures from where they sign in are forgiven when they do). `manage.py
# axes_reset_username NAME` and `axes_reset_ip ADDRESS` (or `axes_reset`) lift a lock.
# The address is REMOTE_ADDR, or behind TRUSTED_PROXY_COUNT reverse proxies the one the first
# of them wrote into X-Forwarded-For (accounts.lockout.client_address): without it every
# login behind a proxy comes from the proxy, and anyone could lock anyone's login.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "sijeong.accounts.backends.Backend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
LOGIN_ADDRESS_FAILURE_LIMIT = int(os.environ.get("LOGIN_ADDRESS_FAILURE_LIMIT", "30"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("LOGIN_LOCKOUT_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_HANDLER = "sijeong.accounts.lockout.LockoutHandler"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "sijeong.accounts.lockout.locked_out"
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
AXES_CLIENT_IP_CALLABLE = "sijeong.accounts.lockout.client_address"

# Content-Security-Policy (django-csp): only the site's own files run or style the pages. The
# few inline <style> elements (the report's stylesheet, domain colours, pygal's charts) carry
# the request's nonce (`request.csp_nonce`); style="" attributes are not allowed at all.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [csp.constants.SELF],
        "script-src": [csp.constants.SELF],
        "style-src": [csp.constants.SELF, csp.constants.NONCE],
        "object-src": [csp.constants.NONE],
        "base-uri": [csp.constants.SELF],
        "form-action": [csp.constants.SELF],
        "frame-ancestors": [csp.constants.NONE],
    }
}

# Logs: every logger, Django's included (django.request logs each 500 with its traceback),
# to stderr as one key=value line per event; the process manager or container keeps them.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"keyvalue": {"()": "sijeong.core.logfmt.KeyValueFormatter"}},
    "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "keyvalue"}},
    "root": {"handlers": ["stderr"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # Django's own defaults print to the console only with DEBUG on and mail admins otherwise;
    # its records go up to the root handler instead.
    "loggers": {
        "django": {"handlers": [], "level": os.environ.get("LOG_LEVEL", "INFO")},
        # django-axes logs every login and its start-up at INFO; lockouts are its warnings.
        "axes": {"level": "WARNING"},
    },
}

# HTTPS (README "Production settings"). With DEBUG off, plain-HTTP requests are redirected and
# cookies are HTTPS-only unless turned off; HSTS is opt-in, because once a browser has seen it
# (with INCLUDE_SUBDOMAINS: for every host under the domain) it cannot be taken back.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
# Behind a proxy that ends TLS, the header (e.g. X-Forwarded-Proto) that says the request came
# over HTTPS. Set it only when the proxy always sets or strips that header: a client could
# otherwise claim HTTPS.
if proxy_header := os.environ.get("SECURE_PROXY_SSL_HEADER", "").strip():
    SECURE_PROXY_SSL_HEADER = ("HTTP_" + proxy_header.upper().replace("-", "_"), "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
if not DEBUG:
    SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
    CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)

# Clash checks of the schedule (schedule.rules): an event without an end lasts this long, and
# between events at different places the mayor needs this long to travel.
SIJEONG_DEFAULT_EVENT_MINUTES = int(os.environ.get("SIJEONG_DEFAULT_EVENT_MINUTES", "60"))
SIJEONG_TRAVEL_MARGIN_MINUTES = int(os.environ.get("SIJEONG_TRAVEL_MARGIN_MINUTES", "30"))
