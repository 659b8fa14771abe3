import re
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from menengage.core.clients import client_key
from menengage.core.errors import DomainError

from . import twofactor
from .forms import PasswordResetForm, SignInForm, TwoFactorCodeForm, TwoFactorEnrolForm
from .permissions import needs_two_factor


def _workspace():
    """Where a sign-in without a page to return to lands: the person's own workspace, in the
    current language (the workspace app's address, named here so accounts imports nothing of it).
    """
    return reverse("workspace:home")


def _is_sign_in_page(url):
    """The sign-in pages themselves, in any language: never a place to return to."""
    languages = "|".join(re.escape(code) for code, _name in settings.LANGUAGES)
    return re.match(rf"^/({languages})/accounts/", urlsplit(url).path) is not None


def _safe_next(request, candidate):
    """`candidate` when it is an address on this site outside the sign-in pages, else the
    person's workspace in the current language."""
    if (
        candidate
        and url_has_allowed_host_and_scheme(
            candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
        and not _is_sign_in_page(candidate)
    ):
        return candidate
    return _workspace()


def _with_next(url_name, next_url):
    return f"{reverse(url_name)}?{urlencode({'next': next_url})}"


class SignInView(auth_views.LoginView):
    """The one sign-in page of the site and both admins, in the language of the page it returns
    to."""

    form_class = SignInForm
    template_name = "accounts/signin.html"
    redirect_authenticated_user = True

    def dispatch(self, request, *args, **kwargs):
        next_url = self.get_redirect_url()
        language = translation.get_language_from_path(next_url) if next_url else None
        if request.method == "GET" and language and language != translation.get_language():
            with translation.override(language):
                return redirect(_with_next("accounts:login", next_url))
        if twofactor.half_signed_in_user(request):
            # Signed in by a password alone (the admins' old sign-in, or a role gained since):
            # the second factor completes it.
            return redirect(_with_next("accounts:two_factor", self.get_success_url()))
        return super().dispatch(request, *args, **kwargs)

    def get_redirect_url(self, request=None):
        candidate = super().get_redirect_url(request)
        return candidate if candidate and _safe_next(self.request, candidate) == candidate else ""

    def get_default_redirect_url(self):
        return _workspace()

    def get_context_data(self, **kwargs):
        # Django's sign-in view names the site after the request's host ("localhost:8000").
        return {**super().get_context_data(**kwargs), "site_name": settings.WAGTAIL_SITE_NAME}

    def form_valid(self, form):
        user = form.get_user()
        if needs_two_factor(user):
            # The password alone does not sign these people in: a code must follow.
            twofactor.pending_start(self.request, user, self.get_success_url())
            return redirect("accounts:two_factor")
        return super().form_valid(form)


def admin_sign_in(request, home=None):
    """The admins' (and Wagtail's private pages') sign-in addresses lead to the site's sign-in,
    keeping where to go next."""
    next_url = request.GET.get("next") or home
    return redirect(_with_next("accounts:login", next_url) if next_url else "accounts:login")


def admin_password_reset(request):
    return redirect("accounts:password_reset")


@never_cache
@require_http_methods(["GET", "POST"])
def two_factor(request):
    """The second step of sign-in, or a fresh code for pages that need one; enrols when needed."""
    user, pending = twofactor.pending_user(request)
    if user is None:
        user = twofactor.half_signed_in_user(request) or request.user
    if not user.is_authenticated:
        return redirect("accounts:login")
    next_url = _safe_next(request, pending["next"] if pending else request.GET.get("next"))
    enrolling = not twofactor.is_enrolled(user)
    device = twofactor.device_start_enrolment(user=user) if enrolling else None
    form = (TwoFactorEnrolForm if enrolling else TwoFactorCodeForm)(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            if enrolling:
                codes = twofactor.device_confirm(user=user, code=form.cleaned_data["code"])
            else:
                twofactor.code_verify(user=user, code=form.cleaned_data["code"])
        except DomainError as refused:
            form.add_error("code", str(refused))
        else:
            if pending:
                request.session.pop(twofactor.PENDING_KEY, None)
                login(request, user, backend=pending["backend"])
            twofactor.session_mark_verified(request.session)
            if enrolling:
                context = {"codes": codes, "next": next_url}
                return render(request, "accounts/two_factor_codes.html", context)
            return redirect(next_url)
    context = {"form": form, "enrolling": enrolling, "next": next_url}
    if enrolling:
        secret = twofactor.device_secret(device)
        context |= {"secret": secret, "qr": twofactor.qr_data_uri(device)}
    else:
        context["codes_left"] = twofactor.recovery_codes_left(user)
    return render(request, "accounts/two_factor.html", context)


class PasswordResetView(auth_views.PasswordResetView):
    """Ask for a link to choose a password: the same answer whether or not the address is known."""

    form_class = PasswordResetForm
    template_name = "accounts/password_reset_form.html"
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "client": client_key(self.request)}


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")


class PasswordSetView(PasswordResetConfirmView):
    """The first password of a new account, from the link in its welcome or invitation e-mail."""

    extra_context = {"first_password": True}
