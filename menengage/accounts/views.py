from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from menengage.core.errors import DomainError

from . import twofactor
from .forms import SignInForm, TwoFactorCodeForm, TwoFactorEnrolForm
from .permissions import needs_two_factor


class SignInView(auth_views.LoginView):
    form_class = SignInForm
    template_name = "accounts/signin.html"
    redirect_authenticated_user = True

    def form_valid(self, form):
        user = form.get_user()
        if needs_two_factor(user):
            # The password alone does not sign these people in: a code must follow.
            twofactor.pending_start(self.request, user, self.get_success_url())
            return redirect("accounts:two_factor")
        return super().form_valid(form)


def _safe_next(request, candidate):
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return "/"


@never_cache
@require_http_methods(["GET", "POST"])
def two_factor(request):
    """The second step of sign-in, or a fresh code for pages that need one; enrols when needed."""
    user, pending = twofactor.pending_user(request)
    if user is None and request.user.is_authenticated:
        user, pending = request.user, None
    if user is None:
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
        context |= {"secret": device.secret, "qr": twofactor.qr_data_uri(device)}
    else:
        context["codes_left"] = twofactor.recovery_codes_left(user)
    return render(request, "accounts/two_factor.html", context)


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset_form.html"
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")
