"""Every HTML filter form can be submitted untouched: each select starts on a blank choice."""

import re

import pytest

pytestmark = pytest.mark.django_db

LISTS = ["/events/", "/actors/", "/articles/", "/articles/claims/"]


@pytest.mark.parametrize("path", LISTS)
def test_every_select_of_a_filter_form_starts_blank(client, path):
    html = client.get(path).content.decode()
    form = re.search(r'<form class="filters".*?</form>', html, re.S).group(0)
    selects = re.findall(r'<select name="(\w+)"[^>]*>\s*<option value="([^"]*)"', form)
    assert selects, "the form has selects"
    assert [name for name, first in selects if first != ""] == []


def test_claims_form_offers_any_credibility(client):
    html = client.get("/articles/claims/").content.decode()
    assert re.search(r'<select name="credibility"[^>]*>\s*<option value="" selected>', html)


def test_filter_forms_load_the_script_that_drops_empty_fields(client):
    html = client.get("/articles/claims/").content.decode()
    assert re.search(r'<script src="/static/kb/filters[^"]*\.js" defer>', html)
