from django.apps import AppConfig


class ContentConfig(AppConfig):
    """Shared page content: the story body blocks and the bar chart. No models; an app so that
    its templates are found (APP_DIRS)."""

    name = "content"
    verbose_name = "Content"
