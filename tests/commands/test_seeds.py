"""The seed knowledge base: every actor the seeds name is linked, spelling variants resolved."""

from io import StringIO

import pytest
from django.core.management import call_command

from actors.models import Actor
from articles.models import Article, Mention

pytestmark = pytest.mark.django_db

# For each seed file, actors a reader sees named in it (catalog keys), spelling as written.
EXPECTED = {
    "000_a5428125b5f79fcb.txt": [
        "iraq",
        "iran",
        "united-states",
        "us-state-department",
        "nouri-al-maliki",
        "mek",
        "bashar-al-assad",
        "ali-khamenei",
        "us-department-of-defense",
        "anthony-cordesman",
        "csis",
        "islamic-state",
        "un-security-council",
    ],
    "001_e8d782a32625502a.txt": [
        "iran",
        "iraq",
        "united-states",
        "qasim-al-araji",
        "ali-larijani",
        "mohammed-shia-al-sudani",
        "irgc",
        "mossad",
        "israel",
        "kataib-hezbollah",
        "harakat-al-nujaba",
        "pmf",
        "iran-supreme-national-security-council",
        "mahsa-amini",
    ],
    "002_56e8d8d0fbbedbd6.txt": [
        "iran",
        "iraq",
        "united-states",
        "islamic-state",
        "wall-street-journal",
        "daily-beast",
        "us-department-of-defense",
        "qasem-soleimani",
        "irgc-quds-force",
        "saddam-hussein",
        "iraqi-security-forces",
    ],
    "003_b95a166e55a045a9.txt": [
        "donald-trump",
        "iraq",
        "iran",
        "united-states",
        "cbs-news",
        "us-central-command",
        "joseph-votel",
        "us-congress",
        "us-department-of-defense",
        "usaid",
        "pmf",
        "islamic-state",
    ],
    "004_66be381d1d8600b7.txt": [
        "irgc-quds-force",
        "iran",
        "iraq",
        "united-states",
        "qasem-soleimani",
        "abu-mahdi-al-muhandis",
        "associated-press",
        "joe-biden",
        "taliban",
        "afghanistan",
    ],
}


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """Ingest the seeds once for the module (it takes seconds); flushed afterwards."""
    with django_db_blocker.unblock():
        call_command("ingest_seeds", stdout=StringIO())
        yield
        call_command("flush", interactive=False, verbosity=0)


def test_all_five_seeds_ingested(seeded):
    assert sorted(Article.objects.values_list("origin", flat=True)) == sorted(EXPECTED)


@pytest.mark.parametrize("origin", sorted(EXPECTED))
def test_every_named_actor_is_linked_to_its_article(seeded, origin):
    article = Article.objects.get(origin=origin)
    linked = set(article.mentions.values_list("actor__slug", flat=True))
    missing = [key for key in EXPECTED[origin] if key not in linked]
    assert not missing, f"{origin}: actors named but not linked: {missing}"


def test_soleimani_spellings_resolve_to_one_actor(seeded):
    texts = set(
        Mention.objects.filter(actor__slug="qasem-soleimani").values_list("text", flat=True)
    )
    assert any("Suleiman" in t for t in texts) and any("Soleimani" in t for t in texts)
    assert (
        Mention.objects.filter(actor__slug="qasem-soleimani").values("article").distinct().count()
        == 2
    )


def test_hashd_al_shaabi_is_the_pmf(seeded):
    texts = set(Mention.objects.filter(actor__slug="pmf").values_list("text", flat=True))
    assert "Hashd al-Shaabi" in texts
    assert "Popular Mobilization Forces" in texts


def test_mention_spans_point_at_their_text(seeded):
    for mention in Mention.objects.select_related("article"):
        assert mention.article.body[mention.start : mention.end] == mention.text


def test_ingest_seeds_twice_is_idempotent(seeded):
    counts = (Article.objects.count(), Mention.objects.count(), Actor.objects.count())
    call_command("ingest_seeds", stdout=StringIO())
    assert (Article.objects.count(), Mention.objects.count(), Actor.objects.count()) == counts
