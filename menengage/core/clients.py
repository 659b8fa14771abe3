"""The client's address, known in one place: behind the TLS proxy every request comes from the
proxy, so each limit and lockout asks `client_address` (or `client_key`) instead of reading
REMOTE_ADDR or X-Forwarded-For itself.

Only the proxies named in TRUSTED_PROXIES are believed. X-Forwarded-For is read from the right:
each trusted proxy appends the address it saw, so the first address from the right that is not a
trusted proxy is the client; anything to its left was written by the client and may be forged.
"""

import ipaddress
from functools import lru_cache

from django.conf import settings
from django.core import checks
from django.utils.crypto import salted_hmac


@lru_cache(maxsize=8)
def _networks(proxies):
    return tuple(ipaddress.ip_network(proxy, strict=False) for proxy in proxies)


def _trusted(address):
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in _networks(tuple(settings.TRUSTED_PROXIES)))


def client_address(request):
    """The address of the client that sent `request`, as far as trusted proxies vouch for it."""
    address = request.META.get("REMOTE_ADDR", "").strip()
    if not _trusted(address):
        return address
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
    for hop in reversed(hops):
        if not _trusted(hop):
            return hop[:100]
        address = hop
    # Every hop is a proxy of ours: the request started inside, at the leftmost of them.
    return address


def client_key(request):
    """A keyed hash of the client's address for counting its attempts: the address itself is
    never stored. IPv6 clients are counted by their /64, the block one household or host
    usually holds, or each of its addresses would get a limit of its own."""
    address = client_address(request)
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        ip = None
    if ip is not None and ip.version == 6 and ip.ipv4_mapped is None:
        address = str(ipaddress.ip_network(f"{ip}/64", strict=False))
    elif ip is not None and ip.version == 6:
        address = str(ip.ipv4_mapped)
    return salted_hmac("menengage.core.client", address, algorithm="sha256").hexdigest()[:32]


@checks.register(checks.Tags.security)
def check_trusted_proxies(app_configs=None, **kwargs):
    """A mistyped proxy address would fail every request: say so at start-up instead."""
    errors = []
    for proxy in settings.TRUSTED_PROXIES:
        try:
            ipaddress.ip_network(proxy, strict=False)
        except ValueError:
            errors.append(
                checks.Error(
                    f"TRUSTED_PROXIES holds {proxy!r}, which is not an address or a network.",
                    hint="Use addresses or networks such as 127.0.0.1 or 10.0.0.0/8.",
                    id="menengage.E001",
                )
            )
    return errors
