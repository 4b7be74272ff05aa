"""An in-memory email backend whose worker "dies" (a BaseException, as a SIGKILL would end
it without any except clause running) once `die_after` emails are in the outbox."""

from django.core import mail
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend


class WorkerDied(BaseException):
    pass


class EmailBackend(LocmemBackend):
    die_after = None

    def send_messages(self, messages):
        if self.die_after is not None and len(mail.outbox) >= self.die_after:
            raise WorkerDied
        return super().send_messages(messages)
