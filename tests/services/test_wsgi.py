"""The WSGI entry point serves the app and takes what it loaded out of the collector's view."""

import gc
import importlib


def test_wsgi_application_loads_and_freezes_what_it_loaded():
    gc.unfreeze()
    try:
        import kb.wsgi

        importlib.reload(kb.wsgi)
        assert callable(kb.wsgi.application)
        assert gc.get_freeze_count() > 10_000  # Django, the apps, the URLconf's views
    finally:
        gc.unfreeze()
