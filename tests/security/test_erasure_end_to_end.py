"""After `erase_supporter`, no table anywhere holds the person's email, name or hashes.

The person signs two petitions and comments (and so subscribes, gets confirmed, is moderated
and even banned); then every row of every table in the database is read back and searched.
"""

import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from wagtail.models import PageLogEntry

from campaign.models import Signature
from comments.models import Ban, Comment, Commenter
from comments.moderation import approve
from tests.factories import NewsPageFactory, PetitionPageFactory

pytestmark = pytest.mark.django_db

PERSON = {"first_name": "Zainab", "last_name": "Haddad-Quinn", "email": "Zainab.HQ@example.org"}
OTHER = {"first_name": "Peter", "last_name": "Lindqvist", "email": "peter.l@example.org"}


def sign(client, petition, person, address="192.0.2.10"):
    data = {**person, "country": "GB", "postcode": "M4 5JD", "show_publicly": "on", "website": ""}
    client.post(petition.url + "sign/", data, REMOTE_ADDR=address)
    link = re.search(r"http://\S+/confirm/\S+/", mail.outbox[-1].body).group(0)
    client.post(link)


def every_row_as_text():
    """Each table's rows as text, by table name: the whole database, not what models expose."""
    dump = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 (names from introspection)
            dump[table] = "\n".join(" ".join(map(str, row)) for row in cursor.fetchall())
    return dump


def test_no_table_remembers_an_erased_supporter(
    client, news_index, campaign, admin_user, django_capture_on_commit_callbacks
):
    story = NewsPageFactory(parent=news_index)
    petitions = [PetitionPageFactory(parent=campaign) for _ in range(2)]
    with django_capture_on_commit_callbacks(execute=True):
        for petition in petitions:
            sign(client, petition, PERSON)
        sign(client, petitions[0], OTHER, address="192.0.2.77")
        posted = client.post(
            f"/comments/post/{story.pk}/",
            {"name": "Zainab H", "email": PERSON["email"], "notify": "replies", "website": "",
             "body": "I gave evidence to the inquiry and I would do it again."},
        )  # fmt: skip
    assert posted.status_code == 201, posted.content.decode()[-2500:]
    commenter = Commenter.objects.get()
    comment = Comment.objects.get()
    approve(comment, admin_user)
    Ban.objects.create(email_hash=commenter.email_hash, note="Test of erasure")
    secrets = [
        PERSON["email"],
        PERSON["email"].lower(),
        PERSON["first_name"],
        PERSON["last_name"],
        "Zainab H",
        commenter.email_hash,
        *Signature.objects.filter(last_name=PERSON["last_name"]).values_list("ip_hash", flat=True),
    ]
    before = every_row_as_text()
    assert any(PERSON["email"] in rows for rows in before.values())  # the search can find it

    with django_capture_on_commit_callbacks(execute=True):
        call_command("erase_supporter", PERSON["email"])

    after = every_row_as_text()
    remaining = {
        table: [s for s in secrets if s and s.lower() in rows.lower()]
        for table, rows in after.items()
    }
    # A ban outlasts erasure, as the keyed hash of the address and nothing readable: erasure
    # must not be a way round a ban (tests/comments/test_erasure.py tests that it still holds).
    remaining["comments_ban"].remove(commenter.email_hash)
    assert Ban.objects.get().note == ""
    assert {table: found for table, found in remaining.items() if found} == {}
    # The other signer is untouched, the counts stay, and the conversation still reads.
    assert Signature.objects.filter(last_name=OTHER["last_name"]).count() == 1
    assert Signature.objects.count() == 3
    assert "was removed at its author" in client.get(story.url).content.decode()
    # Who erased what is in the audit log, on the story as on each petition, without the person:
    # each app logs its own action on the pages that showed its data.
    erasures = PageLogEntry.objects.filter(
        action__in=["campaign.erase_supporter", "comments.erase_commenter"]
    )
    assert set(erasures.values_list("action", "page_id")) == {
        ("comments.erase_commenter", story.pk),
        *(("campaign.erase_supporter", petition.pk) for petition in petitions),
    }
