"""Public alert pages: sign up, confirm from the emailed link, manage one's alerts, leave.

Links in emails open a page with a button; only the POST acts, so mail scanners that follow
links change nothing. The one exception is the unsubscribe address in the List-Unsubscribe
header: a mail client POSTs to it without a page (RFC 8058), and the signed token is what
authorises it.
"""

from django.db import transaction
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST

from alerts.erasure import leave_everything
from alerts.forms import AlertSignupForm, ManageForm
from alerts.links import email_hash_from_token, subscriber_from_token, subscription_from_token
from alerts.models import Subscription
from alerts.retention import drop_empty_subscribers
from alerts.subscribing import subscribe
from alerts.topics import CONSENT_WORDING, label_of, topic_from_key
from core.csrf import same_origin_post
from core.form_encoding import UNREADABLE, form_is_not_utf8
from core.refusals import Refusal

CHECK_INBOX = (
    "If this address can receive our alerts, an email is on its way to it now. Open it and "
    "press the button to confirm. Nothing is sent until you do, and if you already get these "
    "alerts the email says so and how to change them."
)
BROKEN = (
    "It may have expired or been copied incompletely. Sign up again from any story and we "
    "will send a new link."
)


def page(request, heading, message="", *, status=200, refused=False, **context):
    context = {"heading": heading, "message": message, "refused": refused, **context}
    return render(request, "alerts/message_page.html", context, status=status)


def signup_page(request, form, message, status):
    """The form again, as typed, with what was wrong."""
    return render(
        request,
        "alerts/signup_page.html",
        {"form": form, "message": message, "consent": CONSENT_WORDING},
        status=status,
    )


@sensitive_post_parameters("email")
@require_POST
@same_origin_post  # the form is on cached pages: no token, checked by origin
def subscribe_view(request):
    form = AlertSignupForm(request.POST)
    if form_is_not_utf8(request):
        return signup_page(request, form, UNREADABLE, 400)
    if not form.is_valid():
        return signup_page(request, form, "Please correct the fields marked below.", 400)
    data = form.cleaned_data
    topic = topic_from_key(data["topic"])
    if topic is None:
        return signup_page(
            request, form, "What you chose to follow no longer exists. Please choose again.", 400
        )
    try:
        subscribe(
            request,
            email=data["email"],
            topic=topic,
            frequency=data["frequency"],
            honeypot=data["website"],
        )
    except Refusal as refusal:
        return signup_page(request, form, refusal.message, refusal.status)
    return page(request, "Check your inbox", CHECK_INBOX, topic=topic.label)


@never_cache
@require_http_methods(["GET", "POST"])
def confirm_view(request, token):
    subscription = subscription_from_token(token)
    if subscription is None:
        return page(request, "This link does not work", BROKEN, status=400, refused=True)
    topic = label_of(subscription)
    if request.method == "GET":
        return page(
            request,
            "Confirm your story alerts",
            f"Press the button to get {subscription.get_frequency_display().lower()} emails "
            f"about: {topic}. If you did not ask for them, close this page: nothing will be "
            "sent.",
            button="Yes, send me these alerts",
        )
    Subscription.objects.filter(pk=subscription.pk, status=Subscription.Status.PENDING).update(
        status=Subscription.Status.CONFIRMED, confirmed_at=timezone.now()
    )
    return page(
        request,
        "Your alerts are confirmed",
        f"You will hear about: {topic}. Every email has a link to change or stop them.",
    )


@never_cache
@require_http_methods(["GET", "POST"])
def manage_view(request, token):
    subscriber = subscriber_from_token(token)
    if subscriber is None:
        return page(
            request,
            "This link does not work",
            "It may have been copied incompletely, or these alerts have ended. Every alert "
            "email has a working link at its foot.",
            status=400,
            refused=True,
        )
    subscriptions = subscriber.subscriptions.filter(
        status=Subscription.Status.CONFIRMED
    ).select_related("tag", "category", "campaign")
    form = ManageForm(request.POST or None, subscriptions=subscriptions)
    message = ""
    if request.method == "POST":
        if "leave" in request.POST:
            leave_everything(subscriber.email_hash)
            return page(request, "You have left all alerts", "We will not email you alerts again.")
        if not form.is_valid():
            message = "Please choose a frequency for each alert."
        else:
            with transaction.atomic():
                for subscription in form.subscriptions:
                    if not form.cleaned_data[f"keep_{subscription.pk}"]:
                        subscription.delete()
                        continue
                    frequency = form.cleaned_data[f"frequency_{subscription.pk}"]
                    if frequency != subscription.frequency:
                        subscription.frequency = frequency
                        subscription.save(update_fields=["frequency"])
                drop_empty_subscribers(type(subscriber).objects.filter(pk=subscriber.pk))
            kept = subscriber.subscriptions.filter(status=Subscription.Status.CONFIRMED)
            if not kept.exists():
                return page(
                    request, "You have left all alerts", "We will not email you alerts again."
                )
            form = ManageForm(subscriptions=kept.select_related("tag", "category", "campaign"))
            message = "Your changes are saved."
    rows = [(label_of(s), keep, frequency) for s, keep, frequency in form.rows()]
    return render(
        request,
        "alerts/manage_page.html",
        {"heading": "Manage my alerts", "rows": rows, "message": message, "form": form},
    )


# Mail clients unsubscribe with a POST of their own (RFC 8058), without a CSRF token; the
# signed token is what authorises it, and stopping emails is all it can do.
@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def unsubscribe_view(request, token):
    key = email_hash_from_token(token)
    if key is None:
        return page(
            request,
            "This link does not work",
            "It may have been copied incompletely. Every alert email has a working link at "
            "its foot.",
            status=400,
            refused=True,
        )
    if request.method == "GET":
        return page(
            request,
            "Stop these emails?",
            "Press the button and we will stop every story alert and petition update to this "
            "address. Your signatures still count.",
            button="Stop all alerts",
        )
    leave_everything(key)
    return page(request, "You are unsubscribed", "We will not email you alerts again.")
