from django.http import Http404
from django.shortcuts import render

from . import selectors
from .models import Network


def network_index(request):
    regions = selectors.network_list_by_region()
    return render(request, "networks/network_list.html", {"regions": regions})


def network_detail(request, slug):
    try:
        network = selectors.network_get(slug=slug)
    except Network.DoesNotExist as missing:
        raise Http404 from missing
    return render(request, "networks/network_detail.html", {"network": network})
