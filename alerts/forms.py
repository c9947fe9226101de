from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from alerts import searches
from alerts.models import Frequency

INVALID_EMAIL = "Saisissez une adresse électronique valide, au format nom@domaine.fr."


def normalise_email(value):
    """The address as kept: lower-cased, its domain in ASCII (« exämple.fr » as IDNA), so that
    one address is one address whatever its spelling. Raises ValidationError in French."""
    value = (value or "").strip()
    if len(value) > 254:
        raise ValidationError(
            "Cette adresse est trop longue : 254 caractères au plus.", code="max_length"
        )
    local, at, domain = value.rpartition("@")
    if not at or not local or not domain:
        raise ValidationError(INVALID_EMAIL, code="invalid")
    if not local.isascii():
        # Addresses with accented letters before the « @ » need SMTPUTF8 from every server on
        # the way, which is not certain: said plainly rather than mail that may never arrive.
        raise ValidationError(
            "Les adresses dont la partie avant « @ » contient des lettres accentuées ou d’autres "
            "alphabets ne sont pas encore acceptées : utilisez une autre adresse.",
            code="non_ascii",
        )
    if len(local) > 64:
        raise ValidationError(
            "La partie avant « @ » est trop longue : 64 caractères au plus.", code="max_length"
        )
    try:
        domain = domain.encode("idna").decode("ascii")
    except UnicodeError:
        raise ValidationError(INVALID_EMAIL, code="invalid") from None
    email = f"{local}@{domain}".lower()
    if len(email) > 254:
        raise ValidationError(
            "Cette adresse est trop longue : 254 caractères au plus.", code="max_length"
        )
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError(INVALID_EMAIL, code="invalid") from None
    return email


class SubscribeForm(forms.Form):
    email = forms.CharField(
        label="Votre adresse électronique",
        help_text="Format attendu : nom@domaine.fr",
        max_length=320,  # Longer is answered by normalise_email, in words.
        error_messages={"required": "Saisissez votre adresse électronique."},
    )
    frequency = forms.ChoiceField(
        label="Fréquence des envois",
        choices=[
            (Frequency.DAILY, "Chaque jour, le matin, s’il y a de nouvelles offres"),
            (Frequency.WEEKLY, "Chaque semaine, le lundi matin, s’il y a de nouvelles offres"),
        ],
        initial=Frequency.DAILY,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choisissez la fréquence des envois.",
            "invalid_choice": "Choisissez « chaque jour » ou « chaque semaine ».",
        },
    )
    query = forms.CharField(required=False, widget=forms.HiddenInput, max_length=5000)
    # The honeypot: hidden from people (and from screen readers), filled by naive robots.
    website = forms.CharField(required=False, label="Ne remplissez pas ce champ", max_length=500)

    def clean_email(self):
        return normalise_email(self.cleaned_data["email"])

    def clean_query(self):
        query = self.cleaned_data.get("query", "")
        if len(query) > searches.MAX_QUERY_LENGTH:
            raise ValidationError("Cette recherche est trop longue pour être suivie par e-mail.")
        search = searches.from_query(query)
        if search.unknown or search.query != query:
            raise ValidationError(
                "Cette recherche a changé ou contient des critères inconnus : repartez de la "
                "liste des offres et suivez à nouveau le lien « Recevoir ces offres par e-mail »."
            )
        return search


class FrequencyForm(forms.Form):
    frequency = SubscribeForm.base_fields["frequency"]
