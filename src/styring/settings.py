"""Django settings for Styring, read from the environment in this one place.

Environment:
    DATABASE_URL      e.g. postgres://user@host:5432/db (default: SQLite in ./var/styring.sqlite3)
    SECRET_KEY        required unless DEBUG=1
    DEBUG             "1" for development
    ALLOWED_HOSTS     comma-separated (default: 127.0.0.1,localhost)
    CSRF_TRUSTED_ORIGINS  comma-separated origins behind a proxy
    STYRING_MAX_UPLOAD_MB  largest accepted steering document (default 50)
    EMAIL_URL-style settings: EMAIL_HOST, EMAIL_PORT, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD,
                      EMAIL_USE_TLS, DEFAULT_FROM_EMAIL (console backend when EMAIL_HOST is unset)
"""
from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = Path(os.environ.get("STYRING_HOME", Path.cwd()))
VAR_DIR = Path(os.environ.get("STYRING_VAR", PROJECT_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, "1" if default else "0").strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [part.strip() for part in os.environ.get(name, default).split(",") if part.strip()]


DEBUG = env_bool("DEBUG")
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if DEBUG or env_bool("STYRING_INSECURE_DEV_KEY"):
        SECRET_KEY = "styring-development-only-key-never-use-in-production-0123456789"
    else:
        raise ImproperlyConfigured("SECRET_KEY must be set in the environment (or DEBUG=1 for development).")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")
CSRF_FAILURE_VIEW = "styring.web.errors.csrf_failure"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "knox",
    "drf_spectacular",
    "simple_history",
    "axes",
    "django_tasks",
    "django_tasks_db",
    # The steering cycle, one app per stage; data flows down this list.
    "styring.organisations",
    "styring.accounts",
    "styring.documents",
    "styring.requirements",
    "styring.indicators",
    "styring.reporting",
    "styring.followup",
    "styring.cascade",
    "styring.search",
    "styring.yearwheel",
    "styring.allocations",
    "styring.files",
    "styring.jobs",
    "styring.exports",
    "styring.api",
    "styring.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "styring.accounts.security.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "styring.web.guard.InputGuardMiddleware",  # a NUL in an address, parameter or form: 400 before a view reads it
    "django.contrib.messages.middleware.MessageMiddleware",
    "styring.accounts.security.SessionTimeoutMiddleware",
    "styring.jobs.middleware.JobNoticeMiddleware",  # "your report is ready" on the next page
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "styring.web.errors.NotFoundInDebugMiddleware",  # the Norwegian 404 page also with DEBUG=1 (make demo)
    "axes.middleware.AxesMiddleware",  # last: it turns a lockout into the Norwegian lockout page
]

ROOT_URLCONF = "styring.urls"
WSGI_APPLICATION = "styring.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "styring.web.context_processors.shell",
            ],
            # money, dates and long texts, the same on every page (styring.lib.formats)
            "builtins": ["styring.web.templatetags.formats"],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'styring.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        # a kept connection is checked before each request uses it: after a failover or a database
        # restart the next request connects afresh instead of failing on the dropped connection
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)  # a fresh clone has no var/
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 20, "transaction_mode": "IMMEDIATE", "init_command": "PRAGMA journal_mode=WAL;"}
    )
elif DATABASES["default"]["ENGINE"].endswith("postgresql"):
    # Server-side parameters and prepared statements: psycopg prepares a query it has run a few times
    # on a connection, so PostgreSQL plans the report page's queries once per connection, not on
    # every request. Behind a transaction-pooling PgBouncer, set DB_PREPARE_THRESHOLD to "" (off).
    threshold = os.environ.get("DB_PREPARE_THRESHOLD", "5")
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"server_side_binding": env_bool("DB_SERVER_SIDE_BINDING", True),
         "prepare_threshold": int(threshold) if threshold else None})
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# API throttles in "default"; the report page's rendered entries in "template_fragments" (keyed on
# what they show, so never stale; ~1 KB each). Embedded default: each process's memory, the fragments
# bounded by STYRING_FRAGMENT_CACHE_ENTRIES. With STYRING_CACHE_URL (redis://host:6379/1) both live in
# Redis, shared by every web node, so a throttle counts per installation, not per process; there the
# fragments are bounded by time (STYRING_FRAGMENT_CACHE_SECONDS) and by Redis's own maxmemory policy.
STYRING_CACHE_URL = os.environ.get("STYRING_CACHE_URL", "").strip()
CACHE_KEY_PREFIX = os.environ.get("STYRING_CACHE_KEY_PREFIX", "styring")  # several installations, one Redis
if STYRING_CACHE_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": STYRING_CACHE_URL,
                    "KEY_PREFIX": CACHE_KEY_PREFIX},
        "template_fragments": {  # "for ever" ({% cache None %}) means TIMEOUT here: Redis is shared and bounded
            "BACKEND": "styring.web.cache.BoundedRedisCache", "LOCATION": STYRING_CACHE_URL,
            "KEY_PREFIX": f"{CACHE_KEY_PREFIX}-fragments",
            "TIMEOUT": int(os.environ.get("STYRING_FRAGMENT_CACHE_SECONDS", str(24 * 3600))),
        },
    }
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "styring"},
        "template_fragments": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "styring-fragments",
            "TIMEOUT": None,
            "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("STYRING_FRAGMENT_CACHE_ENTRIES", "20000"))},
        },
    }
# Sessions and login lockouts are rows in the database (Django's database sessions, axes' database
# handler), so every node sees the same ones whichever cache is configured.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Django accounts today; an OIDC backend (e.g. mozilla-django-oidc) is added to this list. Axes comes
# first: it refuses a locked-out login before any password is checked.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "styring.accounts.security.AddressLimitBackend",
                           "django.contrib.auth.backends.ModelBackend"]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "nb"
LANGUAGES = [("nb", "Norsk bokmål"), ("nn", "Norsk nynorsk")]
LOCALE_PATHS = [BASE_DIR / "locale"]  # nynorsk for the documents and the models' labels (django.po → .mo)
TIME_ZONE = "Europe/Oslo"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
NODE_MODULES = Path(os.environ.get("STYRING_NODE_MODULES", PROJECT_DIR / "node_modules"))
STATICFILES_DIRS = [
    ("vendor/designsystemet", NODE_MODULES / "@digdir" / "designsystemet-css" / "dist"),
    ("vendor/designsystemet-theme", NODE_MODULES / "@digdir" / "designsystemet-theme" / "brand"),
    ("vendor/htmx", NODE_MODULES / "htmx.org" / "dist"),
    ("vendor/chartjs", NODE_MODULES / "chart.js" / "dist"),
    ("vendor/inter", NODE_MODULES / "@fontsource" / "inter"),  # the theme's typeface, served from our own origin
]
STATICFILES_DIRS = [(prefix, path) for prefix, path in STATICFILES_DIRS if path.is_dir()]
# Uploaded documents, report attachments and finished job files go through Django's default storage:
# STYRING_STORAGE=local (embedded default: MEDIA_ROOT under var/), =database (the rows of
# styring.files in the database itself, so every node reads what any node wrote), or any Django
# storage class by its dotted path in STYRING_STORAGE_BACKEND (e.g. storages.backends.s3.S3Storage,
# with that package's own settings).
STYRING_STORAGE = os.environ.get("STYRING_STORAGE", "local").strip().lower() or "local"
STYRING_STORAGE_BACKEND = os.environ.get("STYRING_STORAGE_BACKEND", "").strip() or {
    "local": "django.core.files.storage.FileSystemStorage",
    "database": "styring.files.storage.DatabaseStorage",
}.get(STYRING_STORAGE, "")
if not STYRING_STORAGE_BACKEND:
    raise ImproperlyConfigured(f"STYRING_STORAGE={STYRING_STORAGE}: use local or database, or set STYRING_STORAGE_BACKEND.")
STORAGES = {
    "default": {"BACKEND": STYRING_STORAGE_BACKEND},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "media/"

# --- long work in the background (Django's Tasks API through django-tasks) ----------------------
# STYRING_TASKS=db (default): tasks wait in the database and `styring worker` (started by `styring
# serve`) runs them; no other server. STYRING_TASKS=rq: tasks go to Redis (REDIS_URL) and `styring
# worker` is an RQ worker; run it as its own service. STYRING_TASKS=immediate runs a task inside the
# request that starts it (for debugging only: the page then waits).
STYRING_TASKS = os.environ.get("STYRING_TASKS", "db").strip().lower() or "db"
REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
RQ_QUEUES = {"default": {"URL": REDIS_URL, "DEFAULT_TIMEOUT": int(os.environ.get("STYRING_TASK_TIMEOUT", "900"))}}
TASKS = {
    "default": {
        "db": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]},
        "rq": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]},
        "immediate": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    }[STYRING_TASKS]
}
if STYRING_TASKS == "rq":
    INSTALLED_APPS += ["django_rq", "django_tasks_rq"]  # its `rqworker` is what `styring worker` runs
# A running job's worker touches it every STYRING_JOB_HEARTBEAT_SECONDS; a job without a sign of life
# for STYRING_JOB_STALE_SECONDS is given up (queued again if safe, else failed) by the sweep the
# worker runs on start and every STYRING_JOB_SWEEP_SECONDS (jobs.services.sweep).
STYRING_JOB_HEARTBEAT_SECONDS = float(os.environ.get("STYRING_JOB_HEARTBEAT_SECONDS", "5"))
STYRING_JOB_STALE_SECONDS = float(os.environ.get("STYRING_JOB_STALE_SECONDS", "60"))
STYRING_JOB_SWEEP_SECONDS = float(os.environ.get("STYRING_JOB_SWEEP_SECONDS", "60"))
# Finished jobs and their files are deleted after STYRING_JOB_KEEP_DAYS (jobs.services.prune). That
# pruning and the deadline reminders are scheduled work (jobs.schedule): every worker looks each minute
# and exactly one per installation runs each, once a day; STYRING_SCHEDULED_WORK=0 leaves it to cron.
# Reminders only where mail is configured (STYRING_SEND_REMINDERS, on with EMAIL_HOST).
# STYRING_BASE_URL is the address the reminders link to (e.g. https://styring.example.org).
STYRING_JOB_KEEP_DAYS = float(os.environ.get("STYRING_JOB_KEEP_DAYS", "30"))
STYRING_SCHEDULED_WORK = env_bool("STYRING_SCHEDULED_WORK", True)
STYRING_SEND_REMINDERS = env_bool("STYRING_SEND_REMINDERS", bool(os.environ.get("EMAIL_HOST")))  # mail configured
STYRING_BASE_URL = os.environ.get("STYRING_BASE_URL", "")
# A web node without a worker beside it (`styring serve` then runs gunicorn alone; the workers run
# elsewhere as `styring worker`): STYRING_WEB_ONLY=1, or `styring serve --no-worker`.
STYRING_WEB_ONLY = env_bool("STYRING_WEB_ONLY")
# An uploaded document larger than this is imported in the background (0: every upload).
STYRING_BACKGROUND_IMPORT_BYTES = int(float(os.environ.get("STYRING_BACKGROUND_IMPORT_MB", "1")) * 1024 * 1024)

# The reason of a change in the history holds a whole comment (a return's or a reopening's, up to
# 5000 characters): a text column, not simple-history's varchar(100).
SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

STYRING_MAX_UPLOAD_BYTES = int(float(os.environ.get("STYRING_MAX_UPLOAD_MB", "50")) * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

if os.environ.get("EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ["EMAIL_HOST"]
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "styring@localhost")

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "knox.auth.TokenAuthentication",  # hashed at rest, with an expiry; revoked at logout
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PARSER_CLASSES": [  # DRF's, refusing NUL and over-deep input (a 400, not a 500)
        "styring.api.parsers.JSONParser", "styring.api.parsers.FormParser", "styring.api.parsers.MultiPartParser",
    ],
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
        "rest_framework.throttling.ScopedRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": os.environ.get("STYRING_API_ANON_RATE", "60/min"),
        "user": os.environ.get("STYRING_API_USER_RATE", "1200/min"),
        "token": os.environ.get("STYRING_API_TOKEN_RATE", "10/min"),  # POST /api/token/
    },
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "styring.api.schema.Schema",
    "DEFAULT_PAGINATION_CLASS": "styring.api.pagination.Pagination",
    "PAGE_SIZE": 200,
    "EXCEPTION_HANDLER": "styring.api.pagination.exception_handler",
}
REST_KNOX = {
    "TOKEN_TTL": dt.timedelta(hours=float(os.environ.get("STYRING_API_TOKEN_HOURS", "12"))),
    "AUTH_HEADER_PREFIX": "Token",
    "AUTO_REFRESH": False,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Styrings-API",
    "DESCRIPTION": "Styringssyklusen i spesialisthelsetjenesten: organisasjoner, styringsdokumenter, krav, "
    "rapporter og saksgangen deres.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # Several models have a "kind" and a "status"; name each choice set once (issue 4, API).
    "ENUM_NAME_OVERRIDES": {
        "OrganisationKindEnum": "styring.organisations.models.Organisation.Kind",
        "LanguageEnum": "styring.organisations.models.Organisation.Language",
        "DocumentKindEnum": "styring.documents.models.SteeringDocument.Kind",
        "DocumentStatusEnum": "styring.documents.models.SteeringDocument.Status",
        "ItemKindEnum": "styring.requirements.models.Item.Kind",
        "PeriodKindEnum": "styring.reporting.models.PeriodKind",
        "ReportStatusEnum": "styring.reporting.models.ReportStatus",
        "EntryStatusEnum": "styring.reporting.models.EntryStatus",
        "ValueStatusEnum": "styring.indicators.models.ValueStatus",
        "ColourEnum": ["green", "yellow", "red", "none"],
    },
}

# --- the locks ---------------------------------------------------------------------------------
# Login throttling and lockout (django-axes): after STYRING_LOGIN_FAILURES failed logins for one user
# name from one address, that pair is locked for STYRING_LOGIN_LOCKOUT_MINUTES. Every login and every
# failure is recorded (admin: Axes → access attempts, logs and failures).
AXES_FAILURE_LIMIT = int(os.environ.get("STYRING_LOGIN_FAILURES", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("STYRING_LOGIN_LOCKOUT_MINUTES", "15")) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# ... and one address failing with many user names is locked out after this many failures in all
# (``accounts.security.AddressLimitBackend``; 0 turns it off)
LOGIN_ADDRESS_FAILURES = int(os.environ.get("STYRING_LOGIN_ADDRESS_FAILURES", "30"))
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_LOCKOUT_CALLABLE = "styring.accounts.security.lockout"
AXES_COOLOFF_MESSAGE = "For mange mislykkede innlogginger. Prøv igjen om litt."
AXES_PERMALOCK_MESSAGE = "For mange mislykkede innlogginger. Kontakt brukerstøtte."
AXES_CLIENT_IP_CALLABLE = "styring.accounts.security.client_ip"
AXES_VERBOSE = False

# The address behind a proxy: X-Forwarded-For and X-Forwarded-Proto are trusted only when
# STYRING_TRUSTED_PROXY=1 (the proxy in front sets them and strips what clients send).
TRUSTED_PROXY = env_bool("STYRING_TRUSTED_PROXY")
if TRUSTED_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Sessions: logged out after STYRING_SESSION_IDLE_MINUTES without a request (autosave counts, so an
# editor who is typing stays in) and after STYRING_SESSION_MAX_HOURS whatever happens.
SESSION_IDLE_SECONDS = int(float(os.environ.get("STYRING_SESSION_IDLE_MINUTES", "60")) * 60)
SESSION_MAX_SECONDS = int(float(os.environ.get("STYRING_SESSION_MAX_HOURS", "10")) * 3600)
SESSION_COOKIE_AGE = SESSION_MAX_SECONDS
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# Content-Security-Policy (django-csp): nothing inline, nothing from elsewhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}
PERMISSIONS_POLICY = ("accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), "
                      "payment=(), usb=(), interest-cohort=()")

# Production hardening when not in development (see `styring check --deploy`).
if not DEBUG:
    SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", True)
    CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", True)
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(365 * 24 * 3600)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
