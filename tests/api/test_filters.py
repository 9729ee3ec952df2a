"""List filters: ids or slugs, dates at any precision, search over aliases, 400 on bad input."""

import pytest

from articles.models import Mention
from tests.factories import make_actor, make_article, make_event

pytestmark = pytest.mark.django_db


def ids(response):
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()["results"]]


def test_articles_by_actor_id_or_slug(api_client, kb):
    assert ids(api_client.get(f"/api/v1/articles/?actor={kb.irgc.pk}")) == [kb.other_article.pk]
    assert ids(api_client.get("/api/v1/articles/?actor=irgc")) == [kb.other_article.pk]


def test_articles_by_actor_are_not_repeated(api_client, kb):
    # A second mention of the same actor must not list the article twice.
    Mention.objects.create(
        article=kb.article, actor=kb.kh, start=75, end=91, text="Kataib Hezbollah"
    )
    assert ids(api_client.get("/api/v1/articles/?actor=kataib-hezbollah")) == [kb.article.pk]


def test_articles_published_after_and_before_at_any_precision(api_client, kb):
    assert ids(api_client.get("/api/v1/articles/?published_after=2020")) == [kb.other_article.pk]
    assert ids(api_client.get("/api/v1/articles/?published_before=2019-12")) == [kb.article.pk]
    assert ids(
        api_client.get("/api/v1/articles/?published_after=2019-12-31&published_before=2019-12-31")
    ) == [kb.article.pk]


def test_articles_search(api_client, kb):
    assert ids(api_client.get("/api/v1/articles/?search=tehran")) == [kb.other_article.pk]


def test_actor_search_matches_any_alias(api_client, kb):
    assert ids(api_client.get("/api/v1/actors/?search=Hizballah")) == [kb.kh.pk]
    assert ids(api_client.get("/api/v1/actors/?search=pasdaran")) == [kb.irgc.pk]


def test_actor_search_folds_diacritics_through_normalized_aliases(api_client, db):
    soleimani = make_actor("Qasem Soleimani", aliases=("Qāsem Soleimānī",))
    assert ids(api_client.get("/api/v1/actors/?search=soleimani")) == [soleimani.pk]
    assert ids(api_client.get("/api/v1/actors/?search=Soleimānī")) == [soleimani.pk]


def test_actors_by_kind_status_country(api_client, kb):
    make_actor("Candidate", status="proposed", kind="armed_group", country="IQ")
    assert ids(api_client.get("/api/v1/actors/?kind=armed_group&status=verified&country=iq")) == [
        kb.kh.pk
    ]


def test_claims_by_article_claimant_subject_kind_status(api_client, kb):
    assert ids(api_client.get(f"/api/v1/claims/?article={kb.article.pk}&kind=denial")) == [
        kb.denial.pk
    ]
    assert ids(api_client.get("/api/v1/claims/?claimant=united-states")) == [kb.claim.pk]
    assert ids(api_client.get(f"/api/v1/claims/?subject={kb.quds.pk}&status=proposed")) == [
        kb.claim.pk
    ]
    assert ids(api_client.get("/api/v1/claims/?subject=kataib-hezbollah")) == [
        kb.claim.pk,
        kb.denial.pk,
    ]


def test_events_by_article_actor_kind_place_status(api_client, kb):
    make_event("Other", kind="meeting", date="2019-12-29")
    query = (
        f"article={kb.article.pk}&actor=united-states&kind=air_strike&place=baghdad&status=proposed"
    )
    assert ids(api_client.get(f"/api/v1/events/?{query}")) == [kb.event.pk]
    assert ids(api_client.get(f"/api/v1/events/?place={kb.place.pk}")) == [kb.event.pk]


def test_events_date_range_overlaps(api_client, db):
    year = make_event("Year", date="2020")
    day = make_event("Day", date="2020-06-15")
    make_event("Undated")
    assert ids(api_client.get("/api/v1/events/?date_after=2020-06")) == [year.pk, day.pk]
    assert ids(api_client.get("/api/v1/events/?date_before=2020-03")) == [year.pk]
    assert ids(api_client.get("/api/v1/events/?date_after=2021")) == []


def test_places_search_matches_aliases(api_client, kb):
    assert ids(api_client.get("/api/v1/places/?search=bagdad")) == [kb.place.pk]


def test_relationships_by_actor_on_either_end(api_client, kb):
    found = ids(api_client.get("/api/v1/relationships/?actor=kataib-hezbollah"))
    assert found == [kb.relationship.pk]
    assert len(ids(api_client.get("/api/v1/relationships/?source=quds-force"))) == 2


def test_ordering(api_client, db):
    a = make_article(published="2019")
    b = make_article(published="2021")
    assert ids(api_client.get("/api/v1/articles/?ordering=published")) == [a.pk, b.pk]
    assert ids(api_client.get("/api/v1/articles/?ordering=-published")) == [b.pk, a.pk]


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/articles/?published_after=2019-13",
        "/api/v1/articles/?published_after=XXXX-01-02",
        "/api/v1/articles/?published_before=yesterday",
        "/api/v1/articles/?actor=not%20a%20slug",
        "/api/v1/articles/?ordering=body",
        "/api/v1/actors/?kind=spaceship",
        "/api/v1/claims/?article=abc",
        "/api/v1/claims/?article=99999999999999999999999",
        "/api/v1/claims/?credibility=9",
        "/api/v1/events/?date_after=2019-02-30",
        "/api/v1/events/?status=maybe",
        "/api/v1/events/?search=nul%00byte",
    ],
)
def test_malformed_filter_values_are_400_with_field_messages(api_client, db, url):
    response = api_client.get(url)
    assert response.status_code == 400
    param = url.split("?")[1].split("=")[0]
    assert param in response.json()


def test_unknown_filters_are_ignored(api_client, kb):
    assert len(ids(api_client.get("/api/v1/actors/?colour=blue"))) == 4


def test_huge_numeric_id_or_slug_finds_nothing(api_client, kb):
    assert ids(api_client.get("/api/v1/events/?actor=99999999999999999999999")) == []
