from django import forms

from campaign.emails import normalise_email
from campaign.models import Signature


class SignatureForm(forms.ModelForm):
    """The signing form. `website` is a honeypot: hidden from people, filled in by bots."""

    website = forms.CharField(required=False, label="Leave this empty")

    class Meta:
        model = Signature
        fields = [
            "first_name",
            "last_name",
            "email",
            "country",
            "postcode",
            "opt_in",
            "show_publicly",
        ]
        labels = {
            "email": "Email address",
            "postcode": "Postcode (optional)",
            "show_publicly": "Show my first name and country on this page",
        }
        # A plain select: django-countries' CountrySelectWidget adds an inline onchange handler
        # (for flag images we do not show), which the Content Security Policy blocks.
        widgets = {"country": forms.Select}

    def __init__(self, *args, petition=None, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        if petition is not None:
            self.fields["opt_in"].label = petition.opt_in_wording
        self.fields["first_name"].widget.attrs["autocomplete"] = "given-name"
        self.fields["last_name"].widget.attrs["autocomplete"] = "family-name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["postcode"].widget.attrs["autocomplete"] = "postal-code"
        self.fields["country"].widget.attrs["autocomplete"] = "country"
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})

    def clean_first_name(self):
        return self.cleaned_data["first_name"].strip()

    def clean_last_name(self):
        return self.cleaned_data["last_name"].strip()

    def clean_postcode(self):
        return self.cleaned_data["postcode"].strip().upper()

    def clean_email(self):
        email = self.cleaned_data["email"].strip()
        try:
            self.cleaned_data["email_normalised"] = normalise_email(email)
        except ValueError as error:
            raise forms.ValidationError("Enter a valid email address.") from error
        return email
