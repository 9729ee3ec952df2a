"""Small factories for tests: each makes one valid row with sensible defaults."""

from __future__ import annotations

import hashlib
import itertools

from actors.models import Actor, Alias, Relationship
from articles.models import Article, Claim, Mention, Source
from events.models import Event, EventSource, Participant, Place

_seq = itertools.count(1)


def make_actor(name: str | None = None, *, aliases: tuple[str, ...] = (), **fields) -> Actor:
    n = next(_seq)
    name = name or f"Actor {n}"
    fields.setdefault("slug", f"{name.lower().replace(' ', '-')}-{n}")
    fields.setdefault("status", "verified")
    actor = Actor.objects.create(name=name, **fields)
    for text in aliases:
        Alias.objects.create(actor=actor, text=text, normalized=text.lower())
    return actor


def make_relationship(
    source: Actor, target: Actor, kind: str = "backed_by", **fields
) -> Relationship:
    return Relationship.objects.create(source=source, target=target, kind=kind, **fields)


def make_source(name: str | None = None, **fields) -> Source:
    return Source.objects.create(name=name or f"Source {next(_seq)}", **fields)


def make_article(body: str | None = None, **fields) -> Article:
    n = next(_seq)
    body = body or f"Article number {n} about Iran and Iraq."
    fields.setdefault("title", f"Article {n}")
    fields.setdefault("origin", f"article_{n}.txt")
    fields.setdefault("content_hash", hashlib.sha256(f"{n}:{body}".encode()).hexdigest())
    return Article.objects.create(body=body, **fields)


def make_mention(article: Article, actor: Actor, text: str | None = None, **fields) -> Mention:
    """A mention at the first occurrence of `text` (default: the actor's name) in the body."""
    text = text or actor.name
    start = article.body.find(text)
    if start < 0:
        raise ValueError(f"{text!r} is not in the article body")
    return Mention.objects.create(
        article=article, actor=actor, start=start, end=start + len(text), text=text, **fields
    )


def make_claim(article: Article, quote: str | None = None, **fields) -> Claim:
    """A claim whose quote is the first occurrence of `quote` (default: the whole body)."""
    quote = quote or article.body
    start = article.body.find(quote)
    if start < 0:
        raise ValueError(f"{quote!r} is not in the article body")
    end = start + len(quote)
    fields.setdefault("sentence_start", start)
    fields.setdefault("sentence_end", end)
    fields.setdefault("text", article.body[fields["sentence_start"] : fields["sentence_end"]])
    return Claim.objects.create(article=article, quote=quote, start=start, end=end, **fields)


def make_place(name: str | None = None, **fields) -> Place:
    n = next(_seq)
    name = name or f"Place {n}"
    fields.setdefault("slug", f"{name.lower().replace(' ', '-')}-{n}")
    return Place.objects.create(name=name, **fields)


def make_event(title: str | None = None, *, participants=(), sources=(), **fields) -> Event:
    """An event; participants as (actor, role) pairs, sources as (article, quote) pairs."""
    event = Event.objects.create(title=title or f"Event {next(_seq)}", **fields)
    for actor, role in participants:
        Participant.objects.create(event=event, actor=actor, role=role)
    for article, quote in sources:
        start = article.body.find(quote)
        EventSource.objects.create(
            event=event, article=article, start=start, end=start + len(quote), quote=quote
        )
    return event


def make_sample_kb() -> dict:
    """A small knowledge base shaped like the seeds: actors with spelling variants, two
    articles naming Soleimani differently, claims, and events at day, month and unknown-year
    precision. Returns the rows by short name."""
    iran = make_actor("Iran", kind="state", country="IR", aliases=("Tehran",), slug="iran")
    iraq = make_actor("Iraq", kind="state", country="IQ", slug="iraq")
    usa = make_actor(
        "United States", kind="state", country="US", aliases=("US", "U.S."), slug="united-states"
    )
    irgc = make_actor(
        "Islamic Revolutionary Guard Corps",
        kind="armed_group",
        country="IR",
        aliases=("IRGC",),
        slug="irgc",
    )
    quds = make_actor(
        "Quds Force",
        kind="armed_group",
        country="IR",
        parent=irgc,
        slug="quds-force",
        description="The IRGC's expeditionary arm.",
    )
    soleimani = make_actor(
        "Qassem Soleimani",
        kind="person",
        country="IR",
        slug="qassem-soleimani",
        aliases=("Qassim Soleimani", "Qassem Suleiman", "Suleimani"),
    )
    kh = make_actor(
        "Kataib Hezbollah",
        kind="armed_group",
        country="IQ",
        slug="kataib-hezbollah",
        aliases=("Kata'ib Hizballah", "KH"),
    )
    pmf = make_actor(
        "Popular Mobilization Forces",
        kind="armed_group",
        country="IQ",
        slug="pmf",
        aliases=("PMF", "PMU", "Hashd al-Shaabi"),
    )
    make_relationship(soleimani, quds, "leads")
    make_relationship(kh, quds, "backed_by")
    make_relationship(kh, pmf, "part_of")
    make_relationship(usa, kh, "opposed_to")
    source = make_source("Example Wire", reliability="B")
    tikrit = make_article(
        "Covert US support for operations led by Iran in Iraq\n\n"
        "The operation to retake Tikrit, led by Iran, has stalled. "
        "Gen. Qassem Suleiman, leader of the Iranian Quds force, was on the ground in Tikrit.\n\n"
        "“Military officials said they aren’t working directly with Iran,” the report read.",
        title="Covert US support for Iranian operations in Iraq to become overt",
        source=source,
        published="2015-03-03",
    )
    rogue = make_article(
        "Iranian militias in Iraq going rogue?\n\n"
        "The Quds Force launched three missile attacks. They could not stay quiet while the death of "
        "Qassim Soleimani in a U.S. drone strike went unavenged.\n\n"
        "Kataib Hezbollah denied that it had attacked American forces.",
        title="Iranian militias in Iraq going rogue?",
        source=source,
        published="2021-08",
    )
    border = make_article(
        "The deal, finalized on August 11th, aims to strengthen security along the border. "
        "It builds upon a March 2023 agreement between Iran and Iraqi Kurdistan, after the death of "
        "Mahsa Amini in September 2022. Iran accuses Kurdish groups of inciting unrest.",
        title="Iran and Iraq sign a border security agreement",
        published="2023-08",
    )
    mentions = [
        make_mention(tikrit, iran, "Iran"),
        make_mention(tikrit, soleimani, "Qassem Suleiman"),
        make_mention(tikrit, quds, "Quds force"),
        make_mention(rogue, quds, "Quds Force"),
        make_mention(rogue, soleimani, "Qassim Soleimani"),
        make_mention(rogue, kh, "Kataib Hezbollah"),
        make_mention(border, iran, "Iran"),
    ]
    claim_officials = make_claim(
        tikrit,
        "they aren’t working directly with Iran",
        claimant=usa,
        claimant_text="Military officials",
        kind="denial",
        cue="said",
        status="verified",
        credibility=3,
    )
    claim_kh = make_claim(
        rogue,
        "that it had attacked American forces",
        claimant=kh,
        claimant_text="Kataib Hezbollah",
        kind="denial",
        cue="denied",
    )
    claim_kh.subjects.add(kh)
    claim_iran = make_claim(
        border,
        "Kurdish groups of inciting unrest",
        claimant=iran,
        claimant_text="Iran",
        kind="accusation",
        cue="accuses",
    )
    offensive = make_event(
        "Offensive to retake Tikrit",
        kind="offensive",
        date="2015-03-02",
        date_text="early March",
        place=make_place("Tikrit", country="IQ", kind="city", latitude=34.6, longitude=43.68),
        participants=[(iran, "perpetrator"), (soleimani, "participant")],
        sources=[(tikrit, "The operation to retake Tikrit, led by Iran, has stalled.")],
        status="verified",
    )
    amini = make_event(
        "Death of Mahsa Amini",
        kind="death",
        date="2022-09",
        date_text="September 2022",
        participants=[(iran, "participant")],
        sources=[(border, "the death of Mahsa Amini in September 2022")],
    )
    kurdistan = make_event(
        "Iran–Iraqi Kurdistan border agreement",
        kind="agreement",
        date="2023-03",
        date_text="March 2023",
        participants=[(iran, "signatory")],
        sources=[(border, "a March 2023 agreement between Iran and Iraqi Kurdistan")],
    )
    security_deal = make_event(
        "Iran–Iraq security agreement",
        kind="agreement",
        date="XXXX-08-11",
        date_text="August 11th",
        participants=[(iran, "signatory"), (iraq, "signatory")],
        sources=[(border, "The deal, finalized on August 11th")],
    )
    drone = make_event(
        "Soleimani killed in a U.S. drone strike",
        kind="air_strike",
        date="2020-01-03",
        participants=[(usa, "perpetrator"), (soleimani, "target")],
        sources=[(rogue, "Qassim Soleimani in a U.S. drone strike")],
    )
    claim_officials.event = offensive
    claim_officials.save()
    return {
        "iran": iran,
        "iraq": iraq,
        "usa": usa,
        "irgc": irgc,
        "quds": quds,
        "soleimani": soleimani,
        "kh": kh,
        "pmf": pmf,
        "tikrit": tikrit,
        "rogue": rogue,
        "border": border,
        "mentions": mentions,
        "claim_officials": claim_officials,
        "claim_kh": claim_kh,
        "claim_iran": claim_iran,
        "offensive": offensive,
        "amini": amini,
        "kurdistan": kurdistan,
        "security_deal": security_deal,
        "drone": drone,
    }


def make_user(username: str, *, role: str | None = None, password: str = "correct horse battery"):
    """A user, optionally in one of the kb roles (Reader, Analyst, Editor; see kb.core.roles)."""
    from django.contrib.auth import get_user_model

    from kb.core.roles import user_set_role

    user = get_user_model().objects.create_user(username=username, password=password)
    if role:
        user_set_role(user=user, role=role)
    return user


KH_BODY = "Badr met Kataib Hezbollah. Kataib Hezbollah left."


def make_kh_corpus(n: int, *, claims: bool = False):
    """``n`` articles naming Kataib Hezbollah twice and Badr once (optionally each with a
    claim about KH), stored counts refreshed: (kh, badr, articles)."""
    from actors.services import actor_counts_refresh

    kh, badr = make_actor("Kataib Hezbollah", slug="kh"), make_actor("Badr", slug="badr")
    articles = [make_article(KH_BODY, published=f"2020-0{i + 1}") for i in range(n)]
    for article in articles:
        make_mention(article, badr)
        first = make_mention(article, kh)
        start = KH_BODY.index("Kataib Hezbollah", first.end)
        Mention.objects.create(
            article=article, actor=kh, start=start, end=start + 16, text="Kataib Hezbollah"
        )
        if claims:
            make_claim(article, "Kataib Hezbollah left").subjects.add(kh)
    actor_counts_refresh()
    return kh, badr, articles
