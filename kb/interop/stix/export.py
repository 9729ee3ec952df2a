"""The knowledge base as a STIX 2.1 bundle, built with the ``stix2`` library.

Mapping (kb fields go in the property extension, see :mod:`kb.interop.stix.vocab`):

- actor → ``threat-actor`` (armed groups) or ``identity`` (every other kind; persons are
  ``individual``, kind "other" ``unknown``, the rest ``organization``, with industry
  sectors from the vocabulary for states, government bodies and media). No kind maps to
  ``intrusion-set``: that describes cyber intrusion activity, which the kb does not record.
  The Wikidata QID is an external reference (``source_name`` "wikidata").
- place → ``location`` with name, coordinates and country. A place with neither
  coordinates nor country cannot be a STIX location and is left out.
- relationship, participation, claim link → ``related-to`` (see the extension description
  for why), the kb meaning in the extension; start/stop times from the EDTF dates.
- article → ``report`` whose ``object_refs`` are what it supports (actors it mentions, its
  claims, the events it reports, the relationships it is evidence for); ``report_types``
  from the vocabulary name the kinds of actors it covers. The description is the article
  text, so that spans resolve. An article that supports nothing has no report.
- claim → ``opinion`` (denials: ``strongly-disagree``) or ``note`` (every other kind),
  ``object_refs`` the report, subjects and event; Admiralty credibility → ``confidence``
  by STIX 2.1 Appendix A (1→90 … 5→10; 6 "cannot be judged" has none).
- event → ``x-kb-event``, the extension's new SDO.
"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

import stix2
from stix2.properties import (
    IntegerProperty,
    ListProperty,
    ReferenceProperty,
    StringProperty,
    TimestampProperty,
)

from actors.models import Actor
from articles.models import Article, Claim, ClaimKind
from events.models import Event, Place
from kb.core.edtf import PartialDate
from kb.interop.stix import vocab
from kb.interop.stix.rows import Rows, Scope, load_rows
from kb.interop.stix.vocab import EXTENSION_ID, NEW_SDO, stix_id


@stix2.v21.CustomObject(
    vocab.EVENT_TYPE,
    [
        ("name", StringProperty(required=True)),
        ("description", StringProperty()),
        ("event_type", StringProperty(required=True)),
        ("date", StringProperty()),
        ("date_end", StringProperty()),
        ("date_precision", StringProperty()),
        ("date_text", StringProperty()),
        ("first_seen", TimestampProperty()),
        ("last_seen", TimestampProperty()),
        ("fatalities", IntegerProperty(min=0)),
        ("location_ref", ReferenceProperty(valid_types="location", spec_version="2.1")),
        ("status", StringProperty(required=True)),
        ("sources", ListProperty(stix2.properties.DictionaryProperty(spec_version="2.1"))),
    ],
)
class KBEvent:
    """An event of the knowledge base (the extension's new SDO; STIX 2.1 has none)."""


def producer() -> stix2.v21.Identity:
    """The identity that defines the extension: this knowledge base."""
    return stix2.v21.Identity(
        id=vocab.PRODUCER_ID,
        name="kb — Iran–Iraq–US relations knowledge base",
        identity_class="system",
        description="Produces the kb extension definition and the bundles that use it.",
        created=vocab.DEFINED,
        modified=vocab.DEFINED,
    )


def extension_definition() -> stix2.v21.ExtensionDefinition:
    """The one extension definition every kb bundle carries."""
    return stix2.v21.ExtensionDefinition(
        id=EXTENSION_ID,
        created_by_ref=vocab.PRODUCER_ID,
        created=vocab.DEFINED,
        modified=vocab.DEFINED,
        name="kb knowledge base",
        description=vocab.EXTENSION_DESCRIPTION,
        schema=vocab.EXTENSION_SCHEMA_TEXT,
        version=vocab.EXTENSION_VERSION,
        extension_types=["property-extension", "new-sdo"],
    )


def build_bundle(scope: Scope | None = None) -> stix2.v21.Bundle:
    """The STIX 2.1 bundle of the whole knowledge base, or of one actor's neighbourhood."""
    rows = load_rows(scope or Scope())
    return _Builder(rows).bundle()


class _Builder:
    def __init__(self, rows: Rows):
        self.rows = rows
        self.objects: dict[str, object] = {}
        self.actor_ids: dict[int, str] = {}
        self.place_ids: dict[int, str] = {}
        self.event_ids: dict[int, str] = {}
        self.claim_ids: dict[int, str] = {}
        self.relationship_ids: dict[int, str] = {}
        self.report_ids = {
            a.pk: self._id(a, "report", f"article/{a.content_hash}") for a in rows.articles
        }

    def _id(self, row, kind: str, key: str) -> str:
        """The id the row was imported with (when its type still fits), else the kb's own."""
        imported = self.rows.imported_ids.get((row._meta.label_lower, row.pk))
        if imported and imported.startswith(f"{kind}--"):
            return imported
        return stix_id(kind, key)

    def _times(self, sid: str, created: datetime | None, modified: datetime | None) -> dict:
        created = self.rows.imported_created.get(sid) or created or datetime(1970, 1, 1, tzinfo=UTC)
        return {"created": created, "modified": max(created, modified or created)}

    def add(self, obj) -> str:
        self.objects[obj.id] = obj
        return obj.id

    def bundle(self) -> stix2.v21.Bundle:
        rows = self.rows
        for actor in rows.actors:
            self.actor_ids[actor.pk] = self._id(
                actor, vocab.actor_type(actor.kind), f"actor/{actor.slug}"
            )
        for actor in rows.actors:
            self.add(self._actor(actor))
        for place in rows.places:
            if (place.latitude is not None and place.longitude is not None) or place.country:
                self.place_ids[place.pk] = self.add(self._location(place))
        for event in rows.events:
            self.event_ids[event.pk] = self._id(event, vocab.EVENT_TYPE, f"event/{event.pk}")
        for claim in rows.claims:
            kind = "opinion" if claim.kind == ClaimKind.DENIAL else "note"
            self.claim_ids[claim.pk] = self._id(claim, kind, f"claim/{claim.pk}")
        for rel in rows.relationships:
            if rel.source_id in self.actor_ids and rel.target_id in self.actor_ids:
                self.relationship_ids[rel.pk] = self._id(
                    rel, "relationship", f"relationship/{rel.pk}"
                )
                self.add(self._relationship(rel))
        for event in rows.events:
            self.add(self._event(event))
            for participant in event.participants.all():
                if participant.actor_id in self.actor_ids:
                    self.add(self._participation(participant, event))
        for claim in rows.claims:
            self.add(self._claim(claim))
        for claim in rows.claims:
            for link in claim.links_out.all():
                if link.to_claim_id in self.claim_ids:
                    self.add(self._claim_link(link, claim))
        supported = self._supported_by_article()
        for article in rows.articles:
            refs = supported.get(article.pk)
            if refs:
                self.add(self._report(article, sorted(refs)))
        objects = [producer(), extension_definition(), *self.objects.values()]
        return stix2.v21.Bundle(objects=objects, allow_custom=True)

    # --- objects ------------------------------------------------------------------------

    def _actor(self, actor: Actor):
        sid = self.actor_ids[actor.pk]
        # STIX aliases are other names: the name itself (an alias row too) is not one.
        aliases = [alias.text for alias in actor.aliases.all() if alias.text != actor.name]
        ext = {
            **vocab.PROPERTY_EXTENSION,
            "slug": actor.slug,
            "kind": actor.kind,
            "status": actor.status,
        }
        if actor.country:
            ext["country"] = actor.country
        if actor.parent_id in self.actor_ids:
            ext["parent_ref"] = self.actor_ids[actor.parent_id]
        common = {
            "id": sid,
            "name": actor.name,
            "description": actor.description or None,
            "external_references": _wikidata(actor.wikidata_id),
            **self._times(sid, actor.created_at, actor.updated_at),
        }
        if sid.startswith("threat-actor--"):
            return stix2.v21.ThreatActor(
                aliases=aliases or None, extensions={EXTENSION_ID: ext}, **common
            )
        if aliases:
            ext["aliases"] = aliases
        return stix2.v21.Identity(
            identity_class=vocab.IDENTITY_CLASS.get(actor.kind, "organization"),
            sectors=vocab.SECTORS.get(actor.kind),
            extensions={EXTENSION_ID: ext},
            **common,
        )

    def _location(self, place: Place):
        sid = self._id(place, "location", f"place/{place.slug}")
        extra = {}
        if place.latitude is not None and place.longitude is not None:
            extra.update(latitude=place.latitude, longitude=place.longitude)
        if place.country:
            extra["country"] = place.country
        ext = {**vocab.PROPERTY_EXTENSION, "slug": place.slug, "kind": place.kind}
        if place.aliases:
            ext["aliases"] = list(place.aliases)
        created = self.rows.imported_created.get(sid) or vocab.DEFINED
        return stix2.v21.Location(
            id=sid,
            name=place.name,
            external_references=_wikidata(getattr(place, "wikidata_id", "")),
            extensions={EXTENSION_ID: ext},
            created=created,
            modified=created,
            **extra,
        )

    def _relationship(self, rel):
        sid = self.relationship_ids[rel.pk]
        ext = {**vocab.PROPERTY_EXTENSION, "kind": rel.kind, "status": rel.status}
        extra = {}
        start, end = _edtf_bounds(rel.start), _edtf_bounds(rel.end)
        if start:
            extra["start_time"] = start[0]
        if end and (not start or end[1] > start[0]):
            extra["stop_time"] = end[1]
        if rel.start:
            ext["start"] = rel.start
        if rel.end:
            ext["end"] = rel.end
        evidence = [
            self.report_ids[a.pk] for a in rel.evidence_articles.all() if a.pk in self.report_ids
        ]
        evidence += [
            self.claim_ids[c.pk] for c in rel.evidence_claims.all() if c.pk in self.claim_ids
        ]
        if evidence:
            ext["evidence_refs"] = sorted(evidence)
        return stix2.v21.Relationship(
            id=sid,
            relationship_type="related-to",
            source_ref=self.actor_ids[rel.source_id],
            target_ref=self.actor_ids[rel.target_id],
            description=rel.description or None,
            extensions={EXTENSION_ID: ext},
            **extra,
            **self._times(sid, rel.created_at, rel.updated_at),
        )

    def _event(self, event: Event):
        sid = self.event_ids[event.pk]
        extra = {}
        if event.date_min:
            extra["first_seen"] = datetime.combine(event.date_min, time.min, tzinfo=UTC)
        if event.date_max:
            extra["last_seen"] = datetime.combine(event.date_max, time(23, 59, 59), tzinfo=UTC)
        if event.place_id in self.place_ids:
            extra["location_ref"] = self.place_ids[event.place_id]
        sources = [
            _drop_blank(
                {
                    "report_ref": self.report_ids[s.article_id],
                    "start": s.start,
                    "end": s.end,
                    "date_text": s.date_text,
                }
            )
            for s in event.sources.all()
            if s.article_id in self.report_ids
        ]
        return KBEvent(
            id=sid,
            name=event.title,
            description=event.description or None,
            event_type=event.kind,
            date=event.date or None,
            date_end=event.date_end or None,
            date_precision=event.date_precision,
            date_text=event.date_text or None,
            fatalities=event.fatalities,
            status=event.status,
            sources=sources or None,
            extensions={EXTENSION_ID: NEW_SDO},
            **extra,
            **self._times(sid, event.created_at, event.updated_at),
        )

    def _participation(self, participant, event: Event):
        sid = self._id(participant, "relationship", f"participant/{participant.pk}")
        return stix2.v21.Relationship(
            id=sid,
            relationship_type="related-to",
            source_ref=self.actor_ids[participant.actor_id],
            target_ref=self.event_ids[participant.event_id],
            description=participant.get_role_display().lower(),
            extensions={EXTENSION_ID: {**vocab.PROPERTY_EXTENSION, "role": participant.role}},
            allow_custom=True,  # the target is an x-kb-event (stix2 flags any x- type)
            **self._times(sid, event.created_at, event.updated_at),
        )

    def _claim(self, claim: Claim):
        sid = self.claim_ids[claim.pk]
        report = self.report_ids.get(claim.article_id)
        refs = [report] if report else []
        refs += [self.actor_ids[s.pk] for s in claim.subjects.all() if s.pk in self.actor_ids]
        if claim.event_id in self.event_ids:
            refs.append(self.event_ids[claim.event_id])
        ext = {
            **vocab.PROPERTY_EXTENSION,
            "kind": claim.kind,
            "status": claim.status,
            "credibility": claim.credibility,
            "report_ref": report,
            "text": claim.text,
            "start": claim.start,
            "end": claim.end,
            "sentence_start": claim.sentence_start,
            "sentence_end": claim.sentence_end,
            "cue": claim.cue,
            "claimant_ref": self.actor_ids.get(claim.claimant_id),
            "claimant_text": claim.claimant_text,
            "event_ref": self.event_ids.get(claim.event_id),
        }
        claimant = claim.claimant_text or (claim.claimant.name if claim.claimant_id else "")
        common = {
            "id": sid,
            "object_refs": refs,
            "confidence": vocab.ADMIRALTY_CONFIDENCE.get(claim.credibility),
            "extensions": {EXTENSION_ID: _drop_blank(ext)},
            "allow_custom": claim.event_id in self.event_ids,  # refers to an x-kb-event
            **self._times(sid, claim.created_at, claim.updated_at),
        }
        if sid.startswith("opinion--"):
            return stix2.v21.Opinion(opinion="strongly-disagree", explanation=claim.quote, **common)
        return stix2.v21.Note(abstract=claimant or None, content=claim.quote, **common)

    def _claim_link(self, link, claim: Claim):
        sid = self._id(link, "relationship", f"claimlink/{link.pk}")
        return stix2.v21.Relationship(
            id=sid,
            relationship_type="related-to",
            source_ref=self.claim_ids[claim.pk],
            target_ref=self.claim_ids[link.to_claim_id],
            description=link.kind,
            extensions={EXTENSION_ID: {**vocab.PROPERTY_EXTENSION, "claim_link": link.kind}},
            **self._times(sid, claim.created_at, claim.updated_at),
        )

    def _supported_by_article(self) -> dict[int, set[str]]:
        rows = self.rows
        supported: dict[int, set[str]] = {}
        for article in rows.articles:
            supported[article.pk] = {
                self.actor_ids[m.actor_id]
                for m in article.mentions.all()
                if m.actor_id in self.actor_ids
            }
        for claim in rows.claims:
            supported.setdefault(claim.article_id, set()).add(self.claim_ids[claim.pk])
        for event in rows.events:
            for source in event.sources.all():
                supported.setdefault(source.article_id, set()).add(self.event_ids[event.pk])
        for rel in rows.relationships:
            if rel.pk in self.relationship_ids:
                for article in rel.evidence_articles.all():
                    supported.setdefault(article.pk, set()).add(self.relationship_ids[rel.pk])
        return supported

    def _report(self, article: Article, refs: list[str]):
        sid = self.report_ids[article.pk]
        times = self._times(sid, article.ingested_at, article.updated_at)
        # STIX requires a publication time: an undated article gives its first-seen time.
        published = (
            datetime.combine(article.published_on, time.min, tzinfo=UTC)
            if article.published_on
            else times["created"]
        )
        mentions = [
            {
                "actor_ref": self.actor_ids[m.actor_id],
                "start": m.start,
                "end": m.end,
                "status": m.status,
            }
            for m in article.mentions.all()
            if m.actor_id in self.actor_ids
        ]
        ext = {
            **vocab.PROPERTY_EXTENSION,
            "content_hash": article.content_hash,
            "origin": article.origin,
            "published": article.published,
            "author": article.author,
            "url": article.url,
            "source": article.source.name if article.source_id else "",
            "mentions": mentions,
        }
        types = {ref.split("--")[0] for ref in refs}
        report_types = sorted(types & {"identity", "threat-actor"}) or ["threat-report"]
        return stix2.v21.Report(
            id=sid,
            name=article.title or article.origin or f"Article {article.pk}",
            description=article.body or None,
            published=published,
            report_types=report_types,
            object_refs=refs,
            allow_custom=any(ref.startswith(vocab.EVENT_TYPE) for ref in refs),
            lang=article.language or None,
            extensions={EXTENSION_ID: _drop_blank(ext)},
            **times,
        )


def _wikidata(qid: str) -> list[dict] | None:
    """Wikidata as an external reference; no URL, which STIX would want hashed."""
    if not qid:
        return None
    return [{"source_name": "wikidata", "external_id": qid}]


def _drop_blank(values: dict) -> dict:
    return {k: v for k, v in values.items() if v not in (None, "", [])}


def _edtf_bounds(value: str) -> tuple[datetime, datetime] | None:
    """First instant and the instant after the last day an EDTF date covers."""
    if not value:
        return None
    try:
        bounds = PartialDate.parse(value).bounds()
    except ValueError:
        return None
    if bounds is None:
        return None
    low, high = bounds
    return (
        datetime.combine(low, time.min, tzinfo=UTC),
        datetime.combine(high + timedelta(days=1), time.min, tzinfo=UTC),
    )
