from django.core.management.base import BaseCommand, CommandError

from campaign.erasure import erase_supporter


class Command(BaseCommand):
    help = "Erase a supporter's personal data from every signature (counts stay)."

    def add_arguments(self, parser):
        parser.add_argument("email")

    def handle(self, *args, email, **options):
        try:
            erased = erase_supporter(email)
        except ValueError as error:
            raise CommandError(f"{email!r} is not an email address.") from error
        self.stdout.write(f"Erased the personal data of {erased} signature(s).")
