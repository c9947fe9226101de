"""The « RH » group keeps editing the agency profile but can no longer delete it.

Deleting the profile empties the careers home page; the offer form's « Employeur » widget showed a
red ✖ leading straight to that deletion. Its parts (missions, photos…) stay deletable.
"""

from django.db import migrations

HR_GROUP = "RH"


def remove_delete_permission(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permission = Permission.objects.filter(
        content_type__app_label="employer", codename="delete_employer"
    )
    for group in Group.objects.filter(name=HR_GROUP):
        group.permissions.remove(*permission)


def restore_delete_permission(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permission = Permission.objects.filter(
        content_type__app_label="employer", codename="delete_employer"
    )
    for group in Group.objects.filter(name=HR_GROUP):
        group.permissions.add(*permission)


class Migration(migrations.Migration):
    dependencies = [
        ("employer", "0004_employer_logo"),
        # The group and its permissions are created there.
        ("jobs", "0002_domains_and_hr_group"),
    ]

    operations = [
        migrations.RunPython(remove_delete_permission, restore_delete_permission),
    ]
