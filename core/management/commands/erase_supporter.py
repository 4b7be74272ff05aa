"""`manage.py erase_supporter EMAIL`: erase one person's personal data from every app.

The same path as the admin's "Erase personal data": core.data_rights.erase_person runs every
app's eraser in one transaction.
"""

from django.core.management.base import BaseCommand, CommandError

from core.data_rights import erase_person


class Command(BaseCommand):
    help = (
        "Erase a person's personal data everywhere: signatures (counts stay), comments, "
        "subscriptions. Bans stay as a keyed hash."
    )

    def add_arguments(self, parser):
        parser.add_argument("email")

    def handle(self, *args, email, **options):
        try:
            erased = erase_person(email)
        except ValueError as error:
            raise CommandError(f"{email!r} is not an email address.") from error
        report = " and ".join(f"{count} {what}" for what, count in erased.items())
        self.stdout.write(f"Erased the personal data of {report}.")
