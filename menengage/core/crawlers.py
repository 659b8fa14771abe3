"""What crawlers ask for: `/sitemap.xml` (`config/sitemaps.py` names its sections),
`/robots.txt` and `/favicon.ico`.

Every section lists each public record once per site language, with `hreflang` alternates and
x-default, in pages of `SITEMAP_PAGE_SIZE` addresses under one sitemap index, so 50,000
resources make a few dozen small files rather than one that search engines refuse.
"""

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.http import HttpResponse, HttpResponsePermanentRedirect
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

SITEMAP_PAGE_SIZE = 1000  # addresses per sitemap file: about half a second and 800 KB each


class LanguageExpandedItems:
    """A queryset seen as (record, language) pairs, fetching only the records a page needs.

    Django's i18n sitemap builds every pair in memory before it slices one page out; this
    gives its paginator a count and slices instead.
    """

    def __init__(self, queryset, languages):
        self.queryset = queryset
        self.languages = languages

    def count(self):
        return self.queryset.count() * len(self.languages)

    def __len__(self):
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        width = len(self.languages)
        start, stop = index.start or 0, index.stop
        records = self.queryset[start // width : -(-stop // width)] if stop else self.queryset
        pairs = [(record, code) for record in records for code in self.languages]
        offset = start - (start // width) * width
        return pairs[offset : offset + (stop - start)] if stop else pairs[offset:]


class PublicSitemap(Sitemap):
    """A section of public records, each in every site language, with its alternates."""

    i18n = True
    alternates = True
    x_default = True
    limit = SITEMAP_PAGE_SIZE

    def _languages(self):
        return [code for code, _name in settings.LANGUAGES]

    def _items(self):
        return LanguageExpandedItems(self.items(), self._languages())

    def _urls(self, page, protocol, domain):
        """Django's entries, with each record's address in each language worked out once
        rather than once per entry and alternate (a fifth of the work)."""
        languages = self._languages()
        addresses = {}
        urls = []
        for record, code in self.paginator.page(page).object_list:
            if id(record) not in addresses:
                addresses[id(record)] = alternates = []
                for language in languages:
                    with translation.override(language):
                        location = f"{protocol}://{domain}{self.location(record)}"
                    alternates.append({"location": location, "lang_code": language})
                default = next(
                    (a for a in alternates if a["lang_code"] == settings.LANGUAGE_CODE), None
                )
                if default:
                    prefix = f"/{settings.LANGUAGE_CODE}/"
                    location = default["location"].replace(prefix, "/", 1)
                    alternates.append({"location": location, "lang_code": "x-default"})
            alternates = addresses[id(record)]
            location = next(a["location"] for a in alternates if a["lang_code"] == code)
            urls.append(
                {
                    "item": record,
                    "location": location,
                    "lastmod": None,
                    "changefreq": None,
                    "priority": "",
                    "alternates": alternates,
                }
            )
        return urls


class ViewSitemap(PublicSitemap):
    """The public index pages, by URL name."""

    def __init__(self, names):
        self.names = names

    def items(self):
        return ListQuery(self.names)

    def location(self, name):
        return reverse(name)


class ListQuery(list):
    """A plain list with the `count()` a paginator asks a queryset for."""

    def count(self):
        return len(self)


@require_GET
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    """What crawlers may read: everything public; not the admin, accounts, the member portal,
    review queues or concern follow-ups. Names the sitemap."""
    private = ["/admin/", "/django-admin/", "/api/v1/docs"]
    for code, _name in settings.LANGUAGES:
        private += [
            f"/{code}/accounts/",
            f"/{code}/portal/",
            f"/{code}/membership/",
            f"/{code}/concerns/follow-up/",
            f"/{code}/concerns/cases/",
        ]
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in private)]
    lines.append(f"Sitemap: {request.build_absolute_uri(reverse('sitemap-index'))}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_GET
def favicon(request):
    """Crawlers and old browsers ask for /favicon.ico whatever a page names: the SVG icon."""
    return HttpResponsePermanentRedirect(static("favicon.svg"))
