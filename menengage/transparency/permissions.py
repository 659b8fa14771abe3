"""Who may see and edit the Alliance's finances."""

from menengage.accounts.permissions import is_secretariat


def can_edit_finances(user):
    """Secretariat staff enter, correct and publish the financial data."""
    return is_secretariat(user)


def can_preview_year(user):
    """Secretariat staff see a financial year before it is published."""
    return is_secretariat(user)


def can_see_year(user, financial_year):
    return financial_year.is_published or can_preview_year(user)
