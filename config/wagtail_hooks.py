"""Admin rules that belong to the whole site rather than to one app."""

from django.core.exceptions import PermissionDenied
from wagtail import hooks


@hooks.register("before_move_page")
def only_movers_see_the_move_confirmation(request, page, destination):
    """Wagtail checks the move itself, on POST, but shows its confirmation page (with both
    titles, drafts included) to anyone in the admin. Check before showing it too."""
    if not page.permissions_for_user(request.user).can_move_to(destination):
        raise PermissionDenied
