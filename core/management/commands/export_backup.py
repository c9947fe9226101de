"""manage.py export_backup FILE.tar.gz: all the site's content and media files in one archive."""

import io
import json
import tarfile
from collections import Counter
from pathlib import Path

import django
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from core.management.backup import (
    DATA_NAME,
    EXACT_JSON,
    FORMAT_VERSION,
    MANIFEST_NAME,
    MEDIA_PREFIX,
    backup_labels,
    register_exact_json,
)


def media_files(storage, directory=""):
    """Every file name in `storage`, recursively, in a stable order."""
    directories, files = storage.listdir(directory)
    for name in sorted(files):
        yield f"{directory}{name}"
    for name in sorted(directories):
        yield from media_files(storage, f"{directory}{name}/")


def add_bytes(archive, name, content):
    info = tarfile.TarInfo(name)
    info.size = len(content)
    info.mtime = int(timezone.now().timestamp())
    archive.addfile(info, io.BytesIO(content))


class Command(BaseCommand):
    help = (
        "Write a backup of all the site's content (agency profile and its parts, offers, "
        "domaines, user accounts and groups, admin log, change history) and of every media file "
        "to a .tar.gz archive, which restore_backup loads into an empty database. Read-only: "
        "safe to run on a live site, at any time."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="the archive to write, e.g. backup-2026-11-28.tar.gz")
        parser.add_argument(
            "--overwrite", action="store_true", help="replace FILE if it already exists"
        )

    def handle(self, *args, file, overwrite=False, verbosity=1, **options):
        path = Path(file)
        if path.exists() and not overwrite:
            raise CommandError(f"{path} already exists (use --overwrite to replace it).")
        labels = backup_labels()
        register_exact_json()
        data = io.StringIO()
        call_command(
            "dumpdata",
            *labels,
            natural_foreign=True,
            natural_primary=True,
            format=EXACT_JSON,
            indent=1,
            stdout=data,
            verbosity=0,
        )
        data = data.getvalue().encode()
        rows = Counter(row["model"] for row in json.loads(data))
        partial = path.with_name(path.name + ".partial")
        media_count = media_bytes = 0
        # Written aside then renamed: a failed run never leaves a truncated archive under FILE.
        with tarfile.open(partial, "w:gz") as archive:
            add_bytes(archive, DATA_NAME, data)
            for name in media_files(default_storage):
                with default_storage.open(name, "rb") as media:
                    content = media.read()
                add_bytes(archive, MEDIA_PREFIX + name, content)
                media_count += 1
                media_bytes += len(content)
                if verbosity >= 2:
                    self.stdout.write(f"  {name} ({len(content)} bytes)")
            manifest = {
                "format": FORMAT_VERSION,
                "created_at": timezone.now().isoformat(),
                "django": django.get_version(),
                "labels": labels,
                "rows": dict(sorted(rows.items())),
                "media_files": media_count,
            }
            add_bytes(archive, MANIFEST_NAME, json.dumps(manifest, indent=1).encode())
        partial.replace(path)
        if verbosity >= 2:
            for model, count in sorted(rows.items()):
                self.stdout.write(f"  {model}: {count}")
        if verbosity >= 1:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Backup written to {path}: {sum(rows.values())} rows, {media_count} media "
                    f"file(s) ({media_bytes} bytes)."
                )
            )
