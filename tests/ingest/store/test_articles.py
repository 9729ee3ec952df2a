"""The store step on hand-made extractions: candidate actors, events and claims in bulk."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from actors.models import Actor, Alias
from articles.models import Article, Claim, ClaimLink, Mention
from events.models import Event, EventSource, Participant
from kb.core.choices import Origin, ReviewStatus
from kb.core.edtf import PartialDate
from kb.ingest.store.articles import store_batch, store_extraction
from kb.ingest.store.units import Pending
from kb.ingest.types import (
    CandidateProposal,
    ClaimProposal,
    CleanDocument,
    EventProposal,
    Extraction,
    MentionProposal,
    RawDocument,
    RoleProposal,
)

pytestmark = pytest.mark.django_db

BODY = (
    "Acme Brigade fighters struck a base on 3 May 2024, Iran said. "
    "The Acme Brigade later struck the base again, the United States said. "
    "Zed Front officials said the Zed Front was not involved."
)


def _extraction(body: str = BODY, **parts) -> tuple[Extraction, RawDocument]:
    raw = RawDocument(text=body, origin=parts.pop("origin", "a.txt"), format="text")
    doc = CleanDocument(body=body, title="Strike")
    return Extraction(document=doc, **parts), raw


@pytest.fixture
def actors():
    iran = Actor.objects.create(name="Iran", slug="iran", kind="state")
    usa = Actor.objects.create(name="United States", slug="united-states", kind="state")
    known = Actor.objects.create(name="Zed Front", slug="zed-front", kind="armed_group")
    Alias(actor=known, text="Zed Front", kind="name").save()
    return iran, usa, known


def test_candidates_reuse_known_names_and_create_each_new_one_once(actors):
    _, _, known = actors
    slug_only = Actor.objects.create(name="Other Name", slug="omega-group")
    a = BODY.index("Acme Brigade")
    b = BODY.index("Acme Brigade", a + 1)
    z = BODY.index("Zed Front")
    extraction, raw = _extraction(
        candidates=[
            CandidateProposal("Acme Brigade", "armed_group", [(a, a + 12)]),
            CandidateProposal("ACME brigade", "nonsense-kind", [(b, b + 12)]),
            CandidateProposal("Zed Front", "other", [(z, z + 9)]),
            CandidateProposal("Omega Group", "other", []),
        ]
    )
    report = store_extraction(extraction, raw=raw, path="a.txt")
    assert report.counts["candidate_actors"] == 1
    acme = Actor.objects.get(slug="acme-brigade")
    assert (acme.status, acme.origin, acme.kind) == (
        ReviewStatus.PROPOSED,
        Origin.INGEST,
        "armed_group",
    )
    assert list(acme.aliases.values_list("text", "normalized")) == [
        ("Acme Brigade", "acme brigade")
    ]
    assert Actor.history.filter(id=acme.pk).exists()
    assert Alias.history.filter(actor_id=acme.pk).exists()
    assert set(Mention.objects.values_list("actor_id", "start")) == {
        (acme.pk, a),
        (acme.pk, b),
        (known.pk, z),
    }
    assert not Mention.objects.filter(actor=slug_only).exists()


def test_events_dedup_within_article_and_claims_point_at_them(actors):
    iran, usa, known = actors
    first_end = BODY.index(".") + 1
    second = first_end + 1
    second_end = BODY.index(".", second) + 1
    day, month = PartialDate.parse("2024-05-03"), PartialDate.parse("2024-05")
    events = [
        EventProposal(
            "Strike",
            "attack",
            0,
            first_end,
            date=month,
            participants=[RoleProposal("iran", "target")],
        ),
        EventProposal(
            "Strike again",
            "attack",
            second,
            second_end,
            date=day,
            date_text="3 May",
            participants=[
                RoleProposal("iran", "target"),
                RoleProposal("united-states", "participant"),
            ],
            fatalities=2,
        ),
    ]
    claims = [
        ClaimProposal(0, first_end - 1, 0, first_end, "statement", "iran", subjects=["iran"]),
        ClaimProposal(
            second,
            second_end - 1,
            second,
            second_end,
            "statement",
            "united-states",
            subjects=["iran", "iran", "united-states"],
            links=[(0, "supports")],
        ),
    ]
    extraction, raw = _extraction(events=events, claims=claims)
    report = store_extraction(extraction, raw=raw, path="a.txt")
    assert (report.counts["events_created"], report.counts["events_attached"]) == (1, 1)
    event = Event.objects.get()
    # The second report refined the date and added what the first lacked.
    assert (event.date, event.date_precision, event.fatalities) == ("2024-05-03", "day", 2)
    assert str(event.date_min) == "2024-05-03"
    assert set(event.participants.values_list("actor_id", "role")) == {
        (iran.pk, "target"),
        (usa.pk, "participant"),
    }
    assert EventSource.objects.filter(event=event).count() == 2
    assert list(Claim.objects.values_list("event_id", flat=True)) == [event.pk, event.pk]
    second_claim = Claim.objects.get(start=second)
    assert set(second_claim.subjects.values_list("slug", flat=True)) == {"iran", "united-states"}
    assert ClaimLink.objects.get().to_claim.start == 0
    for model in (Claim, Event, Participant, ClaimLink):
        ids = set(model.objects.values_list("pk", flat=True))
        assert ids <= set(model.history.values_list("id", flat=True))

    # Another article reporting the same event attaches to it.
    extraction, raw = _extraction(
        body=BODY + " More.", origin="b.txt", events=[events[1]], claims=[]
    )
    report = store_extraction(extraction, raw=raw, path="b.txt")
    assert (report.counts["events_created"], report.counts["events_attached"]) == (0, 1)
    assert Event.objects.count() == 1 and EventSource.objects.count() == 3


def test_queries_do_not_grow_with_the_number_of_proposals(actors, django_assert_max_num_queries):
    sentences = [f"Iran said strike {i} hit the base on 3 May 2024." for i in range(40)]
    body = " ".join(sentences)
    claims, events, pos = [], [], 0
    for i, sentence in enumerate(sentences):
        end = pos + len(sentence)
        claims.append(ClaimProposal(pos, end - 1, pos, end, "statement", "iran", subjects=["iran"]))
        events.append(
            EventProposal(
                f"Strike {i}",
                "attack" if i % 2 else "air_strike",
                pos,
                end,
                date=PartialDate.parse(f"20{10 + i}"),
                participants=[
                    RoleProposal("iran", "perpetrator"),
                    RoleProposal("united-states", "target"),
                ],
            )
        )
        pos = end + 1
    extraction, raw = _extraction(body=body, claims=claims, events=events)
    with django_assert_max_num_queries(30):
        report = store_extraction(extraction, raw=raw, path="a.txt")
    assert report.counts["claims"] == 40 and report.counts["events_created"] == 40


def _pending(i: int, **parts) -> Pending:
    body = f"Report {i}: " + BODY
    extraction, raw = _extraction(body=body, origin=f"{i}.txt", **parts)
    return Pending(extraction, raw, f"{i}.txt")


def _mentions(body: str) -> list[MentionProposal]:
    start = body.index("Iran")
    return [MentionProposal("iran", start, start + 4, "Iran")]


def test_a_batch_of_new_articles_costs_the_same_queries_whatever_its_size(actors):
    def run(first: int, n: int) -> int:
        items = []
        for i in range(first, first + n):
            item = _pending(i)
            item.extraction.mentions = _mentions(item.extraction.document.body)
            items.append(item)
        with CaptureQueriesContext(connection) as ctx:
            reports = store_batch(items)
        assert [r.status for r in reports] == ["created"] * n
        return len(ctx.captured_queries)

    assert run(0, 2) == run(10, 8)
    assert Article.objects.count() == 10 and Mention.objects.count() == 10
    assert Article.history.count() == 10


def test_an_event_created_earlier_in_the_batch_is_found_by_a_later_article(actors):
    end = BODY.index(".") + 1
    event = EventProposal(
        "Strike",
        "attack",
        0,
        end,
        date=PartialDate.parse("2024-05-03"),
        participants=[RoleProposal("iran", "target")],
    )
    items = []
    for i in range(3):
        extraction, raw = _extraction(events=[event], origin=f"{i}.txt")
        extraction.document.body = raw.text = BODY + " " * i  # distinct files, same spans
        items.append(Pending(extraction, raw, f"{i}.txt"))
    reports = store_batch(items)
    assert [(r.counts["events_created"], r.counts["events_attached"]) for r in reports] == [
        (1, 0),
        (0, 1),
        (0, 1),
    ]
    assert Event.objects.count() == 1 and EventSource.objects.count() == 3
    assert Participant.objects.count() == 1


def test_files_repeating_one_of_the_batch_are_stored_after_it_in_order(actors):
    first = _pending(1)
    same = Pending(first.extraction, first.raw, "copy.txt")
    changed = _pending(2)
    changed.raw = RawDocument(text=changed.raw.text + " Update.", origin="1.txt", format="text")
    reports = store_batch([first, same, changed, _pending(3)])
    assert [r.status for r in reports] == ["created", "unchanged", "updated", "created"]
    assert [r.path for r in reports] == ["1.txt", "copy.txt", "2.txt", "3.txt"]
    assert Article.objects.count() == 2


def test_a_failing_article_costs_only_itself(actors):
    bad = _pending(2)
    bad.extraction.mentions = _mentions(bad.extraction.document.body)
    bad.extraction.mentions[0].end = bad.extraction.mentions[0].start  # empty span: refused
    reports = store_batch([_pending(1), bad, _pending(3)])
    assert [r.status for r in reports] == ["created", "error", "created"]
    assert "internal error" in reports[1].message
    assert set(Article.objects.values_list("origin", flat=True)) == {"1.txt", "3.txt"}
    assert not Mention.objects.exists()


@pytest.mark.parametrize("batch", [False, True], ids=["one article", "bulk batch"])
def test_every_proposal_is_stored_with_its_rule_and_confidence(actors, batch):
    iran = BODY.index("Iran")
    acme = BODY.index("Acme Brigade")
    end = BODY.index(".") + 1
    parts = {
        "mentions": [MentionProposal("iran", iran, iran + 4, "Iran", False, 0.9, "catalog_alias")],
        "candidates": [
            CandidateProposal("Acme Brigade", "armed_group", [(acme, acme + 12)], 0.4, "org_name")
        ],
        "claims": [
            ClaimProposal(0, end - 1, 0, end, "statement", "iran", confidence=0.7, rule="said")
        ],
        "events": [
            EventProposal(
                "Strike",
                "attack",
                0,
                end,
                participants=[RoleProposal("iran", "target", 0.35, "after_cue")],
                confidence=0.6,
                rule="verb_cue",
            )
        ],
    }
    if batch:
        item = _pending(0)
        for name, value in parts.items():
            setattr(item.extraction, name, value)
        item.extraction.document.body = item.raw.text = BODY
        assert [r.status for r in store_batch([item])] == ["created"]
    else:
        extraction, raw = _extraction(**parts)
        store_extraction(extraction, raw=raw, path="a.txt")
    assert set(Mention.objects.values_list("start", "confidence", "rule")) == {
        (iran, 0.9, "catalog_alias"),
        (acme, 0.4, "org_name"),
    }
    candidate = Actor.objects.get(slug="acme-brigade")
    assert (candidate.confidence, candidate.rule) == (0.4, "org_name")
    assert list(Claim.objects.values_list("confidence", "rule")) == [(0.7, "said")]
    assert list(Event.objects.values_list("confidence", "rule")) == [(0.6, "verb_cue")]
    assert list(Participant.objects.values_list("role", "confidence", "rule")) == [
        ("target", 0.35, "after_cue")
    ]
    # The catalog's and analysts' rows have none.
    assert Actor.objects.get(slug="iran").confidence is None


def _report(origin: str, date: str | None, roles: list[tuple[str, str]], place=None):
    end = BODY.index(".") + 1
    p = EventProposal(
        "Strike",
        "attack",
        0,
        end,
        date=PartialDate.parse(date) if date else None,
        date_text="3 May" if date else "",
        participants=[RoleProposal(a, r) for a, r in roles],
    )
    extraction, raw = _extraction(events=[p], origin=origin)
    extraction.document.body = raw.text = BODY + " " * (ord(origin[0]) - 96)  # distinct files
    return store_extraction(extraction, raw=raw, path=origin)


def test_across_articles_only_the_same_event_merges_and_says_why(actors):
    _report("a.txt", "2024-05-03", [("iran", "target")])
    # undated: never merged across articles
    assert _report("b.txt", None, [("iran", "target")]).counts["events_created"] == 1
    # the month only, where the first gives the day: not the same precision
    assert _report("c.txt", "2024-05", [("iran", "target")]).counts["events_created"] == 1
    # the same actor in the opposite role: another event
    assert _report("d.txt", "2024-05-03", [("iran", "perpetrator")]).counts["events_created"] == 1
    # same kind, day, place and a shared role: the same event, with the reason recorded
    report = _report("e.txt", "2024-05-03", [("iran", "target"), ("united-states", "perpetrator")])
    assert (report.counts["events_created"], report.counts["events_attached"]) == (0, 1)
    first = Event.objects.order_by("pk").first()
    source = EventSource.objects.get(event=first, article__origin="e.txt")
    assert "same kind and date (2024-05-03)" in source.merge_reason
    assert EventSource.objects.get(event=first, article__origin="a.txt").merge_reason == ""
    assert Event.objects.count() == 4


def test_another_articles_report_never_changes_the_events_date(actors):
    _report("a.txt", "2024-05-03", [("iran", "target")])
    event = Event.objects.get()
    event.date = "2024-05"  # as if the first article gave the month only
    event.save()
    _report("b.txt", "2024-05", [("iran", "target")])
    event.refresh_from_db()
    assert event.date == "2024-05"
