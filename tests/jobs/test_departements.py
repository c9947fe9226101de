"""One table of départements (jobs/departements.py): the filter, the offer form and the synthetic
offers name a département, and place it in its région, the same way."""

import pytest
from django.core.management import call_command
from django.forms import modelform_factory

from jobs import departements
from jobs.forms import JobAdminForm
from jobs.management import synthetic
from jobs.models import Job

# Overseas collectivités: a département code, no région.
COLLECTIVITES = {"975", "977", "978", "986", "987", "988"}


def test_the_table_holds_every_departement_once_and_its_region():
    codes = [code for code, _name in departements.DEPARTEMENTS]
    assert len(codes) == len(set(codes)) == 96 + 5 + len(COLLECTIVITES)
    assert set(departements.REGION_OF) == set(codes) - COLLECTIVITES
    assert set(departements.REGION_OF.values()) == set(departements.REGIONS)
    assert departements.REGION_OF["92"] == "11"
    assert departements.REGIONS[departements.REGION_OF["2A"]] == "Corse"


def test_labels_are_the_insee_name_and_the_code():
    assert departements.label("92") == "Hauts-de-Seine (92)"
    assert departements.label("95") == "Val-d’Oise (95)"
    assert dict(departements.CHOICES)["2A"] == "Corse-du-Sud (2A)"
    with pytest.raises(KeyError):
        departements.label("20")


def test_the_generator_places_are_named_and_placed_by_the_table():
    assert len(synthetic.DEPARTMENTS) >= 20
    for place in synthetic.DEPARTMENTS:
        assert place.label == dict(departements.CHOICES)[place.code]
        assert place.region == departements.REGION_OF[place.code]
        assert place.postal_code[:2] == {"2A": "20", "2B": "20"}.get(place.code, place.code[:2])
        assert place.weight > 0


def test_a_vocabulary_code_the_table_does_not_know_is_refused():
    good = {"town": "Nanterre", "postal_code": "92000", "weight": 1}
    assert synthetic.places({"92": good})[0].label == "Hauts-de-Seine (92)"
    with pytest.raises(ValueError, match="not département codes: 20, 99"):
        synthetic.places({"92": good, "99": good, "20": good})


@pytest.mark.django_db
def test_generated_offers_read_as_an_offer_typed_in_the_form():
    call_command("generate_offers", count=200, seed=3, verbosity=0)
    # The admin builds the offer form from JobAdminForm and its fieldsets.
    form_class = modelform_factory(
        Job, form=JobAdminForm, fields=["department_code", "location_label"]
    )
    offers = list(Job.objects.values_list("department_code", "location_label", "region_code"))
    assert len({code for code, _label, _region in offers}) >= 15
    for code, label, region in offers:
        assert label == departements.label(code)
        assert region == departements.REGION_OF[code]
        # What the offer form writes when HR choose the département and leave the label blank.
        form = form_class(data={"department_code": code, "location_label": ""})
        assert form.is_valid(), form.errors
        assert form.cleaned_data["location_label"] == label
