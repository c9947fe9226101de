"""Uploads in the admin: only real, reasonably sized JPEG, PNG or WebP images are accepted.

A refused file gets a French message on the form, never a server error.
"""

import io
import struct
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from employer import models as employer_models
from employer.models import Photo
from tests.admin_forms import change_form_data, change_url
from tests.factories import EmployerFactory, PhotoFactory, TestimonialFactory

pytestmark = pytest.mark.django_db

NOT_READABLE = "Ce fichier n’est pas une image lisible : envoyez une photo au format JPEG, PNG"


def image_bytes(format, size=(1200, 800), mode="RGB"):
    buffer = io.BytesIO()
    Image.new(mode, size, (0, 0, 145) if mode == "RGB" else 0).save(buffer, format)
    return buffer.getvalue()


def noisy_jpeg(size=(600, 400)):
    """A photo-like JPEG: noise does not compress, so the file is heavy for its size."""
    buffer = io.BytesIO()
    Image.effect_noise(size, 100).convert("RGB").save(buffer, "JPEG", quality=95)
    return buffer.getvalue()


def png_bomb(width=30_000, height=30_000):
    """A tiny PNG whose header announces a huge image: decoding it would take gigabytes."""

    def chunk(kind, data):
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    pixels = zlib.compress(b"\x00" * (width + 1) * 16)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100">'
    b"<script>alert(document.cookie)</script><rect width='100' height='100'/></svg>"
)

BAD_FILES = {
    "php script renamed .jpg": ("portrait.jpg", b"<?php system($_GET['c']); ?>", NOT_READABLE),
    "svg with a script": ("logo.svg", SVG, NOT_READABLE),
    "svg renamed .png": ("logo.png", SVG, NOT_READABLE),
    "truncated jpeg": ("coupee.jpg", image_bytes("JPEG")[:2000], NOT_READABLE),
    "gif": ("anime.gif", image_bytes("GIF"), "Format d’image non accepté (GIF)"),
    "bmp renamed .jpg": ("photo.jpg", image_bytes("BMP"), "Format d’image non accepté (BMP)"),
    "too wide": (
        "bandeau.png",
        image_bytes("PNG", size=(9000, 10), mode="L"),
        "L’image mesure 9000 × 10 pixels ; chaque côté doit mesurer au plus 8000 pixels.",
    ),
    "decompression bomb": (
        "bombe.png",
        png_bomb(),
        "Cette image est anormalement grande une fois décompressée : elle est refusée.",
    ),
}


@pytest.fixture
def employer():
    return EmployerFactory()


def post_new_photo(client, employer, upload):
    data = change_form_data(client.get(change_url(employer)))
    data["photos-TOTAL_FORMS"] = 1
    data["photos-0-position"] = 1
    data["photos-0-employer"] = employer.pk
    data["photos-0-image"] = upload
    data["photos-0-alt_text"] = "Le hall d'accueil"
    data["photos-0-caption"] = "Hall d'accueil"
    return client.post(change_url(employer), data)


@pytest.mark.parametrize("name, content, message", BAD_FILES.values(), ids=BAD_FILES.keys())
def test_bad_photo_is_refused_with_a_french_message(hr_client, employer, name, content, message):
    response = post_new_photo(hr_client, employer, SimpleUploadedFile(name, content))

    assert response.status_code == 200
    assert message in response.content.decode().replace("&#x27;", "'")
    assert not Photo.objects.exists()


def test_heavy_photo_is_refused_with_its_weight(hr_client, employer, settings):
    settings.MAX_UPLOAD_IMAGE_BYTES = 50_000
    content = noisy_jpeg()
    assert len(content) > 50_000

    response = post_new_photo(hr_client, employer, SimpleUploadedFile("lourde.jpg", content))

    assert response.status_code == 200
    assert "la limite est de 48,8\xa0Kio" in response.content.decode()
    assert not Photo.objects.exists()


def test_photo_with_too_many_pixels_is_refused(hr_client, employer, settings):
    settings.MAX_UPLOAD_IMAGE_PIXELS = 500_000
    upload = SimpleUploadedFile("grande.png", image_bytes("PNG", size=(1000, 1000), mode="L"))

    response = post_new_photo(hr_client, employer, upload)

    assert (
        "L’image mesure 1000 × 1000 pixels, soit 1,0 mégapixels ; la limite est de 0,5 mégapixels."
        in (response.content.decode().replace("&#x27;", "'"))
    )
    assert not Photo.objects.exists()


def test_bad_illustration_is_refused_too(hr_client, employer):
    data = change_form_data(hr_client.get(change_url(employer)))
    data["illustration"] = SimpleUploadedFile("siege.jpg", SVG)
    data["illustration_alt"] = "Le siège"

    response = hr_client.post(change_url(employer), data)

    assert response.status_code == 200
    assert NOT_READABLE in response.content.decode().replace("&#x27;", "'")
    employer.refresh_from_db()
    assert not employer.illustration


@pytest.mark.parametrize("format", ["JPEG", "PNG", "WEBP"])
def test_real_image_is_accepted_and_shown_resized(hr_client, employer, format):
    upload = SimpleUploadedFile(f"hall.{format.lower()}", image_bytes(format))

    response = post_new_photo(hr_client, employer, upload)

    assert response.status_code == 302
    photo = Photo.objects.get()
    assert photo.image.name.startswith("employer/photos/hall")
    home = hr_client.get("/").content.decode()
    assert photo.resized.url in home
    assert photo.resized.url.endswith(".webp")


def test_the_resized_copy_is_made_when_the_editor_saves_not_by_the_first_visitor(
    hr_client, employer
):
    upload = SimpleUploadedFile("hall.jpg", noisy_jpeg((2400, 1600)))

    assert post_new_photo(hr_client, employer, upload).status_code == 302

    copy = Photo.objects.get().image_resized
    assert copy.storage.exists(copy.name)  # Before any page asked for it.


def test_saving_again_does_not_recheck_stored_photos(hr_client, employer):
    """A stored photo that went missing must not block the editor's other changes."""
    photo = PhotoFactory(employer=employer)
    data = change_form_data(hr_client.get(change_url(employer)))
    photo.image.storage.delete(photo.image.name)
    data["tagline"] = "Nouvelle accroche"

    response = hr_client.post(change_url(employer), data)

    assert response.status_code == 302
    employer.refresh_from_db()
    assert employer.tagline == "Nouvelle accroche"


# The first bytes of real files: an MP4 « ftyp » box and the WebM (EBML) header.
MP4 = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x00" * 64
WEBM = b"\x1aE\xdf\xa3\x9fB\x86\x81\x01" + b"\x00" * 64


def post_new_testimonial(client, employer, upload):
    data = change_form_data(client.get(change_url(employer)))
    testimonial = TestimonialFactory.build()
    data["testimonials-TOTAL_FORMS"] = 1
    data.update(
        {
            f"testimonials-0-{field}": getattr(testimonial, field)
            for field in ["title", "first_name", "age", "job_title", "division", "quote"]
        }
    )
    data["testimonials-0-years_in_post"] = testimonial.years_in_post
    data["testimonials-0-transcript"] = testimonial.transcript
    data["testimonials-0-position"] = 1
    data["testimonials-0-employer"] = employer.pk
    data["testimonials-0-video_file"] = upload
    return client.post(change_url(employer), data)


@pytest.mark.parametrize("name, content", [("temoignage.mp4", MP4), ("temoignage.webm", WEBM)])
def test_a_real_video_is_accepted(hr_client, employer, name, content):
    response = post_new_testimonial(hr_client, employer, SimpleUploadedFile(name, content))

    assert response.status_code == 302
    assert employer_models.Testimonial.objects.get().video_file.name.startswith(
        "employer/videos/temoignage"
    )


def test_a_page_renamed_mp4_is_refused(hr_client, employer):
    upload = SimpleUploadedFile("temoignage.mp4", b"<html><script>alert(1)</script></html>")

    response = post_new_testimonial(hr_client, employer, upload)

    assert response.status_code == 200
    assert "Ce fichier n’est pas une vidéo MP4 ou WebM lisible." in response.content.decode()
    assert not employer_models.Testimonial.objects.exists()


def test_a_heavy_video_is_refused_with_its_weight(hr_client, employer, settings):
    settings.MAX_UPLOAD_VIDEO_BYTES = 50
    response = post_new_testimonial(hr_client, employer, SimpleUploadedFile("long.mp4", MP4))

    assert response.status_code == 200
    assert "la limite est de 50\xa0octets" in response.content.decode()
    assert not employer_models.Testimonial.objects.exists()
