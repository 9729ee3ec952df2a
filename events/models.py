"""Events, the actors taking part in them, the places they happen and their sources."""

from django.db import models
from django.db.models import F, Q
from django.urls import reverse

from events.querysets import EventQuerySet
from kb.core.choices import MachineProposal, Origin, ReviewedModel, confidence_in_range
from kb.core.edtf import PRECISIONS, PartialDate, validate_edtf
from kb.core.history import LeanHistoricalRecords


class PlaceKind(models.TextChoices):
    CITY = "city", "City"
    PROVINCE = "province", "Province"
    COUNTRY = "country", "Country"
    REGION = "region", "Region"
    BORDER_CROSSING = "border_crossing", "Border crossing"
    BASE = "base", "Military base"
    OTHER = "other", "Other"


class Place(models.Model):
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    kind = models.CharField(max_length=20, choices=PlaceKind.choices, default=PlaceKind.OTHER)
    country = models.CharField(max_length=2, blank=True, help_text="ISO 3166-1 alpha-2.")
    aliases = models.JSONField(default=list, blank=True, help_text="Other spellings, as a list.")
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    wikidata_id = models.CharField("Wikidata QID", max_length=20, blank=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(latitude__isnull=True) | (Q(latitude__gte=-90) & Q(latitude__lte=90)),
                name="place_latitude_range",
            ),
            models.CheckConstraint(
                condition=Q(longitude__isnull=True)
                | (Q(longitude__gte=-180) & Q(longitude__lte=180)),
                name="place_longitude_range",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("events:list") + f"?place={self.slug}"


class EventKind(models.TextChoices):
    AGREEMENT = "agreement", "Agreement"
    ATTACK = "attack", "Attack"
    AIR_STRIKE = "air_strike", "Air strike"
    OFFENSIVE = "offensive", "Offensive"
    MEETING = "meeting", "Meeting"
    STATEMENT = "statement", "Statement"
    ARMS_TRANSFER = "arms_transfer", "Arms transfer"
    AID = "aid", "Aid"
    PROTEST = "protest", "Protest"
    DEATH = "death", "Death"
    ELECTION = "election", "Election"
    DESIGNATION = "designation", "Designation or sanction"
    VOTE = "vote", "Vote or law"
    HANDOVER = "handover", "Handover"
    WITHDRAWAL = "withdrawal", "Withdrawal"
    OTHER = "other", "Other"


class Event(MachineProposal, ReviewedModel):
    title = models.CharField(max_length=300)
    kind = models.CharField(
        max_length=15, choices=EventKind.choices, default=EventKind.OTHER, db_index=True
    )
    description = models.TextField(blank=True)
    date = models.CharField(
        max_length=10,
        blank=True,
        validators=[validate_edtf],
        help_text="EDTF: 2015-03-01, 2023-03, 2022, or XXXX-08-11 when the year is unknown.",
    )
    date_end = models.CharField(
        max_length=10, blank=True, validators=[validate_edtf], help_text="EDTF, optional."
    )
    date_precision = models.CharField(
        max_length=7, choices=[(p, p) for p in PRECISIONS], default="unknown", editable=False
    )
    date_text = models.CharField(
        max_length=200, blank=True, help_text="The words the date came from."
    )
    date_min = models.DateField(
        null=True, blank=True, editable=False, help_text="Derived: first day the date covers."
    )
    date_max = models.DateField(
        null=True, blank=True, editable=False, help_text="Derived: last day the date covers."
    )
    place = models.ForeignKey(
        Place, null=True, blank=True, on_delete=models.SET_NULL, related_name="events"
    )
    fatalities = models.PositiveIntegerField(null=True, blank=True)
    actors = models.ManyToManyField("actors.Actor", through="Participant", related_name="events")
    articles = models.ManyToManyField(
        "articles.Article", through="EventSource", related_name="events"
    )

    history = LeanHistoricalRecords()
    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["date_min", "title"]
        indexes = [
            models.Index(fields=["date_min", "date_max"], name="event_date_idx"),
            models.Index(fields=["status", "-created_at"], name="event_review_idx"),
            models.Index(fields=["status", "confidence"], name="event_queue_idx"),
        ]
        constraints = [confidence_in_range("event_confidence_range")]

    def __str__(self) -> str:
        return f"{self.title} ({self.date or 'undated'})"

    def get_absolute_url(self) -> str:
        return reverse("events:detail", kwargs={"pk": self.pk})

    def save(self, *args, **kwargs):
        # The derived date columns are a pure function of the EDTF strings.
        self.date_precision, self.date_min, self.date_max = derive_date_columns(
            self.date, self.date_end
        )
        super().save(*args, **kwargs)


def derive_date_columns(date: str, date_end: str = "") -> tuple[str, object, object]:
    """Precision and first/last day covered for EDTF start/end strings (bulk writes use it)."""
    if not date:
        return "unknown", None, None
    start = PartialDate.parse(date)
    bounds = start.bounds()
    if bounds is None:
        return start.precision, None, None
    low, high = bounds
    if date_end:
        end_bounds = PartialDate.parse(date_end).bounds()
        if end_bounds:
            high = max(high, end_bounds[1])
    return start.precision, low, high


class Role(models.TextChoices):
    PERPETRATOR = "perpetrator", "Perpetrator"
    TARGET = "target", "Target"
    SIGNATORY = "signatory", "Signatory"
    SUPPORTER = "supporter", "Supporter"
    PARTICIPANT = "participant", "Participant"


class Participant(MachineProposal):
    # participant_unique (event, actor, role) serves lookups by event, participant_actor_idx
    # (actor, event) those by actor: an actor's distinct events are read from the index
    # alone, and neither key needs an index of its own.
    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="participants", db_index=False
    )
    actor = models.ForeignKey(
        "actors.Actor", on_delete=models.CASCADE, related_name="participations", db_index=False
    )
    role = models.CharField(max_length=12, choices=Role.choices, default=Role.PARTICIPANT)

    history = LeanHistoricalRecords()

    class Meta:
        ordering = ["event", "role", "actor__name"]
        indexes = [models.Index(fields=["actor", "event"], name="participant_actor_idx")]
        constraints = [
            models.UniqueConstraint(fields=["event", "actor", "role"], name="participant_unique"),
            confidence_in_range("participant_confidence_range"),
        ]

    def __str__(self) -> str:
        return f"{self.actor} ({self.role})"


class EventSource(models.Model):
    """An article reporting an event, with the span that reports it."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="sources")
    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="event_sources"
    )
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    quote = models.TextField(help_text="Exactly article.body[start:end].")
    date_text = models.CharField(max_length=200, blank=True)
    origin = models.CharField(max_length=10, choices=Origin.choices, default=Origin.INGEST)
    merge_reason = models.CharField(
        max_length=200,
        blank=True,
        help_text="Why ingest attached this report to an event another article created.",
    )

    class Meta:
        ordering = ["event", "article", "start"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "article", "start"], name="eventsource_unique"
            ),
            models.CheckConstraint(
                condition=Q(end__gt=F("start")), name="eventsource_span_nonempty"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.article} → {self.event}"

    def get_absolute_url(self) -> str:
        return self.article.get_absolute_url() + f"#e{self.event_id}"
