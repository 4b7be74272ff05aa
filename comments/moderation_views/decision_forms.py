"""What a moderator gives with a decision: the policy reason for a rejection, the terms of a ban.

One comment's page (`moderate`) and the bulk actions (`bulk`) ask the same questions, so they
share these forms.
"""

from django import forms

from comments.screen_choices import RULE_CHOICES


class RejectForm(forms.Form):
    reason = forms.ChoiceField(
        label="Policy reason", choices=RULE_CHOICES, help_text="Which rule the comment breaks."
    )
    note = forms.CharField(
        label="Note for other moderators", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class BanForm(forms.Form):
    reason = forms.ChoiceField(
        label="Policy reason", choices=[("", "—"), *RULE_CHOICES], required=False
    )
    until = forms.DateTimeField(
        label="Banned until",
        required=False,
        help_text="Leave blank to ban for good.",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )
    note = forms.CharField(label="Note", required=False, widget=forms.Textarea(attrs={"rows": 2}))
