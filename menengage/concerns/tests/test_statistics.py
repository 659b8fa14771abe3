import datetime

import pytest
from django.utils import timezone

from menengage.concerns.models import Concern
from menengage.concerns.selectors import concern_statistics


@pytest.mark.django_db
def test_every_figure_under_five_is_suppressed(client, submit, kenya, focal_kenya):
    for _ in range(6):
        submit(kind="complaint", subject_kind="network", subject_network=kenya)
    for _ in range(2):
        submit(kind="feedback", subject_network=None)
    start = timezone.now() - datetime.timedelta(days=10)
    Concern.objects.update(received_at=start, acknowledged_at=start + datetime.timedelta(days=3))
    stats = concern_statistics(year=start.year)
    assert stats["total"] == 8
    assert dict(stats["by_kind"]) == {"feedback": None, "complaint": 6}
    assert stats["median_acknowledge"] == 3.0
    assert stats["median_close"] is None
    assert dict(stats["by_region"])[kenya.parent.name] == 6
    response = client.get(f"/fr/concerns/statistics/{start.year}/")
    page = response.content.decode()
    assert response.status_code == 200
    assert page.count('<td class="num">') == len(stats["by_kind"] + stats["by_region"]) + len(
        stats["by_status"]
    )
    assert ">6<" in page


@pytest.mark.django_db
def test_the_transparency_page_links_to_the_statistics(client):
    page = client.get("/en/transparency/").content.decode()
    assert "/en/concerns/statistics/" in page


@pytest.mark.django_db
def test_a_year_out_of_range_is_not_found_not_a_500(client):
    assert client.get("/en/concerns/statistics/999999/").status_code == 404
