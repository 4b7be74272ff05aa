"""Background work for petitions: the emails a signature sends, and the retention purge.

The task paths (campaign.tasks.send_confirmation_email, ...) are stored with queued tasks and
failure records, and schedulers name campaign.tasks.purge_old_signatures: keep them.

Both emails retry with back-off when the mail server fails (outbox/retries.py) and are sent
once however often their task runs (outbox/deliveries.py). The signature itself was committed
before the task was enqueued, so a mail outage loses no signature. One inbox gets at most one
of them a minute (outbox/inbox_floor.py), and they greet by name only a name fit to show
(campaign/public_names.py): whoever signs chooses the name, not the owner of the address.
"""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import timezone
from django_tasks import task

from campaign.erasure import purge_signatures
from campaign.models.signatures import Signature
from campaign.public_names import greeting_for
from outbox import inbox_floor
from outbox.deliveries import delivery_key, send_once
from outbox.retries import retrying_task


def _signature_to_email(signature_id):
    """The signature, unless it has gone or its personal data was erased in the meantime."""
    signature = Signature.objects.select_related("petition").filter(pk=signature_id).first()
    return None if signature is None or signature.anonymised_at else signature


def _email_signer(attempt, topic, signature, subject, template, **context):
    """Send once per task (see outbox/deliveries.py); False if skipped or already sent.
    Signing again sends again, but one inbox gets at most one email a minute that a
    visitor set off (outbox/inbox_floor.py); a retry of a failed send is not held back."""
    if attempt.number == 1 and not inbox_floor.claim(signature.email_hash, "signing"):
        return False
    context = {
        "signature": signature,
        "petition": signature.petition,
        "greeting_name": greeting_for(signature),
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
    return purge_signatures()
