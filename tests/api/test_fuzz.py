"""Property-based fuzzing of the served OpenAPI schema with schemathesis.

Every operation gets generated requests, valid and invalid (positive and negative data), as
an anonymous client and as a staff client. Checks: no 5xx, and every documented response
conforms to its schema and media type. The example budget is small so the suite stays fast
on both databases; hypothesis keeps its database off so runs do not depend on each other.
"""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient
from schemathesis import DataGenerationMethod
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
)

CHECKS = (not_a_server_error, response_schema_conformance, content_type_conformance)
READ_SETTINGS = settings(
    max_examples=5,
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
WRITE_SETTINGS = settings(
    max_examples=3,
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)


def served_schema() -> dict:
    response = APIClient().get("/api/v1/schema/", {"format": "json"})
    assert response.status_code == 200
    return response.json()


@pytest.fixture
def api_schema(kb):
    """The served schema, bound to Django's WSGI handler."""
    raw = served_schema()
    # The test runs inside a transaction: like Django's test client (which reconnects these
    # after each of its own requests, hence after served_schema()), requests must not
    # recycle the connection that holds it.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield schemathesis.from_dict(
        raw,
        app=get_wsgi_application(),
        data_generation_methods=[DataGenerationMethod.positive, DataGenerationMethod.negative],
    )
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def staff_token(kb, staff_user) -> str:
    return Token.objects.create(user=staff_user).key


schema = schemathesis.from_pytest_fixture("api_schema")


@schema.include(method="GET").parametrize()
@READ_SETTINGS
def test_reads_never_fail_and_conform(case):
    response = case.call()  # the schema's WSGI app
    case.validate_response(response, checks=CHECKS)


@schema.include(method=["POST", "PUT", "PATCH", "DELETE"]).parametrize()
@WRITE_SETTINGS
def test_staff_writes_never_fail_and_conform(case, staff_token):
    response = case.call(headers={"Authorization": f"Token {staff_token}"})
    case.validate_response(response, checks=CHECKS)
