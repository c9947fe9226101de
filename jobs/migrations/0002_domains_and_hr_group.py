"""Load the 29 domaines fonctionnels of the RMFP and create the « RH » group of HR staff."""

from django.contrib.auth.management import create_permissions
from django.db import migrations
from django.utils.text import slugify

from jobs.choices import DOMAINS

HR_GROUP = "RH"
# HR staff edit offers and the agency profile; users and permissions stay with administrators.
HR_MODELS = {
    "jobs": ["job", "domain"],
    "employer": ["employer", "mission", "keyfigure", "photo", "testimonial", "perk"],
}
READ_ONLY = {("jobs", "domain")}


def load_domains(apps, schema_editor):
    Domain = apps.get_model("jobs", "Domain")
    for code, name in DOMAINS:
        Domain.objects.update_or_create(code=code, defaults={"name": name, "slug": slugify(name)})


def create_hr_group(apps, schema_editor):
    # Permissions are normally created after all migrations; the group needs them now.
    for label in HR_MODELS:
        app_config = apps.get_app_config(label)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=HR_GROUP)
    for app_label, models in HR_MODELS.items():
        for model in models:
            actions = ["view"] if (app_label, model) in READ_ONLY else ["add", "change", "delete", "view"]
            for action in actions:
                group.permissions.add(
                    Permission.objects.get(
                        content_type__app_label=app_label, codename=f"{action}_{model}"
                    )
                )


def remove_hr_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=HR_GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("jobs", "0001_job"),
        ("employer", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(load_domains, migrations.RunPython.noop),
        migrations.RunPython(create_hr_group, remove_hr_group),
    ]
