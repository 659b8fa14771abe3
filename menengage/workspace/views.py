from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from menengage.accounts.twofactor import session_is_fresh

from . import selectors


@never_cache
@login_required
def workspace(request):
    """What needs the signed-in person now, from every part of the platform their roles open."""
    sections = selectors.workspace_sections(
        actor=request.user, case_details=session_is_fresh(request.session)
    )
    return render(request, "workspace/workspace.html", {"sections": sections})
