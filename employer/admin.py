from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from employer.models import Employer, KeyFigure, Mission, Perk, Photo, Testimonial


class PartInline(admin.StackedInline):
    extra = 0
    ordering = ["position", "pk"]


class MissionInline(PartInline):
    model = Mission
    fields = ["position", "text"]


class KeyFigureInline(admin.TabularInline):
    model = KeyFigure
    extra = 0
    fields = ["position", "value", "label"]


class PhotoInline(PartInline):
    model = Photo
    fields = ["position", "image", "alt_text", "is_decorative", "caption"]


class TestimonialInline(PartInline):
    model = Testimonial
    fields = [
        "position",
        "title",
        ("first_name", "age"),
        ("job_title", "division", "years_in_post"),
        "quote",
        "transcript",
        ("photo", "photo_alt"),
        ("video_file", "video_url"),
    ]


class PerkInline(PartInline):
    model = Perk
    fields = ["position", "title", "text", "items"]


@admin.register(Employer)
class EmployerAdmin(admin.ModelAdmin):
    """The whole careers page on one screen; there is only ever one profile."""

    list_display = ["name", "acronym", "updated_at"]
    fieldsets = [
        (None, {"fields": ["name", "acronym", "tagline", "about", "website"]}),
        (_("Adresse"), {"fields": ["street_address", "postal_code", "city"]}),
        (_("Nous découvrir en images"), {"fields": ["gallery_text"]}),
        (
            _("Image d'illustration"),
            {"fields": ["illustration", "illustration_alt", "illustration_caption"]},
        ),
    ]
    inlines = [MissionInline, KeyFigureInline, PhotoInline, TestimonialInline, PerkInline]
    view_on_site = True

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not Employer.objects.exists()
