"""The actors app: registers how its merges are undone."""

from django.apps import AppConfig


class ActorsConfig(AppConfig):
    name = "actors"

    def ready(self) -> None:
        # The merge log (kb.core) undoes a record through the service registered for it.
        from actors.models import Actor
        from actors.services import actor_merge_undo
        from kb.core.merge_records import register_undo
        from kb.core.models import MergeKind

        register_undo(Actor, MergeKind.MERGE, actor_merge_undo)
