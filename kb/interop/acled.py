"""Events as ACLED-style CSV rows, so that researchers can load them next to ACLED data.

The columns are ACLED's, in ACLED's order (its codebook and API export), so that a file of
ours and one of ACLED's concatenate; cells the kb has nothing for stay blank.

Mapping
    event_id_cnty   "KB" + the event id (never an ACLED id)
    event_date      first day the event date covers, YYYY-MM-DD (as ACLED's API gives it)
    year            its year
    time_precision  ACLED 1 (day) for day precision, 3 (month) for month precision. Events
                    known only to the year, or undated, have no ACLED date and are left out.
    disorder_type / event_type / sub_event_type: from the event kind, :data:`KINDS`; kinds
                    ACLED cannot be told without more than the kb knows (attack: against whom,
                    by what means; death; other) keep blank types and say their kind in tags
    actor1, actor2  the perpetrator and the target; without them the first two signatories
                    or participants. Further perpetrators and supporters (or further
                    signatories and participants) in assoc_actor_1, further targets in
                    assoc_actor_2, separated by "; " as ACLED does. actor1 stays blank when
                    only the target is known (the kb does not invent "unidentified" actors).
    country         the name of the kb's country place with the event place's ISO code
    admin1          the place itself when it is a province
    location, latitude, longitude  the event place
    geo_precision   1 for a town, base, crossing or site; 3 for a province, region, country
    source          the publications of the articles that report the event, "; "-separated
    notes           description, or title
    fatalities      where stated (blank when the articles say nothing, not 0)
    tags            "kb kind: <kind>"
    timestamp       last change, Unix seconds
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from events.models import Event, EventKind, PlaceKind, Role

COLUMNS = [
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
]

VIOLENCE, DEMONSTRATIONS, STRATEGIC = (
    "Political violence",
    "Demonstrations",
    "Strategic developments",
)
#: kb event kind → (disorder_type, event_type, sub_event_type).
KINDS = {
    EventKind.AIR_STRIKE: (VIOLENCE, "Explosions/Remote violence", "Air/drone strike"),
    EventKind.OFFENSIVE: (VIOLENCE, "Battles", "Armed clash"),
    EventKind.ATTACK: (VIOLENCE, "", ""),
    EventKind.PROTEST: (DEMONSTRATIONS, "Protests", ""),
    EventKind.AGREEMENT: (STRATEGIC, "Strategic developments", "Agreement"),
    EventKind.MEETING: (STRATEGIC, "Strategic developments", "Other"),
    EventKind.STATEMENT: (STRATEGIC, "Strategic developments", "Other"),
    EventKind.ARMS_TRANSFER: (STRATEGIC, "Strategic developments", "Other"),
    EventKind.AID: (STRATEGIC, "Strategic developments", "Other"),
    EventKind.ELECTION: (STRATEGIC, "Strategic developments", "Other"),
    EventKind.DESIGNATION: (STRATEGIC, "Strategic developments", "Other"),
    EventKind.VOTE: (STRATEGIC, "Strategic developments", "Other"),
    EventKind.HANDOVER: (STRATEGIC, "Strategic developments", "Non-violent transfer of territory"),
    EventKind.WITHDRAWAL: (STRATEGIC, "Strategic developments", "Change to group/activity"),
    EventKind.DEATH: ("", "", ""),
    EventKind.OTHER: ("", "", ""),
}
TIME_PRECISION = {"day": 1, "month": 3}
BROAD_PLACES = {PlaceKind.PROVINCE, PlaceKind.REGION, PlaceKind.COUNTRY}


def exportable(queryset):
    """Events ACLED can hold: dated to the day or the month."""
    return queryset.filter(date_precision__in=TIME_PRECISION, date_min__isnull=False)


def acled_rows(events: Iterable[Event], countries: dict[str, str]) -> Iterator[list]:
    """One row (in :data:`COLUMNS` order) per event; reads prefetched participants
    (with actors), sources (with article sources) and the place."""
    for event in events:
        row = dict.fromkeys(COLUMNS, "")
        disorder, event_type, sub_event_type = KINDS.get(event.kind, ("", "", ""))
        side1, side2 = _sides(event)
        place = event.place
        row.update(
            event_id_cnty=f"KB{event.pk}",
            event_date=event.date_min.isoformat(),
            year=event.date_min.year,
            time_precision=TIME_PRECISION[event.date_precision],
            disorder_type=disorder,
            event_type=event_type,
            sub_event_type=sub_event_type,
            actor1=side1[0] if side1 else "",
            assoc_actor_1="; ".join(side1[1:]),
            actor2=side2[0] if side2 else "",
            assoc_actor_2="; ".join(side2[1:]),
            source="; ".join(
                dict.fromkeys(
                    s.article.source.name for s in event.sources.all() if s.article.source_id
                )
            ),
            notes=event.description or event.title,
            fatalities="" if event.fatalities is None else event.fatalities,
            tags=f"kb kind: {event.kind}",
            timestamp=int(event.updated_at.timestamp()),
        )
        if place is not None:
            row.update(
                country=countries.get(place.country, place.country),
                admin1=place.name if place.kind == PlaceKind.PROVINCE else "",
                location=place.name,
                latitude="" if place.latitude is None else place.latitude,
                longitude="" if place.longitude is None else place.longitude,
                geo_precision=3 if place.kind in BROAD_PLACES else 1,
            )
        yield [row[c] for c in COLUMNS]


def _sides(event: Event) -> tuple[list[str], list[str]]:
    """Actor names of the two sides, each the ACLED actor first and its associates after.

    Perpetrators (with supporters) against targets; without either, the signatories or
    participants in turn (the first on each side, the rest associated with actor 1).
    """
    by_role: dict[str, list[str]] = {}
    for p in event.participants.all():
        by_role.setdefault(p.role, []).append(p.actor.name)
    perpetrators, targets = by_role.get(Role.PERPETRATOR, []), by_role.get(Role.TARGET, [])
    supporters = by_role.get(Role.SUPPORTER, [])
    if perpetrators or targets:
        first = perpetrators + supporters if perpetrators else ["", *supporters]
        return first, targets
    others = by_role.get(Role.SIGNATORY, []) + by_role.get(Role.PARTICIPANT, []) + supporters
    return others[:1] + others[2:], others[1:2]
