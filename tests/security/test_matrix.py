"""Role × write path × record status: every cell of README's "Who may write what" table.

Each path makes a record (or the child a delete cascades to) in the given status, tries the
write as a user of the given role, and reports whether it happened (read back from the
database, not from the status code). The test fails if any cell differs from the README.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib import admin
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from actors.models import Actor, Relationship
from actors.services import actor_merge
from articles.models import Article, Claim
from events.models import Event
from kb.core.admin_rules import GuardedAdminMixin
from kb.core.models import MergeRecord
from kb.core.roles import ANALYST, EDITOR, READER
from tests.factories import make_actor, make_article, make_claim, make_event, make_user
from tests.security.forms import admin_form_data
from tests.security.test_write_paths import revert, with_history

pytestmark = pytest.mark.django_db

NO_ROLE = "staff, no role"
ROLES = [READER, ANALYST, EDITOR, NO_ROLE]
STATUSES = ["proposed", "verified"]
#: The status move each starting status tries: verify a proposed record, un-verify a verified.
FLIP = {"proposed": "verified", "verified": "proposed"}


def readme_table() -> dict[tuple[str, str, str], bool]:
    """(path, role, status) → allowed, from README.md's table."""
    text = (Path(settings.BASE_DIR) / "README.md").read_text(encoding="utf-8")
    section = text.split("#### Who may write what", 1)[1]
    lines = section.splitlines()
    first = next(i for i, line in enumerate(lines) if line.startswith("| "))
    rows = []
    for line in lines[first:]:
        if not line.startswith("|"):
            break
        if line.startswith("| "):
            rows.append(line)
    header = [c.strip() for c in rows[0].strip("|").split("|")]
    assert header[1:] == ROLES, header
    table = {}
    for line in rows[1:]:
        cells = [c.strip() for c in line.strip("|").split("|")]
        path = cells[0].strip("`")
        for role, cell in zip(ROLES, cells[1:], strict=True):
            for status, word in zip(STATUSES, re.split(r"\s*/\s*", cell), strict=True):
                table[(path, role, status)] = {"yes": True, "no": False}[word]
    return table


# --- who ---------------------------------------------------------------------------------


def user_of(role: str):
    if role == NO_ROLE:
        user = make_user("staffer")
        user.is_staff = True
        user.save()
        return user
    return make_user(role.lower(), role=role)


def admin_as(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def api_as(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


# --- records ----------------------------------------------------------------------------


def claim_in(status: str) -> Claim:
    return make_claim(make_article("Iran denied it."), "Iran denied it.", status=status)


def gone(obj) -> bool:
    return not type(obj)._base_manager.filter(pk=obj.pk).exists()


def status_now(obj) -> str:
    return type(obj)._base_manager.get(pk=obj.pk).status


def change_page(client: Client, obj):
    opts = obj._meta
    return client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk]))


def post_change(client: Client, obj, **changes) -> None:
    page = change_page(client, obj)
    if page.status_code == 200:
        client.post(page.wsgi_request.path, admin_form_data(page, **changes))


def action(client: Client, obj, name: str) -> None:
    opts = obj._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist") + "?review=all"
    client.post(url, {"action": name, "_selected_action": [obj.pk], "post": "yes"})


# --- the paths: each returns whether the write happened ------------------------------------


def admin_edit(user, status):
    claim = claim_in(status)
    post_change(admin_as(user), claim, credibility="2")
    return Claim.objects.get(pk=claim.pk).credibility == 2


def admin_status(user, status):
    claim = claim_in(status)
    post_change(admin_as(user), claim, status=FLIP[status])
    return status_now(claim) == FLIP[status]


def admin_reject(user, status):
    claim = claim_in(status)
    post_change(admin_as(user), claim, status="rejected")
    return status_now(claim) == "rejected"


def admin_revert_status(user, status):
    claim = claim_in(status)
    ids = with_history(claim, FLIP[status], status)
    revert(admin_as(user), claim, ids[FLIP[status]])
    return status_now(claim) == FLIP[status]


def admin_revert_field(user, status):
    claim = claim_in(status)
    first, original = claim.history.order_by("history_id").first().history_id, claim.credibility
    claim.credibility = 3
    claim.version += 1
    claim.save()  # a history version with credibility 3
    revert(admin_as(user), claim, first)
    return Claim.objects.get(pk=claim.pk).credibility == original


def admin_bulk_status(user, status):
    claim = claim_in(status)
    action(admin_as(user), claim, "accept_selected" if status == "proposed" else "reject_selected")
    return status_now(claim) != status


def admin_bulk_reject(user, status):
    claim = claim_in(status)
    action(admin_as(user), claim, "reject_selected")
    return status_now(claim) == "rejected"


def admin_delete(user, status):
    claim = claim_in(status)
    admin_as(user).post(reverse("admin:articles_claim_delete", args=[claim.pk]), {"post": "yes"})
    return gone(claim)


def admin_bulk_delete(user, status):
    claim = claim_in(status)
    action(admin_as(user), claim, "delete_selected")
    return gone(claim)


def admin_delete_parent(user, status):
    claim = claim_in(status)
    url = reverse("admin:articles_article_delete", args=[claim.article_id])
    admin_as(user).post(url, {"post": "yes"})
    return gone(claim)


def admin_inline_status(user, status):
    source = make_actor("Badr", status="proposed")
    tie = Relationship.objects.create(
        source=source, target=make_actor("IRGC"), kind="backed_by", status=status
    )
    client = admin_as(user)
    page = change_page(client, source)
    if page.status_code == 200:
        data = admin_form_data(page)
        key = next(k for k, v in data.items() if k.endswith("-status") and v == status)
        client.post(page.wsgi_request.path, {**data, key: FLIP[status]})
    return status_now(tie) == FLIP[status]


def admin_merge(user, status):
    keep, other = make_actor("Badr", status=status), make_actor("Badr Org", status=status)
    url = reverse("admin:actors_actor_merge") + f"?ids={keep.pk},{other.pk}"
    admin_as(user).post(url, {"keep": keep.pk})
    return gone(other)


def admin_split(user, status):
    article = make_article("Drones struck Erbil. Rockets hit Baghdad.")
    event = make_event(
        "Strikes",
        status=status,
        sources=[(article, "Drones struck Erbil."), (article, "Rockets hit Baghdad.")],
    )
    moved = event.sources.order_by("pk").last()
    url = reverse("admin:events_event_split", args=[event.pk])
    admin_as(user).post(url, {"title": "Baghdad rockets", "sources": [moved.pk]})
    return Event.objects.count() == 2


def admin_undo(user, status):
    keep, other = make_actor("Badr", status=status), make_actor("Badr Org", status=status)
    record = actor_merge(keep=keep, merge=other, user=make_user("merger", role=EDITOR))
    admin_as(user).post(reverse("admin:kb_mergerecord_undo", args=[record.pk]))
    return MergeRecord.objects.get(pk=record.pk).undone_at is not None


def api_post(user, status):
    body = {"name": "Badr", "slug": "badr", "kind": "armed_group", "status": status}
    api_as(user).post("/api/v1/actors/", body, format="json")
    return Actor.objects.filter(slug="badr").exists()


def api_put(user, status):
    actor = make_actor("Badr", slug="badr", kind="armed_group", status=status)
    body = {"name": "Badr Org", "slug": "badr", "kind": "armed_group", "status": status}
    api_as(user).put(f"/api/v1/actors/{actor.pk}/", {**body, "version": 1}, format="json")
    return Actor.objects.get(pk=actor.pk).name == "Badr Org"


def api_patch(user, status):
    claim = claim_in(status)
    body = {"version": 1, "credibility": 2}
    api_as(user).patch(f"/api/v1/claims/{claim.pk}/", body, format="json")
    return Claim.objects.get(pk=claim.pk).credibility == 2


def api_patch_status(user, status):
    claim = claim_in(status)
    body = {"version": 1, "status": FLIP[status]}
    api_as(user).patch(f"/api/v1/claims/{claim.pk}/", body, format="json")
    return status_now(claim) == FLIP[status]


def api_delete(user, status):
    claim = claim_in(status)
    api_as(user).delete(f"/api/v1/claims/{claim.pk}/")
    return gone(claim)


def api_delete_parent(user, status):
    claim = claim_in(status)
    api_as(user).delete(f"/api/v1/articles/{claim.article_id}/")
    return gone(claim) and not Article.objects.exists()


def api_delete_actor_end(user, status):
    source = make_actor("Badr", status="proposed")
    tie = Relationship.objects.create(
        source=source, target=make_actor("IRGC"), kind="backed_by", status=status
    )
    api_as(user).delete(f"/api/v1/actors/{source.pk}/")
    return gone(tie)


PATHS: dict[str, Callable] = {
    "admin: edit a field": admin_edit,
    "admin: verify / un-verify": admin_status,
    "admin: reject": admin_reject,
    "admin: history revert to the other status": admin_revert_status,
    "admin: history revert of a field": admin_revert_field,
    "admin: bulk accept (proposed) / reject (verified)": admin_bulk_status,
    "admin: bulk reject": admin_bulk_reject,
    "admin: delete": admin_delete,
    "admin: bulk delete": admin_bulk_delete,
    "admin: delete the article (cascade to its claims)": admin_delete_parent,
    "admin: inline verify / un-verify (relationship on the actor page)": admin_inline_status,
    "admin: merge two actors": admin_merge,
    "admin: split an event": admin_split,
    "admin: undo a merge": admin_undo,
    "API: POST (create with this status)": api_post,
    "API: PUT": api_put,
    "API: PATCH a field": api_patch,
    "API: PATCH status (verify / un-verify)": api_patch_status,
    "API: DELETE": api_delete,
    "API: DELETE the article (cascade to its claims)": api_delete_parent,
    "API: DELETE an actor (cascade to its relationships)": api_delete_actor_end,
}
EXPECTED = readme_table()


def test_the_readme_table_and_the_paths_match():
    assert {path for path, _, _ in EXPECTED} == set(PATHS)
    assert len(EXPECTED) == len(PATHS) * len(ROLES) * len(STATUSES)


@pytest.mark.parametrize("status", STATUSES)
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("path", PATHS)
def test_cell(path, role, status):
    assert PATHS[path](user_of(role), status) == EXPECTED[(path, role, status)]


def test_every_model_admin_asks_the_permission_rules():
    ours = [
        type(model_admin).__name__
        for model, model_admin in admin.site._registry.items()
        if model._meta.app_label in ("actors", "articles", "events", "kb")
        and not isinstance(model_admin, GuardedAdminMixin)
    ]
    assert ours == []
