"""The one API object: `/api/v1/`. Each app contributes its own router."""

from ninja import NinjaAPI

from menengage.activities.api import router as activities_router
from menengage.communications.api import router as communications_router
from menengage.declarations.api import router as declarations_router
from menengage.events.api import router as events_router
from menengage.governance.api import router as governance_router
from menengage.library.api import router as library_router
from menengage.members.api import router as members_router
from menengage.networks.api import router as networks_router
from menengage.transparency.api import router as transparency_router

api = NinjaAPI(
    title="MenEngage Alliance API",
    version="1",
    description=(
        "Public data of the MenEngage Alliance. Reads need no token; lists are paginated "
        "with `limit` and `offset`, filter with query parameters and sort with `sort`."
    ),
    urls_namespace="api",
)
api.add_router("/", networks_router)
api.add_router("/", transparency_router)
api.add_router("/", members_router)
api.add_router("/", governance_router)
api.add_router("/", events_router)
api.add_router("/", library_router)
api.add_router("/", declarations_router)
api.add_router("/", activities_router)
api.add_router("/", communications_router)
