"""Wikidata QIDs: catalog actors and places carry them, pages link them, the API and STIX
export them, import and duplicate suggestions use them."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client

from actors.models import Actor
from events.models import Place
from kb.ingest.catalog import load_catalog_file
from kb.interop.stix.importer import import_bundle
from tests.factories import make_actor, make_event, make_place

pytestmark = pytest.mark.django_db


def test_catalog_country_places_carry_their_states_qid():
    call_command("load_reference", stdout=StringIO())
    assert Place.objects.get(slug="iraq").wikidata_id == "Q796"
    countries = Place.objects.filter(kind="country")
    for place in countries:
        assert place.wikidata_id == Actor.objects.get(slug=place.slug).wikidata_id != ""


def test_load_reference_stores_every_catalog_qid():
    call_command("load_reference", stdout=StringIO())
    catalog = load_catalog_file()
    stored = dict(Place.objects.values_list("slug", "wikidata_id"))
    assert {p.key: p.wikidata for p in catalog.places} == stored
    actors = dict(
        Actor.objects.filter(slug__in=[a.key for a in catalog.actors]).values_list(
            "slug", "wikidata_id"
        )
    )
    assert {a.key: a.wikidata for a in catalog.actors} == actors
    assert stored["baghdad"] == "Q1530" and actors["irgc"] == "Q271110"


def test_an_actors_page_links_its_wikidata_item():
    actor = make_actor("Iraq", kind="state", wikidata_id="Q796")
    html = Client().get(actor.get_absolute_url()).content.decode()
    assert 'href="https://www.wikidata.org/wiki/Q796"' in html


def test_a_places_page_links_its_wikidata_item():
    place = make_place("Iraq", slug="iraq", kind="country", country="IQ", wikidata_id="Q796")
    make_event("Election", kind="election", date="2021-10-10", place=place)
    html = Client().get(place.get_absolute_url()).content.decode()
    assert "Events in Iraq" in html
    assert 'href="https://www.wikidata.org/wiki/Q796"' in html
    other = make_place("Basra", slug="basra")
    assert "wikidata.org" not in Client().get(other.get_absolute_url()).content.decode()


def test_the_places_api_gives_the_qid(api_client):
    make_place("Iraq", slug="iraq", kind="country", country="IQ", wikidata_id="Q796")
    assert api_client.get("/api/v1/places/iraq/").json()["wikidata_id"] == "Q796"


def test_stix_locations_carry_the_qid_and_import_matches_on_it(api_client):
    place = make_place("Iraq", slug="iraq", kind="country", country="IQ", wikidata_id="Q796")
    bundle = json.loads(api_client.get("/api/v1/export/stix/").content)
    (location,) = [o for o in bundle["objects"] if o["type"] == "location"]
    assert location["external_references"] == [{"source_name": "wikidata", "external_id": "Q796"}]
    # Another platform's location for the same item, under another name and id.
    location = {
        **{k: v for k, v in location.items() if k != "extensions"},
        "id": "location--7c9e6679-7425-40de-944b-e07fc1f90ae7",
        "name": "Republic of Iraq",
    }
    result = import_bundle(
        json.dumps({"type": "bundle", "id": bundle["id"], "objects": [location]})
    )
    assert (result.matched["place"], result.created["place"]) == (1, 0)
    assert Place.objects.get() == place
