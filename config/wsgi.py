"""WSGI entry point, served by gunicorn (`menengage serve`)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = get_wsgi_application()

# Each worker builds its address tables before its first visitor, not during that visit.
from menengage.core.warmup import warm  # noqa: E402 - needs the application set up

warm()
