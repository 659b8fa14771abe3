"""Refusals and failures answer in the visitor's language, and a refusal logs one line."""

import io
import logging

import pytest

from menengage.networks import selectors as network_selectors

pytestmark = pytest.mark.django_db

# Already in the Spanish catalogue: proof that the page went through the visitor's language.
HOME_LINK_ES = "Ir a la página de inicio"


@pytest.fixture
def console():
    """What the project's console log handler writes during the test."""
    handler = next(h for h in logging.getLogger().handlers if type(h) is logging.StreamHandler)
    stream = io.StringIO()
    previous = handler.setStream(stream)
    yield stream
    handler.setStream(previous)


def test_a_refused_page_is_in_spanish_and_logs_one_line(client, outsider, console):
    client.force_login(outsider)
    response = client.get("/es/library/submit/")
    assert response.status_code == 403
    page = response.content.decode()
    assert '<html lang="es">' in page
    assert HOME_LINK_ES in page
    assert "<h1>" in page and "403 Forbidden" not in page
    logged = console.getvalue()
    assert "Forbidden (Permission denied): /es/library/submit/" in logged
    assert "Traceback" not in logged
    assert len(logged.strip().splitlines()) == 1


def test_a_bad_request_is_in_spanish_and_logs_one_line(client, console):
    response = client.get("/es/networks/", headers={"host": "attacker.example"})
    assert response.status_code == 400
    page = response.content.decode()
    assert '<html lang="es">' in page
    assert HOME_LINK_ES in page
    assert "Bad Request (400)" not in page
    logged = console.getvalue()
    assert "Invalid HTTP_HOST header: 'attacker.example'" in logged
    assert "Traceback" not in logged


def test_a_form_sent_without_its_token_is_refused_in_spanish(console, outsider):
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    response = browser.post("/es/accounts/sign-in/", {"username": "x", "password": "y"})
    assert response.status_code == 403
    page = response.content.decode()
    assert '<html lang="es">' in page
    assert HOME_LINK_ES in page
    assert "CSRF verification failed" not in page
    assert "Traceback" not in console.getvalue()


def test_a_missing_page_is_in_spanish(client, console):
    response = client.get("/es/networks/no-such-network/")
    assert response.status_code == 404
    assert '<html lang="es">' in response.content.decode()
    assert "Página no encontrada" in response.content.decode()
    assert "Traceback" not in console.getvalue()


def test_a_server_error_is_in_spanish_and_keeps_its_traceback(client, console, monkeypatch):
    def broken():
        raise RuntimeError("the network list is broken")

    monkeypatch.setattr(network_selectors, "network_list_by_region", broken)
    client.raise_request_exception = False
    response = client.get("/es/networks/")
    assert response.status_code == 500
    page = response.content.decode()
    assert '<html lang="es">' in page
    assert HOME_LINK_ES in page
    assert "Traceback" in console.getvalue()
    assert "the network list is broken" in console.getvalue()
