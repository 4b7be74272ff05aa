"""Data rights: erase one supporter's personal data on request, and purge old signatures.

Both blank the personal fields and keep the row, so every count stays exactly as it was, both
write to Wagtail's audit log what was done, by whom, and to how many signatures, and both make
cached copies of the names forget them: the petition pages, the cached "Recently signed" list
and the count endpoint that carries it (campaign/recent_signers.py).

`erase_signatures` is registered with core.data_rights (campaign/apps.py), which calls every
app's eraser; nothing here reaches another app's tables. This module sits below the page
models (the task module that sends signing emails imports it, and page routes lead there), so
it reaches the petitions through the signature's foreign key rather than importing them.
"""

from collections import Counter
from datetime import timedelta

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from wagtail.log_actions import log

from campaign.models.signatures import Signature
from campaign.recent_signers import forget_signers_on_commit
from core.identity import email_hash, normalise_email

ERASED = "erased"
BATCH = 500


def petition_pages():
    """The petition pages' manager. Looked up by name: the page model imports the views,
    which import this module through signing, so importing it here would close a loop."""
    return apps.get_model("campaign", "PetitionPage").objects


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


def _forget_and_log(petitions, action, user, signatures_on):
    """Make cached copies of these petition pages forget, and write the audit log entry of
    each: `signatures_on(petition_id)` is how many of its signatures were anonymised."""
    petitions = list(petitions)
    forget_signers_on_commit(petitions)
    for petition in petitions:
        log(petition, action, user=user, data={"signatures": signatures_on(petition.pk)})


def erase_signatures(email, user=None):
    """Erase every signature of the person with this address, on every petition. Called
    through core.data_rights.erase_person, which erases what other apps hold too."""
    key = email_hash(normalise_email(email))  # normalise first: a non-address raises
    with transaction.atomic():
        signatures = Signature.objects.with_personal_data().filter(email_hash=key)
        petitions = list(petition_pages().filter(signatures__in=signatures).distinct())
        erased = _anonymise(signatures)
        _forget_and_log(petitions, "campaign.erase_supporter", user, lambda _id: erased)
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
    """Anonymise due signatures in batches; `progress(done, total)` is called after each.
    Returns how many were anonymised."""
    total = signatures_due_for_purge(days).count()
    done, per_petition = 0, Counter()
    while batch := list(signatures_due_for_purge(days).values_list("pk", "petition_id")[:BATCH]):
        with transaction.atomic():
            done += _anonymise(Signature.objects.filter(pk__in=[pk for pk, _ in batch]))
        per_petition.update(petition_id for _, petition_id in batch)
        if progress:
            progress(done, total)
    purged = petition_pages().filter(pk__in=per_petition)
    _forget_and_log(purged, "campaign.purge_signatures", user, per_petition.__getitem__)
    return done
