import re

import pytest


@pytest.mark.django_db
def test_public_pages_send_a_strict_content_security_policy(client):
    response = client.get("/en/")
    policy = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
def test_public_pages_make_no_third_party_request(client):
    html = client.get("/en/").content.decode()
    tags = re.findall(r'(<(?:script|link|img)[^>]+(?:src|href)="((?:https?:)?//[^"]+)")', html)
    # hreflang alternates name addresses for search engines; a browser fetches none of them.
    loaded = [url for tag, url in tags if 'rel="alternate"' not in tag]
    assert loaded == []
    assert any('rel="alternate"' in tag for tag, _url in tags)
    assert "<script" not in html
