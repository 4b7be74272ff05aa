"""Public petition views: the page and its form, "check your email", and confirmation.

They are reached only through PetitionPage's routes (campaign/models/petition.py), which pass
the page in; nothing here imports a page model.
"""

from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from campaign import petition_signing
from campaign.confirmation_links import signature_from_token
from campaign.counting import confirm_signature
from campaign.forms import SignatureForm
from campaign.public_names import greeting_for
from core.form_encoding import UNREADABLE, form_is_not_utf8
from core.refusals import Refusal


def _render(request, petition, template, status=200, **context):
    context = {"page": petition, "self": petition, **context}
    return TemplateResponse(request, template, context, status=status)


def _focus_first_error(form):
    """Give the first invalid field the focus when the page comes back (autofocus, so without
    JavaScript too): its label and its error, which aria-describedby names, are read out."""
    first = next((name for name in form.fields if name in form.errors), None)
    if first is not None:
        form.fields[first].widget.attrs["autofocus"] = True


def petition_page(request, petition, form=None, refusal=None, status=200):
    """The petition with its form: blank, or as typed with what was wrong with it."""
    if form is not None and form.is_bound:
        _focus_first_error(form)
    return _render(
        request,
        petition,
        "campaign/petition_page.html",
        status=status,
        form=form or SignatureForm(petition=petition),
        refusal=refusal,
        recent_signers=petition.recent_signers(),
    )


def _campaign_of(petition):
    """The campaign a petition sits under, or None (a petition under the home page)."""
    parent = petition.get_parent().specific
    return parent if parent._meta.label == "campaign.CampaignPage" else None


def _thanks(request, petition, stage, signature=None):
    """The thank-you page. A signer who just confirmed and ticked the opt-in is offered the
    campaign's story alerts, with their address filled in: the offer is a form like any other,
    and nothing is followed until they confirm it from their inbox."""
    offer = None
    if signature is not None and signature.opt_in:
        campaign = _campaign_of(petition)
        if campaign is not None:
            offer = {"campaign": campaign, "email": signature.email}
    return _render(
        request,
        petition,
        "campaign/petition_thanks.html",
        stage=stage,
        related_news=petition.related_news(),
        alerts_offer=offer,
    )


# Error reports (mail to ADMINS, error trackers) show "********" for what a supporter typed.
@sensitive_post_parameters("first_name", "last_name", "email", "postcode")
@require_http_methods(["GET", "POST"])
def sign_view(request, petition):
    """The form's POST: sign, then "check your email"; or the page again, saying why not."""
    if request.method == "GET":
        return redirect(petition.url)
    form = SignatureForm(request.POST, petition=petition)
    if form_is_not_utf8(request):
        refusal = Refusal(400, "bad_encoding", UNREADABLE)
        return petition_page(request, petition, form=form, refusal=refusal, status=400)
    if not form.is_valid():
        return petition_page(request, petition, form=form, status=400)
    try:
        petition_signing.add_signature(request, petition, form.cleaned_data)
    except Refusal as refusal:
        return petition_page(request, petition, form=form, refusal=refusal, status=refusal.status)
    return redirect(petition.url + petition.reverse_subpage("check_email"), permanent=False)


def check_email_view(request, petition):
    return _thanks(request, petition, "signed")


@never_cache  # it greets the supporter by name
@require_http_methods(["GET", "POST"])
def confirm_view(request, petition, token):
    """The emailed link: a page with a button (GET), which confirms the signature (POST)."""
    try:
        signature = signature_from_token(token, petition=petition)
    except Refusal as refusal:
        return _render(
            request,
            petition,
            "campaign/petition_confirm.html",
            status=refusal.status,
            error=refusal.message,
        )
    if request.method == "GET":
        # A button, not an action: link scanners fetch pages but do not press buttons.
        return _render(
            request,
            petition,
            "campaign/petition_confirm.html",
            greeting_name=greeting_for(signature),
            token=token,
        )
    confirm_signature(signature.pk)
    petition.__dict__.pop("signature_count", None)  # show the count including this one
    return _thanks(request, petition, "confirmed", signature=signature)
