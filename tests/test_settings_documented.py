"""Every environment variable the settings read is documented (Datasette's rule)."""

import re

from django.conf import settings

SETTINGS_FILE = settings.BASE_DIR / "config" / "settings.py"


def variables_read():
    source = SETTINGS_FILE.read_text()
    return set(re.findall(r'env(?:_bool|_list)?\("([A-Z_]+)"', source))


def test_settings_read_environment_variables():
    assert {"SECRET_KEY", "DATABASE_URL", "HOST", "PORT"} <= variables_read()


def test_every_variable_is_in_env_example():
    example = (settings.BASE_DIR / ".env.example").read_text()
    documented = set(re.findall(r"^([A-Z_]+)=", example, flags=re.MULTILINE))
    assert variables_read() - documented == set()


def test_every_variable_is_in_the_readme():
    readme = (settings.BASE_DIR / "README.md").read_text()
    missing = {name for name in variables_read() if f"`{name}`" not in readme}
    assert missing == set()
