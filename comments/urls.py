from django.urls import path

from comments import views

app_name = "comments"

urlpatterns = [
    path("post/<int:page_id>/", views.post, name="post"),
    path("reply/<int:comment_id>/", views.reply, name="reply"),
    path("page/<int:page_id>/", views.all_comments, name="all"),
    path("confirm/<str:token>/", views.confirmation, name="confirm"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
