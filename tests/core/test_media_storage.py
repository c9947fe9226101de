"""Uploads on a storage every server reads: an S3-compatible bucket when DJANGO_MEDIA_S3_BUCKET is
set (django-storages), checked against moto's in-process S3."""

import json
import os
import subprocess
import sys
from pathlib import Path

import boto3
import pytest
from django.core.files.storage import storages
from django.urls import get_resolver
from moto import mock_aws

from tests.factories import EmployerFactory, PhotoFactory

pytestmark = pytest.mark.django_db

BASE_DIR = Path(__file__).resolve().parents[2]
BUCKET = "ofpra-media"
MEDIA_URL = "https://media.example.fr/"

SETTINGS_PROBE = """
import json, django
django.setup()
from django.conf import settings
print(json.dumps({
    "storage": settings.STORAGES["default"],
    "media_url": settings.MEDIA_URL,
    "serve_media": settings.SERVE_MEDIA,
    "img_src": settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"],
    "media_src": settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["media-src"],
}))
"""


def settings_with(**variables):
    """The settings a server started with these environment variables gets."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "ofpra_careers.settings",
        "DJANGO_SECRET_KEY": "x" * 50,
        **variables,
    }
    return subprocess.run(
        [sys.executable, "-c", SETTINGS_PROBE],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
    )


def test_a_bucket_is_configured_from_the_environment():
    result = settings_with(
        DJANGO_MEDIA_S3_BUCKET=BUCKET,
        DJANGO_MEDIA_URL=MEDIA_URL,
        DJANGO_MEDIA_S3_ENDPOINT_URL="https://s3.fr-par.scw.cloud",
        DJANGO_MEDIA_S3_REGION="fr-par",
    )
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert found["storage"]["BACKEND"] == "storages.backends.s3.S3Storage"
    options = found["storage"]["OPTIONS"]
    assert options["bucket_name"] == BUCKET
    assert options["endpoint_url"] == "https://s3.fr-par.scw.cloud"
    assert options["region_name"] == "fr-par"
    assert options["custom_domain"] == "media.example.fr"
    assert found["media_url"] == MEDIA_URL
    # The bucket serves the files, and the browser may load them from there.
    assert found["serve_media"] is False
    assert MEDIA_URL in found["img_src"]
    assert MEDIA_URL in found["media_src"]


def test_without_a_bucket_every_server_reads_the_media_directory():
    result = settings_with(DJANGO_MEDIA_S3_BUCKET="")
    found = json.loads(result.stdout)
    assert found["storage"]["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    assert found["img_src"] == ["'self'", "data:"]


@pytest.mark.parametrize("url", [None, "http://media.example.fr/", "https://media.example.fr"])
def test_a_bucket_without_its_public_https_address_is_refused_at_start(url):
    variables = {"DJANGO_MEDIA_S3_BUCKET": BUCKET}
    if url is not None:
        variables["DJANGO_MEDIA_URL"] = url
    result = settings_with(**variables)
    assert result.returncode != 0
    assert "DJANGO_MEDIA_URL" in result.stderr


@pytest.fixture
def bucket(settings):
    # urls.py reads MEDIA_URL when first imported: import it under the test settings' own value,
    # not under the bucket's, which would break /media/ for the tests that follow.
    get_resolver().url_patterns  # noqa: B018
    with mock_aws():
        boto3.client("s3", region_name="eu-west-3").create_bucket(
            Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": "eu-west-3"}
        )
        settings.MEDIA_URL = MEDIA_URL
        settings.STORAGES = {
            **settings.STORAGES,
            "default": {
                "BACKEND": "storages.backends.s3.S3Storage",
                "OPTIONS": {
                    "bucket_name": BUCKET,
                    "region_name": "eu-west-3",
                    "custom_domain": "media.example.fr",
                    "querystring_auth": False,
                    "file_overwrite": False,
                    "access_key": "test",
                    "secret_key": "test",
                },
            },
        }
        yield boto3.resource("s3", region_name="eu-west-3").Bucket(BUCKET)
    storages._storages.clear()


def test_photos_and_their_resized_copies_go_to_the_bucket_and_the_page_links_there(client, bucket):
    employer = EmployerFactory()
    PhotoFactory(employer=employer, image__filename="facade.jpg")
    PhotoFactory(employer=employer, image__filename="facade.jpg")
    html = client.get("/").content.decode()
    keys = {item.key for item in bucket.objects.all()}
    originals = sorted(key for key in keys if key.startswith("employer/photos/"))
    # Two uploads with the same name: two files, the second renamed, none overwritten.
    assert len(originals) == 2
    assert originals[0] == "employer/photos/facade.jpg"
    resized = [key for key in keys if key.startswith("cache/") and key.endswith(".webp")]
    assert len(resized) == 2
    for key in resized:
        assert f'src="{MEDIA_URL}{key}"' in html
