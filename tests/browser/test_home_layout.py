"""The home page as a visitor sees it (1280, 375 and 320 px, light and dark), and the profile form
as an HR editor of the « RH » group meets it."""

import io
import re

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from PIL import Image, ImageStat
from playwright.sync_api import expect

from employer.models import Employer
from tests.browser.conftest import jpeg

# serialized_rollback: flushing after each test would drop the migrated domaines and « RH » group.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# What makes an offer card look as it does, read from the rendered page.
CARD_LOOK = """() => {
  const card = document.querySelector('.offer-card');
  const facts = card.querySelector('.offer-card__facts');
  // The space between « En ligne depuis le » and its date, as drawn: DSFR card details are flex
  // boxes, where a plain space before an element collapses.
  const gaps = [...card.querySelectorAll('time')].filter(time => {
    const before = time.previousSibling;
    return before && before.nodeType === Node.TEXT_NODE && before.textContent.trim();
  }).map(time => {
    const text = time.previousSibling;
    const end = text.textContent.trimEnd().length;
    const range = document.createRange();
    range.setStart(text, end - 1);
    range.setEnd(text, end);
    return time.getBoundingClientRect().left - range.getBoundingClientRect().right;
  });
  return {
    factMarkers: [...facts.children].map(li => getComputedStyle(li).listStyleType),
    factsPadding: getComputedStyle(facts).paddingLeft,
    gridMarker: getComputedStyle(card.closest('li')).listStyleType,
    dates: gaps.length,
    datesSpaced: gaps.every(gap => gap >= 2),
  };
}"""


def test_offer_cards_on_the_home_page_look_as_on_the_list(
    page, live_server, employer_profile, open_job
):
    page.set_viewport_size({"width": 1280, "height": 900})
    looks = {}
    for path in ["/", "/offres/"]:
        page.goto(live_server.url + path)
        looks[path] = page.evaluate(CARD_LOOK)

    assert looks["/"] == looks["/offres/"]
    home = looks["/"]
    assert set(home["factMarkers"]) == {"none"}  # No list bullet before each fact…
    assert home["gridMarker"] == "none"  # …nor left of the grid.
    assert home["factsPadding"] == "0px"
    assert home["dates"] >= 1
    assert home["datesSpaced"]  # « En ligne depuis le 24 décembre 2024 », not « le24 ».


FIGURES = """() => {
  const figures = [...document.querySelectorAll('.ofpra-figure')].map(figure => {
    const box = figure.getBoundingClientRect();
    const value = figure.querySelector('.ofpra-figure__value');
    return {top: Math.round(box.top + scrollY), fits: value.scrollWidth <= value.clientWidth};
  });
  const list = document.querySelector('#chiffres-cles-titre + ul').getBoundingClientRect();
  return {figures, height: list.height, scrollWidth: document.documentElement.scrollWidth};
}"""


@pytest.mark.parametrize("width", [375, 320])
def test_key_figures_show_two_by_two_on_a_phone(page, live_server, employer_profile, width):
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(live_server.url + "/")

    seen = page.evaluate(FIGURES)

    rows = sorted({figure["top"] for figure in seen["figures"]})
    assert [sum(f["top"] == top for f in seen["figures"]) for top in rows] == [2, 2]
    assert all(figure["fits"] for figure in seen["figures"])  # « 600 000 » on one line, whole.
    assert seen["height"] < 400  # One per row, they took some 600 pixels.
    assert seen["scrollWidth"] <= width


PERK_GAPS = """() => [...document.querySelectorAll('.ofpra-perk')].map(perk => {
  const texts = [...perk.querySelectorAll('p, li')].map(element => element.getBoundingClientRect());
  return perk.getBoundingClientRect().bottom - Math.max(...texts.map(box => box.bottom));
})"""


@pytest.mark.parametrize("width", [1280, 375])
def test_perks_hold_no_large_empty_area(page, live_server, employer_profile, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(live_server.url + "/")

    gaps = page.evaluate(PERK_GAPS)

    assert len(gaps) == 3
    # Below each perk's last line, no more than its own padding: boxes stretched to the longest
    # perk left 150 pixels and more of empty box under the short ones.
    assert max(gaps) < 40, gaps


def test_illustration_is_sized_for_its_slot(page, live_server, employer_profile):
    employer_profile.illustration = jpeg("siege.jpg", size=(1600, 900))
    employer_profile.illustration_alt = "Le siège de l'Ofpra"
    employer_profile.save()
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + "/")

    image = page.locator(".ofpra-illustration img")
    image.scroll_into_view_if_needed()
    box = image.bounding_box()

    assert box["height"] <= 480  # It was some 700 pixels tall, full width.
    assert abs(box["width"] / box["height"] - 16 / 9) < 0.02


def test_images_take_their_room_before_they_load(page, live_server, employer_profile):
    """A photo still loading keeps its slot: the page does not jump as each one arrives."""
    employer_profile.illustration = jpeg("siege.jpg", size=(1600, 900))
    employer_profile.illustration_alt = "Le siège de l'Ofpra"
    employer_profile.save()
    page.set_viewport_size({"width": 375, "height": 800})
    page.route("**/media/**", lambda route: route.abort())  # No image ever arrives.
    page.goto(live_server.url + "/")

    heights = page.locator(".ofpra-media img").evaluate_all(
        "images => images.map(image => image.getBoundingClientRect().height)"
    )
    assert heights and all(height > 100 for height in heights), heights


def mean_lightness(png):
    return ImageStat.Stat(Image.open(io.BytesIO(png)).convert("L")).mean[0] / 255


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_demo_images_suit_the_theme(browser, live_server, scheme):
    """The demo's illustrations take the theme's colours: no light box glaring on the dark page."""
    call_command("load_demo", verbosity=0)
    # Resized now rather than during the page load, which would take longer than its timeout on
    # a busy machine.
    employer = Employer.objects.get()
    assert employer.illustration_image
    assert all(photo.resized for photo in employer.photos.all())
    assert employer.testimonials.get(first_name="Marine").portrait
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, color_scheme=scheme, locale="fr-FR"
    )
    page = context.new_page()
    page.goto(live_server.url + "/")
    # The DSFR sets the theme from the system's preference.
    expect(page.locator("html")).to_have_attribute("data-fr-theme", scheme)

    images = page.locator(".ofpra-media img, .fr-quote__image img")
    assert images.count() == 5
    for index in range(images.count()):
        image = images.nth(index)
        image.scroll_into_view_if_needed()
        expect(image).to_have_js_property("complete", True)
        lightness = mean_lightness(image.screenshot())
        if scheme == "dark":
            assert lightness < 0.3, (image.get_attribute("src"), lightness)
        else:
            assert lightness > 0.75, (image.get_attribute("src"), lightness)
        alt = image.get_attribute("alt")
        assert alt.startswith("Illustration provisoire"), alt
    context.close()


def test_rh_editor_edits_the_profile_from_a_short_form(
    page, live_server, employer_profile, django_user_model
):
    editor = django_user_model.objects.create_user(
        "rh.profil", password="un mot de passe solide 42", is_staff=True
    )
    editor.groups.add(Group.objects.get(name="RH"))
    page.set_viewport_size({"width": 1280, "height": 900})
    url = f"/admin/employer/employer/{employer_profile.pk}/change/"
    page.goto(live_server.url + "/admin/login/?next=" + url)
    page.get_by_label("Nom d’utilisateur").fill("rh.profil")
    page.get_by_label("Mot de passe").fill("un mot de passe solide 42")
    page.get_by_role("button", name="Connexion").click()
    expect(page).to_have_url(re.compile(re.escape(url) + "$"))

    # Folded sections: the form fits in a few screens, with « Enregistrer » in the first one.
    assert page.evaluate("document.documentElement.scrollHeight") < 2500
    save = page.locator('input[name="_save"]').first
    assert save.bounding_box()["y"] < 900
    expect(page.locator("a.deletelink")).to_have_count(0)  # No deletion of the profile.

    # A mistake in a folded part: the summary at the top links to the field, which opens.
    page.get_by_text("Chiffres clés", exact=True).click()
    page.locator("#id_key_figures-0-value").fill("")
    page.locator("#id_tagline").fill("À l’écoute du monde entier")
    save.click()
    summary = page.locator(".employer-error-summary")
    expect(summary).to_contain_text("Chiffre clé n°\xa01, Chiffre")
    assert summary.bounding_box()["y"] < 900
    summary.get_by_role("link").first.click()
    expect(page.locator("#id_key_figures-0-value")).to_be_in_viewport()

    page.locator("#id_key_figures-0-value").fill("+1 100")
    page.locator('input[name="_save"]').first.click()
    expect(page.locator(".messagelist")).to_contain_text("Le profil est enregistré.")
    employer_profile.refresh_from_db()
    assert employer_profile.tagline == "À l’écoute du monde entier"
    assert employer_profile.key_figures.order_by("position").first().value == "+1 100"
