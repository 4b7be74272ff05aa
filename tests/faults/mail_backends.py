"""Mail servers that misbehave, for the fault tests (set as EMAIL_BACKEND)."""

import os
import smtplib
import time
import uuid
from pathlib import Path

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


class FileDropBackend(BaseEmailBackend):
    """Each message becomes a file in FAULTS_MAIL_DIR, so a test can count what a worker in
    another process sent. When the file `block` exists there, the message numbered
    FAULTS_BLOCK_AT hangs before it is delivered, as a mail server that stops answering, and
    the test kills the worker in that state."""

    def send_messages(self, email_messages):
        folder = Path(os.environ["FAULTS_MAIL_DIR"])
        for message in email_messages:
            number = len(list(folder.glob("*.eml"))) + 1
            if (
                number == int(os.environ.get("FAULTS_BLOCK_AT", "0"))
                and (folder / "block").exists()
            ):
                (folder / "blocked").touch()
                time.sleep(600)
            for address in message.recipients():
                (folder / f"{uuid.uuid4().hex}.eml").write_text(f"{address}\n{message.subject}\n")
        return len(email_messages)
