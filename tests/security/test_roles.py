"""Reader, Analyst and Editor can do exactly what their role says, in the admin."""

import io

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from actors.models import Actor
from articles.models import Claim
from kb.core.permissions import change_refusal, delete_refusal
from kb.core.roles import ANALYST, EDITOR, READER, roles_sync
from tests.factories import make_actor, make_article, make_claim, make_user

pytestmark = pytest.mark.django_db


def client_for(role: str) -> Client:
    client = Client()
    client.force_login(make_user(role.lower(), role=role))
    return client


@pytest.fixture
def claims():
    article = make_article("Iran denied it. Iraq confirmed it.")
    return {
        "proposed": make_claim(article, "Iran denied it."),
        "verified": make_claim(article, "Iraq confirmed it.", status="verified"),
    }


def test_setup_roles_creates_the_three_groups_idempotently():
    out = io.StringIO()
    call_command("setup_roles", stdout=out)
    call_command("setup_roles", stdout=out)
    assert set(Group.objects.values_list("name", flat=True)) >= {READER, ANALYST, EDITOR}
    reader, analyst, editor = (
        set(Group.objects.get(name=r).permissions.values_list("codename", flat=True))
        for r in (READER, ANALYST, EDITOR)
    )
    assert reader == {c for c in analyst if c.startswith("view_")} - {
        "view_mergerecord",
        "view_ingestrun",
    }
    assert "delete_claim" in analyst and "verify_records" not in analyst
    assert editor - analyst == {"verify_records", "merge_records", "delete_verified_records"}
    assert "Editor:" in out.getvalue()


def test_setup_roles_can_give_a_user_a_role():
    user = make_user("dana")
    call_command("setup_roles", "--user", "dana", "--role", ANALYST, stdout=io.StringIO())
    user.refresh_from_db()
    assert user.is_staff and list(user.groups.values_list("name", flat=True)) == [ANALYST]


# --- Reader ----------------------------------------------------------------------------


def test_reader_has_no_admin_but_reads_the_site_and_api(claims):
    reader = client_for(READER)
    response = reader.get(reverse("admin:index"))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert reader.get(reverse("admin:articles_claim_changelist")).status_code == 302
    assert reader.get("/api/v1/claims/").status_code == 200
    assert reader.get(reverse("articles:claim", args=[claims["proposed"].pk])).status_code == 200


def test_reader_cannot_write_through_the_api(claims):
    reader = client_for(READER)
    response = reader.patch(
        f"/api/v1/claims/{claims['proposed'].pk}/",
        {"version": 1, "credibility": 1},
        content_type="application/json",
    )
    assert response.status_code == 403


# --- Analyst ---------------------------------------------------------------------------


def test_analyst_edits_records(claims):
    analyst = client_for(ANALYST)
    actor = make_actor("Badr")
    url = reverse("admin:actors_actor_change", args=[actor.pk])
    assert analyst.get(url).status_code == 200
    assert (
        analyst.get(
            reverse("admin:articles_claim_change", args=[claims["verified"].pk])
        ).status_code
        == 200
    )


def test_analyst_deletes_a_proposed_claim_but_not_a_verified_one(claims):
    analyst = client_for(ANALYST)
    for key, expected in (("verified", 403), ("proposed", 302)):
        url = reverse("admin:articles_claim_delete", args=[claims[key].pk])
        assert analyst.post(url, {"post": "yes"}).status_code == expected
    assert list(Claim.objects.values_list("status", flat=True)) == ["verified"]


def test_analyst_bulk_delete_is_refused_when_a_verified_claim_is_selected(claims):
    analyst = client_for(ANALYST)
    response = analyst.post(
        reverse("admin:articles_claim_changelist") + "?review=all",
        {
            "action": "delete_selected",
            "_selected_action": [c.pk for c in claims.values()],
            "post": "yes",
        },
    )
    assert response.status_code == 403
    assert Claim.objects.count() == 2


def test_analyst_cannot_verify(claims):
    analyst = client_for(ANALYST)
    changelist = reverse("admin:articles_claim_changelist")
    actions = analyst.get(changelist).context["action_form"].fields["action"].choices
    assert "accept_selected" not in dict(actions) and "reject_selected" in dict(actions)
    analyst.post(
        changelist, {"action": "accept_selected", "_selected_action": [claims["proposed"].pk]}
    )
    form = (
        analyst.get(reverse("admin:articles_claim_change", args=[claims["proposed"].pk]))
        .context["adminform"]
        .form
    )
    assert "verified" not in dict(form.fields["status"].choices)
    verified_form = (
        analyst.get(reverse("admin:articles_claim_change", args=[claims["verified"].pk]))
        .context["adminform"]
        .form
    )
    assert "status" not in verified_form.fields  # read-only for analysts once verified
    assert Claim.objects.get(pk=claims["proposed"].pk).status == "proposed"


def test_analyst_rejects_proposals_but_leaves_verified_ones(claims):
    analyst = client_for(ANALYST)
    response = analyst.post(
        reverse("admin:articles_claim_changelist") + "?review=all",
        {"action": "reject_selected", "_selected_action": [c.pk for c in claims.values()]},
        follow=True,
    )
    assert "only editors change verified records" in response.content.decode()
    assert dict(Claim.objects.values_list("pk", "status")) == {
        claims["proposed"].pk: "rejected",
        claims["verified"].pk: "verified",
    }


def test_analyst_cannot_merge():
    analyst = client_for(ANALYST)
    a, b = make_actor(), make_actor()
    assert (
        analyst.get(reverse("admin:actors_actor_merge") + f"?ids={a.pk},{b.pk}").status_code == 403
    )
    assert (
        analyst.post(
            reverse("admin:actors_actor_merge") + f"?ids={a.pk},{b.pk}", {"keep": a.pk}
        ).status_code
        == 403
    )
    actions = (
        analyst.get(reverse("admin:actors_actor_changelist"))
        .context["action_form"]
        .fields["action"]
        .choices
    )
    assert "merge_selected" not in dict(actions)
    assert Actor.objects.count() == 2


# --- Editor ----------------------------------------------------------------------------


def test_editor_verifies_merges_and_deletes_verified_records(claims):
    editor = client_for(EDITOR)
    changelist = reverse("admin:articles_claim_changelist")
    editor.post(
        changelist, {"action": "accept_selected", "_selected_action": [claims["proposed"].pk]}
    )
    assert Claim.objects.get(pk=claims["proposed"].pk).status == "verified"
    url = reverse("admin:articles_claim_delete", args=[claims["verified"].pk])
    assert editor.post(url, {"post": "yes"}).status_code == 302
    a, b = make_actor(), make_actor()
    editor.post(reverse("admin:actors_actor_merge") + f"?ids={a.pk},{b.pk}", {"keep": a.pk})
    assert list(Actor.objects.values_list("pk", flat=True)) == [a.pk]


def test_roles_sync_reports_permission_counts():
    counts = roles_sync()
    assert counts[READER] < counts[ANALYST] < counts[EDITOR]


def test_analyst_cannot_delete_an_article_holding_verified_claims(claims):
    analyst = client_for(ANALYST)
    article = claims["verified"].article
    response = analyst.post(
        reverse("admin:articles_article_delete", args=[article.pk]), {"post": "yes"}
    )
    assert response.status_code == 403
    assert Claim.objects.count() == 2


def test_the_status_rules_shared_with_the_api(claims):
    analyst, editor = make_user("a", role=ANALYST), make_user("e", role=EDITOR)
    proposed, verified = claims["proposed"], claims["verified"]
    assert change_refusal(analyst, proposed, {"status": "rejected"}) is None
    assert "Only editors" in change_refusal(analyst, proposed, {"status": "verified"})
    assert "Only editors" in change_refusal(analyst, verified, {"status": "rejected"})
    assert change_refusal(editor, verified, {"status": "rejected"}) is None
    assert delete_refusal(analyst, [proposed]) is None
    assert "verified claims" in delete_refusal(analyst, [verified])
    assert delete_refusal(editor, [verified]) is None
