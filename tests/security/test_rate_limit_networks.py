"""The petition and comment rate limits count an IPv6 visitor by their /64, which they can
fill with a new address for every request, and an IPv4 visitor by their address."""

import pytest

from tests.factories import NewsPageFactory, PetitionPageFactory

pytestmark = pytest.mark.django_db


def sign(client, petition, n, address):
    body = {
        "first_name": "Nadia",
        "last_name": "Haddad",
        "email": f"nadia{n}@example.org",
        "country": "GB",
    }
    return client.post(
        f"/api/campaign/petitions/{petition.pk}/signatures/",
        body,
        content_type="application/json",
        REMOTE_ADDR=address,
    )


def comment(client, story, n, address):
    body = {"name": "Jonah", "email": f"jonah{n}@example.org", "body": "Firewall now, please."}
    return client.post(
        f"/api/comments/pages/{story.pk}/",
        body,
        content_type="application/json",
        REMOTE_ADDR=address,
    )


def test_new_addresses_in_one_ipv6_64_share_the_petition_limit(client, campaign, settings):
    settings.PETITION_SIGN_RATES = ["2/h"]
    petition = PetitionPageFactory(parent=campaign)
    answers = [sign(client, petition, n, f"2001:db8:4:4::{n + 1:x}").status_code for n in range(3)]
    assert answers == [202, 202, 429]
    # Another /64, and an IPv4 address, are other visitors.
    assert sign(client, petition, 3, "2001:db8:4:5::1").status_code == 202
    assert sign(client, petition, 4, "203.0.113.7").status_code == 202


def test_new_addresses_in_one_ipv6_64_share_the_comment_limit(client, news_index, settings):
    settings.COMMENTS_RATE_PER_IP = "2/h"
    story = NewsPageFactory(parent=news_index)
    answers = [comment(client, story, n, f"2001:db8:4:4::{n + 1:x}").status_code for n in range(3)]
    assert answers[2] == 429 and 429 not in answers[:2]
    assert comment(client, story, 3, "2001:db8:4:5::1").status_code != 429
