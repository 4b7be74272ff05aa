from django.apps import AppConfig


class CivilityLabConfig(AppConfig):
    """Tools for the people who tune the civility screen: `manage.py civility_eval` measures it
    on labelled text, `python -m civility_lab.train` retrains its model. No models, no URLs."""

    name = "civility_lab"
    verbose_name = "Civility lab"
