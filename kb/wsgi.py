"""WSGI entry point (gunicorn kb.wsgi)."""

import gc
import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

from kb.core import freshness

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kb.settings")
application = get_wsgi_application()

# A (re)started app server may run new code that renders pages differently: nothing cached
# by the code before it is served again.
freshness.bump_safely()

# What is loaded by now (Django, the apps, every view module behind the URLconf) lives as
# long as the process. Take it out of the garbage collector's view: otherwise every full
# collection walks it again, and those pauses (about 70 ms each on this app, measured in a
# request loop) were the slowest requests of the benchmarks; frozen, about 16 ms. With
# gunicorn --preload this runs once in the master, before the workers fork.
get_resolver().url_patterns  # noqa: B018 (imports the views now rather than on a request)
gc.collect()
gc.freeze()
