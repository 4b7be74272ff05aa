"""Reporting a published comment: a page of its own under /comments/, so it works without
JavaScript; static/js/comment-report.js opens the same form in place under the comment.

Nothing here is on the cached story page but the "Report" link, the same for everyone. The
form posts like the comment form (no token: checked by origin, core/csrf.py), and every
answer to a valid report is the same thanks, whoever reported before.
"""

from django import forms
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from comments import reports
from comments.models.reports import NOTE_MAX_LENGTH, REPORT_REASON_CHOICES
from core.csrf import same_origin_post
from core.form_encoding import UNREADABLE, form_is_not_utf8
from core.refusals import Refusal


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        label="Which part of our comment policy does it break?",
        choices=REPORT_REASON_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the reason you are reporting this comment."},
    )
    note = forms.CharField(
        label="Anything the moderators should know (optional)",
        required=False,
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": NOTE_MAX_LENGTH}),
        help_text="Please do not include your name or contact details: reports are anonymous.",
    )


def _page(request, comment, form, *, status=200, message="", refused=False, done=False):
    context = {
        "page": comment.page,
        "comment": comment,
        "form": form,
        "message": message,
        "refused": refused,
        "done": done,
        "heading": "Thank you for your report" if done else "Report a comment",
    }
    response = render(request, "comments/report_page.html", context, status=status)
    response["Cache-Control"] = "private, no-store"
    return response


@require_http_methods(["GET", "POST"])
@same_origin_post  # opened in place from cached story pages: no token, checked by origin
def report(request, comment_id):
    comment = reports.reportable(comment_id)
    if comment is None:
        raise Http404("This comment is not published, so it cannot be reported.")
    if request.method == "GET":
        return _page(request, comment, ReportForm())
    form = ReportForm(request.POST)
    if form_is_not_utf8(request):
        return _page(request, comment, form, status=400, message=UNREADABLE, refused=True)
    if not form.is_valid():
        message = "Please choose a reason; nothing was sent."
        return _page(request, comment, form, status=400, message=message, refused=True)
    try:
        reports.report(request, comment, form.cleaned_data["reason"], form.cleaned_data["note"])
    except Refusal as refusal:
        return _page(
            request, comment, form, status=refusal.status, message=refusal.message, refused=True
        )
    return _page(request, comment, None, message=reports.THANKS, done=True)
