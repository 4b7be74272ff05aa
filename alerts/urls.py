"""The alert addresses readers use, under /alerts/ (config/urls.py includes them): sign up,
confirm from the emailed link, manage one's alerts, unsubscribe (also by a mail client's
one-click POST). The email provider's tracking webhook is anymail's own view, which
config/urls.py adds under /alerts/anymail/ when ANYMAIL_ESP is set (alerts/webhooks.py
handles what it reports)."""

from django.urls import path

from alerts import views

app_name = "alerts"

urlpatterns = [
    path("subscribe/", views.subscribe_view, name="subscribe"),
    path("confirm/<str:token>/", views.confirm_view, name="confirm"),
    path("manage/<str:token>/", views.manage_view, name="manage"),
    path("unsubscribe/<str:token>/", views.unsubscribe_view, name="unsubscribe"),
]
