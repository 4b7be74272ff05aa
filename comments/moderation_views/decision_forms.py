"""What a moderator gives with a decision: the policy reason for a rejection, the terms of a ban.

One comment's page (`moderate`) and the bulk actions (`bulk`) ask the same questions, so they
share these forms.
"""

from django import forms
from wagtail.admin.widgets import AdminDateTimeInput

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
    # Wagtail's date picker, in the admin's en-GB format (WAGTAIL_DATETIME_FORMAT), not the
    # browser's own datetime-local input, which writes dates as the browser's locale does
    # (mm/dd/yyyy in a US-English Chromium).
    until = forms.DateTimeField(
        label="Banned until",
        required=False,
        help_text="Day/month/year hour:minute. Leave blank to ban for good.",
        widget=AdminDateTimeInput(),
    )
    note = forms.CharField(label="Note", required=False, widget=forms.Textarea(attrs={"rows": 2}))
