"""API shapes for events and places (REST API v1 contract: add fields, never rename)."""

from rest_framework import serializers

from actors.serializers import ActorRefSerializer
from events.models import Event, EventSource, Participant, Place
from kb.core.api.fields import EDTFField
from kb.core.api.validation import ModelCleanMixin


class PlaceSerializer(ModelCleanMixin, serializers.ModelSerializer):
    """A place where events happen."""

    aliases = serializers.ListField(
        child=serializers.CharField(max_length=200),
        required=False,
        max_length=100,
        help_text="Other spellings.",
    )

    class Meta:
        model = Place
        fields = [
            "id",
            "name",
            "slug",
            "kind",
            "country",
            "aliases",
            "latitude",
            "longitude",
            "wikidata_id",
        ]
        extra_kwargs = {
            "latitude": {"min_value": -90, "max_value": 90},
            "longitude": {"min_value": -180, "max_value": 180},
        }


class PlaceRefSerializer(serializers.ModelSerializer):
    """The place of an event: name and coordinates."""

    class Meta:
        model = Place
        fields = ["id", "name", "slug", "latitude", "longitude"]
        read_only_fields = fields


class ParticipantSerializer(serializers.ModelSerializer):
    """An actor taking part in an event, and its role."""

    actor = ActorRefSerializer(read_only=True)

    class Meta:
        model = Participant
        fields = ["actor", "role", "confidence", "rule"]
        read_only_fields = fields


class EventSourceSerializer(serializers.ModelSerializer):
    """An article span that reports the event."""

    class Meta:
        model = EventSource
        fields = ["article", "quote", "start", "end", "date_text"]
        read_only_fields = fields


class EventSerializer(ModelCleanMixin, serializers.ModelSerializer):
    """An event with EDTF dates, place, participants and sources."""

    date = EDTFField(help_text="EDTF: 2015-03-01, 2023-03, 2022 or XXXX-08-11; null if undated.")
    date_end = EDTFField(help_text="EDTF end date of a period; null for a single date.")
    place = PlaceRefSerializer(read_only=True, allow_null=True)
    place_id = serializers.PrimaryKeyRelatedField(
        source="place",
        queryset=Place.objects.all(),
        allow_null=True,
        required=False,
        write_only=True,
        help_text="Place id (write).",
    )
    participants = ParticipantSerializer(many=True, read_only=True)
    sources = EventSourceSerializer(many=True, read_only=True)
    version = serializers.IntegerField(
        read_only=True, help_text="Send it back on PUT/PATCH (or as If-Match); 409 if stale."
    )

    clean_exclude = ("version", "date_precision", "date_min", "date_max")

    class Meta:
        model = Event
        fields = [
            "id",
            "title",
            "kind",
            "description",
            "date",
            "date_end",
            "date_precision",
            "date_text",
            "place",
            "place_id",
            "participants",
            "sources",
            "fatalities",
            "status",
            "origin",
            "confidence",
            "rule",
            "version",
            "created_at",
            "updated_at",
        ]
        read_only_fields = [
            "date_precision",
            "origin",
            "confidence",
            "rule",
            "created_at",
            "updated_at",
        ]
        extra_kwargs = {"date_text": {"help_text": "The words the date came from."}}
