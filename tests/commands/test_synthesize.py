"""manage.py synthesize: a deterministic, realistic synthetic corpus (small N)."""

from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from actors.models import Alias
from articles.models import Article, Claim, Mention
from bench.synth.generate import Generator
from bench.synth.types import SynthActor, SynthPlace
from events.models import Event, EventSource

ACTORS = [
    SynthActor("iran", "Iran", "state", ("Iran", "Islamic Republic of Iran"), 120),
    SynthActor("iraq", "Iraq", "state", ("Iraq",), 110),
    SynthActor("united-states", "United States", "state", ("United States", "U.S."), 100),
    *(SynthActor(f"group-{i}", f"Group {i}", "armed_group", (f"Group {i}",)) for i in range(40)),
]
PLACES = [SynthPlace("baghdad", "Baghdad"), SynthPlace("erbil", "Erbil")]


def _corpus(seed: int, n: int = 60):
    gen = Generator(ACTORS, PLACES, seed=seed)
    gen.make_events(20)
    return list(gen.articles(n))


def test_same_seed_gives_the_same_corpus():
    assert [(a.title, a.body, a.mentions, a.claims) for a in _corpus(3)] == [
        (a.title, a.body, a.mentions, a.claims) for a in _corpus(3)
    ]


def test_another_seed_gives_another_corpus():
    assert [a.body for a in _corpus(3, 5)] != [a.body for a in _corpus(4, 5)]


def test_articles_are_two_to_six_kilobytes():
    sizes = [len(a.body.encode()) for a in _corpus(5)]
    assert min(sizes) >= 2000 and max(sizes) <= 6500


def test_every_span_points_at_its_words():
    surfaces = {a.key: set(a.surfaces) for a in ACTORS}
    for art in _corpus(6):
        for key, start, end in art.mentions:
            assert art.body[start:end] in surfaces[key]
        for claim in art.claims:
            assert claim.sentence_start <= claim.start < claim.end <= claim.sentence_end
            assert art.body[claim.start : claim.end].strip() == art.body[claim.start : claim.end]
        for _, start, end, date_text in art.event_sources:
            assert art.body[start:end].startswith(date_text)


def test_a_few_actors_are_everywhere_and_the_tail_is_long():
    arts = _corpus(7, 200)
    per_actor = Counter(key for art in arts for key in {k for k, *_ in art.mentions})
    top = per_actor.most_common(1)[0]
    assert top[0] in {"iran", "iraq", "united-states"}
    assert top[1] > 0.6 * len(arts)  # the head: in most articles
    rare = [key for key in per_actor if per_actor[key] < 0.1 * len(arts)]
    assert len(rare) > len(ACTORS) / 2  # the tail: most actors in few articles


@pytest.mark.django_db
def test_command_stores_a_consistent_corpus():
    out = StringIO()
    call_command("synthesize", articles=30, seed=2, stdout=out)
    assert "Synthesized" in out.getvalue()
    assert Article.objects.count() == 30
    assert (
        Event.objects.filter(date_min__isnull=False).count()
        == Event.objects.exclude(date="").count()
    )
    assert not Article.objects.filter(published_on__isnull=True).exclude(published="").exists()
    aliases = {(a.actor_id, a.text) for a in Alias.objects.all()}
    for mention in Mention.objects.select_related("article")[:500]:
        assert mention.article.body[mention.start : mention.end] == mention.text
        assert (mention.actor_id, mention.text) in aliases
    for claim in Claim.objects.select_related("article"):
        assert claim.article.body[claim.start : claim.end] == claim.quote
    for source in EventSource.objects.select_related("article"):
        assert source.article.body[source.start : source.end] == source.quote


@pytest.mark.django_db
def test_command_refuses_to_add_the_same_seed_twice():
    call_command("synthesize", articles=3, seed=9, stdout=StringIO())
    with pytest.raises(CommandError):
        call_command("synthesize", articles=3, seed=9, stdout=StringIO())


def test_files_mode_writes_one_file_per_article(tmp_path):
    from bench.synth.generate import write_files

    write_files(tmp_path, actors=ACTORS, places=PLACES, articles=4, seed=1)
    files = sorted(tmp_path.glob("*.txt"))
    assert len(files) == 4
    assert files[0].read_text().splitlines()[2].startswith("By ")


@pytest.mark.django_db
def test_catalog_is_read_in_the_same_order_on_every_database():
    from actors.models import Actor
    from bench.synth.store import catalog_for_synthesis

    actor = Actor.objects.create(
        name="Kataib Hezbollah", slug="kataib-hezbollah", kind="armed_group"
    )
    for text in ("Kata'ib Hizballah", "KH", "Kataib-Hezbollah", "kataib hezbollah"):
        Alias.objects.create(actor=actor, text=text, normalized=text.lower())
    (synth,) = [a for a in catalog_for_synthesis()[0] if a.key == "kataib-hezbollah"]
    assert synth.surfaces[0] == "Kataib Hezbollah"
    assert list(synth.surfaces[1:]) == sorted(synth.surfaces[1:])  # code points, not a collation
