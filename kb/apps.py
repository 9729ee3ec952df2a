"""The kb app: the site layer (admin site, home, search, API root) over kb.core and the apps."""

from django.apps import AppConfig


class KbConfig(AppConfig):
    name = "kb"
    verbose_name = "Knowledge base"
