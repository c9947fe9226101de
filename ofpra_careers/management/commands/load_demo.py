"""Load the demo content for local runs (`make run` calls this on every start)."""

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


class Command(BaseCommand):
    help = (
        "Load the demo content (agency profile and its parts) and copy its placeholder images "
        "into the media storage. Safe to re-run: a fixture whose content already exists is "
        "skipped, and only missing images are copied."
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
