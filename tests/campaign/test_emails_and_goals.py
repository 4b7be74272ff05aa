import pytest

from campaign.goals import displayed_goal, next_goal_after, progress_percent
from core.identity import email_domain, normalise_email


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("Jane@Example.org", "jane@example.org"),
        ("  jane@example.org ", "jane@example.org"),
        ("jane+petition@example.org", "jane@example.org"),
        ("j.a.n.e@gmail.com", "jane@gmail.com"),
        ("J.Ane+x@GoogleMail.com", "jane@gmail.com"),
        ("j.ane@example.org", "j.ane@example.org"),  # dots only ignored by Gmail
        ("jane@example.org.", "jane@example.org"),
    ],
)
def test_normalisation_makes_one_person_one_key(typed, key):
    assert normalise_email(typed) == key


@pytest.mark.parametrize("bad", ["", "jane", "@example.org", "jane@", "+tag@example.org"])
def test_normalisation_rejects_non_addresses(bad):
    with pytest.raises(ValueError):
        normalise_email(bad)


def test_email_domain():
    assert email_domain(" Jane@Mail.Example.ORG ") == "mail.example.org"


def test_goal_steps_up_once_passed():
    assert [next_goal_after(g) for g in (100, 200, 500, 1000, 750)] == [200, 500, 1000, 2000, 1000]
    assert displayed_goal(0, 1000) == 1000
    assert displayed_goal(999, 1000) == 1000
    assert displayed_goal(1000, 1000) == 2000
    assert displayed_goal(5001, 1000) == 10000
    assert displayed_goal(3, 0) == 5  # no goal set still gives a target


def test_progress_is_capped():
    assert progress_percent(320, 500) == 64
    assert progress_percent(900, 500) == 100
