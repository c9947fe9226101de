from django.db import migrations

import jobs.rich_text

RICH_TEXT_FIELDS = [
    "missions",
    "profile",
    "specific_conditions",
    "additional_info",
    "application_documents",
]


def render_existing_texts(apps, schema_editor):
    # The HTML the offer pages showed until now, rendered on each request: from then on, saves
    # make it (Job.prepare). Texts that loaddata stored unsanitised go through the allow-list too.
    Job = apps.get_model("jobs", "Job")
    rendered = {}  # Many offers share a text (documents to send, conditions): rendered once.
    for job in Job.objects.only("pk", *RICH_TEXT_FIELDS).iterator(chunk_size=500):
        if len(rendered) > 5_000:
            rendered.clear()
        html = {}
        for field in RICH_TEXT_FIELDS:
            text = getattr(job, field)
            if text not in rendered:
                rendered[text] = str(jobs.rich_text.render(text))
            html[f"{field}_html"] = rendered[text]
        # One short UPDATE a row: bulk_update's CASE over hundreds of rows took longer to build.
        Job.objects.filter(pk=job.pk).update(**html)


class Migration(migrations.Migration):
    dependencies = [
        ("jobs", "0007_interface_apostrophes"),
    ]

    operations = [
        migrations.AddField(
            model_name="job",
            name="missions_html",
            field=jobs.rich_text.HTMLField(blank=True, default="", editable=False),
        ),
        migrations.AddField(
            model_name="job",
            name="profile_html",
            field=jobs.rich_text.HTMLField(blank=True, default="", editable=False),
        ),
        migrations.AddField(
            model_name="job",
            name="specific_conditions_html",
            field=jobs.rich_text.HTMLField(blank=True, default="", editable=False),
        ),
        migrations.AddField(
            model_name="job",
            name="additional_info_html",
            field=jobs.rich_text.HTMLField(blank=True, default="", editable=False),
        ),
        migrations.AddField(
            model_name="job",
            name="application_documents_html",
            field=jobs.rich_text.HTMLField(blank=True, default="", editable=False),
        ),
        migrations.RunPython(render_existing_texts, migrations.RunPython.noop),
    ]
