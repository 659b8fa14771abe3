from django.http import Http404
from django.shortcuts import render

from . import selectors
