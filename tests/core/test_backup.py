"""export_backup then restore_backup into an empty database gives back every piece of content."""

import pytest
from django.contrib.auth.models import Group, User
from django.contrib.contenttypes.models import ContentType
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.db import connection
from django.forms.models import model_to_dict

from employer import models as profile
from jobs.choices import State
from jobs.models import Job
from tests.factories import (
    EmployerFactory,
    JobFactory,
    KeyFigureFactory,
    MissionFactory,
    PerkFactory,
    PhotoFactory,
    TestimonialFactory,
)

pytestmark = pytest.mark.django_db

PROFILE_MODELS = [
    profile.Employer,
    profile.Mission,
    profile.KeyFigure,
    profile.Photo,
    profile.Testimonial,
    profile.Perk,
]


def snapshot():
    """Every row of the content models, as plain values, and the bytes of every stored file."""
    rows = {
        model.__name__: sorted(
            (model_to_dict(obj) | {"pk": obj.pk} for obj in model.objects.all()),
            key=lambda row: row["pk"],
        )
        for model in [*PROFILE_MODELS, Job]
    }
    for model in [*PROFILE_MODELS, Job]:
        for row in rows[model.__name__]:
            for name, value in row.items():
                if hasattr(value, "name"):  # A file field: compare names and bytes.
                    row[name] = (value.name, value.read() if value else None)
    rows["users"] = sorted(
        (u.username, u.email, u.is_staff, u.password, sorted(g.name for g in u.groups.all()))
        for u in User.objects.all()
    )
    rows["groups"] = sorted(
        (g.name, sorted(p.codename for p in g.permissions.all())) for g in Group.objects.all()
    )
    return rows


@pytest.fixture
def content(django_user_model):
    employer = EmployerFactory(illustration_alt="Le siège de l'Office")
    MissionFactory.create_batch(3, employer=employer)
    KeyFigureFactory.create_batch(2, employer=employer)
    PhotoFactory.create_batch(2, employer=employer)
    TestimonialFactory(employer=employer)
    PerkFactory(employer=employer)
    JobFactory.create_batch(3)
    JobFactory(state=State.DRAFT, title="Brouillon à ne pas perdre")
    editor = django_user_model.objects.create_user("agent.rh", "rh@ofpra.gouv.fr", "secret")
    editor.groups.add(Group.objects.get(name="RH"))
    return employer


def media_files():
    names = []

    def walk(directory):
        directories, files = default_storage.listdir(directory)
        names.extend(f"{directory}{name}" for name in files)
        for name in directories:
            walk(f"{directory}{name}/")

    walk("")
    return sorted(names)


def read_all(names):
    result = {}
    for name in names:
        with default_storage.open(name, "rb") as file:
            result[name] = file.read()
    return result


def wipe_media():
    for name in media_files():
        default_storage.delete(name)


@pytest.fixture(autouse=True)
def _fresh_content_types():
    # flush recreates the content types under new ids, then the test's rollback brings the old
    # ones back: the cache must not keep either for the next test.
    ContentType.objects.clear_cache()
    yield
    ContentType.objects.clear_cache()


def test_restore_into_an_empty_database_gives_back_every_offer_image_and_profile_part(
    content, tmp_path, capsys
):
    before = snapshot()
    files_before = read_all(media_files())
    assert len([name for name in files_before if name.startswith("employer/")]) >= 2
    archive = tmp_path / "backup.tar.gz"

    call_command("export_backup", str(archive))
    assert "Backup written to" in capsys.readouterr().out

    # An empty database: the tables emptied, then what `migrate` creates put back.
    if connection.vendor == "postgresql":
        # Inside the test's transaction, PostgreSQL truncates only once FK checks have run.
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    call_command("flush", interactive=False, verbosity=0)
    ContentType.objects.clear_cache()
    wipe_media()
    assert not Job.objects.exists() and not profile.Employer.objects.exists()
    assert media_files() == []

    call_command("restore_backup", str(archive))

    assert "restored from" in capsys.readouterr().out
    assert snapshot() == before
    assert read_all(media_files()) == files_before
    assert Job.objects.get(title="Brouillon à ne pas perdre").state == State.DRAFT


def test_restore_refuses_a_database_that_holds_content(content, tmp_path):
    archive = tmp_path / "backup.tar.gz"
    call_command("export_backup", str(archive), verbosity=0)

    with pytest.raises(CommandError, match="not empty"):
        call_command("restore_backup", str(archive), verbosity=0)


def test_restore_with_force_loads_over_existing_content(content, tmp_path):
    archive = tmp_path / "backup.tar.gz"
    call_command("export_backup", str(archive), verbosity=0)
    Job.objects.filter(title__startswith="Gestionnaire").update(title="Modifié après la sauvegarde")

    call_command("restore_backup", str(archive), force=True, verbosity=0)

    assert not Job.objects.filter(title="Modifié après la sauvegarde").exists()


def test_export_refuses_to_overwrite_an_archive(content, tmp_path):
    archive = tmp_path / "backup.tar.gz"
    archive.write_bytes(b"an older backup")

    with pytest.raises(CommandError, match="already exists"):
        call_command("export_backup", str(archive), verbosity=0)
    assert archive.read_bytes() == b"an older backup"


def test_restore_refuses_a_file_that_is_not_a_backup(tmp_path, db):
    not_a_backup = tmp_path / "photo.tar.gz"
    not_a_backup.write_bytes(b"not an archive")

    with pytest.raises(CommandError, match="not a backup archive"):
        call_command("restore_backup", str(not_a_backup), verbosity=0)
