import io
import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from menengage.core.models import Term
from menengage.library import search, selectors, services

pytestmark = pytest.mark.django_db


def titles(response):
    return re.findall(r'<h3><a href="/\w\w/library/\d+-[\w-]*/"[^>]*>([^<]+)</a>', response.text)


@pytest.mark.parametrize(
    ("language", "title", "text", "query"),
    [
        ("en", "Caring fathers", "Fathers talking about caregiving and parenting.", "parents"),
        ("es", "Padres que cuidan", "Las violencias contra las mujeres jóvenes.", "violencia"),
        ("fr", "Pères qui prennent soin", "Les hommes engagés contre les violences.", "homme"),
        ("pt", "Pais cuidadores", "Os homens e a paternidade responsável.", "paternidades"),
    ],
)
def test_search_in_each_language_finds_that_language_with_stemming(
    client, make_resource, language, title, text, query
):
    make_resource(title=title, language=language, text=text)
    make_resource(title="Unrelated budget", text="Nothing to see here.")
    response = client.get(f"/{language}/library/", {"q": query})
    assert response.status_code == 200
    assert titles(response) == [title]


def test_title_ranks_above_body_and_snippet_is_escaped_and_marked(client, make_resource):
    body = make_resource(title="A report", text="About <b>advocacy</b> in schools.")
    make_resource(title="Advocacy toolkit", text="Something else.")
    response = client.get("/en/library/", {"q": "advocacy"})
    assert titles(response) == ["Advocacy toolkit", "A report"]
    assert "&lt;b&gt;<mark>advocacy</mark>&lt;/b&gt;" in response.text
    assert "<b>advocacy" not in response.text
    assert body.pk


def test_unpublished_resources_are_not_found(client, make_resource, staff):
    resource = make_resource(title="Withdrawn toolkit")
    assert selectors.resource_search(q="withdrawn").total == 1
    services.resource_withdraw(actor=staff, resource=resource)
    assert selectors.resource_search(q="withdrawn").total == 0
    assert "Withdrawn toolkit" not in client.get("/en/library/", {"q": "withdrawn"}).text


def test_a_search_is_kept_until_the_index_changes(make_resource, staff):
    from django.test.utils import CaptureQueriesContext

    resource = make_resource(title="Solar kitchens")
    assert selectors.resource_search(q="solar").total == 1
    with CaptureQueriesContext(connection) as again:
        results = selectors.resource_search(q="solar", sort="date")
    assert results.total == 1
    ranking = [q["sql"] for q in again.captured_queries if "MATCH" in q["sql"] or "@@" in q["sql"]]
    assert ranking == []  # the same words: the kept pool, not the index
    make_resource(title="Solar dryers")  # a new resource is found in the next search
    assert selectors.resource_search(q="solar").total == 2
    services.resource_update(actor=staff, resource=resource, title={"en": "Wind kitchens"})
    assert selectors.resource_search(q="solar").total == 1


def test_snippets_are_kept_with_the_page_and_follow_an_edit(make_resource, staff):
    from django.test.utils import CaptureQueriesContext

    resource = make_resource(title="Field notes", text="The mwangi family runs the group.")
    first = selectors.resource_search(q="mwangi").resources[0].snippet
    assert "<mark>mwangi</mark> family" in first
    with CaptureQueriesContext(connection) as again:
        assert selectors.resource_search(q="mwangi").resources[0].snippet == first
    assert not [q for q in again.captured_queries if "SUBSTR" in q["sql"].upper()]
    services.resource_update(
        actor=staff, resource=resource, text="Now the mwangi cousins run the group."
    )
    assert (
        "<mark>mwangi</mark> cousins" in selectors.resource_search(q="mwangi").resources[0].snippet
    )


def test_edits_are_reindexed(make_resource, staff):
    resource = make_resource(title="Old words")
    services.resource_update(actor=staff, resource=resource, title={"en": "Fresh words"})
    assert search.candidates("fresh") == [resource.pk]
    assert search.candidates("old") == []


def test_facet_counts_match_the_results(client, make_resource):
    make_resource(title="Care one", kind="toolkit", theme_codes=["care-fatherhood"], language="en")
    make_resource(title="Care two", kind="report", theme_codes=["care-fatherhood"], language="en")
    make_resource(title="Care tres", kind="report", language="es", summary={"es": "care"})
    make_resource(title="Other", kind="report")
    results = selectors.resource_search(q="care", filters={})
    counts = {o.value: o.count for o in results.facets["type"]}
    assert counts["report"] == 2 and counts["toolkit"] == 1
    for facet, options in results.facets.items():
        for option in options:
            if option.count:
                filtered = selectors.resource_search(q="care", filters={facet: option.value})
                assert filtered.total == option.count, (facet, option.value)
    narrowed = selectors.resource_search(q="care", filters={"type": "report"})
    languages = {o.value: o.count for o in narrowed.facets["language"]}
    assert languages["en"] == 1 and languages["es"] == 1
    # A facet ignores its own filter, so the other types still show their counts.
    assert {o.value: o.count for o in narrowed.facets["type"]}["toolkit"] == 1


def test_browsing_without_query_counts_in_sql(make_resource):
    make_resource(kind="toolkit", theme_codes=["care-fatherhood"])
    make_resource(kind="report")
    results = selectors.resource_search(filters={"theme": "care-fatherhood"})
    assert results.total == 1
    assert {o.value: o.count for o in results.facets["type"]}["toolkit"] == 1
    assert {o.value: o.count for o in results.facets["theme"]}["care-fatherhood"] == 1


def test_candidates_are_capped(make_resource, monkeypatch):
    for _ in range(4):
        make_resource(title="Capped word")
    monkeypatch.setattr(search, "CANDIDATE_LIMIT", 3)
    results = selectors.resource_search(q="capped", filters={})
    assert results.total == 3 and results.capped


def test_a_capped_search_says_more_than_the_limit(client, make_resource, monkeypatch):
    for _ in range(4):
        make_resource(title="Capped word", kind="report")
    make_resource(title="Capped word", kind="toolkit")
    monkeypatch.setattr(search, "CANDIDATE_LIMIT", 3)

    heading = re.search(r'<h2 id="results">([^<]+)</h2>', client.get("/en/library/?q=capped").text)
    assert heading.group(1) == "More than 3 resources found"
    filtered = client.get("/en/library/?q=capped&type=toolkit").text
    assert re.search(r'<h2 id="results">[01] resources? found among the 3 most relevant', filtered)


def test_exactly_the_limit_is_counted_exactly(client, make_resource, monkeypatch):
    for _ in range(3):
        make_resource(title="Capped word")
    monkeypatch.setattr(search, "CANDIDATE_LIMIT", 3)

    results = selectors.resource_search(q="capped", filters={})
    assert results.total == 3 and not results.capped
    assert '<h2 id="results">3 resources found</h2>' in client.get("/en/library/?q=capped").text


def test_sort_by_date_and_pagination(client, make_resource):
    made = [make_resource(title=f"Paged item {n}") for n in range(25)]
    response = client.get("/en/library/", {"q": "paged", "sort": "date", "page": 2})
    assert titles(response) == [r.title for r in reversed(made)][20:]
    assert "Page 2 of 2" in response.text


def test_bad_parameters_are_ignored(client, make_resource):
    make_resource(title="Anything")
    for params in ({"year": "abc"}, {"type": "<x>"}, {"page": "-4"}, {"sort": "drop"}):
        assert client.get("/en/library/", params).status_code == 200


@pytest.mark.parametrize("query", ["gender", ""])
def test_query_count_does_not_grow_with_results(
    client, make_resource, django_assert_max_num_queries, query
):
    theme = Term.objects.filter(vocabulary="theme").first()

    def count_queries():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            assert client.get("/en/library/", {"q": query}).status_code == 200
        return len(captured)

    for _ in range(5):
        make_resource(title="Gender resource", themes=[theme])
    few = count_queries()
    for _ in range(45):
        make_resource(title="Gender resource", themes=[theme])
    with django_assert_max_num_queries(few):
        response = client.get("/en/library/", {"q": query})
    assert len(titles(response)) == 20
    assert reverse("library:index") == "/en/library/"


# Languages from settings, and Arabic.

ARABIC_MARKED = "الْمَدْرَسَةُ الآمِنَةُ لِلأَطْفَالِ"  # "The safe school for children", voweled
ARABIC_PLAIN = "المدرسة الامنة للاطفال"


@pytest.fixture
def with_arabic(settings):
    assert "ar" in dict(settings.LANGUAGES)  # Arabic is one of the site's languages


def arabic_resource(make_resource, *, title, text=""):
    """A resource written in Arabic: its title in Arabic only."""
    resource = make_resource(title=title, language="ar", text=text)
    assert resource.title.as_dict() == {"ar": title}
    return resource


@pytest.mark.parametrize(
    ("written", "folded"),
    [
        ("الْمَدْرَسَةُ", "مدرسه"),  # marks gone, the article off, ta marbuta as ha
        ("أطفال", "اطفال"),  # alef with hamza above
        ("إطفال", "اطفال"),  # alef with hamza below
        ("آمنة", "امنه"),  # alef with madda
        ("ٱلكتاب", "كتاب"),  # alef wasla, then the article
        ("مستشفى", "مستشفي"),  # alef maqsura
        ("كتـــاب", "كتاب"),  # tatweel
        ("والمدارس", "مدارس"),  # wa- + article, four letters left
        ("والدين", "والدين"),  # "parents" is not wa- + "religion"
        ("الالتزام", "تزام"),  # the article taken off as often as it is there
        ("التزام", "تزام"),
        ("للمرأة", "مراه"),  # li- + article
        ("Violência café", "Violência café"),  # other scripts untouched
    ],
)
def test_fold_arabic(written, folded):
    assert search.fold(written) == folded


def test_query_terms_keep_a_marked_arabic_word_whole():
    assert search.query_terms("الْمَدْرَسَةُ  school") == ["المدرسة", "school"]


@pytest.mark.parametrize(
    ("title", "query"), [(ARABIC_MARKED, ARABIC_PLAIN), (ARABIC_PLAIN, ARABIC_MARKED)]
)
def test_arabic_title_is_found_with_or_without_marks(
    client, make_resource, with_arabic, title, query
):
    resource = arabic_resource(make_resource, title=title)
    make_resource(title="Unrelated budget", text="مدرسة أخرى")  # "another school": one word
    assert search.candidates(query) == [resource.pk]
    for word in search.query_terms(query):
        assert resource.pk in search.candidates(word), word
    # Shown on the English page in its own language, marked as such.
    response = client.get("/en/library/", {"q": query})
    assert titles(response) == [title]
    assert f'lang="ar">{title}</a>' in response.text


def test_arabic_body_is_found_by_a_letter_form_variant(client, make_resource, with_arabic):
    resource = arabic_resource(
        make_resource, title="Safe schools", text="تقرير عن مستشفى الأطفال في القاهرة"
    )
    assert search.candidates("مستشفي اطفال") == [resource.pk]
    assert search.candidates("أطفال") == [resource.pk]
    response = client.get("/en/library/", {"q": "اطفال"})
    assert "<mark>الأطفال</mark>" in response.text


def test_search_configuration_comes_from_settings(settings):
    settings.LANGUAGES = [*settings.LANGUAGES, ("xx", "Testing")]
    settings.LIBRARY_SEARCH_CONFIGS = {"en": "english", "ar": "arabic"}
    assert search.languages()[-1] == "xx" and "ar" in search.languages()
    assert search.pg_config("ar") == "arabic"
    assert search.pg_config("es") == search.pg_config("xx") == "simple"


def test_reindex_command_indexes_every_resource(make_resource):
    first, second = make_resource(title="Reindexed one"), make_resource(title="Reindexed two")
    for resource in (first, second):
        search.index_remove(resource.pk)
    assert search.candidates("reindexed") == []
    out = io.StringIO()
    call_command("library_reindex", stdout=out)
    assert sorted(search.candidates("reindexed")) == sorted([first.pk, second.pk])
    assert "Indexed 2 resources" in out.getvalue()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="stemming configurations")
def test_changing_a_language_configuration_takes_a_reindex_and_no_code(settings, make_resource):
    resource = make_resource(title="Padres", language="es", text="Las violencias en la escuela.")
    assert search.candidates("violencia") == [resource.pk]
    settings.LIBRARY_SEARCH_CONFIGS = {**settings.LIBRARY_SEARCH_CONFIGS, "es": "simple"}
    call_command("library_reindex", stdout=io.StringIO())
    # Word for word now: the plural is no longer the singular's stem.
    assert search.candidates("violencia") == []
    assert search.candidates("violencias") == [resource.pk]
