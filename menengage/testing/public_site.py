"""The four-language public site every test expects (home, about, beliefs, principles, stories):
built once per run into the cached test database (menengage.testing.database), not by each
pytest worker after it copies that database. menengage/conftest.py builds it there only when
the database has none (with `MENENGAGE_TEST_DB_CACHE=0`).

`python -m menengage.testing.public_site` builds it into the database of DATABASE_URL.
"""


def build():
    """Build the site, with Wagtail's indexing tasks run at once rather than left queued."""
    from django.test.utils import override_settings

    from menengage.content.demo import build_site

    immediate = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    with override_settings(TASKS=immediate):
        build_site()


if __name__ == "__main__":
    import django

    django.setup()
    build()
