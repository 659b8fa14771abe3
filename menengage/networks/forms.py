from django import forms

from menengage.accounts.models import User


class PublicContactForm(forms.ModelForm):
    """The contact a coordinator chooses to publish on their network's page."""

    class Meta:
        model = User
        fields = ["public_email", "public_phone"]
        widgets = {
            "public_email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "public_phone": forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
        }
