"""Import steps for content: reports → articles, events, claims, participations, claim links."""

from __future__ import annotations

import hashlib

from django.core.exceptions import ValidationError
from django.utils.dateparse import parse_datetime

from actors.models import Actor
from articles.models import Article, Claim, ClaimLink
from articles.services import article_create, claim_create, claim_link
from events.models import Event, Participant, Place, Role
from events.services import event_create, event_participant_add
from kb.core.choices import Origin
from kb.core.edtf import PartialDate
from kb.interop.stix.import_catalog import REASON
from kb.interop.stix.objects import kb_fields
from kb.interop.stix.vocab import EVENT_TYPE


class ContentSteps:
    """Articles, events, claims and the links between them (mixed into the importer)."""

    # --- reports → articles -------------------------------------------------------------

    def reports(self) -> None:
        for obj in self.of_type("report"):
            if self.already(obj, Article):
                self.result.matched["article"] += 1
                continue
            ext = kb_fields(obj)
            digest = (
                ext.get("content_hash") or hashlib.sha256(f"stix:{obj['id']}".encode()).hexdigest()
            )
            article = Article.objects.filter(content_hash=digest).first()
            if article is not None:
                self.link(obj, article, created=False)
            else:
                self.guarded(obj, lambda obj=obj, digest=digest: self.create_article(obj, digest))

    def create_article(self, obj: dict, digest: str) -> None:
        ext = kb_fields(obj)
        published = ext.get("published", "")
        if not ext and obj.get("published"):
            # A kb report without a publication date carries its ingest time as the
            # required STIX published; only a foreign report's published is a date.
            published = PartialDate.from_date(parse_datetime(obj["published"]).date()).edtf()
        url = ext.get("url") or next(
            (r["url"] for r in obj.get("external_references") or [] if r.get("url")), ""
        )
        mentions = []
        for m in ext.get("mentions") or []:
            actor = self.ref(m.get("actor_ref"), Actor)
            if actor is None:
                self.fail(obj, f"mention of {m.get('actor_ref')}, not an actor in the bundle")
                return
            mentions.append((actor, int(m["start"]), int(m["end"])))
        article = article_create(
            body=obj.get("description") or obj["name"],
            content_hash=digest,
            title=obj["name"],
            published=published or "",
            author=ext.get("author", ""),
            url=url,
            origin_name=ext.get("origin", ""),
            language=obj.get("lang") or "en",
            source_name=ext.get("source", ""),
            mentions=mentions,
            origin=Origin.IMPORT,
            user=self.user,
            reason=REASON,
        )
        self.link(obj, article, created=True)

    # --- events -------------------------------------------------------------------------

    def events(self) -> None:
        for obj in self.of_type(EVENT_TYPE):
            if self.already(obj, Event):
                self.result.matched["event"] += 1
                continue
            place = self.ref(obj.get("location_ref"), Place)
            existing = (
                Event.objects.filter(
                    title=obj["name"],
                    kind=obj.get("event_type", "other"),
                    date=obj.get("date", ""),
                    place=place,
                )
                .exclude(pk__in=self.taken[Event])
                .first()
            )
            if existing is not None:
                self.link(obj, existing, created=False)
                continue
            self.guarded(obj, lambda obj=obj, place=place: self.create_event(obj, place))

    def create_event(self, obj: dict, place) -> None:
        sources = []
        for s in obj.get("sources") or []:
            article = self.ref(s.get("report_ref"), Article)
            if article is None:
                self.fail(obj, f"source {s.get('report_ref')} is not a report in the bundle")
                return
            sources.append((article, int(s["start"]), int(s["end"]), s.get("date_text", "")))
        event = event_create(
            title=obj["name"][:300],
            kind=obj.get("event_type", "other"),
            description=obj.get("description", ""),
            date=obj.get("date", ""),
            date_end=obj.get("date_end", ""),
            date_text=obj.get("date_text", ""),
            place=place,
            fatalities=obj.get("fatalities"),
            sources=sources,
            origin=Origin.IMPORT,
            user=self.user,
            reason=REASON,
        )
        self.link(obj, event, created=True)

    # --- claims -------------------------------------------------------------------------

    def claims(self) -> None:
        for obj in self.of_type("note", "opinion"):
            if self.already(obj, Claim):
                self.result.matched["claim"] += 1
                continue
            ext = kb_fields(obj)
            article = self.ref(ext.get("report_ref"), Article)
            if not ext or article is None:
                self.skip(obj, "no kb extension with a report span: nothing to anchor it to")
                continue
            existing = (
                Claim.objects.filter(
                    article=article, start=ext["start"], end=ext["end"], kind=ext.get("kind")
                )
                .exclude(pk__in=self.taken[Claim])
                .first()
            )
            if existing is not None:
                self.link(obj, existing, created=False)
                continue
            self.guarded(obj, lambda obj=obj, article=article: self.create_claim(obj, article))

    def create_claim(self, obj: dict, article: Article) -> None:
        ext = kb_fields(obj)
        quote = obj.get("content") if obj["type"] == "note" else obj.get("explanation")
        start, end = int(ext["start"]), int(ext["end"])
        if quote is not None and article.body[start:end] != quote:
            self.fail(obj, f"the quote is not the report's text at {start}–{end}")
            return
        subjects = [a for sid in obj.get("object_refs", []) if (a := self.ref(sid, Actor))]
        claim = claim_create(
            article=article,
            start=start,
            end=end,
            text=ext.get("text", ""),
            sentence_start=ext.get("sentence_start"),
            sentence_end=ext.get("sentence_end"),
            kind=ext.get("kind", "statement"),
            cue=ext.get("cue", ""),
            claimant=self.ref(ext.get("claimant_ref"), Actor),
            claimant_text=ext.get("claimant_text", ""),
            subjects=subjects,
            credibility=ext.get("credibility", 6),
            event=self.ref(ext.get("event_ref"), Event),
            origin=Origin.IMPORT,
            user=self.user,
            reason=REASON,
        )
        self.link(obj, claim, created=True)

    # --- relationships ------------------------------------------------------------------

    def participation(self, obj: dict) -> None:
        if self.already(obj, Participant):
            self.result.matched["participant"] += 1
            return
        actor, event = self._ends(obj, Actor, Event)
        if actor is None or event is None:
            return
        role = kb_fields(obj)["role"]
        if role not in Role.values:
            raise ValidationError(f"unknown role {role!r}")
        existed = Participant.objects.filter(event=event, actor=actor, role=role).exists()
        participant = event_participant_add(
            event=event, actor=actor, role=role, user=self.user, reason=REASON
        )
        self.link(obj, participant, created=not existed)

    def claim_link(self, obj: dict) -> None:
        if self.already(obj, ClaimLink):
            self.result.matched["claimlink"] += 1
            return
        source, target = self._ends(obj, Claim, Claim)
        if source is None or target is None:
            return
        kind = kb_fields(obj)["claim_link"]
        existed = ClaimLink.objects.filter(from_claim=source, to_claim=target, kind=kind).exists()
        link = claim_link(
            from_claim=source, to_claim=target, kind=kind, user=self.user, origin=Origin.IMPORT
        )
        self.link(obj, link, created=not existed)
