"""Background work for petitions: the emails a signature sends."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import timezone
from django_tasks import task

from campaign.models import Signature


@task()
def send_confirmation_email(signature_id, confirm_url):
    """Ask the supporter to confirm. Sent again when a pending signer signs again."""
    signature = Signature.objects.select_related("petition").filter(pk=signature_id).first()
    if signature is None or signature.is_confirmed or signature.anonymised_at:
        return
    context = {"signature": signature, "petition": signature.petition, "confirm_url": confirm_url}
    send_mail(
        subject=f"Please confirm your signature: {signature.petition.title}",
        message=render_to_string("campaign/emails/confirm_signature.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[signature.email],
    )
    Signature.objects.filter(pk=signature_id).update(confirmation_sent_at=timezone.now())


@task()
def send_already_signed_email(signature_id, petition_url):
    """Tell a confirmed signer they already signed, so the form itself reveals nothing."""
    signature = Signature.objects.select_related("petition").filter(pk=signature_id).first()
    if signature is None or signature.anonymised_at:
        return
    context = {"signature": signature, "petition": signature.petition, "petition_url": petition_url}
    send_mail(
        subject=f"You have already signed: {signature.petition.title}",
        message=render_to_string("campaign/emails/already_signed.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[signature.email],
    )


@task()
def purge_old_signatures():
    """The retention purge, for a scheduler to enqueue daily (cron or a platform scheduler)."""
    from campaign.erasure import purge_signatures

    return purge_signatures()
