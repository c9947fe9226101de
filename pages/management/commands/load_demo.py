"""Load the demo content for local runs (`make run` calls this on every start)."""

import logging
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import BaseCommand

from jobs.management.demo import refresh_demo_offers

# Each demo fixture (in FIXTURE_DIRS) with the model whose rows mean that this part of the site
# already has content. A fixture is loaded only while that model is empty, so re-running changes
# nothing and never overwrites what an editor changed in the admin. Add a line per new fixture.
FIXTURES = [
    ("demo", "employer.Employer"),
    ("demo_jobs", "jobs.Job"),
]

# The demo's images, laid out as under MEDIA_ROOT (see fixtures/make_placeholder_images.py).
DEMO_MEDIA = Path(settings.BASE_DIR) / "fixtures" / "media"

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = (
        "Load the demo content (agency profile and its parts) and copy its placeholder images "
        "into the media storage. Safe to re-run: a fixture whose content already exists is "
        "skipped, and only missing images are copied."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--resize-images",
            action="store_true",
            help="Also make the resized copies the home page shows (about 9 s; `make run` does).",
        )

    def handle(self, *args, verbosity=1, **options):
        loaded = []
        for fixture, model_label in FIXTURES:
            model = apps.get_model(model_label)
            if model.objects.exists():
                if verbosity >= 2:
                    self.stdout.write(f"{fixture}: {model_label} already has content, skipped.")
                continue
            call_command("loaddata", fixture, verbosity=verbosity)
            loaded.append(fixture)
        copied = self.copy_media(verbosity)
        if options["resize_images"]:
            resized = resize_images()
            if verbosity >= 2:
                self.stdout.write(f"Resized copies of the profile's images ready: {resized}.")
        # Loaded now or on an earlier run, the demo offers stay open and searchable.
        refreshed = refresh_demo_offers()
        if verbosity >= 2:
            self.stdout.write(f"Demo offers updated (deadline, search text): {refreshed}.")
        if verbosity >= 1:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Demo content ready: {len(loaded)} fixture(s) loaded"
                    f"{' (' + ', '.join(loaded) + ')' if loaded else ''}, {copied} image(s) copied."
                )
            )

    def copy_media(self, verbosity):
        """Copy each demo image that the media storage lacks; existing files are left as they are."""
        copied = 0
        for path in sorted(p for p in DEMO_MEDIA.rglob("*") if p.is_file()):
            name = path.relative_to(DEMO_MEDIA).as_posix()
            if default_storage.exists(name):
                continue
            with path.open("rb") as source:
                default_storage.save(name, File(source))
            copied += 1
            if verbosity >= 2:
                self.stdout.write(f"Copied {name}")
        return copied


def resize_images():
    """Make the resized copies of the profile's images now, and return how many images have one.

    django-imagekit makes them on first use: the first visitor of the home page after a demo load
    waited about 9 s for five WebP files (and past the outage tests' limit while Redis was down).
    The files are looked for on disk: django-imagekit's memory that a copy exists (in the cache)
    may come from another media folder, or from before this one was emptied.
    """
    Employer = apps.get_model("employer.Employer")
    count = 0
    for employer in Employer.objects.prefetch_related("photos", "testimonials"):
        specs = [
            employer.illustration_resized,
            *(photo.image_resized for photo in employer.photos.all()),
            *(testimonial.photo_resized for testimonial in employer.testimonials.all()),
        ]
        for spec in specs:
            if not spec.generator.source:
                continue
            try:
                if not spec.storage.exists(spec.name):
                    spec.generate(force=True)
            except (OSError, ValueError):  # A missing or unreadable source: the site hides it.
                logger.warning("Cannot resize %s", spec.generator.source.name, exc_info=True)
                continue
            count += 1
    return count
