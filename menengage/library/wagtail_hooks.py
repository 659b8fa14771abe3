"""The library in the Wagtail admin: editors create, edit, publish and delete resources and files.

Every save goes through the library's services, so the admin writes the same audit events,
checks the same rules and keeps the search index in step like the public site.
"""

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from menengage.core.errors import DomainError
from menengage.core.translation import language_name, missing_translation_q, site_languages

from . import search, services
from .models import Resource, ResourceFile
from .uploads import check_upload

STATUS_SERVICES = {
    Resource.Status.PUBLISHED: services.resource_publish,
    Resource.Status.REJECTED: services.resource_reject,
    Resource.Status.WITHDRAWN: services.resource_withdraw,
}


class ResourceForm(WagtailAdminModelForm):
    class Meta:
        model = Resource
        fields = [*services.FIELDS, *services.TAGS, "status", "review_note"]


class ResourceCreateView(generic.CreateView):
    def save_instance(self):
        data = {name: self.form.cleaned_data[name] for name in (*services.FIELDS, *services.TAGS)}
        return services.resource_create(actor=self.request.user, **data)

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except (DomainError, ValidationError) as refused:
            form.add_error(None, str(refused) if isinstance(refused, DomainError) else refused)
            return self.form_invalid(form)


class ResourceEditView(generic.EditView):
    def save_instance(self):
        resource = Resource.objects.get(pk=self.object.pk)
        data = {name: self.form.cleaned_data[name] for name in (*services.FIELDS, *services.TAGS)}
        resource = services.resource_update(actor=self.request.user, resource=resource, **data)
        status = self.form.cleaned_data["status"]
        if status != resource.status:
            move = STATUS_SERVICES.get(status)
            if move is None:
                raise DomainError(_("A resource cannot be sent back for review."))
            resource = move(
                actor=self.request.user,
                resource=resource,
                note=self.form.cleaned_data["review_note"],
            )
        return resource

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except (DomainError, ValidationError) as refused:
            form.add_error(None, str(refused) if isinstance(refused, DomainError) else refused)
            return self.form_invalid(form)


class ResourceIndexView(generic.IndexView):
    def search_queryset(self, queryset):
        # The site's own search: every language's title, summary and full text, Arabic folded.
        if not self.is_searching:
            return queryset
        return queryset.filter(pk__in=search.candidates(self.search_query))


def _missing_choices():
    return [(code, language_name(code)) for code in site_languages()]


class ResourceFilterSet(WagtailFilterSet):
    """The editors' filters, with the resources whose title or summary lacks a language."""

    missing_title = django_filters.ChoiceFilter(
        label=_("title missing in"), choices=_missing_choices, method="filter_missing"
    )
    missing_summary = django_filters.ChoiceFilter(
        label=_("summary missing in"), choices=_missing_choices, method="filter_missing"
    )

    class Meta:
        model = Resource
        fields = ["status", "kind", "language"]

    def filter_missing(self, queryset, name, value):
        field = name.removeprefix("missing_")
        return queryset.filter(missing_translation_q(field, value)) if value else queryset


class ResourceDeleteView(generic.DeleteView):
    def delete_action(self):
        services.resource_delete(actor=self.request.user, resource=self.object)


class ResourceViewSet(ModelViewSet):
    model = Resource
    icon = "doc-full"
    menu_label = _("Resources")
    add_to_admin_menu = False

    def get_form_class(self, for_update=False):
        return ResourceForm

    index_view_class = ResourceIndexView
    add_view_class = ResourceCreateView
    edit_view_class = ResourceEditView
    delete_view_class = ResourceDeleteView
    list_display = ["__str__", "kind", "status", "language", "published_on", "download_count"]
    filterset_class = ResourceFilterSet
    search_fields = ["authors"]
    ordering = ["-created_at"]
    inspect_view_enabled = True
    inspect_view_fields = ["extraction_note", "download_count", "submitted_by", "created_at"]


class ResourceFileForm(WagtailAdminModelForm):
    class Meta:
        model = ResourceFile
        fields = ["resource", "language", "file"]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload and hasattr(upload, "size") and not self.instance.pk:
            try:
                check_upload(upload)
            except DomainError as refused:
                raise forms.ValidationError(str(refused)) from refused
        return upload


class ResourceFileEditForm(WagtailAdminModelForm):
    class Meta:
        model = ResourceFile
        fields = ["language"]


class ResourceFileCreateView(generic.CreateView):
    def save_instance(self):
        return services.resource_file_add(
            actor=self.request.user,
            resource=self.form.cleaned_data["resource"],
            upload=self.form.cleaned_data["file"],
            language=self.form.cleaned_data["language"],
        )

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except DomainError as refused:
            form.add_error(None, str(refused))
            return self.form_invalid(form)


class ResourceFileEditView(generic.EditView):
    def save_instance(self):
        item = ResourceFile.objects.select_related("resource").get(pk=self.object.pk)
        return services.resource_file_update(
            actor=self.request.user, item=item, language=self.form.cleaned_data["language"]
        )


class ResourceFileDeleteView(generic.DeleteView):
    def delete_action(self):
        services.resource_file_delete(actor=self.request.user, item=self.object)


class ResourceFileViewSet(ModelViewSet):
    model = ResourceFile
    icon = "doc-empty"
    menu_label = _("Resource files")
    add_to_admin_menu = False
    add_view_class = ResourceFileCreateView
    edit_view_class = ResourceFileEditView
    delete_view_class = ResourceFileDeleteView
    list_display = ["filename", "resource", "language", "format", "size", "extraction"]
    list_filter = ["format", "extraction", "language"]
    ordering = ["-created_at"]

    def get_form_class(self, for_update=False):
        return ResourceFileEditForm if for_update else ResourceFileForm


class LibraryGroup(ViewSetGroup):
    menu_label = _("Library")
    menu_icon = "doc-full-inverse"
    items = (ResourceViewSet("library_resource"), ResourceFileViewSet("library_file"))


@hooks.register("register_admin_viewset")
def register_library():
    return LibraryGroup()
