"""Alerts in the admin.

HR (the « RH » group, alerts/migrations/0002) see how many alerts follow each search, without any
address. Addresses are shown only to users with the permission « Voir et effacer les adresses des
abonnés aux alertes » (`alerts.view_subscriber_email`, given to nobody by default: the data
protection officer's), who find an address (exact search) and erase it on request.
"""

from django.contrib import admin
from django.db.models import Count, Q
from django.urls import reverse
from django.utils.html import format_html

from alerts.forms import normalise_email
from alerts.models import Digest, Frequency, SavedSearch, Subscription

EMAIL_PERMISSION = "alerts.view_subscriber_email"


def counted(status, frequency=None):
    condition = Q(subscriptions__status=status)
    if frequency:
        condition &= Q(subscriptions__frequency=frequency)
    return Count("subscriptions", filter=condition)


@admin.register(SavedSearch)
class SavedSearchAdmin(admin.ModelAdmin):
    list_display = ["description", "daily", "weekly", "paused", "pending", "offers_link"]
    search_fields = ["description"]
    fields = ["description", "offers_link", "daily", "weekly", "paused", "pending", "created_at"]
    readonly_fields = fields

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                daily_count=counted(Subscription.Status.ACTIVE, Frequency.DAILY),
                weekly_count=counted(Subscription.Status.ACTIVE, Frequency.WEEKLY),
                paused_count=counted(Subscription.Status.PAUSED),
                pending_count=counted(Subscription.Status.PENDING),
            )
        )

    @admin.display(description="alertes actives, chaque jour", ordering="daily_count")
    def daily(self, obj):
        return obj.daily_count

    @admin.display(description="alertes actives, chaque semaine", ordering="weekly_count")
    def weekly(self, obj):
        return obj.weekly_count

    @admin.display(description="suspendues", ordering="paused_count")
    def paused(self, obj):
        return obj.paused_count

    @admin.display(description="en attente de confirmation", ordering="pending_count")
    def pending(self, obj):
        return obj.pending_count

    @admin.display(description="offres")
    def offers_link(self, obj):
        url = reverse("jobs:list") + (f"?{obj.query}" if obj.query else "")
        return format_html('<a href="{}">Voir les offres de cette recherche</a>', url)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class DigestInline(admin.TabularInline):
    model = Digest
    fields = ["period", "status", "offers", "attempts", "sent_at", "error"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    ordering = ["-created_at"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Subscription)
class SubscriptionAdmin(admin.ModelAdmin):
    """For the data protection officer: find an address, see what is kept, erase it."""

    list_display = ["email", "search", "frequency", "status", "created_at", "confirmed_at"]
    list_filter = ["status", "frequency"]
    search_fields = ["=email"]
    search_help_text = "L’adresse exacte, par exemple nom@domaine.fr."
    fields = [
        "email",
        "search",
        "frequency",
        "status",
        "created_at",
        "confirmed_at",
        "offers_since",
        "site_url",
        "last_error",
    ]
    readonly_fields = fields
    inlines = [DigestInline]
    list_select_related = ["search"]

    def get_search_results(self, request, queryset, search_term):
        # The address as stored (lower case, its domain in IDNA), whatever the way it is typed.
        try:
            search_term = normalise_email(search_term)
        except Exception:
            search_term = search_term.strip().lower()
        return super().get_search_results(request, queryset, search_term)

    def has_module_permission(self, request):
        return request.user.has_perm(EMAIL_PERMISSION)

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm(EMAIL_PERMISSION)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return request.user.has_perm(EMAIL_PERMISSION)
