"""The signing form, shared by the petition page and the JSON API, and its country field."""

from functools import lru_cache

from django import forms
from django.utils import translation
from django_countries import countries

from campaign.models.signatures import Signature
from campaign.visible_text import strip_invisible
from core.identity import email_hash, normalise_email


@lru_cache(maxsize=16)
def country_choices(language):
    """The country list in one language, sorted by name: built once per process and language,
    because building it (and checking a value against django-countries' lazy choices) took
    about 3 ms of a signature's 5.7 ms of CPU."""
    with translation.override(language):
        return (("", "Choose your country"), *((code, str(name)) for code, name in countries))


class CountrySelect(forms.Select):
    """A plain select filled only when drawn. (django-countries' CountrySelectWidget adds an
    inline onchange handler, for flag images we do not show, which the CSP blocks.)"""

    def get_context(self, name, value, attrs):
        self.choices = country_choices(translation.get_language() or "en")
        return super().get_context(name, value, attrs)

    def use_required_attribute(self, initial):
        # Select decides from its first choice, which is not filled in yet; it is the blank
        # "Choose your country", so the answer is the plain widget's.
        return forms.Widget.use_required_attribute(self, initial)


class CountryField(forms.ChoiceField):
    """An ISO 3166 code, checked with django-countries' own lookup rather than by walking the
    choices. The model field's own check of the same list is skipped: `country` is not in the
    form's Meta.fields."""

    widget = CountrySelect

    def valid_value(self, value):
        return value in countries


class SignatureForm(forms.ModelForm):
    """The signing form. `website` is a honeypot: hidden from people, filled in by bots."""

    country = CountryField(label="Country")
    website = forms.CharField(required=False, label="Leave this empty")
    field_order = [
        "first_name",
        "last_name",
        "email",
        "country",
        "postcode",
        "opt_in",
        "show_publicly",
        "website",
    ]

    class Meta:
        model = Signature
        fields = ["first_name", "last_name", "email", "postcode", "opt_in", "show_publicly"]
        labels = {
            "email": "Email address",
            "postcode": "Postcode (optional)",
            "show_publicly": "Show my first name and country on this page",
        }
        # The model's help texts are written for managers; supporters read these (each is
        # rendered with the id its aria-describedby names, in templates/campaign/sign_form.html).
        help_texts = {
            "email": "We email a link to this address to confirm your signature.",
            "opt_in": "",
            "show_publicly": "Never your last name or email address.",
        }

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

    # Names and postcodes are stored without invisible or direction-changing characters: they
    # are delivered with the petition, exported, and a first name may be shown in public.
    def clean_first_name(self):
        return self._visible_text("first_name")

    def clean_last_name(self):
        return self._visible_text("last_name")

    def clean_postcode(self):
        return strip_invisible(self.cleaned_data["postcode"]).upper()

    def _visible_text(self, field):
        text = strip_invisible(self.cleaned_data[field])
        if not text:
            raise forms.ValidationError("Enter your name in letters we can show.")
        return text

    def clean_email(self):
        email = self.cleaned_data["email"].strip()
        try:
            self.cleaned_data["email_hash"] = email_hash(normalise_email(email))
        except ValueError as error:
            raise forms.ValidationError("Enter a valid email address.") from error
        return email
