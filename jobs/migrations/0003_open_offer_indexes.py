"""Indexes for the public lists at national scale (100,000 offers), on PostgreSQL.

- job_open_idx covers the columns the filters and facet counts read, so they scan the index only.
- A trigram GIN index on search_text serves the text search (`search_text LIKE '% word%'`), which
  otherwise reads every row. pg_trgm ships with PostgreSQL; on SQLite both steps do nothing
  (SQLite has no INCLUDE and no trigram index: its volumes are small).
"""

from django.db import migrations, models

TRIGRAM_INDEX = "job_search_text_trgm_idx"


def create_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {TRIGRAM_INDEX} ON jobs_job "
        "USING gin (search_text gin_trgm_ops)"
    )


def drop_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {TRIGRAM_INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("employer", "0002_image_help_texts_and_video_formats"),
        ("jobs", "0002_domains_and_hr_group"),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="job",
            name="job_open_idx",
        ),
        migrations.AddIndex(
            model_name="job",
            index=models.Index(
                fields=["state", "deadline", "published_at"],
                include=(
                    "domain",
                    "category",
                    "versant",
                    "nature",
                    "department_code",
                    "telework",
                    "location_label",
                ),
                name="job_open_idx",
            ),
        ),
        migrations.RunPython(create_trigram_index, drop_trigram_index, elidable=False),
    ]
