"""Admin fixes that belong to no app: permission checks Wagtail's own admin leaves out.

Here, so far, one: the page move confirmation is shown only to those who may make the move.
"""

from django.core.exceptions import PermissionDenied
from wagtail import hooks


@hooks.register("before_move_page")
def only_movers_see_the_move_confirmation(request, page, destination):
    """Wagtail checks the move itself, on POST, but shows its confirmation page (with both
    titles, drafts included) to anyone in the admin. Check before showing it too."""
    if not page.permissions_for_user(request.user).can_move_to(destination):
        raise PermissionDenied
