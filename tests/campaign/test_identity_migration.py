"""The migration to one identity: existing rows get the keyed hash of their normalised address,
in batches; erased rows keep a placeholder of their own; names already listed are screened."""

from importlib import import_module

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from campaign.models import Signature
from core.identity import email_hash

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = ("campaign", "0005_signature_email_hash_and_public_names")
FILL = "campaign.migrations.0006_fill_email_hash_and_screen_names"


@pytest.fixture
def word_lists():
    """The moderators' lists as migrations seeded them: an earlier transactional test's flush
    empties every table, and the screen reads them."""
    from django.apps import apps

    from comments.models import BannedTerm
    from comments.screening import lists_changed

    if not BannedTerm.objects.exists():
        import_module("comments.migrations.0002_seed_word_lists_and_moderators").seed_lists(
            apps, None
        )
    lists_changed()


@pytest.fixture
def at_0005(word_lists):
    """The database as it was just before the hashes were filled; put forward again after."""
    call_command("migrate", *BEFORE, verbosity=0)
    try:
        yield MigrationExecutor(connection).loader.project_state([BEFORE]).apps
    finally:
        # Every app, not only campaign: going back unapplied the apps whose migrations depend
        # on later campaign ones (alerts), and the tests after this one need their tables.
        call_command("migrate", verbosity=0)


def test_existing_rows_are_hashed_in_batches_and_listed_names_screened(
    petition, at_0005, monkeypatch
):
    monkeypatch.setattr(import_module(FILL), "BATCH", 2)  # several batches from five rows
    OldSignature = at_0005.get_model("campaign", "Signature")

    def old_row(first_name, normalised, **fields):
        return OldSignature.objects.create(
            petition_id=petition.pk,
            first_name=first_name,
            last_name="Tester",
            email=f"typed-{normalised}",
            email_normalised=normalised,
            country="GB",
            **fields,
        ).pk

    listed = {"status": "confirmed", "show_publicly": True}
    amara = old_row("Amara", "amara@example.org", **listed)
    slur = old_row("Fuckface", "troll@example.org", **listed)
    pending = old_row("Leila", "leila@example.org", show_publicly=True)
    erased = [old_row("erased", f"erased-{n}", anonymised_at="2024-01-01T00:00Z") for n in (1, 2)]

    call_command("migrate", "campaign", verbosity=0)

    rows = {row.pk: row for row in Signature.objects.all()}
    assert rows[amara].email_hash == email_hash("amara@example.org")
    assert rows[pending].email_hash == email_hash("leila@example.org")
    assert [rows[pk].email_hash for pk in erased] == [f"erased-{pk}" for pk in erased]
    assert {pk for pk, row in rows.items() if row.name_passed_screen} == {amara}
    assert not rows[slur].name_passed_screen
