"""The Celery application that runs ingest batches (``celery -A kb.celery worker``).

Configured from Django's settings (the ``CELERY_`` ones in kb.settings): the broker is
Redis when ``CELERY_BROKER_URL`` or ``REDIS_URL`` is set; without one, tasks run at once in
the process that sends them, so ``make run`` and ``make test`` need no broker or worker.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kb.settings")

app = Celery("kb")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks(["kb.runs"])

__all__ = ["app"]
