"""The alert sign-up form, and the form on the "manage my alerts" page."""

from django import forms

from alerts.models import Subscription


class AlertSignupForm(forms.Form):
    email = forms.EmailField(max_length=254)
    topic = forms.CharField(max_length=40)
    frequency = forms.ChoiceField(
        choices=Subscription.Frequency.choices,
        initial=Subscription.Frequency.INSTANT,
        widget=forms.RadioSelect,
    )
    # A honeypot: hidden from people by CSS, filled in by form-filling programs.
    website = forms.CharField(label="Leave this empty", required=False)


class ManageForm(forms.Form):
    """One checkbox and one frequency per subscription, named by the subscription's id."""

    def __init__(self, *args, subscriptions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.subscriptions = list(subscriptions)
        for subscription in self.subscriptions:
            self.fields[f"keep_{subscription.pk}"] = forms.BooleanField(
                required=False, initial=True
            )
            self.fields[f"frequency_{subscription.pk}"] = forms.ChoiceField(
                choices=Subscription.Frequency.choices, initial=subscription.frequency
            )

    def rows(self):
        """(subscription, keep field, frequency field) for the template."""
        return [
            (subscription, self[f"keep_{subscription.pk}"], self[f"frequency_{subscription.pk}"])
            for subscription in self.subscriptions
        ]
