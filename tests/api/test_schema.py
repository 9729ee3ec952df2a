"""The OpenAPI schema is generated without warnings and served with locally hosted docs."""

import pytest
from django.core.management import call_command
from django.test import Client

pytestmark = pytest.mark.django_db


def test_schema_generates_without_warnings(tmp_path):
    out = tmp_path / "schema.yaml"
    # --fail-on-warn raises on any warning or error of drf-spectacular.
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(out))
    assert "/api/v1/export/stix/" in out.read_text()


def test_schema_is_served(api_client):
    response = api_client.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert {"/api/v1/articles/", "/api/v1/actors/{id}/", "/api/v1/claims/csv/"} <= set(
        schema["paths"]
    )


@pytest.mark.parametrize("page", ["/api/v1/docs/", "/api/v1/redoc/"])
def test_docs_use_local_assets(page):
    html = Client().get(page).content.decode()
    assert "/static/drf_spectacular_sidecar/" in html
    assert "cdn.jsdelivr" not in html and "unpkg.com" not in html


def test_sidecar_assets_are_found(settings):
    from django.contrib.staticfiles import finders

    assert finders.find("drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js")
    assert finders.find("drf_spectacular_sidecar/redoc/bundles/redoc.standalone.js")


EXPORTS = [
    "/api/v1/actors/csv/",
    "/api/v1/articles/csv/",
    "/api/v1/claims/csv/",
    "/api/v1/events/csv/",
    "/api/v1/places/csv/",
    "/api/v1/relationships/csv/",
    "/api/v1/events/acled.csv",
    "/api/v1/events/geojson/",
    "/api/v1/export/claimreview/",
    "/api/v1/export/stix/",
    "/api/v1/export/stix/extension/",
]


def test_every_export_is_documented_with_an_example(api_client):
    schema = api_client.get(
        "/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json"
    ).json()
    exports = {p for p in schema["paths"] if "/csv/" in p or "export" in p or p.endswith(".csv")}
    exports |= {p for p in schema["paths"] if p.endswith("/geojson/")}
    assert exports == set(EXPORTS)
    for path in EXPORTS:
        (content,) = schema["paths"][path]["get"]["responses"]["200"]["content"].values()
        assert content.get("examples"), path
    csv = schema["paths"]["/api/v1/events/acled.csv"]["get"]["responses"]["200"]["content"]
    assert next(iter(csv["text/csv"]["examples"].values()))["value"].startswith("event_id_cnty,")
    post = schema["paths"]["/api/v1/import/stix/"]["post"]
    assert post["requestBody"]["content"]["application/json"]["examples"]
