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
