"""The client's address behind proxies: only trusted proxies are believed."""

import pytest
from django.test import RequestFactory

from menengage.core.clients import client_address, client_key


def request(remote, forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def test_without_trusted_proxies_a_forwarded_header_is_ignored(settings):
    settings.TRUSTED_PROXIES = []
    assert client_address(request("203.0.113.7", "198.51.100.1")) == "203.0.113.7"


def test_an_untrusted_peer_cannot_forge_its_address(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.1"]
    assert client_address(request("203.0.113.7", "198.51.100.1, 10.0.0.1")) == "203.0.113.7"


def test_a_forged_leftmost_entry_is_skipped_behind_a_trusted_proxy(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    # The client wrote "192.0.2.66"; the proxy appended the address it really saw.
    forwarded = "192.0.2.66, 203.0.113.7"
    assert client_address(request("10.1.2.3", forwarded)) == "203.0.113.7"


def test_a_chain_of_trusted_proxies_is_walked_from_the_right(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8", "2001:db8::/32"]
    forwarded = "192.0.2.66, 203.0.113.7, 2001:db8::5, 10.9.9.9"
    assert client_address(request("10.1.2.3", forwarded)) == "203.0.113.7"


def test_a_trusted_proxy_without_a_header_is_itself_the_client(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.1"]
    assert client_address(request("10.0.0.1")) == "10.0.0.1"


def test_the_key_hides_the_address_and_groups_an_ipv6_block(settings):
    settings.TRUSTED_PROXIES = []
    key = client_key(request("2001:db8:1:2::1"))
    assert "2001" not in key
    assert key == client_key(request("2001:db8:1:2:ffff::9"))
    assert key != client_key(request("2001:db8:1:3::1"))
    assert client_key(request("192.0.2.1")) != client_key(request("192.0.2.2"))


@pytest.mark.parametrize("forged", ["192.0.2.1", "192.0.2.2", "not an address"])
def test_every_forged_header_gives_the_same_key_from_an_untrusted_peer(settings, forged):
    settings.TRUSTED_PROXIES = ["10.0.0.1"]
    assert client_key(request("203.0.113.7", forged)) == client_key(request("203.0.113.7"))


def test_a_mistyped_proxy_is_reported_at_start_up(settings):
    from menengage.core.clients import check_trusted_proxies

    settings.TRUSTED_PROXIES = ["10.0.0.0/8", "proxy.example"]
    assert [error.id for error in check_trusted_proxies()] == ["menengage.E001"]
