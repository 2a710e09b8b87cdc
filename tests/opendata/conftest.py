"""Fixtures of the open-data tests: the official OCDS 1.1.5 package validator and the services' clock."""

import json
from datetime import UTC, datetime, timedelta

import pytest
from jsonschema import Draft4Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

from portal.needs import services
from tests.conftest import shared_path
from tests.opendata.data import Clock

RELEASE_URL = "https://standard.open-contracting.org/schema/1__1__5/release-schema.json"


@pytest.fixture
def package_validator():
    folder = shared_path("data", "ocds-1.1.5")
    release_schema = json.loads((folder / "release-schema.json").read_text(encoding="utf-8"))
    package_schema = json.loads((folder / "release-package-schema.json").read_text(encoding="utf-8"))
    registry = Registry().with_resource(RELEASE_URL, Resource.from_contents(release_schema, DRAFT4))
    return Draft4Validator(package_schema, registry=registry, format_checker=FormatChecker())


@pytest.fixture
def clock(monkeypatch):
    """The needs services' clock, set by the test, starting a day ago."""
    clock = Clock(datetime.now(UTC).replace(microsecond=100_000) - timedelta(days=1))
    monkeypatch.setattr(services, "utcnow", clock)
    return clock
