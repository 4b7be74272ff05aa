"""Background work for petitions: the emails a signature sends.

Both emails retry with back-off when the mail server fails (config/task_retry.py) and are sent
once however often their task runs (config/deliveries.py). The signature itself was committed
before the task was enqueued, so a mail outage loses no signature. One inbox gets at most one
of them a minute (`_claim_inbox`), and they greet by name only a name fit to show
(campaign/public_names.py): whoever signs chooses the name, not the owner of the address.
"""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django_tasks import task

from campaign.models import Signature
from config.deliveries import delivery_key, repeat_floor, send_once
from config.task_retry import retrying_task


def _signature_to_email(signature_id):
    """The signature, unless it has gone or its personal data was erased in the meantime."""
    signature = Signature.objects.select_related("petition").filter(pk=signature_id).first()
    return None if signature is None or signature.anonymised_at else signature


def _email_signer(attempt, topic, signature, subject, template, **context):
    """Send once per task (see config/deliveries.py); False if skipped or already sent.
    Signing again sends again, but one inbox gets at most one signing email a minute."""
    if attempt.number == 1 and not _claim_inbox(signature):
        return False
    context = {
        "signature": signature,
        "petition": signature.petition,
        "greeting_name": signature.greeting_name(),
        **context,
    }
    return send_once(
        delivery_key(topic, attempt),
        lambda: send_mail(
            subject=f"{subject}: {signature.petition.title}",
            message=render_to_string(template, context),
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[signature.email],
        ),
    )


def _claim_inbox(signature):
    """Whether this signing email may go: none went to the same person (one email hash, on
    any petition, however the address was spelt) within the repeat floor.

    Anyone can type anyone's address into every petition, again and again; without this each
    petition, and each spelling, would be one more email in that inbox. The person's rows are
    locked while checking, so two workers cannot both claim the same minute, and the claim is
    in the database, so it holds when the cache (and so the rate limits) is down. A retry of
    an email that failed to send is not held back (the caller checks only first attempts)."""
    floor = repeat_floor()
    if not floor:
        return True
    now = timezone.now()
    with transaction.atomic():
        last_emailed = (
            Signature.objects.select_for_update()
            .filter(email_hash=signature.email_hash)
            .order_by("pk")  # one locking order, so two workers cannot deadlock
            .values_list("last_emailed_at", flat=True)
        )
        if any(moment and moment > now - floor for moment in last_emailed):
            return False
        Signature.objects.filter(pk=signature.pk).update(last_emailed_at=now)
    return True


@retrying_task()
def send_confirmation_email(attempt, signature_id, confirm_url):
    """Ask the supporter to confirm. Sent again when a pending signer signs again."""
    signature = _signature_to_email(signature_id)
    if signature is None or signature.is_confirmed:
        return False
    sent = _email_signer(
        attempt,
        f"signature:{signature_id}:confirm",
        signature,
        "Please confirm your signature",
        "campaign/emails/confirm_signature.txt",
        confirm_url=confirm_url,
    )
    if sent:
        Signature.objects.filter(pk=signature_id).update(confirmation_sent_at=timezone.now())
    return sent


@retrying_task()
def send_already_signed_email(attempt, signature_id, petition_url):
    """Tell a confirmed signer they already signed, so the form itself reveals nothing."""
    signature = _signature_to_email(signature_id)
    if signature is None:
        return False
    return _email_signer(
        attempt,
        f"signature:{signature_id}:already-signed",
        signature,
        "You have already signed",
        "campaign/emails/already_signed.txt",
        petition_url=petition_url,
    )


@task()
def purge_old_signatures():
    """The retention purge, for a scheduler to enqueue daily (cron or a platform scheduler)."""
    from campaign.erasure import purge_signatures

    return purge_signatures()
