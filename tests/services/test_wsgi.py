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


def test_a_started_app_server_serves_nothing_cached_by_the_code_before_it():
    from kb.core import freshness

    before = freshness.current()[0]
    import kb.wsgi

    gc.unfreeze()
    try:
        importlib.reload(kb.wsgi)
    finally:
        gc.unfreeze()
    assert freshness.current()[0] > before
