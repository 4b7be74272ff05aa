from django.apps import AppConfig


class CommentsConfig(AppConfig):
    name = "comments"
    verbose_name = "Comments"

    def ready(self):
        # Saving a word list invalidates the cached screen on every app server.
        from comments import signals  # noqa: F401
