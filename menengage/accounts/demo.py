from menengage.core.demodata import DEMO_STAFF_EMAIL, DEMO_STAFF_PASSWORD

from .models import User


def load(demo):
    """The demo secretariat account, a superuser so it can reach both admins."""
    demo.staff = User.objects.create_superuser(
        DEMO_STAFF_EMAIL, DEMO_STAFF_PASSWORD, name="Amara Okafor (demo staff)"
    )
    demo.say(f"staff account {DEMO_STAFF_EMAIL}")
