"""Public petition views: the page and its form, "check your email", and confirmation."""

from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from campaign import counting, signing
from campaign.forms import SignatureForm
from campaign.links import LinkError, signature_id_from
from campaign.models import Signature
from core.form_encoding import UNREADABLE, form_is_not_utf8
from core.refusals import Refusal


def _render(request, petition, template, status=200, **context):
    context = {"page": petition, "self": petition, **context}
    return TemplateResponse(request, template, context, status=status)


def petition_page(request, petition, form=None, refusal=None, status=200):
    return _render(
        request,
        petition,
        "campaign/petition_page.html",
        status=status,
        form=form or SignatureForm(petition=petition),
        refusal=refusal,
        recent_signers=petition.recent_signers(),
    )


# Error reports (mail to ADMINS, error trackers) show "********" for what a supporter typed.
@sensitive_post_parameters("first_name", "last_name", "email", "postcode")
@require_http_methods(["GET", "POST"])
def sign(request, petition):
    if request.method == "GET":
        return redirect(petition.url)
    form = SignatureForm(request.POST, petition=petition)
    if form_is_not_utf8(request):
        refusal = Refusal(400, "bad_encoding", UNREADABLE)
        return petition_page(request, petition, form=form, refusal=refusal, status=400)
    if not form.is_valid():
        return petition_page(request, petition, form=form, status=400)
    try:
        signing.sign(request, petition, form)
    except Refusal as refusal:
        return petition_page(request, petition, form=form, refusal=refusal, status=refusal.status)
    return redirect(petition.url + petition.reverse_subpage("check_email"), permanent=False)


def check_email(request, petition):
    return _render(
        request,
        petition,
        "campaign/petition_thanks.html",
        stage="signed",
        related_news=petition.related_news(),
    )


@never_cache  # it greets the supporter by name
@require_http_methods(["GET", "POST"])
def confirm(request, petition, token):
    try:
        signature_id = signature_id_from(token)
        signature = Signature.objects.get(pk=signature_id, petition=petition)
    except (LinkError, Signature.DoesNotExist) as error:
        message = getattr(error, "message", "This confirmation link is not valid.")
        return _render(
            request, petition, "campaign/petition_confirm.html", status=400, error=message
        )
    if request.method == "GET":
        # A button, not an action: link scanners fetch pages but do not press buttons.
        return _render(
            request, petition, "campaign/petition_confirm.html", signature=signature, token=token
        )
    counting.confirm(signature.pk)
    petition.__dict__.pop("signature_count", None)  # show the count including this one
    return _render(
        request,
        petition,
        "campaign/petition_thanks.html",
        stage="confirmed",
        related_news=petition.related_news(),
    )
