"""Event pages: the filtered list, the timeline and the event page."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from actors.models import Actor
from articles.models import Claim
from articles.pages import set_claim_urls
from events.filters import EventFilter
from events.models import Event, EventSource, Participant, Place
from events.timeline import build_timeline
from kb.core.pages import filtered, paginate, shown

NEIGHBOURS = 5  # events shown before and after on an event page
DATALISTS = {"actor": "actor-options", "place": "place-options"}


def _filtered_events(request: HttpRequest, *, timeline: bool = False):
    base = Event.objects.all() if request.GET.get("status") else Event.objects.visible()
    queryset = base.brief() if timeline else base.for_list()
    return filtered(EventFilter, request, queryset, datalists=DATALISTS)


def _filter_options() -> dict:
    """Suggestions for the actor and place boxes of the filter form."""
    # One index probe per actor or place (few), not a join over every event or participation.
    through = Event.actors.through
    return {
        "actor_options": Actor.objects.filter(
            Exists(through.objects.filter(actor_id=OuterRef("pk")))
        ).only("slug", "name"),
        "place_options": Place.objects.filter(
            Exists(Event.objects.filter(place_id=OuterRef("pk")))
        ).only("slug", "name"),
    }


def event_list(request: HttpRequest) -> HttpResponse:
    """Events filtered with the API's EventFilter, oldest first unless ordered otherwise."""
    filterset, qs = _filtered_events(request)
    if not request.GET.get("ordering"):
        qs = qs.chronological()
    context = {
        "filter": filterset,
        "page": paginate(request, qs),
        "place": _place_of(filterset),
        **_filter_options(),
    }
    return render(request, "events/list.html", context)


def _place_of(filterset) -> Place | None:
    """The place the list is filtered to (a place's page), if any."""
    value = str(filterset.form.cleaned_data.get("place") or "") if filterset.is_valid() else ""
    if not value:
        return None
    match = Q(slug=value) | Q(pk=int(value)) if value.isdigit() else Q(slug=value)
    return Place.objects.filter(match).first()


def event_timeline(request: HttpRequest) -> HttpResponse:
    """The filtered events by year and month, drawn at the precision of their dates."""
    # The timeline shows neither places nor participants: loading them for every event of
    # a 200-event page cost more than the rest of the page.
    filterset, qs = _filtered_events(request, timeline=True)
    qs = qs.chronological()
    page = paginate(request, qs, default=200, maximum=500)
    context = {
        "filter": filterset,
        "page": page,
        "timeline": build_timeline(page.object_list),
        **_filter_options(),
    }
    return render(request, "events/timeline.html", context)


def _admin_links(request: HttpRequest, event: Event, participants: list) -> str:
    """For a user who may change events: the event's admin page (returned), and on each
    participant ``admin_url``, its row of the participants inline (``#participants-N``, N its
    place in the inline, which lists them in the model's ordering)."""
    if not request.user.has_perm("events.change_event"):
        return ""
    url = reverse("admin:events_event_change", args=[event.pk])
    rows = Participant.objects.filter(event=event).values_list("pk", flat=True)
    index = {pk: i for i, pk in enumerate(rows)}
    for p in participants:
        p.admin_url = f"{url}#participants-{index[p.pk]}"
    return url


def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """An event: date as given, place, participants, sources with quotes, claims, neighbours."""
    event = get_object_or_404(Event.objects.for_list(), pk=pk)
    participants = list(event.participants.all())
    sources = (
        EventSource.objects.filter(event=event)
        .select_related("article__source")
        .defer("article__body")
        .order_by("article__published_on", "start")
    )
    before = after = []
    if event.date_min is not None:
        others = (
            Event.objects.sharing_actors(event)
            .select_related("place")
            .filter(date_min__isnull=False)
        )
        before = list(
            others.filter(date_min__lte=event.date_min)
            .exclude(date_min=event.date_min, title__gte=event.title)
            .order_by("-date_min", "-title")[:NEIGHBOURS]
        )
        after = list(
            others.filter(date_min__gte=event.date_min)
            .exclude(date_min=event.date_min, title__lte=event.title)
            .order_by("date_min", "title")[:NEIGHBOURS]
        )
    claims = list(shown(request, Claim.objects.visible()).brief().filter(event=event))
    set_claim_urls(claims)
    context = {
        "admin_url": _admin_links(request, event, participants),
        "event": event,
        "participants": participants,
        "sources": sources,
        "claims": claims,
        "before": before,
        "after": after,
    }
    return render(request, "events/detail.html", context)
