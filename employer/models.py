"""The agency profile: one employer and the ordered parts of its careers page."""

import logging
from typing import NamedTuple

from django.core.validators import FileExtensionValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.text import slugify
from imagekit.cachefiles.strategies import JustInTime
from imagekit.models import ImageSpecField
from imagekit.processors import ResizeToFill, Transpose
from PIL import Image

from employer.validators import validate_image_file, validate_video_file

logger = logging.getLogger(__name__)

# Resized copies have fixed sizes, so templates write width/height without opening any file.
ILLUSTRATION_SIZE = (1200, 675)  # 16:9
PHOTO_SIZE = (800, 533)  # 3:2
PORTRAIT_SIZE = (400, 400)
WEBP_OPTIONS = {"quality": 80, "method": 6}


class MadeOnSave(JustInTime):
    """django-imagekit's JustInTime, plus the copy made when an editor saves a new image.

    JustInTime alone leaves the work to the first visitor: a large upload then kept a worker
    busy for seconds, and past gunicorn's 30 s timeout on a loaded machine (the worker was killed
    mid-page). Making it on save moves that wait to the editor who uploaded, once. JustInTime stays
    underneath: a copy that went missing (media restored without its cache folder) is made again
    on first use.
    """

    def on_source_saved(self, file):
        try:
            file.generate()
        except (OSError, ValueError, Image.DecompressionBombError):
            # The upload was checked (validators.py); an unreadable file is hidden on the pages
            # (resized_image) and must not turn the editor's save into an error.
            logger.warning("Cannot resize %s on save", file.generator.source.name, exc_info=True)


def resized_spec(source, size):
    """A WebP copy cropped to `size` under IMAGEKIT_DEFAULT_CACHEFILE_DIR, made when the image is
    saved (or on first use, if it went missing)."""
    # Transpose first: phone photos are often stored sideways with an EXIF orientation tag.
    return ImageSpecField(
        source=source,
        processors=[Transpose(), ResizeToFill(*size)],
        format="WEBP",
        options=WEBP_OPTIONS,
        cachefile_strategy=MadeOnSave,
    )


class ResizedImage(NamedTuple):
    url: str
    width: int
    height: int


def resized_image(spec_file, size):
    """The resized copy's URL and size, or None without a source image.

    A source file that is missing or unreadable (a database restored without its media, say) is
    logged and hidden: one broken photo must not take the whole page down.
    """
    source = spec_file.generator.source
    if not source:
        return None
    try:
        return ResizedImage(spec_file.url, *size)
    except (OSError, ValueError, Image.DecompressionBombError):
        logger.warning("Cannot resize %s", source.name, exc_info=True)
        return None


class EmployerQuerySet(models.QuerySet):
    # Every part the home page shows, each in its editors' order (ProfilePart.Meta.ordering).
    HOME_PAGE_PARTS = ["missions", "key_figures", "photos", "testimonials", "perks"]

    def for_home_page(self):
        """The profiles with every part the home page shows: one query each, however many."""
        return self.prefetch_related(*self.HOME_PAGE_PARTS)

    def home_page_profile(self):
        """The profile the home page shows, with its parts, or None without a profile."""
        return self.for_home_page().order_by("pk").first()


class Employer(models.Model):
    name = models.CharField("nom", max_length=200)
    acronym = models.CharField("sigle", max_length=30, blank=True)
    tagline = models.CharField(
        "accroche",
        max_length=200,
        blank=True,
        help_text="Courte phrase affichée sous le nom en haut de la page, ex. « À l’écoute du monde ».",
    )
    about = models.TextField(
        "qui sommes-nous ?",
        blank=True,
        help_text="Présentation de l’établissement. Séparez les paragraphes par une ligne vide.",
    )
    gallery_text = models.TextField(
        "texte de la galerie « Nous découvrir en images »",
        blank=True,
        help_text="Présentation des locaux et de l’accès, affichée avec les photos.",
    )
    street_address = models.CharField("adresse", max_length=200, blank=True)
    postal_code = models.CharField("code postal", max_length=10, blank=True)
    city = models.CharField("commune", max_length=100, blank=True)
    website = models.URLField("site internet", blank=True)
    logo = models.ImageField(
        "logo",
        upload_to="employer/",
        blank=True,
        validators=[validate_image_file],
        help_text=(
            "Logo de l’établissement (PNG, JPEG ou WebP, carré de 112 pixels de côté au moins), "
            "repris par les moteurs de recherche dans les offres d’emploi."
        ),
    )
    illustration = models.ImageField(
        "image d’illustration",
        upload_to="employer/",
        blank=True,
        validators=[validate_image_file],
        help_text=(
            "Photo affichée avant « Nos atouts » (JPEG, PNG ou WebP, 5 Mo au plus). Le site en "
            "affiche une copie recadrée au format 16:9 (1200 × 675 pixels)."
        ),
    )
    illustration_resized = resized_spec("illustration", ILLUSTRATION_SIZE)
    illustration_alt = models.CharField(
        "texte alternatif de l’image d’illustration",
        max_length=250,
        blank=True,
        help_text="Décrit l’image pour les personnes qui ne la voient pas.",
    )
    illustration_caption = models.CharField(
        "légende de l’image d’illustration", max_length=250, blank=True
    )
    updated_at = models.DateTimeField("mis à jour le", auto_now=True)

    objects = EmployerQuerySet.as_manager()

    class Meta:
        verbose_name = "profil de l’employeur"
        verbose_name_plural = "profil de l’employeur"
        constraints = [
            models.CheckConstraint(
                condition=Q(illustration="") | ~Q(illustration_alt=""),
                name="employer_illustration_has_alt",
                violation_error_message="Une image d’illustration doit avoir un texte alternatif.",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("pages:home")

    @property
    def short_name(self):
        return self.acronym or self.name

    @cached_property
    def illustration_image(self):
        return resized_image(self.illustration_resized, ILLUSTRATION_SIZE)

    @cached_property
    def featured_portrait(self):
        """The portrait the home page shows: the one HR features, or else the first by position.

        Read from the portraits the profile already holds (prefetched for the home page).
        """
        portraits = list(self.testimonials.all())
        featured = [portrait for portrait in portraits if portrait.is_featured]
        return (featured or portraits or [None])[0]

    @property
    def other_portraits(self):
        """The portraits the home page links to under the one it shows."""
        return [
            portrait for portrait in self.testimonials.all() if portrait != self.featured_portrait
        ]

    @property
    def about_paragraphs(self):
        return paragraphs(self.about)

    @property
    def gallery_paragraphs(self):
        return paragraphs(self.gallery_text)

    def demo_images(self):
        """What still shows a demo image, named as the admin form names it."""
        found = []
        if is_demo_file(self.logo):
            found.append("le logo")
        if is_demo_file(self.illustration):
            found.append("l’image d’illustration")
        for photo in self.photos.all():
            if is_demo_file(photo.image):
                found.append(f"la photo « {photo.caption or photo.pk} »")
        for testimonial in self.testimonials.all():
            if is_demo_file(testimonial.photo):
                found.append(f"le portrait de {testimonial.first_name}")
        return found


def paragraphs(text):
    """Split editor text on blank lines, so that HR staff write paragraphs without markup."""
    return [block.strip() for block in text.replace("\r\n", "\n").split("\n\n") if block.strip()]


class ProfilePart(models.Model):
    """A part of the profile shown in an order HR staff choose."""

    position = models.PositiveSmallIntegerField(
        "position", default=0, help_text="Les éléments sont affichés par position croissante."
    )

    class Meta:
        abstract = True
        ordering = ["position", "pk"]


class Mission(ProfilePart):
    employer = models.ForeignKey(
        Employer, on_delete=models.CASCADE, related_name="missions", verbose_name="employeur"
    )
    text = models.TextField("texte")

    class Meta(ProfilePart.Meta):
        verbose_name = "mission"
        verbose_name_plural = "nos missions"

    def __str__(self):
        return self.text[:80]


class KeyFigure(ProfilePart):
    employer = models.ForeignKey(
        Employer, on_delete=models.CASCADE, related_name="key_figures", verbose_name="employeur"
    )
    value = models.CharField(
        "chiffre", max_length=30, help_text="Tel qu’il doit s’afficher, ex. « +1 000 »."
    )
    label = models.CharField("libellé", max_length=100, help_text="Ex. « Agents ».")

    class Meta(ProfilePart.Meta):
        verbose_name = "chiffre clé"
        verbose_name_plural = "chiffres clés"

    def __str__(self):
        return f"{self.value} {self.label}"


class Photo(ProfilePart):
    employer = models.ForeignKey(
        Employer, on_delete=models.CASCADE, related_name="photos", verbose_name="employeur"
    )
    image = models.ImageField(
        "image",
        upload_to="employer/photos/",
        validators=[validate_image_file],
        help_text=(
            "JPEG, PNG ou WebP, 5 Mo au plus. Le site en affiche une copie recadrée au format 3:2 "
            "(800 × 533 pixels) : gardez le sujet au centre."
        ),
    )
    image_resized = resized_spec("image", PHOTO_SIZE)
    alt_text = models.CharField(
        "texte alternatif",
        max_length=250,
        blank=True,
        help_text=(
            "Décrit ce que montre la photo pour les personnes qui ne la voient pas. "
            "Obligatoire, sauf si la photo est purement décorative."
        ),
    )
    is_decorative = models.BooleanField(
        "photo décorative",
        default=False,
        help_text="Cochez seulement si la photo n’apporte aucune information.",
    )
    caption = models.CharField("légende", max_length=250, blank=True)

    class Meta(ProfilePart.Meta):
        verbose_name = "photo"
        verbose_name_plural = "nous découvrir en images"
        constraints = [
            models.CheckConstraint(
                condition=Q(is_decorative=True) | ~Q(alt_text=""),
                name="photo_alt_text_unless_decorative",
                violation_error_message="Renseignez le texte alternatif, ou cochez « photo décorative ».",
            ),
        ]

    def __str__(self):
        return self.caption or self.alt_text or self.image.name

    @property
    def alt(self):
        return "" if self.is_decorative else self.alt_text

    @cached_property
    def resized(self):
        return resized_image(self.image_resized, PHOTO_SIZE)


FEATURED_ONCE = (
    "Un seul portrait peut être mis en avant sur la page d’accueil : décochez « mis en avant "
    "sur la page d’accueil » sur les autres."
)
# An RMFP domaine fonctionnel's code, as jobs.Domain.code holds it (« GRH », « USA »).
validate_domain_code = RegexValidator(
    r"^[A-Z]{3}$",
    "Saisissez le code RMFP du domaine en trois lettres majuscules, par exemple « GRH ».",
)


class TestimonialQuerySet(models.QuerySet):
    def for_offer(self, employer_id, reference_job, domain_code):
        """The portrait an offer shows under « Découvrir le métier », as a one-row queryset.

        Same métier de référence first (compared without regard to case or surrounding
        spaces), then same domaine, each in the editors' order. An offer with neither fact
        matches nothing, and an empty portrait field never matches an empty offer field.
        """
        reference_job = reference_job.strip()
        matches = Q()
        if reference_job:
            matches |= Q(reference_job__iexact=reference_job)
        if domain_code:
            matches |= Q(domain_code=domain_code)
        if not matches:
            return self.none()
        portraits = self.filter(matches, employer_id=employer_id)
        if reference_job:
            # Without a métier there is nothing to put first: a constant CASE would even come
            # out as `ORDER BY 1`, which PostgreSQL reads as « by the first column ».
            portraits = portraits.alias(
                job_first=models.Case(
                    models.When(Q(reference_job__iexact=reference_job), then=0),
                    default=1,
                    output_field=models.IntegerField(),
                )
            ).order_by("job_first", "position", "pk")
        else:
            portraits = portraits.order_by("position", "pk")
        return portraits[:1]


class Testimonial(ProfilePart):
    """A portrait of someone who does a job here: their words, a video, the full transcript.

    Shown on the home page (the featured one), on its own page (/portraits/<slug>/), and on the
    offers of the same métier de référence or domaine fonctionnel (« Découvrir le métier »).
    The class and the admin keep their first name, Testimonial, « témoignage »: renaming it would
    rename its table, its permissions (the « RH » group's) and the history's records.

    Why the domaine is a code and not a foreign key to jobs.Domain: the profile sits below the
    offers (core <- employer <- jobs <- pages), so it cannot name the offers' models, and the
    list of the RMFP's domaines lives with them (jobs/choices.py, loaded into jobs.Domain by a
    migration). The portrait stores the code the RMFP gives the domaine, checked here for its
    form (three capital letters); matching it against an offer's domaine happens above, on the
    offers' side (jobs/templatetags/job_portrait.py). A code no domaine has simply matches no
    offer: the portrait still shows on the home page and on its own page.
    """

    employer = models.ForeignKey(
        Employer, on_delete=models.CASCADE, related_name="testimonials", verbose_name="employeur"
    )
    title = models.CharField(
        "titre", max_length=200, help_text="Ex. « Portrait d’une officière de protection »."
    )
    slug = models.SlugField(
        "identifiant dans l’adresse",
        max_length=100,
        unique=True,
        blank=True,
        help_text=(
            "Fin de l’adresse de la page du portrait (/portraits/…/). Laissez vide : le site la "
            "forme à partir du prénom et du métier. La changer casse les liens déjà partagés."
        ),
    )
    first_name = models.CharField("prénom", max_length=100)
    age = models.PositiveSmallIntegerField("âge", null=True, blank=True)
    job_title = models.CharField("métier", max_length=200)
    division = models.CharField("division ou service", max_length=200, blank=True)
    years_in_post = models.PositiveSmallIntegerField(
        "années dans l’établissement", null=True, blank=True
    )
    reference_job = models.CharField(
        "métier de référence",
        max_length=200,
        blank=True,
        help_text=(
            "Emploi de référence du RMFP, écrit comme dans les offres (champ « Métier de "
            "référence »), ex. « Assistant / Assistante de direction ». Les offres de ce métier "
            "affichent ce portrait sous « Découvrir le métier »."
        ),
    )
    domain_code = models.CharField(
        "domaine fonctionnel (code RMFP)",
        max_length=3,
        blank=True,
        validators=[validate_domain_code],
        help_text=(
            "Code en trois lettres du domaine fonctionnel, ex. « USA » pour Relation à l’usager "
            "(la liste est sous Offres d’emploi › Domaines fonctionnels). Les offres de ce domaine "
            "affichent ce portrait quand aucun portrait n’a leur métier de référence."
        ),
    )
    is_featured = models.BooleanField(
        "mis en avant sur la page d’accueil",
        default=False,
        help_text=(
            "Un seul portrait à la fois. Sans portrait mis en avant, la page d’accueil affiche "
            "le premier par position."
        ),
    )
    quote = models.TextField(
        "citation mise en avant",
        help_text="Une phrase forte tirée du témoignage, sans guillemets : le site les ajoute.",
    )
    transcript = models.TextField(
        "transcription intégrale",
        help_text=(
            "Texte complet du témoignage : obligatoire pour l’accessibilité d’une vidéo (RGAA 4.1). "
            "Séparez les paragraphes par une ligne vide."
        ),
    )
    photo = models.ImageField(
        "photo",
        upload_to="employer/testimonials/",
        blank=True,
        validators=[validate_image_file],
        help_text=(
            "Portrait facultatif (JPEG, PNG ou WebP, 5 Mo au plus), affiché en carré de "
            "400 × 400 pixels."
        ),
    )
    photo_resized = resized_spec("photo", PORTRAIT_SIZE)
    photo_alt = models.CharField(
        "texte alternatif de la photo",
        max_length=250,
        blank=True,
        help_text="Obligatoire si une photo est chargée, ex. « Portrait de Marine ».",
    )
    video_file = models.FileField(
        "fichier vidéo",
        upload_to="employer/videos/",
        blank=True,
        validators=[FileExtensionValidator(["mp4", "webm"]), validate_video_file],
        help_text="Vidéo MP4 ou WebM facultative, 100 Mo au plus.",
    )
    video_url = models.URLField(
        "lien vers la vidéo",
        blank=True,
        help_text="Adresse de la vidéo sur une plateforme (facultatif).",
    )

    objects = TestimonialQuerySet.as_manager()

    class Meta(ProfilePart.Meta):
        verbose_name = "témoignage"
        verbose_name_plural = "témoignages"
        constraints = [
            models.CheckConstraint(
                condition=Q(photo="") | ~Q(photo_alt=""),
                name="testimonial_photo_has_alt",
                violation_error_message="Une photo doit avoir un texte alternatif.",
            ),
            models.UniqueConstraint(
                fields=["employer"],
                condition=Q(is_featured=True),
                name="one_featured_testimonial",
                violation_error_message=FEATURED_ONCE,
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.first_name})"

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = self.unique_slug()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("pages:portrait", kwargs={"slug": self.slug})

    def unique_slug(self):
        """« marine-officiere-de-protection », numbered if another portrait already has it."""
        base = slugify(f"{self.first_name} {self.job_title}")[:90].strip("-") or "portrait"
        taken = set(
            Testimonial.objects.filter(slug__startswith=base)
            .exclude(pk=self.pk)
            .values_list("slug", flat=True)
        )
        slug, number = base, 1
        while slug in taken:
            number += 1
            slug = f"{base}-{number}"
        return slug

    @property
    def transcript_paragraphs(self):
        return paragraphs(self.transcript)

    @cached_property
    def portrait(self):
        return resized_image(self.photo_resized, PORTRAIT_SIZE)

    @property
    def has_video(self):
        return bool(self.video_file or self.video_url)


class Perk(ProfilePart):
    employer = models.ForeignKey(
        Employer, on_delete=models.CASCADE, related_name="perks", verbose_name="employeur"
    )
    title = models.CharField("titre", max_length=200)
    text = models.TextField(
        "texte", blank=True, help_text="Séparez les paragraphes par une ligne vide."
    )
    items = models.TextField(
        "liste à puces",
        blank=True,
        help_text="Un élément par ligne ; chaque ligne devient une puce affichée après le texte.",
    )

    class Meta(ProfilePart.Meta):
        verbose_name = "atout"
        verbose_name_plural = "nos atouts"

    def __str__(self):
        return self.title

    @property
    def paragraphs(self):
        return paragraphs(self.text)

    @property
    def item_list(self):
        return [line.strip() for line in self.items.splitlines() if line.strip()]


DEMO_FILE_PREFIX = "demo-"


def is_demo_file(field_file):
    """Whether a stored image is one of the demo's (fixtures/media/), which HR staff replace."""
    return bool(field_file) and field_file.name.rsplit("/", 1)[-1].startswith(DEMO_FILE_PREFIX)
