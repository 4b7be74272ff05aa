"""Mail servers that misbehave, for the fault tests (set as EMAIL_BACKEND)."""

import smtplib

from django.core.mail.backends.base import BaseEmailBackend


class RefusingBackend(BaseEmailBackend):
    """A mail server that is up but refuses every message for now, naming the recipient in
    its refusal as real servers do: the admin must not show that address."""

    def send_messages(self, email_messages):
        refused = {
            address: (451, b"4.3.0 Temporary failure, please try again later")
            for message in email_messages
            for address in message.recipients()
        }
        raise smtplib.SMTPRecipientsRefused(refused)
