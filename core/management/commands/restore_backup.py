"""manage.py restore_backup FILE.tar.gz: load an export_backup archive into an empty database."""

import json
import posixpath
import tarfile
import tempfile
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from core.management.backup import (
    DATA_NAME,
    FORMAT_VERSION,
    MANIFEST_NAME,
    MEDIA_PREFIX,
    existing_content,
)


def safe_media_name(member_name):
    """The storage name of an archive member under media/, or None for anything suspicious."""
    name = member_name[len(MEDIA_PREFIX) :]
    normalized = posixpath.normpath(name)
    if not name or normalized != name or name.startswith("/") or ".." in name.split("/"):
        return None
    return name


class Command(BaseCommand):
    help = (
        "Restore an archive written by export_backup: content into the database, files into the "
        "media storage. Run `migrate` first. The database must hold no content (no profile, "
        "offer or user account); --force loads over existing content, replacing the rows and "
        "files the archive holds and leaving the others. The data is loaded in one transaction: "
        "on any error nothing is kept."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="an archive written by export_backup")
        parser.add_argument(
            "--force",
            action="store_true",
            help="restore even though the database already holds content",
        )

    def handle(self, *args, file, force=False, verbosity=1, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"{path}: no such file.")
        if (existing := existing_content()) and not force:
            found = ", ".join(f"{count} {label}" for label, count in existing.items())
            raise CommandError(
                f"The database is not empty ({found}). Restore into an empty database "
                "(a new one, migrated), or use --force to load over this content."
            )
        try:
            archive = tarfile.open(path, "r:gz")
        except (tarfile.TarError, OSError) as error:
            raise CommandError(f"{path} is not a backup archive: {error}") from error
        with archive, tempfile.TemporaryDirectory() as workdir:
            manifest = self.read_manifest(archive)
            data_path = Path(workdir) / DATA_NAME
            data_path.write_bytes(self.read_member(archive, DATA_NAME))
            media = self.media_members(archive, force)
            with transaction.atomic():
                call_command("loaddata", str(data_path), verbosity=max(verbosity - 1, 0))
            restored = self.restore_media(archive, media, verbosity)
        rows = sum(manifest.get("rows", {}).values())
        if verbosity >= 1:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Backup of {manifest.get('created_at', '?')} restored from {path}: {rows} "
                    f"rows, {restored} media file(s)."
                )
            )

    def read_member(self, archive, name):
        try:
            return archive.extractfile(name).read()
        except (KeyError, AttributeError) as error:
            raise CommandError(
                f"The archive has no {name}: not an export_backup archive."
            ) from error

    def read_manifest(self, archive):
        manifest = json.loads(self.read_member(archive, MANIFEST_NAME))
        if manifest.get("format") != FORMAT_VERSION:
            raise CommandError(f"Unknown backup format {manifest.get('format')!r}.")
        return manifest

    def media_members(self, archive, force):
        """(storage name, member) for each media file, checked before anything is written."""
        media = []
        for member in archive.getmembers():
            if not member.name.startswith(MEDIA_PREFIX) or not member.isfile():
                continue
            name = safe_media_name(member.name)
            if name is None:
                self.stderr.write(f"Skipped a suspicious path in the archive: {member.name!r}")
                continue
            if default_storage.exists(name) and not force:
                raise CommandError(f"The media file {name} already exists (use --force).")
            media.append((name, member))
        return media

    def restore_media(self, archive, media, verbosity):
        for name, member in media:
            if default_storage.exists(name):
                default_storage.delete(name)  # Only with --force: checked by media_members().
            saved = default_storage.save(name, ContentFile(archive.extractfile(member).read()))
            if saved != name:
                raise CommandError(f"The media storage saved {name} as {saved}.")
            if verbosity >= 2:
                self.stdout.write(f"  {name}")
        return len(media)
