import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from menengage.core.clients import client_key
from menengage.core.errors import DomainError, NotPermitted
from menengage.core.spreadsheets import cell_text

from . import permissions, selectors, services
from .forms import (
    ActionReportForm,
    AnswerForm,
    CommentForm,
    EndorseForm,
    MemberEndorseForm,
    OpenCommentsForm,
    VersionForm,
)
from .models import Comment, Declaration


def _declaration(slug, full=True):
    try:
        return selectors.declaration_get(slug=slug, full=full)
    except Declaration.DoesNotExist as missing:
        raise Http404 from missing


def _refusal(error):
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error)


def declaration_index(request):
    declarations = selectors.declaration_list()
    return render(request, "declarations/declaration_list.html", {"declarations": declarations})


def declaration_detail(request, slug):
    declaration = _declaration(slug)
    version = selectors.declaration_current_version(declaration)
    context = {
        "declaration": declaration,
        "version": version,
        "follow_up": selectors.commitment_follow_up(declaration=declaration),
        "recent_actions": selectors.commitment_actions_recent(declaration=declaration),
        "can_comment": permissions.can_read_comments(request.user, declaration),
        "can_manage": permissions.can_manage(request.user, declaration),
        "can_report": bool(request.user.is_authenticated)
        and permissions.member_organisations(request.user).exists(),
        "can_export": permissions.can_export(request.user),
    }
    return render(request, "declarations/declaration_detail.html", context)


# Endorsing


def _member_form(request, declaration, data=None):
    organisations = permissions.member_organisations(request.user)
    if not organisations.exists():
        return None
    return MemberEndorseForm(data, organisations=organisations)


@require_http_methods(["GET", "POST"])
def endorse(request, slug):
    declaration = _declaration(slug)
    if not declaration.is_open_for_endorsement:
        raise Http404
    form = EndorseForm(request.POST or None)
    context = {"declaration": declaration, "form": form}
    if request.method == "POST":
        if services.signon_throttle_exceeded(client=client_key(request)):
            context["error"] = _("Too many sign-ons from your connection. Please try again later.")
            return render(request, "declarations/endorsement_form.html", context, status=429)
        if form.is_robot:
            return redirect("declarations:endorse_sent", slug=slug)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.endorsement_sign(
                    actor=request.user,
                    declaration=declaration,
                    kind=data["kind"],
                    name=data["name"],
                    email=data["email"],
                    country=data["country"],
                    language=get_language(),
                    organisation_name=data["organisation_name"],
                )
            except (DomainError, ValidationError) as refused:
                form.add_error(None, _refusal(refused))
                status = 409 if isinstance(refused, services.DuplicateEndorsement) else 400
                return render(request, "declarations/endorsement_form.html", context, status=status)
            return redirect("declarations:endorse_sent", slug=slug)
    context["member_form"] = _member_form(request, declaration)
    return render(request, "declarations/endorsement_form.html", context)


@login_required
@require_POST
def endorse_member(request, slug):
    declaration = _declaration(slug)
    form = _member_form(request, declaration, request.POST)
    if form is None:
        raise PermissionDenied
    if form.is_valid():
        organisation = form.cleaned_data["organisation"]
        try:
            services.endorsement_sign(
                actor=request.user,
                declaration=declaration,
                kind="organisation",
                name=request.user.name or request.user.email,
                email=request.user.email,
                country=organisation.country,
                language=get_language(),
                organisation=organisation,
            )
        except (DomainError, ValidationError) as refused:
            messages.error(request, _refusal(refused))
        else:
            messages.success(request, _("Your organisation now endorses this declaration."))
    return redirect("declarations:signatories", slug=slug)


def endorse_sent(request, slug):
    declaration = _declaration(slug)
    return render(request, "declarations/endorsement_sent.html", {"declaration": declaration})


def _token_page(request, token, *, load, act, template):
    try:
        endorsement = load(token)
    except DomainError as bad:
        return render(request, template, {"error": bad}, status=404)
    context = {"endorsement": endorsement, "declaration": endorsement.declaration}
    if request.method == "POST":
        try:
            context["endorsement"] = act(endorsement=endorsement, actor=request.user)
        except DomainError as refused:
            context["error"] = refused
            return render(request, template, context, status=409)
        context["done"] = True
    return render(request, template, context)


@never_cache
@require_http_methods(["GET", "POST"])
def endorsement_confirm(request, token):
    """A GET only shows the button, so a mail scanner opening the link confirms nothing."""
    return _token_page(
        request,
        token,
        load=services.endorsement_from_confirm_token,
        act=services.endorsement_confirm,
        template="declarations/endorsement_confirm.html",
    )


@never_cache
@require_http_methods(["GET", "POST"])
def endorsement_withdraw(request, token):
    return _token_page(
        request,
        token,
        load=services.endorsement_from_withdraw_token,
        act=services.endorsement_withdraw,
        template="declarations/endorsement_withdraw.html",
    )


# Signatories


def signatory_list(request, slug):
    declaration = _declaration(slug, full=False)
    filters = selectors.clean_signatory_filters(request.GET)
    after = request.GET.get("after", "")
    after = int(after) if after.isdigit() else None
    signatories, next_after = selectors.signatory_page(
        declaration=declaration, filters=filters, after=after
    )
    context = {
        "declaration": declaration,
        "filters": filters,
        "signatories": signatories,
        "next_after": next_after,
        "after": after,
        "count": selectors.signatory_count(declaration=declaration, filters=filters),
        "places": selectors.signatory_places(),
        "can_export": permissions.can_export(request.user),
    }
    return render(request, "declarations/endorsement_list.html", context)


class _Echo:
    def write(self, value):
        return value


@never_cache
@login_required
def signatory_export(request, slug):
    if not permissions.can_export(request.user):
        raise PermissionDenied
    declaration = _declaration(slug)
    writer = csv.writer(_Echo())
    rows = selectors.endorsement_export_rows(declaration=declaration)
    lines = (
        writer.writerow([cell_text(row[column]) for column in selectors.EXPORT_COLUMNS])
        for row in rows
    )
    header = writer.writerow(selectors.EXPORT_COLUMNS)
    response = StreamingHttpResponse(
        (line for part in ([header], lines) for line in part),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{declaration.slug}-endorsements.csv"'
    return response


# Comments


@login_required
@require_http_methods(["GET", "POST"])
def comment_list(request, slug):
    declaration = _declaration(slug)
    if not permissions.can_read_comments(request.user, declaration):
        raise Http404
    version = selectors.declaration_current_version(declaration)
    organisations = permissions.member_organisations(request.user)
    form = None
    if permissions.can_comment(request.user, declaration):
        form = CommentForm(
            request.POST or None,
            organisations=organisations,
            paragraphs=version.paragraph_numbers,
            initial={"paragraph": request.GET.get("paragraph")},
        )
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.comment_add(
                    actor=request.user, declaration=declaration, **form.cleaned_data
                )
            except (DomainError, ValidationError) as refused:
                form.add_error(None, _refusal(refused))
            else:
                return redirect("declarations:comments", slug=slug)
    context = {
        "declaration": declaration,
        "version": version,
        "threads": selectors.comment_threads(version=version),
        "form": form,
        "can_answer": permissions.is_drafter(request.user, declaration),
        "answer_form": AnswerForm(),
    }
    return render(request, "declarations/comment_list.html", context)


@login_required
@require_POST
def comment_answer(request, slug, pk):
    declaration = _declaration(slug)
    comment = Comment.objects.filter(pk=pk, version__declaration=declaration).first()
    if comment is None or not permissions.can_read_comments(request.user, declaration):
        raise Http404
    form = AnswerForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Write the answer."))
    else:
        try:
            services.comment_answer(actor=request.user, comment=comment, **form.cleaned_data)
        except NotPermitted as refused:
            raise PermissionDenied from refused
        except (DomainError, ValidationError) as refused:
            messages.error(request, _refusal(refused))
    return redirect("declarations:comments", slug=slug)


# Drafting (drafters and the Secretariat)


@login_required
@require_http_methods(["GET", "POST"])
def manage(request, slug):
    declaration = _declaration(slug)
    if not permissions.can_manage(request.user, declaration):
        raise PermissionDenied
    version = selectors.declaration_current_version(declaration)
    initial = {"text": version.text}
    form = VersionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.version_update(
                actor=request.user,
                version=version,
                texts=form.texts(),
                note=form.cleaned_data["note"],
            )
        except (DomainError, ValidationError) as refused:
            form.add_error(None, _refusal(refused))
        else:
            messages.success(request, _("The text is saved."))
            return redirect("declarations:manage", slug=slug)
    context = {
        "declaration": declaration,
        "version": version,
        "form": form,
        "open_form": OpenCommentsForm(),
        "can_adopt": permissions.can_adopt(request.user),
    }
    return render(request, "declarations/declaration_manage.html", context)


@login_required
@require_POST
def manage_open_comments(request, slug):
    declaration = _declaration(slug)
    if not permissions.can_manage(request.user, declaration):
        raise PermissionDenied
    form = OpenCommentsForm(request.POST)
    if form.is_valid():
        try:
            services.declaration_open_comments(
                actor=request.user, declaration=declaration, **form.cleaned_data
            )
        except (DomainError, ValidationError) as refused:
            messages.error(request, _refusal(refused))
        else:
            messages.success(request, _("Members can now comment on the draft."))
    else:
        messages.error(request, _("Choose a closing date."))
    return redirect("declarations:manage", slug=slug)


@login_required
@require_POST
def manage_adopt(request, slug):
    declaration = _declaration(slug)
    if not permissions.can_adopt(request.user):
        raise PermissionDenied
    try:
        services.declaration_adopt(actor=request.user, declaration=declaration)
    except DomainError as refused:
        messages.error(request, str(refused))
        return redirect("declarations:manage", slug=slug)
    messages.success(request, _("The declaration is adopted: its text is final."))
    return redirect("declarations:detail", slug=slug)


# Follow-up


@login_required
@require_http_methods(["GET", "POST"])
def action_report(request, slug):
    declaration = _declaration(slug)
    organisations = permissions.member_organisations(request.user)
    if not organisations.exists() or not declaration.is_open_for_endorsement:
        raise PermissionDenied
    form = ActionReportForm(
        request.POST or None,
        organisations=organisations,
        commitments=declaration.commitments.all(),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.commitment_action_report(actor=request.user, **form.cleaned_data)
        except (DomainError, ValidationError) as refused:
            form.add_error(None, _refusal(refused))
        else:
            messages.success(request, _("Thank you: your action is recorded."))
            return redirect("declarations:detail", slug=slug)
    context = {"declaration": declaration, "form": form}
    return render(request, "declarations/action_form.html", context)
