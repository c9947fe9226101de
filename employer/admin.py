import json

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.db import models
from django.forms import Textarea
from django.urls import reverse
from django.utils.html import format_html
from reversion.admin import VersionAdmin

from core.admin_safety import SafeSaveMixin
from employer.forms import CheckedImageField, PortraitForm, PortraitFormSet, TextareaField
from employer.models import Employer, KeyFigure, Mission, Perk, Photo, Testimonial, is_demo_file

PREVIEW_WIDTH = 120


DEMO_NOTE = "Image de démonstration, à remplacer par une vraie photo."


def preview(resized, source=None):
    """A small rendering of the resized copy the site shows: what visitors will see, cropped.

    Its alternative text is empty: the editor's own alt text is in the field next to it. A demo
    image (see fixtures/make_placeholder_images.py) says so, so that HR staff replace it.
    """
    if not resized:
        return "—"
    image = format_html(
        '<img src="{}" width="{}" height="{}" alt="">',
        resized.url,
        PREVIEW_WIDTH,
        round(PREVIEW_WIDTH * resized.height / resized.width),
    )
    if source is not None and is_demo_file(source):
        return format_html('{}<p class="help">{}</p>', image, DEMO_NOTE)
    return image


FORMFIELD_OVERRIDES = {
    models.ImageField: {"form_class": CheckedImageField},
    # Editors paste addresses without a scheme: they are https ones nowadays.
    models.URLField: {"assume_scheme": "https"},
    models.TextField: {"form_class": TextareaField},
}


class PartInlineMixin:
    """A profile part: listed by position, which editors change to reorder the page.

    Each part folds (the profile form was some 6,800 pixels tall with everything open); Django
    opens a part that has an error. `add_text` is the « add » link's label: Django's own reads
    « Ajouter un objet Chiffre clé supplémentaire ».
    """

    extra = 0
    ordering = ["position", "pk"]
    formfield_overrides = FORMFIELD_OVERRIDES
    classes = ["collapse"]
    add_text = None


class MissionInline(PartInlineMixin, admin.TabularInline):
    model = Mission
    fields = ["position", "text"]
    add_text = "Ajouter une mission"
    formfield_overrides = {
        **FORMFIELD_OVERRIDES,
        models.TextField: {
            "form_class": TextareaField,
            "widget": Textarea(attrs={"rows": 3, "cols": 80}),
        },
    }


class KeyFigureInline(PartInlineMixin, admin.TabularInline):
    model = KeyFigure
    fields = ["position", "value", "label"]
    add_text = "Ajouter un chiffre clé"


class PhotoInline(PartInlineMixin, admin.StackedInline):
    # Stacked: a table of file inputs, previews and texts is too wide for the admin's column.
    model = Photo
    fields = ["position", ("image", "image_preview"), "alt_text", "is_decorative", "caption"]
    readonly_fields = ["image_preview"]
    add_text = "Ajouter une photo"
    # The section above holds the gallery's text: two sections of one name read as one.
    verbose_name_plural = "Nous découvrir en images\u00a0: photos"

    @admin.display(description="aperçu")
    def image_preview(self, photo):
        return preview(photo.resized, photo.image)


class TestimonialInline(PartInlineMixin, admin.StackedInline):
    """The portraits: who does which job here, and the offers each one is shown on."""

    model = Testimonial
    form = PortraitForm
    formset = PortraitFormSet
    fields = [
        "position",
        "is_featured",
        "title",
        ("first_name", "age"),
        ("job_title", "division", "years_in_post"),
        ("reference_job", "domain_code"),
        "quote",
        "transcript",
        ("photo", "photo_preview"),
        "photo_alt",
        ("video_file", "video_url"),
        "slug",
    ]
    readonly_fields = ["photo_preview"]
    add_text = "Ajouter un témoignage"
    verbose_name_plural = "Témoignages\u00a0: les portraits des métiers"

    @admin.display(description="aperçu")
    def photo_preview(self, testimonial):
        return preview(testimonial.portrait, testimonial.photo)


class PerkInline(PartInlineMixin, admin.StackedInline):
    model = Perk
    fields = ["position", "title", "text", "items"]
    add_text = "Ajouter un atout"
    # A perk is a few lines: the admin's 10-row textareas made each one a screen tall.
    formfield_overrides = {
        **FORMFIELD_OVERRIDES,
        models.TextField: {"form_class": TextareaField, "widget": Textarea(attrs={"rows": 4})},
    }


class FrenchInlineAdminFormSet(helpers.InlineAdminFormSet):
    """An inline whose « add » link reads as French: the inline's `add_text`."""

    def inline_formset_data(self):
        data = json.loads(super().inline_formset_data())
        if self.opts.add_text:
            data["options"]["addText"] = str(self.opts.add_text)
        return json.dumps(data)


def error_links(form, inline_admin_formsets):
    """Each error of the change form with the anchor of its field, for the summary at the top.

    Django only says « Corrigez les erreurs ci-dessous », some 1,900 pixels above the field on
    this long form: the summary names the field and links to it.
    """
    links = []
    for name, errors in form.errors.items():
        if name in form.fields:
            anchor, label = form[name].auto_id, form.fields[name].label
        else:
            anchor, label = "", ""
        links += [(anchor, label, error) for error in errors]
    for inline in inline_admin_formsets:
        formset = inline.formset
        part = str(inline.opts.verbose_name)
        for error in formset.non_form_errors():
            links.append((f"{formset.prefix}-group", str(inline.opts.verbose_name_plural), error))
        for index, part_form in enumerate(formset.forms):
            for name, errors in part_form.errors.items():
                where = f"{part.capitalize()} n°\u00a0{index + 1}"
                if name in part_form.fields:
                    anchor = part_form[name].auto_id
                    label = f"{where}, {part_form.fields[name].label}"
                else:
                    anchor, label = f"{formset.prefix}-{index}", where
                links += [(anchor, label, error) for error in errors]
    return links


# Set on the request while a version of the profile is being restored.
RESTORING = "_restoring_employer_version"


@admin.register(Employer)
class EmployerAdmin(SafeSaveMixin, VersionAdmin):
    """The whole careers page on one screen; there is only ever one profile.

    The profile and its parts are kept together in the history: VersionAdmin registers the
    profile with django-reversion following each inline's parts (missions, key figures, photos,
    portraits, perks), so a version holds every part as it was, and restoring it brings the
    parts back (and removes those added since). A part with no inline here would not be kept.
    """

    list_display = ["name", "acronym", "updated_at"]
    # Every section but the first folds: Django opens the ones that hold an error.
    fieldsets = [
        (None, {"fields": ["name", "acronym", "tagline", "about", "website"]}),
        ("Logo", {"classes": ["collapse"], "fields": ["logo", "logo_preview"]}),
        (
            "Adresse",
            {"classes": ["collapse"], "fields": ["street_address", "postal_code", "city"]},
        ),
        (
            "Nous découvrir en images\u00a0: texte",
            {"classes": ["collapse"], "fields": ["gallery_text"]},
        ),
        (
            "Image d’illustration",
            {
                "classes": ["collapse"],
                "fields": [
                    "illustration",
                    "illustration_preview",
                    "illustration_alt",
                    "illustration_caption",
                ],
            },
        ),
    ]
    readonly_fields = ["logo_preview", "illustration_preview"]
    formfield_overrides = FORMFIELD_OVERRIDES
    inlines = [MissionInline, KeyFigureInline, PhotoInline, TestimonialInline, PerkInline]
    view_on_site = True
    save_on_top = True

    def has_add_permission(self, request):
        # The home page shows one profile: a second one would never be displayed.
        return super().has_add_permission(request) and not Employer.objects.exists()

    def has_delete_permission(self, request, obj=None):
        # Deleting the profile empties the home page, and the offer form's « Employeur » widget
        # offered it as a red ✖: nobody deletes it from the admin (the « RH » group lost the
        # permission too, see migration 0005). Its parts stay deletable in their inlines.
        return False

    def get_inline_formsets(self, request, formsets, inline_instances, obj=None):
        inline_admin_formsets = super().get_inline_formsets(
            request, formsets, inline_instances, obj
        )
        for inline_admin_formset in inline_admin_formsets:
            inline_admin_formset.__class__ = FrenchInlineAdminFormSet
        return inline_admin_formsets

    # Django's French reads « Modification de profil de l’employeur » and « L’objet profil de
    # l’employeur « … » a été modifié avec succès »: the profile named as HR would name it.
    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["title"] = "Créer le profil de l’employeur" if add else "Modifier le profil"
        context["error_links"] = error_links(
            context["adminform"].form, context["inline_admin_formsets"]
        )
        context["demo_images"] = obj.demo_images() if obj else []
        return super().render_change_form(request, context, add, change, form_url, obj)

    def message_user(self, request, message, level=messages.INFO, *args, **kwargs):
        """After a save, one sentence that leads to the page the profile is shown on."""
        if level == messages.SUCCESS and request.method == "POST":
            message = format_html(
                'Le profil est enregistré. <a href="{}">Voir la page d’accueil du site</a>',
                reverse("pages:home"),
            )
        return super().message_user(request, message, level, *args, **kwargs)

    def save_model(self, request, obj, form, change):
        if not change:
            super().save_model(request, obj, form, change)
        # A change is saved in save_related, once the inlines tell whether anything changed.

    def save_related(self, request, form, formsets, change):
        # An untouched save writes nothing: no new version in the history, no new updated_at.
        # Restoring a version is kept even so: reversion wrote the old values before the form.
        changed = form.has_changed() or any(formset.has_changed() for formset in formsets)
        if change and (changed or getattr(request, RESTORING, False)):
            super().save_model(request, form.instance, form, change)
        super().save_related(request, form, formsets, change)

    def revision_view(self, request, object_id, version_id, extra_context=None):
        setattr(request, RESTORING, True)
        return super().revision_view(request, object_id, version_id, extra_context)

    @admin.display(description="aperçu")
    def logo_preview(self, employer):
        if not employer.logo:
            return "—"
        image = format_html('<img src="{}" width="{}" alt="">', employer.logo.url, PREVIEW_WIDTH)
        if is_demo_file(employer.logo):
            return format_html(
                '{}<p class="help">{}</p>', image, "Logo de démonstration, à remplacer."
            )
        return image

    @admin.display(description="aperçu")
    def illustration_preview(self, employer):
        return preview(employer.illustration_image, employer.illustration)
