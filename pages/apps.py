from django.apps import AppConfig


class PagesConfig(AppConfig):
    """The top layer: pages that compose the apps (home, legal pages, robots.txt, the sitemap
    index) and the loading of the demo content. Nothing below imports it."""

    name = "pages"
    verbose_name = "Pages du site"
