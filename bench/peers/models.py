"""The library's resources as a Wagtail site would make them searchable: a proxy (no table, no
change to the library's model) declaring `search_fields` for Wagtail's database backend."""

from wagtail.search import index

from menengage.library.models import Resource


def _text_fields(prefix):
    """The model's own text fields named `prefix...` (title_en, title_es...), read from the
    model so a new language or a renamed field is picked up."""
    return [
        field.name
        for field in Resource._meta.concrete_fields
        if field.name.startswith(prefix) and field.get_internal_type() in ("CharField", "TextField")
    ]


class BenchResource(index.Indexed, Resource):
    """A library resource indexed by Wagtail's own search backend, for the bench's comparison."""

    search_fields = [
        # Wagtail weighs the field named `title` above the body.
        index.SearchField("title"),
        *[index.SearchField(name) for name in _text_fields("summary")],
        *[index.SearchField(name) for name in ("authors", "text") if hasattr(Resource, name)],
        index.FilterField("status"),
    ]

    class Meta:
        proxy = True

    def title(self):
        return " ".join(getattr(self, name) for name in _text_fields("title"))
