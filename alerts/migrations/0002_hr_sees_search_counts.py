"""The « RH » group sees how many alerts follow each search, never the addresses.

Addresses need `alerts.view_subscriber_email`, which no group gets here: an administrator gives it
to the data protection officer's account.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

HR_GROUP = "RH"


def grant(apps, schema_editor):
    app_config = apps.get_app_config("alerts")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permission = Permission.objects.get(content_type__app_label="alerts", codename="view_savedsearch")
    for group in Group.objects.filter(name=HR_GROUP):
        group.permissions.add(permission)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permission = Permission.objects.filter(
        content_type__app_label="alerts", codename="view_savedsearch"
    )
    for group in Group.objects.filter(name=HR_GROUP):
        group.permissions.remove(*permission)


class Migration(migrations.Migration):
    dependencies = [
        ("alerts", "0001_initial"),
        ("jobs", "0002_domains_and_hr_group"),  # The group is created there.
    ]

    operations = [migrations.RunPython(grant, revoke)]
