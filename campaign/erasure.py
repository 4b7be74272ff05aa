"""Data rights: erase one supporter's personal data on request, and purge old signatures.

Both blank the personal fields and keep the row, so every count stays exactly as it was, both
write to Wagtail's audit log what was done, by whom, and to how many signatures, and both make
cached copies of the petition pages concerned forget the names (pagecache/forget.py).
"""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from wagtail.log_actions import log

from campaign.models import PetitionPage, Signature
from core.identity import email_hash, normalise_email
from pagecache.forget import forget_on_commit

ERASED = "erased"
BATCH = 500


def anonymised_fields(now):
    return {
        "first_name": ERASED,
        "last_name": ERASED,
        "email": "",
        "email_hash": "",  # filled per row below: must stay unique per petition
        "postcode": "",
        "ip_hash": "",
        "opt_in": False,
        "show_publicly": False,
        "name_passed_screen": False,
        "name_hidden": False,
        "anonymised_at": now,
    }


def erased_placeholder(pk):
    """Unique per row, says nothing about the person, and can never equal a hash (not hex)."""
    return f"erased-{pk}"


def _anonymise(signatures):
    """Blank the personal data of these signatures; returns how many changed."""
    now = timezone.now()
    changed = 0
    for signature in signatures.select_for_update().only("pk"):
        fields = anonymised_fields(now)
        fields["email_hash"] = erased_placeholder(signature.pk)
        changed += Signature.objects.filter(pk=signature.pk).update(**fields)
    return changed


def erase_signatures(email, user=None):
    """Erase every signature of the person with this address, on every petition. Called
    through core.data_rights.erase_person, which erases what other apps hold too."""
    key = email_hash(normalise_email(email))  # normalise first: a non-address raises
    with transaction.atomic():
        signatures = Signature.objects.with_personal_data().filter(email_hash=key)
        petitions = list(PetitionPage.objects.filter(signatures__in=signatures).distinct())
        erased = _anonymise(signatures)
        forget_on_commit(petitions)
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
    purged = list(PetitionPage.objects.filter(pk__in=per_petition))
    forget_on_commit(purged)
    for petition in purged:
        log(
            petition,
            "campaign.purge_signatures",
            user=user,
            data={"signatures": per_petition[petition.pk]},
        )
    return done
