"""Demo supporters sign the demo petition the way a supporter's browser does.

Each fills in the petition's own form (campaign.forms.SignatureForm) and is signed by
`campaign.petition_signing.add_signature` from a network of their own (demo/visitors.py);
all but a few then confirm, as the link in their email does
(`campaign.counting.confirm_signature`). These two calls are the only ones this app makes
into signing.

The public path stamps each signature with the moment it ran; the demo then moves those
moments back over the weeks after the petition's launch, so the count and the admin's chart of
signatures per day have a history to show.
"""

from datetime import timedelta

from django.utils import timezone

from campaign.counting import confirm_signature
from campaign.forms import SignatureForm
from campaign.models import Signature
from campaign.petition_signing import add_signature
from demo.visitors import visitor_post

# Invented first names and countries, spread over the weeks after launch.
NAMES = [
    "Amara", "Bilal", "Chloe", "Dariusz", "Esther", "Farah", "Grace", "Hassan", "Ines", "Jonah",
    "Kemi", "Leila", "Marta", "Nadia", "Omar", "Priya", "Quentin", "Rosa", "Samir", "Tamsin",
    "Uchenna", "Vera", "Wen", "Ximena", "Yusuf", "Zara",
]  # fmt: skip
COUNTRIES = ["GB", "GB", "GB", "GB", "IE", "FR", "ES", "PL", "NG", "IN", "PK", "SO"]
CONFIRMED = 320
PENDING = 5  # signed, and the confirmation link not yet followed
DAYS = 21


def form_data(n):
    """What supporter `n` types into the form; a box left unticked is not sent at all."""
    data = {
        "first_name": NAMES[n % len(NAMES)],
        "last_name": "Demo",
        "email": f"supporter{n}@example.org",
        "country": COUNTRIES[n % len(COUNTRIES)],
        "postcode": "",
    }
    if n % 3 == 0:
        data["opt_in"] = "on"
    if n % 2 == 0:
        data["show_publicly"] = "on"
    return data


def signed_at(start, n):
    # Front-loaded, as real petitions are: most sign in the first days.
    return start + timedelta(hours=(n / CONFIRMED) ** 2 * 24 * 20)


def sign_demo_petition(petition):
    """CONFIRMED confirmed signatures over DAYS days and PENDING still to confirm, unless the
    petition has signatures already. Returns how many signed. Raises Refusal if signing
    refused one (core.refusals)."""
    if petition.signatures.exists():
        return 0
    start = timezone.now() - timedelta(days=DAYS)
    for n in range(CONFIRMED + PENDING):
        form = SignatureForm(form_data(n), petition=petition)
        if not form.is_valid():
            raise ValueError(f"Demo supporter {n}'s form: {form.errors.as_text()}")
        request = visitor_post(petition.url, n)
        signature, _created = add_signature(request, petition, form.cleaned_data)
        confirmed = n < CONFIRMED
        if confirmed:
            confirm_signature(signature.pk)
        when = signed_at(start, n)
        mine = Signature.objects.filter(pk=signature.pk)
        mine.update(created_at=when, confirmed_at=when if confirmed else None)
        mine.filter(confirmation_sent_at__isnull=False).update(confirmation_sent_at=when)
    return CONFIRMED + PENDING
