import reversion
from django.contrib import admin
from django.db import models
from django.forms import Textarea
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from reversion.admin import VersionAdmin

from employer.forms import CheckedImageField
from employer.models import Employer, KeyFigure, Mission, Perk, Photo, Testimonial
from ofpra_careers.admin_safety import SafeSaveMixin

PREVIEW_WIDTH = 120


def preview(resized):
    """A small rendering of the resized copy the site shows: what visitors will see, cropped.

    Its alternative text is empty: the editor's own alt text is in the field next to it.
    """
    if not resized:
        return "—"
    return format_html(
        '<img src="{}" width="{}" height="{}" alt="">',
        resized.url,
        PREVIEW_WIDTH,
        round(PREVIEW_WIDTH * resized.height / resized.width),
    )


FORMFIELD_OVERRIDES = {
    models.ImageField: {"form_class": CheckedImageField},
    # Editors paste addresses without a scheme: they are https ones nowadays.
    models.URLField: {"assume_scheme": "https"},
}


class PartInlineMixin:
    """A profile part: listed by position, which editors change to reorder the page."""

    extra = 0
    ordering = ["position", "pk"]
    formfield_overrides = FORMFIELD_OVERRIDES


class MissionInline(PartInlineMixin, admin.TabularInline):
    model = Mission
    fields = ["position", "text"]
    formfield_overrides = {
        **FORMFIELD_OVERRIDES,
        models.TextField: {"widget": Textarea(attrs={"rows": 3, "cols": 80})},
    }


class KeyFigureInline(PartInlineMixin, admin.TabularInline):
    model = KeyFigure
    fields = ["position", "value", "label"]


class PhotoInline(PartInlineMixin, admin.StackedInline):
    # Stacked: a table of file inputs, previews and texts is too wide for the admin's column.
    model = Photo
    fields = ["position", ("image", "image_preview"), "alt_text", "is_decorative", "caption"]
    readonly_fields = ["image_preview"]

    @admin.display(description=_("aperçu"))
    def image_preview(self, photo):
        return preview(photo.resized)


class TestimonialInline(PartInlineMixin, admin.StackedInline):
    model = Testimonial
    fields = [
        "position",
        "title",
        ("first_name", "age"),
        ("job_title", "division", "years_in_post"),
        "quote",
        "transcript",
        ("photo", "photo_preview"),
        "photo_alt",
        ("video_file", "video_url"),
    ]
    readonly_fields = ["photo_preview"]

    @admin.display(description=_("aperçu"))
    def photo_preview(self, testimonial):
        return preview(testimonial.portrait)


class PerkInline(PartInlineMixin, admin.StackedInline):
    model = Perk
    fields = ["position", "title", "text", "items"]


# The profile and its parts are kept together: a version of the profile holds every part as it
# was, and restoring it brings back the parts (and removes those added since).
PARTS = {
    "missions": Mission,
    "key_figures": KeyFigure,
    "photos": Photo,
    "testimonials": Testimonial,
    "perks": Perk,
}
for part in PARTS.values():
    reversion.register(part)
reversion.register(Employer, follow=list(PARTS))


@admin.register(Employer)
class EmployerAdmin(SafeSaveMixin, VersionAdmin):
    """The whole careers page on one screen; there is only ever one profile."""

    list_display = ["name", "acronym", "updated_at"]
    fieldsets = [
        (None, {"fields": ["name", "acronym", "tagline", "about", "website"]}),
        (_("Adresse"), {"fields": ["street_address", "postal_code", "city"]}),
        (_("Nous découvrir en images"), {"fields": ["gallery_text"]}),
        (
            _("Image d'illustration"),
            {
                "fields": [
                    "illustration",
                    "illustration_preview",
                    "illustration_alt",
                    "illustration_caption",
                ]
            },
        ),
    ]
    readonly_fields = ["illustration_preview"]
    formfield_overrides = FORMFIELD_OVERRIDES
    inlines = [MissionInline, KeyFigureInline, PhotoInline, TestimonialInline, PerkInline]
    view_on_site = True

    def has_add_permission(self, request):
        # The home page shows one profile: a second one would never be displayed.
        return super().has_add_permission(request) and not Employer.objects.exists()

    @admin.display(description=_("aperçu"))
    def illustration_preview(self, employer):
        return preview(employer.illustration_image)
