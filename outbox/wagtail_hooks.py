"""The outbox in the admin: failed background tasks (Settings → Failed background tasks).

Superusers see it, and anyone given "Can view failed background task" (for example an
operations group). Rows come from the tasks themselves (outbox/retries.py): nobody adds or
edits one here; those with the delete permission may clear one once it is dealt with.
"""

from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from core.permissions import ReadOnlyPermissionPolicy
from outbox.models import TaskFailure

register_permission_policy(TaskFailure, ReadOnlyPermissionPolicy(TaskFailure))


class TaskFailureViewSet(ModelViewSet):
    model = TaskFailure
    name = "failed_tasks"
    icon = "warning"
    menu_label = "Failed background tasks"
    add_to_settings_menu = True
    copy_view_enabled = False
    inspect_view_enabled = True
    list_display = [
        "task_name",
        "state",
        "attempts",
        "error_class",
        "error_message",
        "last_failed_at",
        "next_attempt_at",
    ]
    list_filter = ["state", "task_name"]
    form_fields = ["state"]  # never used: nobody may add or change a row


@hooks.register("register_admin_viewset")
def register_failed_tasks():
    return TaskFailureViewSet()
