"""JSON endpoints for comments, mounted at /api/comments/ (see core/api.py).

Read a page's approved comments as threads, post a comment, and manage subscriptions with the
signed token from a notification email. Refusals are 4xx with a stable `error.code`.
"""

from datetime import datetime

from django.core.paginator import Paginator
from ninja import Field, Query, Router, Schema, Status

from comments.email_links import subscription_pk_from_token
from comments.models import Comment, CommentSettings, Subscription
from comments.posting import commentable_page, post_comment
from comments.threads import conversations
from core.api import ErrorOut, RowId, errors
from core.refusals import Refusal
from core.typed_numbers import MAX_ID

router = Router(tags=["comments"])

MAX_PER_PAGE = 50
# No NUL characters: PostgreSQL cannot store them in text, so one would be a 500 there.
NO_NUL = r"^[^\x00]*$"


class CommentOut(Schema):
    id: int
    parent_id: int | None
    name: str
    body: str
    created_at: datetime
    depth: int
    # Deleted by its author, kept only as the place its published replies hang from.
    withdrawn: bool = False
    replies: list["CommentOut"] = []


CommentOut.model_rebuild()


class CommentPage(Schema):
    total: int
    conversations: int
    page: int
    pages: int
    results: list[CommentOut]


class CommentIn(Schema):
    name: str = Field(..., min_length=1, max_length=80, pattern=NO_NUL)
    email: str = Field(
        ..., min_length=3, max_length=254, pattern=r"^[^@\s\x00]+@[^@\s\x00]+\.[^@\s\x00]+$"
    )
    body: str = Field(..., min_length=2, max_length=20000, pattern=NO_NUL)
    parent_id: int | None = Field(None, ge=1, le=MAX_ID)
    notify: list[Subscription.Kind] = []
    website: str = Field("", description="Honeypot: leave empty.")


class PostedOut(Schema):
    id: int
    status: str
    message: str


class SubscriptionOut(Schema):
    kind: str
    page_id: int
    page_title: str


class Done(Schema):
    message: str


class PolicyOut(Schema):
    policy: str
    max_depth: int
    max_length: int
    email_confirmation: bool = Field(
        description="Always true: a comment joins the moderation queue only once its address "
        "is proven, by the link emailed for it or from a browser that followed such a link."
    )
    auto_publish_after: int = Field(
        description="Approved comments after which a commenter's comments that pass the screen "
        "are published at once, when posted from a browser that has proven the address; "
        "0: every comment waits for a moderator."
    )


def commentable(page_id):
    page = commentable_page(page_id)
    if page is None:
        raise Refusal(404, "not_found", "No page that takes comments has this id.")
    return page


def as_tree(node):
    c = node.comment
    return {
        "id": c.pk,
        "parent_id": c.parent_id,
        "name": c.name,
        "body": c.body,
        "created_at": c.created_at,
        "depth": c.depth,
        "withdrawn": c.status == Comment.Status.WITHDRAWN,
        "replies": [as_tree(child) for child in node.replies],
    }


@router.get(
    "/pages/{page_id}/",
    response={200: CommentPage, **errors(404, 422)},
    summary="A page's approved comments",
)
def list_comments(request, page_id: RowId, page: int = Query(1, le=MAX_ID), per_page: int = 10):
    target = commentable(page_id)
    per_page = max(1, min(per_page, MAX_PER_PAGE))
    page = max(1, page)
    shown = conversations(target, offset=(page - 1) * per_page, limit=per_page)
    pages = Paginator(range(shown.top_level), per_page).num_pages
    if page > pages:
        raise Refusal(404, "not_found", "There are not that many pages of comments.")
    return {
        "total": shown.total,
        "conversations": shown.top_level,
        "page": page,
        "pages": pages,
        "results": [as_tree(node) for node in shown.nodes],
    }


@router.post(
    "/pages/{page_id}/",
    # 422 is a comment the screen rejected (stored for review) or a request that is not valid.
    response={201: PostedOut, 422: PostedOut | ErrorOut, **errors(400, 403, 404, 413, 415, 429)},
    summary="Post a comment (screened, then moderated)",
    description="From a browser that has not proven the address (by following a "
    "confirmation link, which sets an HttpOnly cookie), every comment is answered 201 "
    "`unconfirmed` and waits for the link emailed for it, whoever the address belongs to.",
)
def create_comment(request, page_id: RowId, payload: CommentIn):
    target = commentable(page_id)
    posted = post_comment(
        request,
        target,
        name=payload.name,
        email=payload.email,
        body=payload.body,
        parent_id=payload.parent_id,
        notify=[kind.value for kind in payload.notify],
        honeypot=payload.website,
    )
    # The status told, not the one stored: the answer does not say whose the address is.
    status = 422 if posted.status == Comment.Status.REJECTED else 201
    body = {"id": posted.comment.pk, "status": posted.status, "message": posted.message}
    return Status(status, body)


def subscription_for(token):
    pk = subscription_pk_from_token(token)
    subscription = Subscription.objects.filter(pk=pk).select_related("page").first() if pk else None
    if subscription is None:
        raise Refusal(404, "not_found", "This link is not valid, or you are already unsubscribed.")
    return subscription


@router.get(
    "/subscriptions/{token}/",
    response={200: SubscriptionOut, **errors(404)},
    summary="What a link is for",
)
def show_subscription(request, token: str):
    subscription = subscription_for(token)
    return {
        "kind": subscription.kind,
        "page_id": subscription.page_id,
        "page_title": subscription.page.title,
    }


@router.delete(
    "/subscriptions/{token}/", response={200: Done, **errors(404)}, summary="Unsubscribe"
)
def delete_subscription(request, token: str):
    subscription_for(token).delete()
    return {"message": "Unsubscribed. We will not email you about this again."}


@router.get(
    "/settings/{page_id}/",
    response={200: PolicyOut, **errors(404, 422)},
    summary="The comment policy for a page",
)
def comment_policy(request, page_id: RowId):
    target = commentable(page_id)
    options = CommentSettings.for_site(target.get_site())
    return {
        "policy": options.policy,
        "max_depth": options.max_depth,
        "max_length": options.max_length,
        "email_confirmation": True,
        "auto_publish_after": options.auto_publish_after,
    }
