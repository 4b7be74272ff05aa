"""Admin fixes that belong to no app: permission checks Wagtail's own admin leaves out.

The page move confirmation is shown only to those who may make the move; a new page whose
slug another page already has names that page and links to it.
"""

from django.core.exceptions import PermissionDenied
from wagtail import hooks

from core.slug_clash import explain_slug_clash


@hooks.register("before_move_page")
def only_movers_see_the_move_confirmation(request, page, destination):
    """Wagtail checks the move itself, on POST, but shows its confirmation page (with both
    titles, drafts included) to anyone in the admin. Check before showing it too."""
    if not page.permissions_for_user(request.user).can_move_to(destination):
        raise PermissionDenied


@hooks.register("before_create_page")
def explain_a_slug_already_in_use(request, parent_page, page_class):
    """A new page whose slug another page has (often a draft autosave made): name that page at
    the top of the editor and offer a link to it (core/slug_clash.py)."""
    explain_slug_clash(request, parent_page, page_class)
