"""Varnish in front, with config/varnish/site.vcl: a story published and a comment approved
show through Varnish at once (the site purges what changed after the commit), while a page they
did not change is still served from Varnish's cache.

Needs Debian's varnish (`varnishd`); CI installs it and sets REQUIRE_VARNISH so that this
runs rather than skips there."""

import http.client
import os
import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model

from comments import moderation
from tests.factories import CommentFactory, NewsPageFactory, PetitionPageFactory

VCL = Path(__file__).resolve().parents[2] / "config" / "varnish" / "site.vcl"
VARNISHD = shutil.which("varnishd") or "/usr/sbin/varnishd"

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not os.path.exists(VARNISHD) and not os.environ.get("REQUIRE_VARNISH"),
        reason="needs varnishd (apt-get install varnish)",
    ),
]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def varnish(live_server, tmp_path, settings):
    """varnishd in front of the live server; the site purges it over HTTP."""
    backend_port = live_server.url.rsplit(":", 1)[1]
    vcl = tmp_path / "site.vcl"
    vcl.write_text(VCL.read_text().replace('.port = "8000";', f'.port = "{backend_port}";'))
    port = free_port()
    process = subprocess.Popen(
        [VARNISHD, "-F", "-f", str(vcl), "-a", f"127.0.0.1:{port}", "-n", str(tmp_path / "v")]
        + ["-j", "none", "-s", "malloc,32m", "-p", "ban_lurker_sleep=0.01"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 20
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"varnishd did not start: {process.stderr.read()!r}") from None
            time.sleep(0.1)
    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": f"http://127.0.0.1:{port}",
        }
    }
    yield ("127.0.0.1", port)
    process.terminate()
    process.wait(timeout=20)


def ask(varnish, method, path):
    connection = http.client.HTTPConnection(*varnish, timeout=20)
    try:
        connection.request(method, path, headers={"Host": "localhost"})
        response = connection.getresponse()
        return response, response.read().decode()
    finally:
        connection.close()


def through(varnish, path):
    """GET through Varnish as a reader of the site at http://localhost/ would."""
    response, html = ask(varnish, "GET", path)
    assert response.status == 200, path
    return response.headers["X-Varnish-Cache"], html


def test_varnish_serves_changes_at_once_and_keeps_what_did_not_change(
    varnish, news_index, campaign
):
    story = NewsPageFactory(parent=news_index, title="Police and the firewall")
    petition = PetitionPageFactory(parent=campaign, title="Sign for a firewall")
    paths = {"story": story.url, "petition": petition.url, "index": "/news/"}
    for path in paths.values():
        through(varnish, path)
    for name, path in paths.items():
        assert through(varnish, path)[0] == "hit", name
    # Tracking parameters are the same cached page.
    assert through(varnish, story.url + "?utm_source=x&fbclid=y")[0] == "hit"

    moderator = get_user_model().objects.create_superuser("mod", "m@example.org", "pw")
    comment = CommentFactory(page=story, status="pending", body="Victims first, always.")
    moderation.approve(comment, moderator)
    state, html = through(varnish, story.url)
    assert "Victims first, always." in html
    assert through(varnish, paths["index"])[0] == "hit"
    assert through(varnish, petition.url)[0] == "hit"

    NewsPageFactory(parent=news_index, title="A brand new story")
    assert "A brand new story" in through(varnish, "/news/")[1]
    assert "A brand new story" in through(varnish, story.url)[1]  # its "Latest stories" box
    assert through(varnish, petition.url)[0] == "hit"


def test_only_the_app_servers_may_purge(varnish):
    # From loopback, as the app servers are, a purge is taken; Varnish refuses other clients
    # by the `purgers` list in the VCL, which is what this line of it says.
    assert 'acl purgers {\n    "127.0.0.1";\n    "::1";\n}' in VCL.read_text()
    assert ask(varnish, "PURGE", "/")[0].status == 200


def test_varnish_keeps_the_comments_order_and_nothing_else(varnish, news_index):
    import datetime

    from django.utils import timezone

    story = NewsPageFactory(parent=news_index, title="Reporting must be safe")
    now = timezone.now()
    CommentFactory(page=story, body="First said.", created_at=now - datetime.timedelta(days=1))
    CommentFactory(page=story, body="Said later.", created_at=now)
    newest = through(varnish, story.url)[1]
    oldest = through(varnish, story.url + "?sort=oldest")[1]
    assert newest.index("Said later.") < newest.index("First said.")
    assert oldest.index("First said.") < oldest.index("Said later.")
    # Another value, or tracking beside it, is one of the same cached pages.
    assert through(varnish, story.url + "?sort=bogus&utm_source=x")[0] == "hit"
    assert through(varnish, story.url + "?utm_source=x&sort=oldest")[0] == "hit"
    # A comment approved makes every order of the story stale.
    moderator = get_user_model().objects.create_superuser("mod", "m@example.org", "pw")
    comment = CommentFactory(page=story, status="pending", body="Approved just now.")
    moderation.approve(comment, moderator)
    assert "Approved just now." in through(varnish, story.url + "?sort=oldest")[1]
