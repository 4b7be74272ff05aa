"""Admin for one supporter at a time: find them by their address, erase their personal data,
and take their first name off (or put it back on) the public list of recent signers."""

from django.contrib.admin.utils import quote
from django.db import transaction
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.functional import cached_property
from wagtail.admin import messages
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.views.generic import DeleteView
from wagtail.log_actions import log

from campaign.admin_views import AuditedSignatureIndexView
from campaign.models.signatures import Signature
from campaign.recent_signers import forget_signers_on_commit
from core.data_rights import erase_person
from core.identity import email_hash, normalise_email


def address_hash(query):
    """The email hash a search for a whole address stands for, or None for any other search.
    Signatures keep no second readable copy of the address, only its keyed hash, so a search
    for "Jo.Doe+x@gmail.com" finds every spelling of that inbox by hashing the query."""
    if "@" not in query:
        return None
    try:
        return email_hash(normalise_email(query))
    except ValueError:
        return None


def name_can_be_listed(signature):
    return signature.show_publicly and not signature.anonymised_at


class SignatureIndexView(AuditedSignatureIndexView):
    """The listing, with search by whole address and a button to hide or show a name."""

    results_template_name = "campaign/admin/signatures_index_results.html"
    hide_name_url_name = None
    show_name_url_name = None

    def search_queryset(self, queryset):
        found = super().search_queryset(queryset)
        key = address_hash(self.search_query.strip()) if self.is_searching else None
        return found if key is None else found | queryset.filter(email_hash=key)

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if name_can_be_listed(instance) and self.user_has_permission("delete"):
            if instance.name_hidden:
                label, url_name = "Show name again", self.show_name_url_name
            else:
                label, url_name = "Hide name from the public", self.hide_name_url_name
            url = reverse(url_name, args=[quote(instance.pk)])
            buttons.append(MenuItem(label, url, icon_name="view", priority=25))
        return buttons


ALREADY_ERASED = (
    "This supporter's personal data has already been erased: there is nothing left to erase."
)


class EraseSupporterView(DeleteView):
    """Erase the personal data of everyone's signatures with this person's address."""

    page_title = "Erase personal data"
    template_name = "campaign/admin/confirm_erase.html"
    success_message = "The supporter's personal data was erased from every petition and comment."
    header_icon = "bin"

    @cached_property
    def already_erased(self):
        """Erased on request or purged: no address is left to find the person's data by."""
        return self.object.anonymised_at is not None or not self.object.email

    def confirmation_message(self):
        if self.already_erased:
            return ALREADY_ERASED
        return (
            "Erase this supporter's name, email, postcode and IP hash from every petition they "
            "signed, and everything they left as a commenter (their address, comments, "
            "subscriptions and any ban)? Their signatures stay in the counts. This cannot be "
            "undone."
        )

    # Erasing keeps the row, so nothing that "uses" a signature could be left pointing at
    # nothing: no usage link (and so, in Wagtail's DeleteView, no usage count).
    def get_usage_url(self):
        return None

    def form_valid(self, form):
        # A second manager, or a second click, erasing the same person: say so, change nothing.
        if self.already_erased:
            messages.warning(self.request, ALREADY_ERASED)
            return HttpResponseRedirect(self.get_success_url())
        return super().form_valid(form)

    def delete_action(self):
        erase_person(self.object.email, user=self.request.user)


class NameVisibilityView(DeleteView):
    """Hide a signer's first name from the public list of recent signers, or show it again.

    Those who may erase a supporter may do this lesser thing. The petition's audit log records
    who did it to which signature (by number: the log keeps no name), and every cached copy of
    the petition page is dropped, so the change is public at once."""

    hide = True
    url_name = None
    template_name = "campaign/admin/confirm_name_visibility.html"
    header_icon = "view"

    def get_page_title(self):
        return "Hide name" if self.hide else "Show name again"

    @property
    def confirmation_message(self):
        if self.hide:
            return (
                "Take this signer's first name off the petition's public list of recent "
                "signers? Their signature still counts, and you can show the name again."
            )
        return (
            "Put this signer's first name back on the petition's public list? It is shown "
            "only if it passed the civility screen when they confirmed."
        )

    def get_usage_url(self):
        return None

    def get_delete_url(self):
        return reverse(self.url_name, args=[quote(self.object.pk)])

    def get_success_message(self):
        if self.hide:
            return "The name is no longer shown on the petition page."
        return "The name is shown again, if it passed the civility screen."

    def delete_action(self):
        signature = self.object
        with transaction.atomic():
            Signature.objects.filter(pk=signature.pk).update(name_hidden=self.hide)
            action = "campaign.hide_name" if self.hide else "campaign.show_name"
            log(
                signature.petition, action, user=self.request.user, data={"signature": signature.pk}
            )
            forget_signers_on_commit([signature.petition])
