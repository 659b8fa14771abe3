import pytest

from menengage.core.demodata import Demo

from .. import demo
from ..models import Evaluation, Response


@pytest.mark.django_db
def test_demo_loader_makes_scored_published_evaluations(staff, orgs, client):
    loader = Demo(scale=1)
    loader.staff = staff
    demo.load(loader)
    assert Evaluation.objects.count() == 40
    published = Evaluation.objects.filter(status="published")
    assert 25 <= published.count() < 40
    assert Response.objects.filter(score__isnull=False).count() > 40 * 40
    assert published.filter(effect_size__isnull=False).count() == published.count()
    assert published.filter(design="pre_post_comparison").exists()
    page = client.get("/en/evidence/")
    assert page.status_code == 200 and b"<polygon" in page.content
