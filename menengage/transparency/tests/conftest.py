"""Fixtures for the transparency tests: a small year built through the services, and the
demo loader's five years."""

import pytest

from menengage.core.demodata import Demo
from menengage.transparency import services

from .builders import build_year


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    """Uploaded annual reports go to a temporary folder, never to var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def funders(staff):
    return {
        "riverbend": services.funder_create(
            actor=staff,
            name="Riverbend Foundation",
            kind="foundation",
            identifier="XI-IATI-DEMO-RIVERBEND",
        ),
        "eurania": services.funder_create(
            actor=staff, name="Eurania Cooperation Agency", kind="government"
        ),
    }


@pytest.fixture
def draft_year(staff, funders):
    return build_year(staff, funders)


@pytest.fixture
def published_year(staff, draft_year):
    return services.year_publish(financial_year=draft_year, actor=staff)


@pytest.fixture
def demo_finances(staff):
    """The demo loader's five years (2021-2024 published, 2023 amended, 2025 a draft)."""
    from menengage.transparency.demo import load

    load(Demo(staff=staff))
