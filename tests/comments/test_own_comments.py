"""An author's own comments: the browser that posted one (or proved its address) sees it while
it waits, may edit it for a while and delete it; nobody else may, even knowing its id. And the
order of conversations, and the comment form's errors tied to their fields."""

import datetime
import json

import pytest
from django.utils import timezone

from comments import authorship
from comments.models import Comment
from comments.threads import conversations, sort_parameter
from pagecache.query_strings import cache_key
from tests.comments.conftest import form_data, prove
from tests.factories import CommenterFactory, CommentFactory

pytestmark = pytest.mark.django_db


def post(client, story, **overrides):
    return client.post(f"/comments/post/{story.pk}/", form_data(**overrides))


def mine(client, story):
    response = client.get(f"/comments/mine/{story.pk}/")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    return json.loads(response.content)


def test_posting_gives_a_signed_http_only_cookie_for_comments_only(client, story):
    response = post(client, story)
    assert response.status_code == 201
    cookie = response.cookies[authorship.COOKIE]
    assert cookie["httponly"] and cookie["samesite"] == "Lax" and cookie["path"] == "/comments/"
    assert 0 < cookie["max-age"] <= authorship.MAX_AGE
    assert len(cookie.value) < 400
    # The page shown after posting holds the comment, waiting, with what its author may do.
    comment = Comment.objects.get()
    assert b"Awaiting moderation" in response.content
    assert f"/comments/edit/{comment.pk}/".encode() in response.content
    hint = response.cookies[authorship.HINT_COOKIE]
    assert hint.value == "1" and not hint["httponly"]


def test_the_cookie_names_at_most_twenty_comments(client, story, settings):
    settings.COMMENTS_RATE_PER_IP = settings.COMMENTS_RATE_PER_EMAIL = "100/h"
    for number in range(authorship.MAX_COMMENTS + 2):
        post(client, story, body=f"Comment number {number} about the police and the Home Office.")
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    request.COOKIES = {authorship.COOKIE: client.cookies[authorship.COOKIE].value}
    ids = authorship.posted_ids(request)
    assert len(ids) == authorship.MAX_COMMENTS
    assert ids[0] == Comment.objects.latest("pk").pk


def test_only_the_posting_browser_sees_its_waiting_comment(client, client_factory, story):
    post(client, story, body="Safe reporting saves lives, and <b>this</b> is plain text.")
    comment = Comment.objects.get()
    answer = mine(client, story)
    assert [item["id"] for item in answer["waiting"]] == [comment.pk]
    html = answer["waiting"][0]["html"]
    assert "Awaiting moderation" in html and "&lt;b&gt;this&lt;/b&gt;" in html
    assert "<b>" not in html

    stranger = client_factory()
    assert mine(stranger, story) == {"waiting": [], "own": []}
    # A forged cookie naming the comment is ignored.
    stranger.cookies[authorship.COOKIE] = f"[{comment.pk}]"
    assert mine(stranger, story) == {"waiting": [], "own": []}

    # Decided: no longer waiting. Approved: Edit and Delete for it instead.
    Comment.objects.filter(pk=comment.pk).update(status="approved")
    answer = mine(client, story)
    assert answer["waiting"] == [] and [item["id"] for item in answer["own"]] == [comment.pk]
    Comment.objects.filter(pk=comment.pk).update(status="rejected", decided_at=timezone.now())
    assert mine(client, story) == {"waiting": [], "own": []}


def test_a_banned_address_comment_looks_waiting_to_its_author(client, story):
    from comments.models import Ban
    from core.identity import email_hash

    Ban.objects.create(email_hash=email_hash("amira@example.org"))
    post(client, story)
    assert Comment.objects.get().status == "spam"
    assert len(mine(client, story)["waiting"]) == 1


def test_a_proven_browser_owns_the_proven_comments_of_its_address(client, client_factory, story):
    commenter = CommenterFactory(email="amira@example.org")
    comment = CommentFactory(page=story, commenter=commenter, proven_at=timezone.now())
    unproven = CommentFactory(page=story, commenter=commenter, proven_at=None)
    prove(client, "amira@example.org")
    assert [item["id"] for item in mine(client, story)["own"]] == [comment.pk]
    assert client.get(f"/comments/edit/{unproven.pk}/").status_code == 404
    assert client_factory().get(f"/comments/edit/{comment.pk}/").status_code == 404


def test_editing_rescreens_and_requeues_a_published_comment(client, story, options):
    post(client, story)
    comment = Comment.objects.get()
    Comment.objects.filter(pk=comment.pk).update(status="approved")
    page = client.get(f"/comments/edit/{comment.pk}/")
    assert page.status_code == 200 and b"Save changes" in page.content

    new = "Victims of trafficking must be able to report crimes. Edited: the firewall now."
    response = client.post(f"/comments/edit/{comment.pk}/", {"body": new})
    assert response.status_code == 200 and b"off the page until a moderator" in response.content
    comment.refresh_from_db()
    assert comment.body == new and comment.status == "pending" and comment.decided_at is None

    # The screen reads the new text: a slur is refused, and the comment stays as it was.
    refused = client.post(f"/comments/edit/{comment.pk}/", {"body": "You are a fucking idiot."})
    assert refused.status_code == 422 and b"breaks our comment policy" in refused.content
    assert b"You are a fucking idiot." in refused.content
    comment.refresh_from_db()
    assert comment.body == new


def test_editing_is_refused_after_the_window_and_to_others(client, client_factory, story, options):
    post(client, story)
    comment = Comment.objects.get()
    stranger = client_factory()
    assert stranger.post(f"/comments/edit/{comment.pk}/", {"body": "Hijacked!!"}).status_code == 404
    assert stranger.post(f"/comments/delete/{comment.pk}/").status_code == 404
    assert client.get("/comments/edit/999999/").status_code == 404

    Comment.objects.filter(pk=comment.pk).update(
        created_at=timezone.now() - datetime.timedelta(minutes=options.edit_minutes + 1)
    )
    late = client.post(f"/comments/edit/{comment.pk}/", {"body": "Too late to change this."})
    assert late.status_code == 403
    assert b"can be edited for 10 minutes" in late.content
    assert Comment.objects.get().body == form_data()["body"]


def test_deleting_withdraws_the_comment_and_keeps_replies_in_place(client, story):
    post(client, story)
    comment = Comment.objects.get()
    Comment.objects.filter(pk=comment.pk).update(status="approved")
    reply = CommentFactory(page=story, parent=comment, thread=comment, depth=2)
    assert client.get(f"/comments/delete/{comment.pk}/").status_code == 200
    response = client.post(f"/comments/delete/{comment.pk}/")
    assert response.status_code == 200 and b"deleted" in response.content
    comment.refresh_from_db()
    assert comment.status == "withdrawn" and comment.body == authorship.WITHDRAWN_BODY
    shown = conversations(story)
    assert shown.nodes[0].comment.pk == comment.pk
    assert [node.comment.pk for node in shown.nodes[0].replies] == [reply.pk]
    page = client.get(story.url)
    assert b"withdrawn by its author" in page.content and form_data()["body"].encode() not in (
        page.content
    )


def test_sorting_newest_oldest_and_most_replied(story):
    now = timezone.now()
    old = CommentFactory(page=story, created_at=now - datetime.timedelta(days=3))
    busy = CommentFactory(page=story, created_at=now - datetime.timedelta(days=2))
    new = CommentFactory(page=story, created_at=now - datetime.timedelta(days=1))
    for _ in range(2):
        CommentFactory(page=story, parent=busy, thread=busy, depth=2)
    ids = lambda order: [n.comment.pk for n in conversations(story, order=order).nodes]  # noqa: E731
    assert ids("newest") == [new.pk, busy.pk, old.pk]
    assert ids("oldest") == [old.pk, busy.pk, new.pk]
    assert ids("replies") == [busy.pk, new.pk, old.pk]


def test_the_sort_parameter_keys_the_page_cache_with_three_values_only():
    from django.http import QueryDict

    def key(query):
        return cache_key("example.org", "/news/a-story/", QueryDict(query))

    assert key("") == key("sort=newest") == key("sort=bogus") == key("sort=")
    assert key("sort=oldest") == key("sort=OLDEST") != key("")
    assert key("sort=replies") not in (key(""), key("sort=oldest"))
    assert sort_parameter("x" * 5000) is None


def test_the_story_and_all_comments_page_sort(client, story):
    now = timezone.now()
    old = CommentFactory(page=story, body="The oldest comment.", created_at=now)
    CommentFactory(page=story, body="The newest comment.", created_at=now + datetime.timedelta(1))
    for url in (story.url, f"/comments/page/{story.pk}/"):
        oldest_first = client.get(url + "?sort=oldest").content.decode()
        assert oldest_first.index("The oldest comment.") < oldest_first.index("The newest comment.")
        newest_first = client.get(url).content.decode()
        assert newest_first.index("The newest comment.") < newest_first.index("The oldest comment.")
        assert 'aria-current="true">Newest' in newest_first
    assert old.pk


def test_form_errors_are_tied_to_their_fields(client, story):
    response = post(client, story, name="", email="not an address", body="")
    assert response.status_code == 400
    html = response.content.decode()
    for field in ("name", "email", "body"):
        assert f'id="id_{field}-error"' in html
        assert f'aria-describedby="id_{field}-error id_{field}-help"' in html
        assert f'id="id_{field}-help"' in html
    assert html.count('aria-invalid="true"') == 3
    assert html.count(" autofocus") == 1 and 'id="id_name"' in html.split(" autofocus")[0][-400:]
    assert 'href="#id_email"' in html


def test_every_id_on_a_story_is_unique(client, story):
    import re
    from collections import Counter

    CommentFactory(page=story)
    html = client.get(story.url).content.decode()
    # The reply form lives in a <template>, outside the document, until it is opened.
    outside = re.sub(r"<template.*?</template>", "", html, flags=re.S)
    ids = Counter(re.findall(r'\sid="([^"]+)"', outside))
    assert [name for name, count in ids.items() if count > 1] == []
    assert 'id="top_name"' in html and 'id="id_name"' in html and 'id="reply_name"' in html
