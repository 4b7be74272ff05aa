"""The comment section under a story: policy, conversations, and the form."""

from django import template

from comments.body_html import render_body
from comments.forms import CommentForm
from comments.models import CommentSettings
from comments.story_section import on_story
from comments.threads import ORDER_LABELS

register = template.Library()


@register.inclusion_tag("comments/section.html", takes_context=True)
def comment_section(context, page):
    request = context["request"]
    if page.pk is None:
        # A preview of a page not yet saved: there is nothing to show or reply to.
        options = CommentSettings.for_request(request)
        return {"page": page, "options": options, "unsaved": True}
    # On a cached page the order is `?sort=` as the cache key has it (pagecache/query_strings.py).
    options, order, shown = on_story(request, page)
    return {
        "request": request,
        "page": page,
        "options": options,
        "conversations": shown,
        "order": order,
        "orders": ORDER_LABELS.items(),
        **blank_forms(options),
    }


def blank_forms(options):
    """The section's three blank forms, each with ids of its own: the page's last form keeps
    Django's (`id_name`...), the one above the conversations and the reply opened in place
    are prefixed, so no id appears twice on the page."""
    return {
        "form": CommentForm(max_length=options.max_length),
        "top_form": CommentForm(max_length=options.max_length, auto_id="top_%s"),
        "reply_form": CommentForm(max_length=options.max_length, auto_id="reply_%s"),
    }


@register.filter
def comment_body(text):
    return render_body(text)
