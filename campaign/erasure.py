"""Data rights: erase one supporter's personal data on request, and purge old signatures.

Both blank the personal fields and keep the row, so every count stays exactly as it was, and
both write to Wagtail's audit log what was done, by whom, and to how many signatures.
"""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from wagtail.log_actions import log

from campaign.models import PetitionPage, Signature
from core.identity import normalise_email

ERASED = "erased"
BATCH = 500


def anonymised_fields(now):
    return {
        "first_name": ERASED,
        "last_name": ERASED,
        "email": "",
        "email_normalised": "",  # filled per row below: must stay unique per petition
        "postcode": "",
        "ip_hash": "",
        "opt_in": False,
        "show_publicly": False,
        "anonymised_at": now,
    }


def _anonymise(signatures):
    """Blank the personal data of these signatures; returns how many changed."""
    now = timezone.now()
    changed = 0
    for signature in signatures.select_for_update().only("pk"):
        fields = anonymised_fields(now)
        # A placeholder that is unique yet says nothing about the person.
        fields["email_normalised"] = f"erased-{signature.pk}"
        changed += Signature.objects.filter(pk=signature.pk).update(**fields)
    return changed


def erase_supporter(email, user=None):
    """Erase every signature of the person with this address, on every petition, and
    everything they left as a commenter."""
    from comments.erasure import erase_commenter

    key = normalise_email(email)
    with transaction.atomic():
        erase_commenter(email, user=user)
        signatures = Signature.objects.with_personal_data().filter(email_normalised=key)
        petitions = list(PetitionPage.objects.filter(signatures__in=signatures).distinct())
        erased = _anonymise(signatures)
        for petition in petitions:
            log(
                petition,
                "campaign.erase_supporter",
                user=user,
                data={"signatures": erased},
            )
    return erased


def purge_cutoff(days=None):
    days = settings.SIGNATURE_RETENTION_DAYS if days is None else days
    return timezone.now() - timedelta(days=days)


def signatures_due_for_purge(days=None):
    """Personal data on petitions that closed more than `days` ago (default from settings)."""
    closed = Q(petition__closes_at__lt=purge_cutoff(days)) | Q(
        petition__accepting_signatures=False,
        petition__latest_revision_created_at__lt=purge_cutoff(days),
    )
    return Signature.objects.with_personal_data().filter(closed)


def purge_signatures(days=None, progress=None, user=None):
    """Anonymise due signatures in batches; `progress(done, total)` is called after each."""
    due = signatures_due_for_purge(days)
    total = due.count()
    done = 0
    per_petition = {}
    while True:
        batch_ids = list(signatures_due_for_purge(days).values_list("pk", "petition_id")[:BATCH])
        if not batch_ids:
            break
        with transaction.atomic():
            done += _anonymise(Signature.objects.filter(pk__in=[pk for pk, _ in batch_ids]))
        for _, petition_id in batch_ids:
            per_petition[petition_id] = per_petition.get(petition_id, 0) + 1
        if progress:
            progress(done, total)
    for petition in PetitionPage.objects.filter(pk__in=per_petition):
        log(
            petition,
            "campaign.purge_signatures",
            user=user,
            data={"signatures": per_petition[petition.pk]},
        )
    return done
