from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from menengage.accounts.models import RoleAssignment
from menengage.accounts.permissions import has_role
from menengage.accounts.services import user_public_contact_update

from . import selectors
from .forms import PublicContactForm
from .models import Network


def network_index(request):
    regions = selectors.network_list_by_region()
    return render(request, "networks/network_list.html", {"regions": regions})


def network_detail(request, slug):
    try:
        network = selectors.network_get(slug=slug)
    except Network.DoesNotExist as missing:
        raise Http404 from missing
    context = {
        "network": network,
        "coordinators": selectors.network_coordinator_contacts(network=network),
        "coordinates": has_role(request.user, RoleAssignment.Role.COORDINATOR, network),
    }
    return render(request, "networks/network_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def coordinator_contact(request, slug):
    """A coordinator chooses the contact shown beside their name on the network's page."""
    network = Network.objects.filter(slug=slug).first()
    if network is None or not has_role(request.user, RoleAssignment.Role.COORDINATOR, network):
        raise Http404
    form = PublicContactForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        user_public_contact_update(user=request.user, actor=request.user, **form.cleaned_data)
        return redirect(network.get_absolute_url())
    context = {"network": network, "form": form}
    return render(
        request, "networks/coordinator_contact.html", context, status=400 if form.errors else 200
    )
