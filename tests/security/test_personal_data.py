"""After the whole flow, no supporter's email, address or hidden name is anywhere it should not be.

A supporter signs a petition (without "show my name"), another comments under a story; both
confirm by email; a moderator approves the comment; something fails on the way and is reported.
Then everything a stranger, a log reader or a moderator could see is searched for their details.
"""

import logging
import re

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.test import override_settings

from comments.models import Comment
from tests.factories import NewsPageFactory, PetitionPageFactory

pytestmark = pytest.mark.django_db

SIGNER = {
    "first_name": "Thandiwe",
    "last_name": "Mbeki-Osei",
    "email": "thandiwe.private@example.org",
    "country": "GB",
    "postcode": "N1 9GU",
    "website": "",
}
COMMENTER = {
    "name": "Rosa",
    "email": "rosa.hidden@example.net",
    "body": "My cousin was afraid to report what happened at work. This has to change.",
    "website": "",
}
SIGNER_ADDRESS = "198.51.100.23"
COMMENTER_ADDRESS = "203.0.113.41"
# Nothing of these may appear outside the admin screens meant for them.
SECRETS = [
    SIGNER["email"],
    SIGNER["last_name"],
    SIGNER["postcode"],
    COMMENTER["email"],
    SIGNER_ADDRESS,
    COMMENTER_ADDRESS,
]


def link_in(message, pattern):
    return re.search(pattern, message.body).group(0)


def found_in(text):
    return [secret for secret in SECRETS if secret.lower() in text.lower()]


@pytest.fixture
def moderator(django_user_model):
    user = django_user_model.objects.create_user("mod", "mod@example.org", "x" * 16)
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


@override_settings(ADMINS=[("Ops", "ops@example.org")], DEBUG=False)
def test_no_personal_data_leaks_after_the_whole_flow(
    client, news_index, campaign, moderator, caplog, django_capture_on_commit_callbacks
):
    caplog.set_level(logging.DEBUG)
    story = NewsPageFactory(parent=news_index)
    petition = PetitionPageFactory(parent=campaign)

    with django_capture_on_commit_callbacks(execute=True):
        signed = client.post(petition.url + "sign/", SIGNER, REMOTE_ADDR=SIGNER_ADDRESS)
    assert signed.status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        client.post(link_in(mail.outbox[-1], r"http://\S+/confirm/\S+/"))
    with django_capture_on_commit_callbacks(execute=True):
        commented = client.post(
            f"/comments/post/{story.pk}/", COMMENTER, REMOTE_ADDR=COMMENTER_ADDRESS
        )
    assert commented.status_code == 201
    with django_capture_on_commit_callbacks(execute=True):
        client.post(link_in(mail.outbox[-1], r"http://\S+/comments/confirm/\S+/"))

    # Something breaks while a supporter signs: the error report must not carry their details.
    broken = client_class_raising_later(client)
    with pytest.raises(RuntimeError):
        broken.post(petition.url + "sign/", SIGNER, REMOTE_ADDR=SIGNER_ADDRESS)

    comment = Comment.objects.get()
    client.force_login(moderator)
    queue = client.get("/admin/snippets/comments/comment/").content.decode()
    moderate = client.get(f"/admin/comments/moderate/{comment.pk}/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/admin/comments/moderate/{comment.pk}/", {"action": "approve"})
    client.logout()

    public = {
        "story": client.get(story.url).content.decode(),
        "petition": client.get(petition.url).content.decode(),
        "comments api": client.get(f"/api/comments/pages/{story.pk}/").content.decode(),
        "petition api": client.get(f"/api/campaign/petitions/{petition.pk}/").content.decode(),
        "pages api": client.get("/api/v3/pages/?fields=*").content.decode(),
        "queue (moderator)": queue + moderate,
        "logs": caplog.text,
        "error reports": "".join(m.body for m in mail.outbox if m.to == ["ops@example.org"]),
    }
    assert public["error reports"], "the failure was reported to ADMINS"
    assert COMMENTER["body"][:30] in public["story"], "the approved comment is public"
    leaks = {where: found_in(text) for where, text in public.items() if found_in(text)}
    assert leaks == {}
    # The commenter chose to be known as "Rosa"; the signer did not ask to be shown at all.
    assert SIGNER["first_name"] not in public["petition"] + public["petition api"]


def client_class_raising_later(client):
    """The same client, with the signing step made to fail after the form has been read."""
    from unittest import mock

    class Raising:
        def post(self, *args, **kwargs):
            with mock.patch(
                "campaign.petition_signing.add_signature", side_effect=RuntimeError("boom")
            ):
                return client.post(*args, **kwargs)

    return Raising()
