"""manage.py load_reference: the YAML catalog written to the database through its one parser."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from actors.models import Actor, Alias, AliasKind, Relationship
from events.models import Place
from kb.core.choices import Origin
from kb.ingest.catalog import DEFAULT_CATALOG, load_catalog_file

pytestmark = pytest.mark.django_db

SMALL = """\
actors:
  - key: us
    name: United States
    kind: state
    aliases: [U.S., America]
    case_sensitive_aliases: [US]
    metonyms: [Washington]
  - key: dod
    name: Department of Defense
    kind: government_body
    parent: us
places:
  - key: baghdad
    name: Baghdad
    latitude: 33.3
    longitude: 44.4
relationships:
  - source: dod
    target: us
    kind: part_of
    start: 1947
"""


def load(path: Path) -> str:
    out = StringIO()
    call_command("load_reference", path=path, stdout=out)
    return out.getvalue()


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "catalog.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_reference_catalog_is_loaded_whole_and_once():
    catalog = load_catalog_file(DEFAULT_CATALOG)
    first = load(DEFAULT_CATALOG)
    assert f"actors: {len(catalog.actors)} created" in first
    assert Actor.objects.count() == len(catalog.actors)
    assert Place.objects.count() == len(catalog.places)
    distinct = {(r.source, r.target, r.kind) for r in catalog.relationships}
    assert Relationship.objects.count() == len(distinct)
    again = load(DEFAULT_CATALOG)
    assert "actors: 0 created, 0 updated; aliases: 0 created" in again
    assert Actor.objects.count() == len(catalog.actors)


def test_small_catalog_rows_carry_every_field(tmp_path):
    load(write(tmp_path, SMALL))
    dod = Actor.objects.get(slug="dod")
    assert (dod.parent.slug, dod.origin) == ("us", Origin.CATALOG)
    aliases = {(a.text, a.kind, a.case_sensitive) for a in Alias.objects.filter(actor__slug="us")}
    assert aliases == {
        ("United States", AliasKind.NAME, False),
        ("U.S.", AliasKind.VARIANT, False),
        ("America", AliasKind.VARIANT, False),
        ("US", AliasKind.ABBREVIATION, True),
        ("Washington", AliasKind.METONYM, False),
    }
    baghdad = Place.objects.get(slug="baghdad")
    assert (baghdad.kind, baghdad.latitude, baghdad.longitude) == ("other", 33.3, 44.4)
    rel = Relationship.objects.get()
    assert (rel.source.slug, rel.target.slug, rel.kind, rel.start) == (
        "dod",
        "us",
        "part_of",
        "1947",
    )


def test_analyst_edits_are_kept_on_reload(tmp_path):
    path = write(tmp_path, SMALL)
    load(path)
    Actor.objects.filter(slug="us").update(origin=Origin.ANALYST, description="edited")
    load(write(tmp_path, SMALL.replace("kind: state", "kind: state\n    description: new")))
    assert Actor.objects.get(slug="us").description == "edited"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (SMALL.replace("parent: us", "parent: nobody"), "unknown parent 'nobody'"),
        (SMALL.replace("target: us", "target: nobody"), "unknown actor 'nobody'"),
        ("actors: []\n", "reference catalog has no actors"),
        ("actors: [\n", "not valid YAML"),
    ],
)
def test_bad_catalog_is_refused_and_nothing_is_written(tmp_path, text, message):
    with pytest.raises(CommandError, match=message):
        load(write(tmp_path, text))
    assert not Actor.objects.exists() and not Place.objects.exists()
