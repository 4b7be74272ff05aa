"""The comment addresses readers use, under /comments/ (config/urls.py includes them): post
a comment or a reply, read a page's whole conversation, confirm a comment from its email
link, unsubscribe; and an author's own comments (`mine`, for the story's script; edit and
delete, with or without JavaScript). The moderators' pages are in the Wagtail admin
(comments/wagtail_hooks.py)."""

from django.urls import path

from comments import report_views, views

app_name = "comments"

urlpatterns = [
    path("post/<int:page_id>/", views.post, name="post"),
    path("reply/<int:comment_id>/", views.reply, name="reply"),
    path("page/<int:page_id>/", views.all_comments, name="all"),
    path("confirm/<str:token>/", views.confirmation, name="confirm"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("mine/<int:page_id>/", views.mine, name="mine"),
    path("edit/<int:comment_id>/", views.edit, name="edit"),
    path("delete/<int:comment_id>/", views.delete, name="delete"),
]

# Readers' reports of published comments (comments/report_views.py).
urlpatterns += [path("report/<int:comment_id>/", report_views.report, name="report")]
