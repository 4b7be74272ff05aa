"""Public comment pages: post, reply, read all, confirm a comment, unsubscribe.

Links in emails open a page with a button; only the POST acts, so mail scanners that follow
links change nothing. Confirming a comment also gives the browser that pressed the button
proof of the address (comments/proof.py).
"""

import math

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.text import Truncator
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from comments import posting, proof
from comments.email_links import comment_from_confirmation_token, subscription_pk_from_token
from comments.forms import CommentForm
from comments.models import Comment, CommentSettings, Subscription
from comments.ownership import confirm_comment
from comments.tasks import EXCERPT_LENGTH
from comments.threads import conversations
from core.csrf import same_origin_post
from core.form_encoding import UNREADABLE, form_is_not_utf8
from core.refusals import Refusal
from core.typed_numbers import MAX_ID, row_id, whole_number

ALL_PER_PAGE = 30


def commentable_or_404(page_id):
    page = posting.commentable_page(page_id)
    if page is None:
        raise Http404("This page does not take comments.")
    return page


def form_page(request, page, form, *, status=200, message="", parent=None, heading=None):
    context = {
        "page": page,
        "form": form,
        "parent": parent,
        "message": message,
        "refused": bool(message),
        "heading": heading or ("Reply" if parent else "Your comment"),
    }
    return render(request, "comments/form_page.html", context, status=status)


# Error reports (mail to ADMINS, error trackers) show "********" for the commenter's details.
@sensitive_post_parameters("name", "email")
@require_POST
@same_origin_post  # the form is on cached pages: no token, checked by origin
def post(request, page_id):
    page = commentable_or_404(page_id)
    options = CommentSettings.for_request(request)
    form = CommentForm(request.POST, max_length=options.max_length)
    # A reply's parent is a row id; anything else (a tampered form) means no parent here,
    # and the form below says what is wrong with it.
    parent_id = row_id(request.POST.get("parent", ""))
    parent = Comment.objects.approved().filter(pk=parent_id).first() if parent_id else None
    if form_is_not_utf8(request):
        return form_page(request, page, form, status=400, message=UNREADABLE, parent=parent)
    if not form.is_valid():
        message = "Please correct the fields marked below; nothing you wrote is lost."
        return form_page(request, page, form, status=400, message=message, parent=parent)
    data = form.cleaned_data
    try:
        posted = posting.post_comment(
            request,
            page,
            name=data["name"],
            email=data["email"],
            body=data["body"],
            parent_id=data["parent"],
            notify=data["notify"],
            honeypot=data["website"],
        )
    except Refusal as refusal:
        return form_page(
            request, page, form, status=refusal.status, message=refusal.message, parent=parent
        )
    if posted.status == Comment.Status.REJECTED:
        return form_page(
            request, page, form, status=422, message=posted.message, parent=parent,
            heading="Your comment was not accepted",
        )  # fmt: skip
    context = {"page": page, "message": posted.message, "heading": "Thank you for your comment"}
    return render(request, "comments/message_page.html", context, status=201)


@require_GET
def reply(request, comment_id):
    parent = get_object_or_404(Comment.objects.approved(), pk=comment_id)
    page = commentable_or_404(parent.page_id)
    options = CommentSettings.for_request(request)
    if parent.depth >= options.max_depth:
        raise Http404("Replies cannot go deeper here.")
    form = CommentForm(initial={"parent": parent.pk}, max_length=options.max_length)
    return form_page(request, page, form, parent=parent)


@require_GET
def all_comments(request, page_id):
    page = commentable_or_404(page_id)
    options = CommentSettings.for_request(request)
    # Capped: a huge number would overflow the database's OFFSET; it is a 404 below.
    number = min(whole_number(request.GET.get("page", "1")) or 1, MAX_ID)
    shown = conversations(page, offset=(number - 1) * ALL_PER_PAGE, limit=ALL_PER_PAGE)
    pages = max(1, math.ceil(shown.top_level / ALL_PER_PAGE))
    if number > pages:
        raise Http404("There are not that many pages of comments.")
    context = {
        "page": page,
        "options": options,
        "conversations": shown,
        "number": number,
        "pages": pages,
    }
    return render(request, "comments/all.html", context)


def broken_link(request, message):
    """A forged, mangled or expired link: say so plainly, with what to do instead."""
    context = {"heading": "This link does not work", "message": message, "refused": True}
    return render(request, "comments/button_page.html", context, status=400)


@require_http_methods(["GET", "POST"])
def confirmation(request, token):
    comment = comment_from_confirmation_token(token)
    if comment is None:
        return broken_link(
            request,
            "It may have expired or been copied incompletely. Post your comment again and we "
            "will send you a new link.",
        )
    context = {"page": comment.page, "excerpt": Truncator(comment.body).chars(EXCERPT_LENGTH)}
    if request.method == "GET":
        context.update(
            heading="Confirm your comment",
            message="Did you write this comment? Press the button to confirm that it is yours, "
            "and it will go to our moderators. If you did not, close this page: nothing will be "
            "published.",
            button="Yes, I wrote this comment",
        )
        return render(request, "comments/button_page.html", context)
    confirm_comment(comment)
    context.update(
        heading="Thank you: your comment is confirmed",
        message="It is with our moderators and will appear once approved. Comments you post "
        "from this browser with the same address now go straight to them, without an email.",
        excerpt="",
    )
    response = render(request, "comments/button_page.html", context)
    proof.remember(request, response, comment.commenter.email_hash)
    return response


# Mail clients unsubscribe with a POST of their own (RFC 8058), without a CSRF token; the
# signed token is what authorises it, and unsubscribing is all it can do.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    pk = subscription_pk_from_token(token)
    if pk is None:
        return broken_link(
            request,
            "It may have been copied incompletely. Every email we send has a working link at "
            "its foot.",
        )
    subscription = Subscription.objects.filter(pk=pk).select_related("page").first()
    if request.method == "GET" and subscription is not None:
        return render(
            request,
            "comments/button_page.html",
            {
                "heading": "Stop these emails?",
                "message": f"You will no longer be told of "
                f"{subscription.get_kind_display().lower()} (“{subscription.page.title}”).",
                "button": "Unsubscribe",
            },
        )
    # Already gone is as good as done: say so rather than fail.
    Subscription.objects.filter(pk=pk).delete()
    return render(
        request,
        "comments/button_page.html",
        {"heading": "You are unsubscribed", "message": "We will not email you about this again."},
    )
