"""The moderators' word lists: seeded from the defaults, editable, and used at once."""

import pytest

from comments.civility import Decision, default_lists
from comments.models import AllowedPhrase, BannedTerm, SuspectTerm
from comments.screening import lists_from_database, screen_comment

pytestmark = pytest.mark.django_db


def test_seeded_lists_are_the_shipped_defaults():
    assert lists_from_database() == default_lists()
    assert BannedTerm.objects.count() > 100
    assert SuspectTerm.objects.exists() and AllowedPhrase.objects.exists()


def test_a_new_banned_term_takes_effect_on_the_next_comment():
    text = "What a load of flibbertigibbet nonsense."
    assert screen_comment(text).decision is Decision.PASS
    BannedTerm.objects.create(phrase="flibbertigibbet", rule="profanity", action="reject")
    assert screen_comment(text).decision is Decision.REJECT
    BannedTerm.objects.filter(phrase="flibbertigibbet").delete()
    assert screen_comment(text).decision is Decision.PASS


def test_allowed_phrases_and_suspect_terms_are_editable():
    SuspectTerm.objects.create(phrase="wobblecrat", rule="prejudice")
    assert screen_comment("He is such a wobblecrat.").decision is Decision.HOLD
    text = "The Wobblecrat Party met the charity today."
    assert screen_comment(text).decision is Decision.HOLD
    AllowedPhrase.objects.create(phrase="wobblecrat party")
    assert screen_comment(text).decision is Decision.PASS


def test_moderators_can_edit_the_lists_in_the_admin(client, moderator):
    client.force_login(moderator)
    assert client.get("/admin/snippets/comments/bannedterm/").status_code == 200
    response = client.post(
        "/admin/snippets/comments/bannedterm/add/",
        {"phrase": "gobshite", "rule": "profanity", "action": "reject", "aim": "any"},
    )
    assert response.status_code == 302
    assert screen_comment("What a gobshite.").decision is Decision.REJECT
