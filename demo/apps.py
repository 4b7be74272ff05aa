from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo site and its `load_demo_content` command. No models."""

    name = "demo"
    verbose_name = "Demo site"
