from django.apps import AppConfig


class ContentConfig(AppConfig):
    """Shared page content: body blocks, the bar chart and story cards. No models; an app so
    that its templates are found (APP_DIRS)."""

    name = "content"
    verbose_name = "Content"
