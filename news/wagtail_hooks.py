"""Admin registration for the news snippets: categories and sources, under one "News" menu."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from core.choosers import PermissionCheckedSnippetViewSet
from news.models import NewsCategory, NewsSource


class NewsCategoryViewSet(PermissionCheckedSnippetViewSet):
    model = NewsCategory
    icon = "folder-open-inverse"
    menu_label = "Categories"
    list_display = ["name", "slug"]
    search_fields = ["name"]
    ordering = ["name"]


class NewsSourceViewSet(PermissionCheckedSnippetViewSet):
    model = NewsSource
    icon = "doc-full"
    menu_label = "News sources"
    list_display = ["name", "website"]
    search_fields = ["name"]
    ordering = ["name"]


class NewsSnippetGroup(SnippetViewSetGroup):
    menu_label = "News"
    menu_icon = "doc-full-inverse"
    menu_order = 200
    items = (NewsCategoryViewSet, NewsSourceViewSet)


register_snippet(NewsSnippetGroup)
