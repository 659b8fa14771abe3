import pytest

from menengage.accounts import twofactor
from menengage.accounts.models import User
from menengage.concerns import services
from menengage.concerns.demo import DEMO_RECEIPT, load
from menengage.concerns.models import Concern
from menengage.core.demodata import DEMO_TOTP_SECRET, Demo


@pytest.mark.django_db
def test_the_demo_has_focal_points_cases_in_every_state_and_enrolled_accounts(staff):
    staff.email = "staff@menengage.example"
    staff.save()
    load(Demo(staff=staff))
    focal = User.objects.get(email="focal.kenya@menengage.example")
    assert twofactor.device_secret(twofactor.device_for(focal)) == DEMO_TOTP_SECRET
    assert twofactor.is_enrolled(staff)
    statuses = set(Concern.objects.values_list("status", flat=True))
    assert {"received", "waiting", "closed"} <= statuses
    assert any(concern.is_overdue() for concern in Concern.objects.all())
    concern = services.concern_for_receipt(receipt=DEMO_RECEIPT, client="demo")
    assert concern.status == Concern.Status.WAITING
