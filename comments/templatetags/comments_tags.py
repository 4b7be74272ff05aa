"""The comment section under a story: policy, conversations, and the form."""

from django import template

from comments.body_html import render_body
from comments.forms import CommentForm
from comments.models import CommentSettings
from comments.threads import conversations

register = template.Library()


@register.inclusion_tag("comments/section.html", takes_context=True)
def comment_section(context, page):
    request = context["request"]
    options = CommentSettings.for_request(request)
    if page.pk is None:
        # A preview of a page not yet saved: there is nothing to show or reply to.
        return {"page": page, "options": options, "unsaved": True}
    shown = conversations(page, limit=options.comments_per_page)
    return {
        "request": request,
        "page": page,
        "options": options,
        "conversations": shown,
        "more": shown.top_level > len(shown.nodes),
        "form": CommentForm(max_length=options.max_length),
    }


@register.filter
def comment_body(text):
    return render_body(text)
