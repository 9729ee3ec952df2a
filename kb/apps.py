"""The kb app: the site layer (admin site, home, search, API root) over kb.core and the apps."""

from django.apps import AppConfig
from django.db.backends.signals import connection_created


class KbConfig(AppConfig):
    name = "kb"
    verbose_name = "Knowledge base"

    def ready(self):
        from kb.core import freshness

        # Every connection, in every process (web, worker, command), watches for writes
        # that change the knowledge base and moves its version on after they commit.
        connection_created.connect(freshness.watch_connection, dispatch_uid="kb-freshness")

        from django.contrib.auth import get_user_model
        from django.db.models.signals import pre_save

        from kb.security import revoke_tokens_on_password_change

        pre_save.connect(
            revoke_tokens_on_password_change,
            sender=get_user_model(),
            dispatch_uid="kb-revoke-tokens",
        )
