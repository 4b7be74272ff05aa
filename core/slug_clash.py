"""A new page whose address another page already has: say which page, and offer it.

Wagtail's autosave makes a draft as soon as a new page's title and body are filled, even if
the editor never presses Save. An editor who leaves and starts again with the same title is
told only that "the slug is already in use", on the Promote tab, with no word of the draft
they did not know they had made. Before Wagtail checks the form, this says, at the top of the
editor, which page has the address, whether it is a draft never published, and links to it.
"""

from django.urls import reverse
from django.utils.html import format_html
from wagtail.admin import messages


def explain_slug_clash(request, parent_page, page_class):
    """For the `before_create_page` hook: on a submitted form (not an autosave, which answers
    in JSON and shows its own short notice), warn of the page holding the same slug."""
    if request.method != "POST" or not request.accepts("text/html"):
        return
    # An empty slug is no clash: Wagtail makes one from the title, numbered if taken.
    slug = request.POST.get("slug", "").strip()
    if not slug:
        return
    existing = parent_page.get_children().filter(slug=slug).specific().first()
    if existing is None:
        return
    title = existing.get_admin_display_title()
    if not existing.live and existing.first_published_at is None:
        state = "a draft that has never been published, perhaps saved automatically as you typed"
        what = "draft"
    elif existing.live:
        state = "a published page"
        what = "page"
    else:
        state = "an unpublished page"
        what = "page"
    can_edit = existing.permissions_for_user(request.user).can_edit()
    buttons = []
    if can_edit:
        buttons.append(
            messages.button(
                reverse("wagtailadmin_pages:edit", args=[existing.pk]), f"Edit the existing {what}"
            )
        )
        advice = f"Carry on with that {what}, or give this page another slug in the Promote tab."
    else:
        advice = "Give this page another slug in the Promote tab."
    messages.warning(
        request,
        format_html(
            "“{}” already uses the address “{}” here: it is {}. {}", title, slug, state, advice
        ),
        buttons=buttons,
    )
