"""Every input of the admin pages we serve has a label, every table column a header (the
browser tests run axe-core over them; these pin the template overrides without a browser)."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from tests.factories import make_actor, make_sample_kb

pytestmark = pytest.mark.django_db


def _soup(client, url: str) -> BeautifulSoup:
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def _unlabelled(soup: BeautifulSoup, scope: str) -> list[str]:
    controls = soup.select(f"{scope} input:not([type=hidden]), {scope} select, {scope} textarea")
    assert controls
    return [
        c.get("name", "?")
        for c in controls
        if not (c.get("id") and soup.select_one(f'label[for="{c["id"]}"]'))
        and "__prefix__" not in c.get("name", "")
    ]


def test_list_editable_credibility_is_labelled_with_its_claim(admin_client):
    kb = make_sample_kb()
    soup = _soup(admin_client, reverse("admin:articles_claim_changelist"))
    selects = soup.select('select[name$="-credibility"]')
    assert len(selects) == 2  # the review queue: the proposed claims
    labels = {soup.select_one(f'label[for="{s["id"]}"]').get_text() for s in selects}
    assert labels == {f"Credibility: {kb['claim_kh']}", f"Credibility: {kb['claim_iran']}"}


def test_inline_inputs_and_delete_boxes_are_labelled(admin_client):
    kb = make_sample_kb()
    soup = _soup(admin_client, reverse("admin:events_event_change", args=[kb["offensive"].pk]))
    assert _unlabelled(soup, ".inline-group") == []
    role = soup.select_one('label[for="id_participants-0-role"]').get_text()
    assert role == "Role (participant 1)"
    delete = soup.select_one('label[for="id_participants-1-DELETE"]').get_text()
    assert delete == "Delete? (participant 2)"
    for th in soup.select(".inline-group thead th:not(.hidden)"):
        assert th.get_text(strip=True), th


def test_date_and_time_halves_are_labelled(admin_client, admin_user):
    soup = _soup(admin_client, reverse("admin:auth_user_change", args=[admin_user.pk]))
    for name in ["date_joined_0", "date_joined_1"]:
        assert soup.select_one(f'label[for="id_{name}"]').get_text() in ("Date:", "Time:")


def test_a_blank_filter_value_is_a_link_with_text(admin_client):
    make_actor("Somewhere", country="")
    make_actor("Iran", country="IR")
    soup = _soup(admin_client, reverse("admin:actors_actor_changelist"))
    links = soup.select("#changelist-filter a")
    assert [a for a in links if not a.get_text(strip=True)] == []
    assert "(Empty)" in [a.get_text() for a in links]


def test_admin_pages_load_the_accessibility_additions(admin_client):
    soup = _soup(admin_client, reverse("admin:index"))
    assert soup.select_one('link[href$="kb/admin.css"]')
    assert soup.select_one('script[src$="kb/admin-a11y.js"]')
