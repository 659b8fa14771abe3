"""Model fields every app shares.

Free text people type has a length limit, checked by the model (`full_clean`) and shown to its
forms (`maxlength`, Django's translated "at most N characters"), so nobody stores a megabyte
in a box meant for a paragraph. Texts that are whole documents get a larger limit.
"""

from django.core import validators
from django.db import models
from django.utils.functional import cached_property

# A few pages of writing: descriptions, reasons, notes, abstracts.
TEXT_MAX_LENGTH = 10_000
# A whole document: a declaration, a framework version, minutes, a resource's full text.
DOCUMENT_MAX_LENGTH = 200_000


class BoundedTextField(models.TextField):
    """A text field with a length limit (`TEXT_MAX_LENGTH` unless given) the model enforces."""

    def __init__(self, *args, max_length=TEXT_MAX_LENGTH, **kwargs):
        super().__init__(*args, max_length=max_length, **kwargs)

    @cached_property
    def validators(self):
        return [*super().validators, validators.MaxLengthValidator(self.max_length)]


class DocumentTextField(BoundedTextField):
    """A text field holding a whole document, with the larger `DOCUMENT_MAX_LENGTH` limit."""

    def __init__(self, *args, max_length=DOCUMENT_MAX_LENGTH, **kwargs):
        super().__init__(*args, max_length=max_length, **kwargs)
