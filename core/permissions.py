"""Permission policies shared by admin viewsets."""

from wagtail.permission_policies import ModelPermissionPolicy


class ReadOnlyPermissionPolicy(ModelPermissionPolicy):
    """Rows that only the site itself writes (signatures, failed-task records): nobody may add
    or change one in the admin, superusers included; view and delete follow the permissions."""

    def user_has_permission(self, user, action):
        if action in {"add", "change"}:
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)
