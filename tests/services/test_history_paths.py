"""Every write path leaves history: admin form, admin action, API, services, bulk helpers, ingest."""

import io
import shutil

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from actors.models import Actor, Alias, Relationship
from articles.models import Article, Claim, ClaimLink
from articles.services import claim_link, claim_set_status
from events.models import Event, Participant
from kb.core.history import bulk_create_tracked, bulk_update_tracked, review_set_status
from tests.factories import make_actor, make_article, make_claim, make_user

pytestmark = pytest.mark.django_db

TRACKED = [Actor, Alias, Relationship, Article, Claim, ClaimLink, Event, Participant]


def test_admin_change_form_records_user_and_field_changes(admin_client, admin_user):
    actor = make_actor("Kataib Hezbollah", kind="armed_group")
    url = reverse("admin:actors_actor_change", args=[actor.pk])
    form = admin_client.get(url).context["adminform"].form
    data = {
        **{k: v for k, v in form.initial.items() if v is not None},
        "description": "Iraqi militia",
    }
    data.update(
        {
            "aliases-TOTAL_FORMS": 0,
            "aliases-INITIAL_FORMS": 0,
            "relationships_out-TOTAL_FORMS": 0,
            "relationships_out-INITIAL_FORMS": 0,
        }
    )
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    new, old = Actor.history.filter(id=actor.pk).order_by("-history_id")[:2]
    assert new.history_user == admin_user
    changes = {c.field: (c.old, c.new) for c in new.diff_against(old).changes}
    assert changes["description"] == ("", "Iraqi militia")
    assert changes["version"] == (1, 2)
    assert set(changes) - {"updated_at"} == {"description", "version"}
    history_page = admin_client.get(reverse("admin:actors_actor_history", args=[actor.pk]))
    assert "Iraqi militia" in history_page.content.decode()


def test_admin_bulk_action_records_one_history_row_per_claim(admin_client, admin_user):
    article = make_article("Iran said this. Iraq said that.")
    claims = [make_claim(article, "Iran said this."), make_claim(article, "Iraq said that.")]
    response = admin_client.post(
        reverse("admin:articles_claim_changelist"),
        {"action": "accept_selected", "_selected_action": [c.pk for c in claims]},
    )
    assert response.status_code == 302
    for claim in claims:
        latest = Claim.history.filter(id=claim.pk).latest("history_id")
        assert (latest.status, latest.history_user, latest.history_type) == (
            "verified",
            admin_user,
            "~",
        )


def test_api_write_records_the_token_user():
    user = make_user("api-editor", role="Editor")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    actor = make_actor("Badr Organization", kind="armed_group")
    response = client.patch(
        f"/api/v1/actors/{actor.pk}/", {"version": 1, "country": "IQ"}, format="json"
    )
    assert response.status_code == 200, response.content
    latest = Actor.history.filter(id=actor.pk).latest("history_id")
    assert (latest.country, latest.history_user) == ("IQ", user)


def test_bulk_helpers_record_history_and_bump_versions():
    user = make_user("ingest-bot")
    actors = bulk_create_tracked(
        Actor,
        [Actor(name=f"A{i}", slug=f"a{i}") for i in range(3)],
        user=user,
        reason="catalog load",
    )
    assert Actor.history.filter(history_type="+", history_change_reason="catalog load").count() == 3
    for actor in actors:
        actor.description = "bulk"
    bulk_update_tracked(Actor, actors, ["description"], user=user, reason="bulk edit")
    assert set(Actor.objects.values_list("description", "version")) == {("bulk", 2)}
    assert (
        Actor.history.filter(history_type="~", history_user=user, description="bulk").count() == 3
    )


def test_review_and_link_services_record_history():
    user = make_user("editor", role="Editor")
    article = make_article("Iran denied it. The U.S. said it did.")
    one, two = make_claim(article, "Iran denied it."), make_claim(article, "The U.S. said it did.")
    assert claim_set_status(claims=Claim.objects.all(), status="rejected", user=user) == 2
    assert claim_set_status(claims=Claim.objects.all(), status="rejected", user=user) == 0
    assert Claim.history.filter(status="rejected", history_user=user).count() == 2
    link = claim_link(from_claim=one, to_claim=two, kind="contradicts", user=user)
    assert claim_link(from_claim=one, to_claim=two, kind="contradicts", user=user) == link
    assert ClaimLink.history.get(id=link.pk).history_user == user
    with pytest.raises(ValueError):
        review_set_status(queryset=Claim.objects.all(), status="approved")


def test_ingest_command_leaves_history_for_every_tracked_row(tmp_path):
    seeds = sorted(p for p in settings.SEEDS_DIR.iterdir() if p.suffix in {".txt", ".md", ".html"})
    assert seeds, "the seed documents are bundled in data/seeds/"
    for path in seeds[:3]:
        shutil.copy(path, tmp_path / path.name)
    call_command("ingest", str(tmp_path), stdout=io.StringIO())
    assert Article.objects.exists()
    for model in TRACKED:
        ids = set(model.objects.values_list("pk", flat=True))
        with_history = set(model.history.values_list("id", flat=True))
        assert ids <= with_history, (
            f"{model.__name__} rows without history: {sorted(ids - with_history)[:5]}"
        )
