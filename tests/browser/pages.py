"""The public pages that the real-browser and HTML-validity checks visit.

Every page listed in PAGES is checked automatically:

- tests/browser/test_accessibility.py: zero axe-core violations (WCAG 2.1 A and AA plus best
  practices) at 1280 px and at 375 px wide; no console error and no failed request while loading;
  the first Tab reaches the « Contenu » skip link, which moves the focus to the main content;
- tests/browser/test_html_validity.py: zero Nu Html Checker errors in the rendered HTML.

To check one more page, append a `PublicPage` to PAGES. `url` is one of:

- a URL name, reversed without arguments: ``PublicPage("job-list", "jobs:list")``;
- a path starting with "/": ``PublicPage("job-list-filtered", "/offres/?domaine=GRH")``;
- a callable that receives the values of the page's `fixtures` (a dict keyed by fixture name) and
  returns the path, for a page that shows data a fixture creates::

      PublicPage(
          "job-detail-open",
          lambda data: data["open_job"].get_absolute_url(),
          fixtures=("open_job",),
      )

`fixtures` names pytest fixtures (defined in tests/browser/conftest.py or a conftest above it) that
create the data the page shows; they run inside the test's database transaction, so the live server
sees their data. `status` is the HTTP status the page must answer with.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse


@dataclass(frozen=True)
class PublicPage:
    id: str
    url: str | Callable[[dict], str]
    fixtures: tuple[str, ...] = ()
    status: int = 200

    def __str__(self):
        return self.id

    def path(self, request):
        """The page's path, once the data its fixtures create exists (`request`: pytest's)."""
        data = {name: request.getfixturevalue(name) for name in self.fixtures}
        if callable(self.url):
            return self.url(data)
        if self.url.startswith("/"):
            return self.url
        return reverse(self.url)


PAGES = [
    PublicPage("home", "pages:home", fixtures=("employer_profile",)),
    PublicPage("accessibility", "pages:accessibility"),
    PublicPage("legal-notice", "pages:legal_notice"),
    PublicPage("personal-data", "pages:personal_data"),
    PublicPage("sitemap-page", "pages:sitemap_page"),
    PublicPage("not-found", "/cette-page-n-existe-pas/", status=404),
    PublicPage("job-list", "jobs:list", fixtures=("offers",)),
    PublicPage(
        "job-list-filtered",
        "/offres/?domaine=ressources-humaines&domaine=numerique&q=gestionnaire&tri=date-limite",
        fixtures=("offers",),
    ),
    PublicPage("job-list-empty", "/offres/?q=astronaute", fixtures=("offers",)),
    PublicPage("job-list-page-2", "/offres/?page=2", fixtures=("offers",)),
    PublicPage(
        "follow-offers", "/offres/suivre/?domaine=ressources-humaines", fixtures=("offers",)
    ),
    PublicPage(
        "job-detail-open", lambda data: data["open_job"].get_absolute_url(), fixtures=("open_job",)
    ),
    PublicPage(
        "job-detail-closed",
        lambda data: data["closed_job"].get_absolute_url(),
        fixtures=("closed_job",),
    ),
]


LISTEN = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(
    `${event.violatedDirective} blocked ${event.blockedURI || "inline"} `
    + `(${event.sourceFile || ""}:${event.lineNumber || ""}) ${event.sample || ""}`
  );
});
"""
