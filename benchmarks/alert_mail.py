"""The fast in-process email backend of benchmarks/story_alerts.py: each message's recipient
is appended as one line to the file named by ALERT_BENCH_MAIL_FILE, written straight to the
kernel so a killed worker loses no line it wrote. The benchmark counts the lines, and the
distinct ones. The messages arrive built and checked: the fan-out builds each one's MIME
structure (`message.message()`, what Django's in-memory backend does) before its receipt."""

import os

from django.core.mail.backends.base import BaseEmailBackend


class EmailBackend(BaseEmailBackend):
    def open(self):
        if getattr(self, "fd", None) is None:
            path = os.environ["ALERT_BENCH_MAIL_FILE"]
            self.fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        return True

    def close(self):
        if getattr(self, "fd", None) is not None:
            os.close(self.fd)
            self.fd = None

    def send_messages(self, email_messages):
        opened_here = getattr(self, "fd", None) is None
        self.open()
        try:
            for message in email_messages:
                os.write(self.fd, f"{message.to[0]}\n".encode())
        finally:
            if opened_here:
                self.close()
        return len(email_messages)
