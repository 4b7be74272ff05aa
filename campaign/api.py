"""JSON endpoints for petitions: detail, a cacheable count, signing and confirming.

Mounted at /api/campaign/ (core/api.py). A refusal (core/refusals.py) raised by signing or by a
confirmation link is answered as it is, by the API's own handler. The endpoint functions'
names make the operation ids of the published OpenAPI schema: keep them.
"""

from django.http import Http404, HttpResponse
from django.utils.cache import patch_cache_control
from django_countries import countries
from ninja import Router, Schema, Status
from pydantic import Field

from campaign import counting, petition_signing
from campaign.confirmation_links import signature_from_token
from campaign.forms import SignatureForm
from campaign.live_petitions import live_petition, petition_and_blocked_domains
from campaign.recent_signers import public_names
from core.api import RowId, errors
from core.refusals import Refusal

router = Router(tags=["petitions"])
COUNT_MAX_AGE = 10


class PetitionOut(Schema):
    id: int
    title: str
    url: str
    addressed_to: str
    ask: str
    is_open: bool
    count: int
    goal: int
    closes_at: str | None


class SignerOut(Schema):
    name: str = Field(description="First name, as the public list shows it.")
    country: str


class CountOut(Schema):
    count: int
    goal: int
    progress_percent: int
    recent_signers: list[SignerOut] = Field(
        description="The public “Recently signed” list, newest first: confirmed signers "
        "who chose to show their first name and country."
    )


class SignIn(Schema):
    first_name: str = Field(max_length=100)
    last_name: str = Field(max_length=100)
    email: str = Field(max_length=254)
    country: str = Field(max_length=2, description="ISO 3166-1 alpha-2 code, e.g. GB")
    postcode: str = Field("", max_length=16)
    opt_in: bool = False
    show_publicly: bool = False
    website: str = Field("", description="Honeypot: leave empty.")


class SignOut(Schema):
    status: str
    message: str


class ConfirmIn(Schema):
    token: str = Field(max_length=500)


class ConfirmOut(Schema):
    status: str
    count: int


def _live_petition(petition_id):
    # From the shared cache: a flood of signatures reads the page rows once, not per request.
    # Not live, not public, or under no site's home page: nobody can reach it or its links.
    petition = live_petition(petition_id)
    if petition is None:
        raise Http404("No petition here.")
    return petition


@router.get("/petitions/{petition_id}/", response={200: PetitionOut, **errors(404, 422)})
def petition_detail(request, petition_id: RowId):
    petition = _live_petition(petition_id)
    return {
        "id": petition.pk,
        "title": petition.title,
        "url": request.build_absolute_uri(petition.url),
        "addressed_to": petition.addressed_to,
        "ask": petition.ask,
        "is_open": petition.is_open,
        "count": petition.signature_count,
        "goal": petition.current_goal,
        "closes_at": petition.closes_at.isoformat() if petition.closes_at else None,
    }


@router.get("/petitions/{petition_id}/count/", response={200: CountOut, **errors(404, 422)})
def petition_count(request, petition_id: RowId, response: HttpResponse):
    """The confirmed count and the recent public signers, cacheable for a few seconds by CDNs,
    so a cached petition page can refresh both together."""
    petition = _live_petition(petition_id)
    # CDNs may share it for a few seconds; browsers ask again each time, so a page that was
    # itself served from a cache never shows an older number than the last one it saw.
    patch_cache_control(response, public=True, max_age=0, s_maxage=COUNT_MAX_AGE)
    return {
        "count": petition.signature_count,
        "goal": petition.current_goal,
        "progress_percent": petition.progress,
        "recent_signers": public_names(petition.pk),
    }


def _valid_signing_data(payload, petition):
    """The signing form's cleaned data for this body, or a 422 Refusal saying what is wrong."""
    data = payload.dict()
    if data["country"]:
        data["country"] = data["country"].upper()
    if data["country"] and data["country"] not in countries:
        raise Refusal(422, "invalid", "Choose a country from the ISO 3166 list.")
    form = SignatureForm(data, petition=petition)
    if not form.is_valid():
        fields = ", ".join(sorted(form.errors))
        raise Refusal(422, "invalid", f"Some fields are missing or not valid: {fields}.")
    return form.cleaned_data


@router.post(
    "/petitions/{petition_id}/signatures/",
    response={202: SignOut, **errors(400, 404, 409, 413, 415, 422, 429)},
)
def sign_petition(request, petition_id: RowId, payload: SignIn):
    """Sign. The answer is the same whether or not the address had signed before."""
    petition, blocked_domains = petition_and_blocked_domains(petition_id)
    if petition is None:
        raise Http404("No petition here.")
    data = _valid_signing_data(payload, petition)
    petition_signing.add_signature(request, petition, data, blocked_domains)
    return Status(
        202,
        {
            "status": "check_email",
            "message": "Thank you. Check your email and confirm your signature to count it.",
        },
    )


# The operation id, summary and URL name are those ninja made from the function's old name,
# confirm_signature (now counting's alone): clients and reverse() keep working.
@router.post(
    "/signatures/confirm/",
    response={200: ConfirmOut, **errors(400, 413, 415, 422)},
    operation_id="campaign_api_confirm_signature",
    summary="Confirm Signature",
    url_name="confirm_signature",
)
def confirm_signature_endpoint(request, payload: ConfirmIn):
    # A bad link is a Refusal from signature_from_token, answered by the API's handler.
    signature = signature_from_token(payload.token)
    newly = counting.confirm_signature(signature.pk)
    return Status(
        200,
        {
            "status": "confirmed" if newly else "already_confirmed",
            "count": counting.confirmed_count(signature.petition_id, use_cache=False),
        },
    )
