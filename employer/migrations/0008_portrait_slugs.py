"""Give each existing portrait the address of its page, /portraits/<prénom-métier>/."""

from django.db import migrations
from django.utils.text import slugify


def fill_slugs(apps, schema_editor):
    Testimonial = apps.get_model("employer", "Testimonial")
    taken = set()
    for portrait in Testimonial.objects.order_by("position", "pk"):
        # The same rule as Testimonial.unique_slug(), which the historical model does not have.
        base = slugify(f"{portrait.first_name} {portrait.job_title}")[:90].strip("-") or "portrait"
        slug, number = base, 1
        while slug in taken:
            number += 1
            slug = f"{base}-{number}"
        taken.add(slug)
        portrait.slug = slug
        portrait.save(update_fields=["slug"])


class Migration(migrations.Migration):
    dependencies = [("employer", "0007_portraits")]

    operations = [migrations.RunPython(fill_slugs, migrations.RunPython.noop)]
