"""Every form of every app through the one field template: ids, descriptions, fieldsets,
error summary, autocomplete."""

import importlib
import inspect
import re
from unittest import mock

import pytest
from django import forms
from django.conf import settings
from django.template import Context, Template

from menengage.core.form_rendering import BoundField, autocomplete_for

FORM_FIELDS = Template('{% include "core/form_fields.html" %}')


def every_form_class():
    """Every form class declared in an app's forms.py (abstract model forms left out)."""
    classes = []
    for app in settings.INSTALLED_APPS:
        if not app.startswith("menengage."):
            continue
        try:
            module = importlib.import_module(f"{app}.forms")
        except ImportError:
            continue
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if not issubclass(cls, forms.BaseForm) or cls.__module__ != module.__name__:
                continue
            if issubclass(cls, forms.ModelForm) and cls._meta.model is None:
                continue
            classes.append(cls)
    return classes


def build(cls, **kwargs):
    """The form, given a stand-in for each keyword-only argument its __init__ requires."""
    parameters = inspect.signature(cls.__init__).parameters.values()
    extra = {p.name: mock.MagicMock() for p in parameters if p.kind == p.KEYWORD_ONLY}
    return cls(**kwargs, **extra)


def render(form):
    return FORM_FIELDS.render(Context({"form": form}))


def test_the_project_renderer_and_bound_field_are_in_use():
    form = forms.Form()
    assert form.renderer.field_template_name == "core/field.html"
    assert form.bound_field_class is BoundField


@pytest.mark.django_db
@pytest.mark.parametrize("bound", [False, True], ids=["unbound", "failed"])
def test_every_aria_reference_of_every_form_resolves(bound):
    rendered = 0
    for cls in every_form_class():
        form = build(cls, data={}) if bound else build(cls)
        html = render(form)
        ids = set(re.findall(r'\bid="([^"]+)"', html))
        for references in re.findall(r'aria-describedby="([^"]*)"', html):
            for reference in references.split():
                assert reference in ids, f"{cls.__name__}: {reference} is described but absent"
        assert 'for=""' not in html, f"{cls.__name__} has an empty label"
        for field in form.visible_fields():
            if field.use_fieldset:
                legend = f"<legend>{field.label}"
                assert legend in html, f"{cls.__name__}.{field.name} has no legend"
            if bound and field.errors:
                assert f'id="{field.auto_id}_error"' in html
        rendered += 1
    assert rendered >= 40  # every app's forms, not an empty discovery


def test_help_text_is_tied_to_its_field():
    class Form(forms.Form):
        reference = forms.CharField(help_text="Six words from your receipt.")

    html = render(Form(data={}))
    assert 'id="id_reference_helptext"' in html
    assert 'aria-describedby="id_reference_helptext id_reference_error"' in html
    assert 'aria-invalid="true"' in html


def test_a_choice_group_is_a_fieldset_described_by_its_error():
    class Form(forms.Form):
        kind = forms.ChoiceField(choices=[("a", "A"), ("b", "B")], widget=forms.RadioSelect)

    html = render(Form(data={}))
    assert re.search(r'<fieldset class="field invalid" aria-describedby="id_kind_error">', html)
    assert "<legend>Kind" in html
    assert '<label for="id_kind_0">' in html


def test_a_select_with_an_error_is_marked_invalid():
    class Form(forms.Form):
        network = forms.ChoiceField(choices=[("", "---"), ("ke", "Kenya")])

    html = render(Form(data={}))
    assert re.search(r'<select name="network"[^>]*aria-invalid="true"', html)


class Person(forms.Form):
    name = forms.CharField()
    email = forms.EmailField()
    country = forms.ChoiceField(choices=[("KE", "Kenya")])
    organisation = forms.ModelChoiceField(queryset=mock.MagicMock())
    website = forms.CharField(widget=forms.TextInput(attrs={"autocomplete": "off"}))


class JoinForm(forms.Form):
    name = forms.CharField()


class ConcernForm(forms.Form):
    organisation_name = forms.CharField()


def test_autocomplete_comes_from_the_one_mapping():
    person = Person()
    assert person["name"].as_widget().count('autocomplete="name"') == 1
    assert 'autocomplete="email"' in person["email"].as_widget()
    assert 'autocomplete="country-name"' in person["country"].as_widget()
    # A list of one's organisations is not a text to fill in; a form's own token wins.
    assert (
        autocomplete_for(person, "organisation", Person.base_fields["organisation"].widget) is None
    )
    assert 'autocomplete="off"' in person["website"].as_widget()
    assert 'autocomplete="url"' not in person["website"].as_widget()
    # The same name means something else in another form.
    assert 'autocomplete="organization"' in JoinForm()["name"].as_widget()
    assert 'autocomplete="off"' in ConcernForm()["organisation_name"].as_widget()


@pytest.mark.django_db
def test_a_failed_submission_has_an_error_summary_and_says_so_in_the_title(client):
    response = client.post("/en/concerns/", {"kind": ""})  # an empty POST is no submission
    html = response.content.decode()
    assert response.status_code == 400
    assert re.search(r"<title>Error: Report a concern", html)
    summary = html.index("data-error-summary")
    assert summary < html.index("<h1>")  # first in the main content: no script needed to find it
    links = re.findall(r'<a href="#([^"]+)">', html[summary : html.index("</ul>", summary)])
    assert "id_kind_0" in links and "id_what_happened" in links
    for anchor in links:
        assert f'id="{anchor}"' in html
    assert "js/error-summary.js" in html


@pytest.mark.django_db
def test_a_page_without_errors_has_no_summary(client):
    html = client.get("/en/concerns/").content.decode()
    assert "data-error-summary" not in html
    assert "<title>Error:" not in html


class _Choices(forms.Form):
    plain = forms.ChoiceField(
        choices=[("", "—"), ('x"<', "X & <b>"), ("Group", [("1", "one"), ("2", "two")])]
    )
    several = forms.MultipleChoiceField(choices=[("1", "o'ne"), ("2", "two")], required=False)
    boxes = forms.MultipleChoiceField(
        choices=[("1", 'o"ne'), ("Group", [("2", "two")])],
        widget=forms.CheckboxSelectMultiple(attrs={"class": "columns"}),
    )
    radio = forms.ChoiceField(choices=[("1", "one"), ("2", "two")], widget=forms.RadioSelect)


def _same_spacing(html):
    return re.sub(r">\s+<", "><", re.sub(r"\s+", " ", html)).strip()


@pytest.mark.parametrize("data", [None, {"plain": "2", "several": ["1", "2"], "boxes": ["2"]}])
def test_option_lists_are_djangos_own_markup(data):
    """The option lists written in Python (form_rendering.OPTION_LISTS) against the markup of
    Django's own templates, escaping, groups, selection and attributes included."""
    from django.forms.renderers import DjangoTemplates

    ours = _Choices(data)
    djangos = _Choices(data, renderer=DjangoTemplates())
    for name in ours.fields:
        assert _same_spacing(str(ours[name])) == _same_spacing(str(djangos[name])), name
    assert "X &amp; &lt;b&gt;" in str(ours["plain"])


class _Inputs(forms.Form):
    text = forms.CharField(max_length=20, help_text="Say it")
    email = forms.EmailField(required=False)
    secret = forms.CharField(widget=forms.PasswordInput(render_value=True))
    hidden = forms.CharField(widget=forms.HiddenInput, required=False)
    agreed = forms.BooleanField(required=False)
    count = forms.IntegerField(required=False, widget=forms.NumberInput(attrs={"step": 2}))
    day = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))
    note = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)
    upload = forms.FileField(required=False)


@pytest.mark.parametrize(
    "data",
    [
        None,
        {"text": 'a "quoted" <b>', "secret": "x&y", "agreed": "on", "note": "</textarea><i>"},
        {"text": "", "count": "7", "day": "2026-11-30", "hidden": "h'1", "email": "bad"},
    ],
)
def test_inputs_are_djangos_own_markup(data):
    """The inputs and the text area written in Python (form_rendering.OPTION_LISTS), exactly as
    Django's own templates write them: values, escaping, errors' attributes, bare attributes."""
    from django.forms.renderers import DjangoTemplates

    from menengage.core.form_rendering import BoundField

    class TemplatesWithOurTokens(DjangoTemplates):
        bound_field_class = BoundField  # the autocomplete tokens, as on every form

    ours = _Inputs(data)
    djangos = _Inputs(data, renderer=TemplatesWithOurTokens())
    for name in ours.fields:
        assert str(ours[name]) == str(djangos[name]), name
    if data and "note" in data:
        assert "&lt;/textarea&gt;&lt;i&gt;" in str(ours["note"])
