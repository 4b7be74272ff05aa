"""Public comment pages: post, reply, read all, confirm a comment, unsubscribe, and an
author's own comments: seen while they wait, edited for a short while, withdrawn.

Links in emails open a page with a button; only the POST acts, so mail scanners that follow
links change nothing. Confirming a comment also gives the browser that pressed the button
proof of the address (comments/proof.py); posting one gives the browser that posted it a
cookie naming it (comments/authorship.py). Stories are the same for every reader, from the
cache: what is a browser's own comes from `mine`, which the story's script asks.
"""

import math

from django.conf import settings
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils.text import Truncator
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_ratelimit.core import is_ratelimited

from comments import authorship, posting, proof
from comments.email_links import comment_from_confirmation_token, subscription_pk_from_token
from comments.forms import CommentForm, EditForm
from comments.models import Comment, CommentSettings, Subscription
from comments.ownership import confirm_comment
from comments.tasks import EXCERPT_LENGTH
from comments.threads import ORDER_LABELS, conversations, order_from
from core.csrf import same_origin_post
from core.form_encoding import UNREADABLE, form_is_not_utf8
from core.privacy import ratelimit_key
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
    context = {
        "page": page,
        "message": posted.message,
        "heading": "Thank you for your comment",
        # Without JavaScript this page is where the author sees their comment and may change it.
        "own": own_comment_context(request, posted.comment, options, waiting=posted.status),
    }
    response = render(request, "comments/posted_page.html", context, status=201)
    authorship.remember(request, response, posted.comment)
    return response


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
    order = order_from(request.GET)
    shown = conversations(page, offset=(number - 1) * ALL_PER_PAGE, limit=ALL_PER_PAGE, order=order)
    pages = max(1, math.ceil(shown.top_level / ALL_PER_PAGE))
    if number > pages:
        raise Http404("There are not that many pages of comments.")
    context = {
        "page": page,
        "options": options,
        "conversations": shown,
        "number": number,
        "pages": pages,
        "order": order,
        "orders": ORDER_LABELS.items(),
        "sort_query": "" if order == "newest" else f"&sort={order}",
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
    authorship.remember_hint(request, response, max_age=proof.MAX_AGE)
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


# An author's own comments -------------------------------------------------------------------

NOT_YOURS = (
    "This comment cannot be changed from this browser. Only the browser it was posted from, "
    "or one where its address was confirmed by the emailed link, can edit or delete it."
)


def own_comment_context(request, comment, options, waiting=None):
    """What an author is shown of their own comment, and what they may still do with it.
    `waiting`: the status the author was told (a banned address's comment is spam inside)."""
    if waiting is None and authorship.is_waiting(comment):
        waiting = Comment.Status.PENDING if comment.proven_at else Comment.Status.UNCONFIRMED
    if waiting not in (Comment.Status.PENDING, Comment.Status.UNCONFIRMED):
        waiting = None
    return {
        "comment": comment,
        "waiting": waiting,
        "can_edit": authorship.can_still_edit(comment, options),
        "edit_until": authorship.edit_deadline(comment, options),
    }


@require_GET
def mine(request, page_id):
    """This browser's own comments on a page, for the story's script: those still waiting, to
    show marked as such, and Edit and Delete for each. Nothing for a browser that has
    posted nothing; never another browser's."""
    page = posting.commentable_page(page_id)
    options = CommentSettings.for_request(request)
    waiting, own = [], []
    for comment in authorship.own_comments_on(request, page_id) if page else []:
        context = own_comment_context(request, comment, options)
        if context["waiting"]:
            waiting.append(
                {
                    "id": comment.pk,
                    "parent": comment.parent_id,
                    "html": render_to_string("comments/own_comment.html", context, request),
                }
            )
        elif comment.status == Comment.Status.APPROVED:
            own.append(
                {
                    "id": comment.pk,
                    "html": render_to_string("comments/own_actions.html", context, request),
                }
            )
    response = JsonResponse({"waiting": waiting, "own": own})
    response["Cache-Control"] = "private, no-store"
    response["Vary"] = "Cookie"
    return response


def own_or_refuse(request, comment_id):
    """The comment if it is this browser's own, else None: a comment that does not exist and
    one that is someone else's get the same answer."""
    comment = Comment.objects.select_related("commenter", "page").filter(pk=comment_id).first()
    if comment is None or not authorship.owns(request, comment):
        return None
    return comment


def not_yours(request):
    context = {"heading": "This is not a comment you can change", "message": NOT_YOURS}
    context["refused"] = True
    return render(request, "comments/message_page.html", context, status=404)


def edit_page(request, comment, form, *, status=200, message="", refused=False):
    context = {
        "page": comment.page.specific,
        "comment": comment,
        "form": form,
        "heading": "Edit your comment",
        "message": message,
        "refused": refused,
    }
    return render(request, "comments/edit_page.html", context, status=status)


def edit_rate_limited(request):
    return is_ratelimited(
        request,
        group="comments.edit.ip",
        key=ratelimit_key,
        rate=settings.COMMENTS_RATE_PER_IP,
        increment=True,
    )


@require_http_methods(["GET", "POST"])
@same_origin_post
def edit(request, comment_id):
    comment = own_or_refuse(request, comment_id)
    if comment is None:
        return not_yours(request)
    options = CommentSettings.for_site(comment.page.get_site())
    if not authorship.can_still_edit(comment, options):
        minutes = options.edit_minutes
        context = {
            "page": comment.page.specific,
            "heading": "This comment can no longer be edited",
            "message": (
                f"Comments can be edited for {minutes} minute{'s' if minutes != 1 else ''} "
                "after they are posted, and this one was posted longer ago."
                if minutes
                else "Comments cannot be edited on this site."
            )
            + " You can still delete it, and post a new one.",
            "refused": True,
            "own": own_comment_context(request, comment, options),
        }
        return render(request, "comments/posted_page.html", context, status=403)
    if request.method == "GET":
        return edit_page(request, comment, EditForm(initial={"body": comment.body}))
    form = EditForm(request.POST, max_length=options.max_length)
    if form_is_not_utf8(request):
        return edit_page(request, comment, form, status=400, message=UNREADABLE, refused=True)
    if not form.is_valid():
        message = "Please correct the comment below; nothing you wrote is lost."
        return edit_page(request, comment, form, status=400, message=message, refused=True)
    if edit_rate_limited(request):
        message = "You have changed comments several times in a short time. Please wait a while."
        return edit_page(request, comment, form, status=429, message=message, refused=True)
    was_shown = comment.status == Comment.Status.APPROVED
    try:
        changed = authorship.edit(comment, form.cleaned_data["body"], options)
    except Refusal as refusal:
        return edit_page(
            request, comment, form, status=refusal.status, message=refusal.message, refused=True
        )
    if not changed:
        message = "You did not change anything: your comment is as it was."
    elif was_shown:
        message = (
            "Your comment is updated. It is off the page until a moderator has read the new "
            "text, and will appear again once approved."
        )
    else:
        message = "Your comment is updated. It will appear once a moderator has read it."
    context = {
        "page": comment.page.specific,
        "heading": "Your comment is updated" if changed else "Nothing changed",
        "message": message,
        "own": own_comment_context(request, comment, options),
    }
    return render(request, "comments/posted_page.html", context)


@require_http_methods(["GET", "POST"])
@same_origin_post
def delete(request, comment_id):
    comment = own_or_refuse(request, comment_id)
    if comment is None:
        return not_yours(request)
    context = {"page": comment.page.specific}
    if request.method == "GET":
        context.update(
            heading="Delete your comment?",
            message="It will be removed from the page for good, and its words deleted. "
            "Replies others wrote to it stay, under a line saying you withdrew it.",
            excerpt=Truncator(comment.body).chars(EXCERPT_LENGTH),
            button="Delete my comment",
        )
        return render(request, "comments/button_page.html", context)
    authorship.withdraw(comment)
    context.update(
        heading="Your comment is deleted",
        message="It is no longer on the page, and we have not kept its words.",
    )
    return render(request, "comments/button_page.html", context)
