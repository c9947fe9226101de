from django.db import migrations, models
from django.db.models import F


def stamp_closed_offers(apps, schema_editor):
    # Offers closed before closed_at existed: their last save is the best-known closing moment.
    Job = apps.get_model("jobs", "Job")
    Job.objects.filter(state="cloturee").update(closed_at=F("updated_at"))


class Migration(migrations.Migration):
    dependencies = [
        ("jobs", "0005_open_offer_filter_indexes"),
    ]

    operations = [
        migrations.AddField(
            model_name="job",
            name="closed_at",
            field=models.DateTimeField(
                blank=True,
                editable=False,
                help_text="Le moment où l’équipe RH a clôturé l’offre, s’il y a lieu.",
                null=True,
                verbose_name="clôturée le",
            ),
        ),
        migrations.RunPython(stamp_closed_offers, migrations.RunPython.noop),
    ]
