"""What a backup holds, shared by export_backup and restore_backup.

A backup is a .tar.gz archive:

- `manifest.json`: format version, date, Django version, the models and how many rows each;
- `data.json`: `dumpdata` of the content, with natural keys (so it loads into any freshly
  migrated database: the domaines and the « RH » group the migrations create are matched by name);
- `media/...`: every file of the media storage (uploaded photos and their resized copies).

Why not django-dbbackup (5.4.0, checked): a backup must restore into either database, SQLite or
PostgreSQL, whichever it came from (a site moved off SQLite, a copy of production for a
developer). dbbackup's default connectors are the databases' own tools (SQLite's backup API, a
`pg_dump` binary archive), and `dbrestore` refuses a backup made by another engine. Its
`DjangoConnector` (dumpdata/loaddata with natural keys) does cross engines, but then: it dumps
every table unless each is excluded by name (sessions, django-axes' login attempts...), with
Django's JSON serializer, which cuts datetimes to the millisecond (a restored offer would differ
from the one saved); `dbrestore` loads over whatever the database holds, where restore_backup
refuses a database that already has content unless --force; and the media files are a second
archive (`mediabackup`) to keep with the first. Ours is some 300 lines (the two commands, this
module and exact_json.py) for one archive that restores exactly, into either database (the demo
exported from SQLite, restored into PostgreSQL, exported again and restored into SQLite: the same
data.json, row for row).
"""

from django.apps import apps
from django.core import serializers

FORMAT_VERSION = 1
DATA_NAME = "data.json"
MANIFEST_NAME = "manifest.json"
MEDIA_PREFIX = "media/"

# The content editors and administrators create. Not sessions, login attempts or caches.
CONTENT_LABELS = [
    "auth.group",
    "auth.user",
    "employer",
    "jobs",
    "admin.logentry",  # Who changed what in the admin.
]
# The change history (django-reversion), when it is installed.
HISTORY_LABELS = ["reversion.revision", "reversion.version"]

# Rows of these models mean that a database already holds content (the migrations create none).
CONTENT_MODELS = ["employer.Employer", "jobs.Job", "auth.User"]


def backup_labels():
    labels = list(CONTENT_LABELS)
    if apps.is_installed("reversion"):
        labels += HISTORY_LABELS
    return labels


def existing_content():
    """{model label: row count} for the models that already hold content."""
    counts = {label: apps.get_model(label).objects.count() for label in CONTENT_MODELS}
    return {label: count for label, count in counts.items() if count}


# Django's JSON serializer cuts datetimes to the millisecond; a restored offer must be identical.
EXACT_JSON = "json-exact"


def register_exact_json():
    serializers.register_serializer(EXACT_JSON, "core.management.exact_json")
