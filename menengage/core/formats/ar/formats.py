"""Arabic: Django's formats (Western digits, "4 مايو، 2026"), completed where Django leaves
the English defaults: a date with a time in the same order as a date, and thousands grouped
(Django's Arabic has a thousands separator but no grouping, so 1234567 printed ungrouped)."""

from django.conf.locale.ar.formats import *  # noqa: F403

DATETIME_FORMAT = "j F، Y، g:i A"
SHORT_DATETIME_FORMAT = "d‏/m‏/Y g:i A"
NUMBER_GROUPING = 3
