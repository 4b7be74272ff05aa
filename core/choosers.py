"""Snippet choosers that check the model's permissions.

Wagtail's snippet chooser modal lists every instance to anyone in the admin, whatever their
permissions, because it is meant for picking a snippet in a page field. Here some snippets are
supporters' words (held and rejected comments) and moderation records (bans), so a chooser
opens only for someone who may at least view that model.
"""

from django.core.exceptions import PermissionDenied
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import policy_registry
from wagtail.snippets.views import chooser
from wagtail.snippets.views.snippets import SnippetViewSet

ANY_RIGHT = ["add", "change", "delete", "view"]


class PermissionChecked:
    def dispatch(self, request, *args, **kwargs):
        model = getattr(self, "model_class", None) or self.model
        policy = policy_registry.get_by_type(model) or ModelPermissionPolicy(model)
        if not policy.user_has_any_permission(request.user, ANY_RIGHT):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ChooseView(PermissionChecked, chooser.ChooseView):
    pass


class ChooseResultsView(PermissionChecked, chooser.ChooseResultsView):
    pass


class ChosenView(PermissionChecked, chooser.SnippetChosenView):
    pass


class ChosenMultipleView(PermissionChecked, chooser.SnippetChosenMultipleView):
    pass


class CreateView(PermissionChecked, chooser.SnippetCreateView):
    pass


class PermissionCheckedSnippetChooserViewSet(chooser.SnippetChooserViewSet):
    choose_view_class = ChooseView
    choose_results_view_class = ChooseResultsView
    chosen_view_class = ChosenView
    chosen_multiple_view_class = ChosenMultipleView
    create_view_class = CreateView


class PermissionCheckedSnippetViewSet(SnippetViewSet):
    """A SnippetViewSet whose chooser checks permissions like the rest of its views."""

    chooser_viewset_class = PermissionCheckedSnippetChooserViewSet
