"""The one entry point for a person's right to erasure.

Each app that holds personal data erases its own, and says so here from its AppConfig.ready():

    data_rights.register_eraser("signature(s)", erase_signatures)

An eraser takes the person's address (already checked to be one) and the user who asked,
and returns how many of its records it erased or anonymised. No app reaches into another
app's tables to erase.
"""

from django.db import transaction

from core.identity import normalise_email

_erasers = {}


def register_eraser(what, eraser):
    """`what` names the records in the report ("signature(s)", "comment(s)")."""
    _erasers[what] = eraser


def erase_person(email, user=None):
    """Erase everything every app holds for the owner of `email`, all or nothing.
    Returns {what: how many}. Raises ValueError if `email` is not an address."""
    normalise_email(email)
    with transaction.atomic():
        return {what: eraser(email, user=user) for what, eraser in _erasers.items()}
