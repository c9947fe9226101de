"""The rendered HTML of every public page passes the Nu Html Checker (RGAA 8.2).

Pages come from tests/browser/pages.py; the 500 page is added here, rendered by its handler. The
checker runs once for all pages, since starting the JVM costs more than checking a page.
"""

import json
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
from django.test import Client, RequestFactory

from core.views import server_error
from tests.browser.pages import PAGES

pytestmark = [pytest.mark.htmlcheck, pytest.mark.django_db]


def validate(vnu_command, files):
    """Nu Html Checker errors, grouped by file name."""
    result = subprocess.run(
        [*vnu_command, *map(str, files)], capture_output=True, text=True, timeout=300, check=False
    )
    try:
        messages = json.loads(result.stdout)["messages"]
    except (json.JSONDecodeError, KeyError):
        pytest.fail(f"The Nu Html Checker failed:\n{result.stdout}\n{result.stderr}")
    errors = {}
    for message in messages:
        if message.get("type") == "error" or message.get("subType") == "fatal":
            name = Path(unquote(urlparse(message.get("url", "")).path)).name or "?"
            errors.setdefault(name, []).append(
                f"    line {message.get('lastLine', '?')}: {message['message']}"
                f"\n        {message.get('extract', '').strip()}"
            )
    return errors


def test_every_public_page_is_valid_html(request, tmp_path, vnu_command):
    # A page that fails to render is reported with the others instead of hiding them.
    client = Client(raise_request_exception=False)
    problems, files = [], []
    for public_page in PAGES:
        path = public_page.path(request)
        response = client.get(path)
        if response.status_code != public_page.status:
            problems.append(f"{public_page}: {path} answered {response.status_code}")
            continue
        files.append(tmp_path / f"{public_page}.html")
        files[-1].write_bytes(response.content)
    error_page = server_error(RequestFactory().get("/"))
    files.append(tmp_path / "server-error.html")
    files[-1].write_bytes(error_page.content)

    errors = validate(vnu_command, files)

    problems += [f"{name}:\n" + "\n".join(lines) for name, lines in sorted(errors.items())]
    assert not problems, "Nu Html Checker errors:\n" + "\n".join(problems)
