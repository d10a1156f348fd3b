"""WSGI entry point (gunicorn styring.wsgi)."""
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "styring.settings")
application = get_wsgi_application()
