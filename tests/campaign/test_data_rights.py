"""Erasure on request and retention purges: personal data goes, counts stay, all logged."""

import datetime

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone
from wagtail.models import PageLogEntry

from campaign import counting
from campaign.models import Signature
from tests.factories import PetitionPageFactory, SignatureFactory

pytestmark = pytest.mark.django_db


def test_erase_supporter_everywhere_keeps_counts(petition, campaign, capsys):
    other = PetitionPageFactory(parent=campaign)
    mine = [
        SignatureFactory(petition=petition, email="Jo.Doe+a@gmail.com"),
        SignatureFactory(petition=other, email="jodoe@gmail.com"),
    ]
    theirs = SignatureFactory(petition=petition)
    for signature in (*mine, theirs):
        counting.confirm_signature(signature.pk)
    call_command("erase_supporter", "JO.DOE@googlemail.com")
    assert "2 signature" in capsys.readouterr().out
    for signature in mine:
        signature.refresh_from_db()
        assert signature.email == "" and signature.first_name == "erased"
        assert signature.email_hash == f"erased-{signature.pk}" and signature.ip_hash == ""
    theirs.refresh_from_db()
    assert theirs.email.endswith("@example.org")
    assert counting.confirmed_count(petition.pk, use_cache=False) == 2
    assert PageLogEntry.objects.filter(action="campaign.erase_supporter").count() == 2
    # They never commented, so comments has nothing to log.
    assert not PageLogEntry.objects.filter(action="comments.erase_commenter").exists()


def test_erase_supporter_rejects_a_non_address():
    with pytest.raises(CommandError):
        call_command("erase_supporter", "nobody")


def test_purge_anonymises_only_petitions_closed_long_enough(campaign, capsys):
    old = PetitionPageFactory(
        parent=campaign, closes_at=timezone.now() - datetime.timedelta(days=200)
    )
    recent = PetitionPageFactory(
        parent=campaign, closes_at=timezone.now() - datetime.timedelta(days=10)
    )
    still_open = PetitionPageFactory(parent=campaign)
    for petition in (old, recent, still_open):
        for _ in range(3):
            counting.confirm_signature(SignatureFactory(petition=petition).pk)
    call_command("purge_signatures", "--dry-run")
    assert "3 signature(s) would be anonymised" in capsys.readouterr().out
    call_command("purge_signatures")
    out = capsys.readouterr().out
    assert "3/3" in out and "Anonymised 3 signature(s)." in out
    assert Signature.objects.filter(petition=old, anonymised_at__isnull=False).count() == 3
    assert Signature.objects.filter(anonymised_at__isnull=False).count() == 3
    assert counting.confirmed_count(old.pk, use_cache=False) == 3
    assert PageLogEntry.objects.get(action="campaign.purge_signatures").data == {"signatures": 3}
    call_command("purge_signatures")  # nothing left to do, nothing breaks
    assert "Anonymised 0" in capsys.readouterr().out


def test_purge_days_are_configurable(campaign):
    petition = PetitionPageFactory(
        parent=campaign, closes_at=timezone.now() - datetime.timedelta(days=10)
    )
    SignatureFactory(petition=petition)
    call_command("purge_signatures", "--days", "5")
    assert Signature.objects.get().anonymised_at is not None
