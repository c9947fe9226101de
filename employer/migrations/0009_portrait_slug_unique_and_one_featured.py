"""Once every portrait has its own address: addresses are unique, one portrait at most is featured."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("employer", "0008_portrait_slugs")]

    operations = [
        migrations.AlterField(
            model_name="testimonial",
            name="slug",
            field=models.SlugField(
                blank=True,
                help_text="Fin de l’adresse de la page du portrait (/portraits/…/). Laissez vide : le site la forme à partir du prénom et du métier. La changer casse les liens déjà partagés.",
                max_length=100,
                unique=True,
                verbose_name="identifiant dans l’adresse",
            ),
        ),
        migrations.AddConstraint(
            model_name="testimonial",
            constraint=models.UniqueConstraint(
                condition=models.Q(("is_featured", True)),
                fields=("employer",),
                name="one_featured_testimonial",
                violation_error_message="Un seul portrait peut être mis en avant sur la page d’accueil : décochez « mis en avant sur la page d’accueil » sur les autres.",
            ),
        ),
    ]
