"""Who is signed in, for every request: Django's authentication, with the second factor enforced.

The sign-in view never signs a person who needs a second factor in by the password alone, but a
session can still carry such a person without one: signed in before two-factor sign-in existed,
given a coordinator or focal point role since, or by any other route to `login()`. Here such a
session counts as nobody signed in, so every page, API call and both admins refuse it exactly as
they refuse a visitor, and the sign-in page sends the person on to the second-factor step.
"""

from functools import partial

from asgiref.sync import sync_to_async
from django.contrib.auth import middleware as auth_middleware
from django.utils.functional import SimpleLazyObject

from .twofactor import signed_in_user


def _user(request):
    return signed_in_user(auth_middleware.get_user(request), request.session)


async def _auser(request):
    user = await auth_middleware.auser(request)
    return await sync_to_async(signed_in_user)(user, request.session)


class AuthenticationMiddleware(auth_middleware.AuthenticationMiddleware):
    """Django's `AuthenticationMiddleware`, with `request.user` from `signed_in_user`."""

    def process_request(self, request):
        super().process_request(request)
        request.user = SimpleLazyObject(partial(_user, request))
        request.auser = partial(_auser, request)
