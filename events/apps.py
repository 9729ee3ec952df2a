"""The events app: registers how its merges and splits are undone."""

from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "events"

    def ready(self) -> None:
        # The merge log (kb.core) undoes a record through the service registered for it.
        from events.models import Event
        from events.services import event_merge_undo, event_split_undo
        from kb.core.merge_records import register_undo
        from kb.core.models import MergeKind

        register_undo(Event, MergeKind.MERGE, event_merge_undo)
        register_undo(Event, MergeKind.SPLIT, event_split_undo)
