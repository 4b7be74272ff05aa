"""The comment form; limits that depend on the site's settings are checked when posting."""

from django import forms
from django.core.validators import MaxLengthValidator

from comments.models import Subscription

BODY_ERRORS = {"required": "Write your comment.", "min_length": "Your comment is too short."}


class FirstErrorMixin:
    """The first field, in the order shown, that has an error: it gets the focus when the
    form comes back, so a screen reader reads its label and message first."""

    def first_error(self):
        return next((name for name in self.fields if name in self.errors), None)


class CommentForm(FirstErrorMixin, forms.Form):
    name = forms.CharField(
        max_length=80,
        help_text="Shown with your comment.",
        error_messages={"required": "Enter the name to show with your comment."},
    )
    email = forms.EmailField(
        max_length=254,
        help_text="Never shown. Used only to confirm it is you and to notify you.",
        error_messages={
            "required": "Enter your email address: we use it to confirm the comment is yours.",
            "invalid": "Enter an email address like name@example.org.",
        },
    )
    body = forms.CharField(
        label="Comment",
        min_length=2,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages=BODY_ERRORS,
    )
    notify = forms.MultipleChoiceField(
        label="Notify me of",
        choices=Subscription.Kind.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    # A honeypot: hidden from people by CSS, filled in by form-filling programs.
    website = forms.CharField(label="Leave this empty", required=False)
    parent = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)

    def __init__(self, *args, max_length=None, **kwargs):
        super().__init__(*args, **kwargs)
        if max_length:
            self.fields["body"].max_length = max_length
            self.fields["body"].widget.attrs["maxlength"] = max_length
            self.fields["body"].validators.append(MaxLengthValidator(max_length))

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError("Please give a name to show with your comment.")
        return name


class EditForm(FirstErrorMixin, forms.Form):
    """An author's change to their own comment (comments/authorship.py)."""

    body = forms.CharField(
        label="Comment",
        min_length=2,
        widget=forms.Textarea(attrs={"rows": 7}),
        error_messages=BODY_ERRORS,
    )

    def __init__(self, *args, max_length=None, **kwargs):
        super().__init__(*args, **kwargs)
        if max_length:
            self.fields["body"].max_length = max_length
            self.fields["body"].validators.append(MaxLengthValidator(max_length))
