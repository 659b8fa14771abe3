"""The one API object: `/api/v1/`. Each app contributes its own router."""

import copy
from functools import wraps

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.openapi.schema import OpenAPISchema

from menengage.activities.api import router as activities_router
from menengage.communications.api import router as communications_router
from menengage.declarations.api import router as declarations_router
from menengage.events.api import router as events_router
from menengage.evidence.api import router as evidence_router
from menengage.governance.api import router as governance_router
from menengage.library.api import router as library_router
from menengage.members.api import router as members_router
from menengage.networks.api import router as networks_router
from menengage.transparency.api import router as transparency_router

ERROR_SCHEMAS = {
    "Error": {
        "title": "Error",
        "type": "object",
        "properties": {"detail": {"title": "Detail", "type": "string"}},
        "required": ["detail"],
    },
    "ValidationError": {
        "title": "ValidationError",
        "description": "Each refused parameter: where it is (`loc`) and why (`msg`).",
        "type": "object",
        "properties": {"detail": {"title": "Detail", "type": "array", "items": {"type": "object"}}},
        "required": ["detail"],
    },
}


NO_NULL_CHARACTERS = "^[^\\x00]*$"


def _error_response(description, name):
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{name}"}}},
    }


class CheckedOpenAPISchema(OpenAPISchema):
    """django-ninja's document, with the error answers every operation can give, remembering
    every schema name given two different schemas.

    Ninja files each operation's schemas under their class names and the last one wins, so
    two apps' `Kind` enums made one `Kind` with the wrong values for all but one of them.
    `name_clashes` lets a test refuse that.
    """

    def __init__(self, api, path_prefix):
        self.name_clashes: dict[str, list[dict]] = {}
        super().__init__(api, path_prefix)

    def add_schema_definitions(self, definitions):
        for name, definition in definitions.items():
            known = self.schemas.get(name)
            if known is not None and known != definition:
                self.name_clashes.setdefault(name, [known]).append(definition)
        super().add_schema_definitions(definitions)

    def operation_parameters(self, operation):
        """Every free-text parameter publishes that it holds no NUL (see
        `refuse_null_characters`), so clients and fuzzers know the 422 is promised."""
        parameters = super().operation_parameters(operation)
        for parameter in parameters:
            # Ninja shares a Query schema's property dicts between the operations using it
            # and the schema definitions: patch a copy, or the next operation sees a clash.
            parameter["schema"] = copy.deepcopy(parameter["schema"])
            for option in parameter["schema"].get("anyOf", [parameter["schema"]]):
                if option.get("type") == "string" and not {"enum", "pattern"} & option.keys():
                    option["pattern"] = NO_NULL_CHARACTERS
        return parameters

    def responses(self, operation):
        """Every operation may answer 404 (a missing object, or nothing published yet); one
        with parameters 422 when they are refused; one behind a token 401 without it."""
        result = super().responses(operation)
        self.add_schema_definitions(ERROR_SCHEMAS)
        result.setdefault(404, _error_response("Not Found", "Error"))
        if any(model.model_fields for model in operation.models):
            result.setdefault(422, _error_response("Unprocessable Content", "ValidationError"))
        if operation.auth_callbacks:
            result.setdefault(401, _error_response("Unauthorized", "Error"))
        return result


class AllianceAPI(NinjaAPI):
    """Ninja's API object, publishing the checked document."""

    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        if path_prefix is None:
            path_prefix = self.get_root_path(path_params or {})
        return CheckedOpenAPISchema(self, path_prefix)


api = AllianceAPI(
    title="MenEngage Alliance API",
    version="1",
    description=(
        "Public data of the MenEngage Alliance. Reads need no token; lists are paginated "
        "with `limit` (at most 100) and `offset`, filter with query parameters and sort "
        "with `sort`."
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
api.add_router("/", evidence_router)
api.add_router("/", communications_router)


def refuse_null_characters(run):
    """A NUL in a query or path parameter is a 422 before any lookup: PostgreSQL cannot hold
    one in text and would answer the lookup with a server error."""

    @wraps(run)
    def checked(request, **kwargs):
        refused = [
            ("query", name)
            for name, values in request.GET.lists()
            if any("\x00" in value for value in values)
        ]
        refused += [
            ("path", name)
            for name, value in kwargs.items()
            if isinstance(value, str) and "\x00" in value
        ]
        if refused:
            detail = [
                {
                    "type": "null_character",
                    "loc": list(where),
                    "msg": "Null characters are not allowed.",
                }
                for where in refused
            ]
            return api.create_response(request, {"detail": detail}, status=422)
        return run(request, **kwargs)

    return checked


api.add_decorator(refuse_null_characters, mode="view")


def not_found(request: HttpRequest, path: str = "") -> HttpResponse:
    """Any other address under `/api/`: the API's own JSON 404, not the site's HTML page."""
    return api.create_response(request, {"detail": "Not Found"}, status=404)
