"""Only campaign managers see and export alert subscribers; exports are audited and safe to
open in a spreadsheet; editors see the alerts their stories sent."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from taggit.models import Tag
from wagtail.models import ModelLogEntry

from tests.factories import AlertSubscriptionFactory

pytestmark = pytest.mark.django_db

INDEX = "/admin/alert_subscriptions/"


def user_in(django_user_model, group_name, username):
    user = django_user_model.objects.create_user(username, f"{username}@example.org", "pw")
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def manager(django_user_model):
    return user_in(django_user_model, "Campaign managers", "manager")


@pytest.fixture
def editor(django_user_model):
    return user_in(django_user_model, "Editors", "editor")


@pytest.fixture
def subscriptions(home):
    tag = Tag.objects.create(name="Firewall", slug="firewall")
    return [
        AlertSubscriptionFactory(subscriber__email="=HYPERLINK(1)@example.org"),
        AlertSubscriptionFactory(kind="tag", tag=tag, subscriber__email="tagged@example.org"),
        AlertSubscriptionFactory(
            kind="tag", tag=tag, status="pending", subscriber__email="waiting@example.org"
        ),
    ]


def test_managers_see_filter_and_search_subscribers(client, manager, subscriptions):
    client.force_login(manager)
    html = client.get(INDEX).content.decode()
    assert "tagged@example.org" in html and "Stories tagged “Firewall”" in html
    pending = client.get(INDEX, {"status": "pending"}).content.decode()
    assert "waiting@example.org" in pending and "tagged@example.org" not in pending
    # A whole address finds every spelling of it.
    found = client.get(INDEX, {"q": "Tagged+x@Example.org"}).content.decode()
    assert "tagged@example.org" in found and "waiting@example.org" not in found


def test_editors_and_visitors_cannot_see_subscribers(client, editor, subscriptions):
    assert client.get(INDEX).status_code == 302
    client.force_login(editor)
    assert client.get(INDEX).status_code in (302, 403)
    assert client.get(INDEX, {"export": "csv"}).status_code in (302, 403)
    assert client.get(reverse("alert_subscribers_per_topic")).status_code in (302, 403)
    menu = client.get("/admin/").content.decode()
    assert "Subscribers" not in menu


def test_editors_see_the_alerts_sent(client, editor):
    client.force_login(editor)
    assert client.get("/admin/email_alerts/").status_code == 200


def test_export_is_audited_and_neutralises_formulas(client, manager, subscriptions):
    client.force_login(manager)
    response = client.get(INDEX, {"export": "csv", "status": "confirmed", "q": "example.org"})
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode()
    assert "'=HYPERLINK(1)@example.org" in body
    assert "waiting@example.org" not in body
    entry = ModelLogEntry.objects.get(action="alerts.export_subscribers")
    assert entry.user_id == manager.pk
    assert entry.data["rows"] == 2
    assert entry.data["filters"] == {"status": "confirmed", "search": True}
    assert "example.org" not in str(entry.data)
    xlsx = client.get(INDEX, {"export": "xlsx"})
    assert xlsx.status_code == 200


def test_counts_per_topic(client, manager, subscriptions):
    client.force_login(manager)
    html = client.get(reverse("alert_subscribers_per_topic")).content.decode()
    assert "Stories tagged “Firewall”" in html and "Every story" in html
    csv = client.get(reverse("alert_subscribers_per_topic"), {"export": "csv"})
    rows = b"".join(csv.streaming_content).decode().splitlines()
    assert rows[0] == "Topic,Confirmed,As published,Weekly digest,Waiting for confirmation"
    assert "Stories tagged “Firewall”,1,1,0,1" in rows


def test_nobody_adds_or_changes_a_subscription(client, django_user_model, subscriptions):
    admin = django_user_model.objects.create_superuser("root", "root@example.org", "pw")
    client.force_login(admin)
    assert client.get(INDEX + "new/").status_code in (302, 403)
    assert client.get(INDEX + f"edit/{subscriptions[0].pk}/").status_code in (302, 403)
