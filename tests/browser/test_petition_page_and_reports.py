"""Issue 15, petitions: the page on a phone, a bare petition, the form's errors for screen
readers, "Recently signed" kept with the count, the per-day report and the dashboard panel."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, Permission
from django.test import override_settings
from django.utils import timezone

from campaign import counting
from campaign.erasure import erase_signatures
from campaign.models import Signature
from tests.conftest import ensure_wagtail_roots
from tests.factories import (
    CampaignPageFactory,
    HomePageFactory,
    PetitionPageFactory,
    SignatureFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
WHY = (
    "Between May 2020 and September 2022, police forces across the UK referred 2,672 victims "
    "of crime to the Home Office. When victims fear that reporting a crime will put them at "
    "risk of removal, they stay silent, and the people who exploited them go free."
)
ERROR_RED = "rgb(180, 35, 24)"
# Every id an aria-describedby names that is not on the page, as "field->id".
DANGLING_REFERENCES = """() => [...document.querySelectorAll('[aria-describedby]')].flatMap(el =>
    el.getAttribute('aria-describedby').split(/\\s+/)
      .filter(id => !document.getElementById(id)).map(id => el.id + '->' + id))"""


@pytest.fixture
def campaign(transactional_db, live_site_address):
    from wagtail.models import Site

    home = HomePageFactory(parent=ensure_wagtail_roots())
    Site.objects.update_or_create(
        is_default_site=True, defaults={**live_site_address, "root_page": home}
    )
    return CampaignPageFactory(parent=home, show_in_menus=True)


def confirmed(petition, first_name, days_ago=0, show=True, email=None):
    extra = {"email": email} if email else {}
    signature = SignatureFactory(
        petition=petition, first_name=first_name, show_publicly=show, **extra
    )
    counting.confirm_signature(signature.pk)
    if days_ago:
        Signature.objects.filter(pk=signature.pk).update(
            confirmed_at=timezone.now() - timedelta(days=days_ago)
        )
    return signature


def in_viewport(locator, height):
    box = locator.bounding_box()
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= height


@override_settings(PETITION_SIGN_RATES=[])
def test_on_a_phone_the_count_and_sign_come_first_and_errors_are_tied_to_fields(
    live_server, campaign, page, screenshot_dir
):
    body = [("paragraph", f"<p>{WHY}</p>")] * 6
    petition = PetitionPageFactory(parent=campaign, goal=10, body=body)
    for name in ("Amara", "Yusuf", "Grace"):
        confirmed(petition, name)
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + petition.url)

    # Above the fold at 390 x 844: the count, the bar and "Sign now".
    count = page.locator("[data-count]").filter(visible=True)
    assert count.count() == 1 and count.inner_text() == "3"
    assert in_viewport(count, PHONE["height"])
    assert in_viewport(page.get_by_role("progressbar").filter(visible=True), PHONE["height"])
    sign_now = page.get_by_role("link", name="Sign now")
    assert in_viewport(sign_now, PHONE["height"])
    # The form itself is far below, past the reasons.
    assert not in_viewport(page.locator("#id_first_name"), PHONE["height"])
    page.screenshot(path=str(screenshot_dir / "petition-phone-fold.png"))

    # One tap: the form comes into view with the cursor in its first field.
    sign_now.click()
    page.wait_for_function(
        "document.activeElement && document.activeElement.id === 'id_first_name'"
    )
    page.wait_for_timeout(600)  # the smooth scroll
    assert in_viewport(page.locator("#id_first_name"), PHONE["height"])

    # Help texts the fields point to exist; nothing points to a missing id.
    assert page.evaluate(DANGLING_REFERENCES) == []

    # Send it empty with a bad address: errors tied to their fields, focus on the first.
    page.locator("#id_email").fill("not-an-address")
    page.get_by_role("button", name="Sign the petition").click()
    page.wait_for_selector(".field__error")
    assert page.evaluate("document.activeElement.id") == "id_first_name"
    for field in ("first_name", "last_name", "email", "country"):
        control = page.locator(f"#id_{field}")
        assert control.get_attribute("aria-invalid") == "true"
        described = control.get_attribute("aria-describedby").split()
        assert f"id_{field}_error" in described
        error = page.locator(f"#id_{field}_error")
        assert error.is_visible() and error.inner_text().strip()
        # Seen as well as heard: the field's border turns red.
        assert control.evaluate("el => getComputedStyle(el).borderTopColor") == ERROR_RED
    assert page.locator("#id_postcode").get_attribute("aria-invalid") is None
    assert page.evaluate(DANGLING_REFERENCES) == []
    page.screenshot(path=str(screenshot_dir / "petition-phone-errors.png"))

    # Wide: the form is beside the text, the phone's summary is not shown twice.
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + petition.url)
    assert not page.get_by_role("link", name="Sign now").is_visible()
    sign_box = page.locator(".sign-box").bounding_box()
    body_box = page.locator(".story__body").bounding_box()
    assert sign_box["x"] > body_box["x"] + body_box["width"]
    assert sign_box["y"] < 400
    page.screenshot(path=str(screenshot_dir / "petition-1280.png"), full_page=True)


def test_a_petition_with_only_its_required_fields_has_no_empty_column(
    live_server, campaign, page, screenshot_dir
):
    petition = PetitionPageFactory(parent=campaign, title="Free legal advice for every victim")
    page.goto(live_server.url + petition.url)
    assert page.locator(".story__body").count() == 0
    title = page.get_by_role("heading", level=1).bounding_box()
    box = page.locator(".sign-box").bounding_box()
    # The form starts under the ask, at the text's left edge, not in a right-hand column.
    assert abs(box["x"] - title["x"]) < 2
    assert box["y"] < 500
    page.screenshot(path=str(screenshot_dir / "petition-bare-1280.png"), full_page=True)

    page.set_viewport_size(PHONE)
    page.goto(live_server.url + petition.url)
    assert in_viewport(page.locator("[data-count]").filter(visible=True), PHONE["height"])
    assert in_viewport(page.get_by_role("link", name="Sign now"), PHONE["height"])
    box = page.locator(".sign-box").bounding_box()
    assert box["width"] > 330 and box["y"] < PHONE["height"]
    page.screenshot(path=str(screenshot_dir / "petition-bare-390.png"), full_page=True)


def test_recently_signed_follows_the_count_and_forgets_an_erased_signer(
    live_server, campaign, page
):
    petition = PetitionPageFactory(parent=campaign, goal=10)
    confirmed(petition, "Amara", email="amara@example.org")
    confirmed(petition, "Yusuf")
    confirmed(petition, "Hidden", show=False)
    signers = page.get_by_role("region", name="Recently signed").get_by_role("listitem")

    page.goto(live_server.url + petition.url)
    page.wait_for_load_state("networkidle")
    assert signers.all_inner_texts() == ["Yusuf, United Kingdom", "Amara, United Kingdom"]

    # Confirmed after the page was cached: the cached page does not know her, the script does.
    confirmed(petition, "Esther")
    page.goto(live_server.url + petition.url)
    page.wait_for_load_state("networkidle")
    assert page.locator("[data-count]").first.inner_text() == "4"
    assert signers.all_inner_texts()[0] == "Esther, United Kingdom"
    assert "Hidden" not in " ".join(signers.all_inner_texts())

    # Erased within seconds of being listed: no copy of her name survives, in the page or in
    # what the script fetches.
    erase_signatures("amara@example.org")
    page.goto(live_server.url + petition.url)
    page.wait_for_load_state("networkidle")
    assert signers.all_inner_texts() == ["Esther, United Kingdom", "Yusuf, United Kingdom"]
    assert page.locator("[data-count]").first.inner_text() == "4"


def manager_in(page, live_server, django_user_model, group_name, codenames, username):
    group, _ = Group.objects.get_or_create(name=group_name)
    group.permissions.set(Permission.objects.filter(codename__in=codenames))
    user = django_user_model.objects.create_user(username, f"{username}@example.org", "a-long-pw-1")
    user.groups.add(group)
    page.goto(live_server.url + "/admin/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill("a-long-pw-1")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/admin/")


def test_managers_see_signatures_per_day_and_the_dashboard_panel(
    live_server, campaign, page, django_user_model, screenshot_dir
):
    firewall = PetitionPageFactory(parent=campaign, title="Build a firewall")
    other = PetitionPageFactory(parent=campaign, title="=Other petition")
    for days_ago in (0, 0, 3, 3, 3):  # none one and two days ago
        confirmed(firewall, "Amara", days_ago=days_ago)
    confirmed(other, "Yusuf", days_ago=1)
    manager_in(
        page,
        live_server,
        django_user_model,
        "Campaign managers",
        ["access_admin", "view_signature"],
        "manager",
    )

    # The dashboard: today and this week per live petition, linking to its report.
    panel = page.get_by_role("region", name="Petitions")
    row = panel.get_by_role("row").filter(has_text="Build a firewall")
    assert row.get_by_role("cell").all_inner_texts()[:1] == ["2"]
    page.screenshot(path=str(screenshot_dir / "dashboard-petitions.png"), full_page=True)
    row.get_by_role("link", name="Build a firewall").click()
    page.wait_for_url(f"**/signatures-per-day/?petition={firewall.pk}")

    # The report of one petition: its total, every day including those without signatures.
    assert (
        page.get_by_role("status")
        .filter(has_text="confirmed signatures")
        .inner_text()
        .startswith("5 confirmed signatures on “Build a firewall”")
    )
    rows = page.locator("table.listing tbody tr")
    assert rows.count() == 4
    assert rows.all_inner_texts()[1].endswith("0") and rows.all_inner_texts()[2].endswith("0")
    assert page.locator("table.listing tfoot").inner_text().split() == ["Total", "5"]
    header = page.locator("header").first.bounding_box()
    first_bar = page.locator("figure svg rect").first.bounding_box()
    assert first_bar["y"] >= header["y"] + header["height"]
    page.screenshot(path=str(screenshot_dir / "signatures-per-day.png"))
    csv = page.request.get(
        f"{live_server.url}/admin/reports/signatures-per-day/?petition={firewall.pk}&export=csv"
    )
    lines = csv.text().strip().splitlines()
    assert lines[0].startswith("Day,") and len(lines) == 5 and lines[2].endswith(",0")

    # The signature list says how many.
    page.goto(live_server.url + f"/admin/signatures/?petition={other.pk}")
    assert page.locator("[data-signatures-total]").inner_text() == "1 signature matches"
    csv = page.request.get(f"{live_server.url}/admin/signatures/?petition={other.pk}&export=csv")
    assert "'=Other petition" in csv.text()  # still formula-safe


def test_editors_get_no_petitions_panel(live_server, campaign, page, django_user_model):
    PetitionPageFactory(parent=campaign)
    manager_in(page, live_server, django_user_model, "Editors", ["access_admin"], "editor")
    assert page.get_by_role("region", name="Petitions").count() == 0
