"""Comment fixtures: a story that takes comments, a moderator, an editor, and site options."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Site

from comments.models import CommentSettings
from tests.factories import NewsPageFactory


@pytest.fixture
def story(news_index):
    return NewsPageFactory(parent=news_index, title="Police passed victims' details on")


@pytest.fixture
def options(home):
    """The site's comment settings; tests change them and save."""
    return CommentSettings.for_site(Site.objects.get(is_default_site=True))


@pytest.fixture
def moderator(django_user_model):
    user = django_user_model.objects.create_user("mod", "mod@example.org", "pw")
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


@pytest.fixture
def editor(django_user_model):
    user = django_user_model.objects.create_user("ed", "ed@example.org", "pw")
    user.groups.add(Group.objects.get(name="Editors"))
    return user


def form_data(**overrides):
    data = {
        "name": "Amira",
        "email": "amira@example.org",
        "body": "Victims of trafficking must be able to report crimes without fear of removal.",
        "website": "",
    }
    data.update(overrides)
    return data


def prove(client, email):
    """Give the test client's browser the cookie that following a confirmation link gives."""
    from django.http import HttpResponse
    from django.test import RequestFactory

    from comments import proof
    from core.identity import email_hash

    response = HttpResponse()
    request = RequestFactory().get("/")
    request.COOKIES = {name: morsel.value for name, morsel in client.cookies.items()}
    proof.remember(request, response, email_hash(email))
    client.cookies[proof.COOKIE] = response.cookies[proof.COOKIE].value
    return client


@pytest.fixture
def proven_client(client):
    """A browser that has proven amira@example.org (the address form_data posts with)."""
    return prove(client, "amira@example.org")


@pytest.fixture
def client_factory():
    """Another browser each call: its own cookies."""
    from django.test import Client

    return Client
