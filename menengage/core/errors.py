"""Domain errors raised by services and model guards, shown to people as whole sentences."""


class DomainError(Exception):
    """A rule of the Alliance refused an action; the message is safe to show."""


class InvalidTransition(DomainError):
    """A status change that the object's current state does not allow."""


class NotPermitted(DomainError):
    """The actor may not do this."""
