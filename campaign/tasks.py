"""Background work for petitions: the emails a signature sends."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import timezone
from django_tasks import task

from campaign.models import Signature


def _signature_to_email(signature_id):
    """The signature, unless it has gone or its personal data was erased in the meantime."""
    signature = Signature.objects.select_related("petition").filter(pk=signature_id).first()
    return None if signature is None or signature.anonymised_at else signature


def _email_signer(signature, subject, template, **context):
    context = {"signature": signature, "petition": signature.petition, **context}
    send_mail(
        subject=f"{subject}: {signature.petition.title}",
        message=render_to_string(template, context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[signature.email],
    )


@task()
def send_confirmation_email(signature_id, confirm_url):
    """Ask the supporter to confirm. Sent again when a pending signer signs again."""
    signature = _signature_to_email(signature_id)
    if signature is None or signature.is_confirmed:
        return
    _email_signer(
        signature,
        "Please confirm your signature",
        "campaign/emails/confirm_signature.txt",
        confirm_url=confirm_url,
    )
    Signature.objects.filter(pk=signature_id).update(confirmation_sent_at=timezone.now())


@task()
def send_already_signed_email(signature_id, petition_url):
    """Tell a confirmed signer they already signed, so the form itself reveals nothing."""
    signature = _signature_to_email(signature_id)
    if signature is not None:
        _email_signer(
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
