"""Upload checks: only real, reasonably sized JPEG, PNG or WebP images reach the media storage."""

import warnings

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.formats import number_format
from PIL import Image

ALLOWED_FORMATS = {"JPEG", "PNG", "WEBP"}


def validate_image_file(file):
    """Refuse anything Pillow cannot decode as JPEG/PNG/WebP, and oversized files or dimensions.

    The extension and the declared content type are ignored: a PHP script named `.jpg` or an SVG
    with a script fails to decode. Dimensions are read from the header before any pixel is
    decoded, so a decompression bomb is refused without being expanded in memory.

    Files already in the media storage were checked when uploaded: saving the profile again must
    neither re-decode every photo nor fail because one of them went missing.
    """
    if getattr(file, "_committed", False):
        return
    _check_size(file, settings.MAX_UPLOAD_IMAGE_BYTES)
    position = file.tell() if hasattr(file, "tell") else 0
    try:
        file.seek(0)
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(file) as image:
                image_format = image.format
                width, height = image.size
                if image_format not in ALLOWED_FORMATS:
                    raise ValidationError(
                        (
                            f"Format d’image non accepté ({image_format}) : envoyez une image JPEG, "
                            "PNG ou WebP."
                        ),
                        code="bad_format",
                    )
                _check_dimensions(width, height)
                image.verify()
            # verify() leaves the image unusable: decode it fully once more to catch truncation.
            file.seek(0)
            with Image.open(file) as image:
                image.load()
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise ValidationError(
            "Cette image est anormalement grande une fois décompressée : elle est refusée.",
            code="decompression_bomb",
        ) from error
    except Exception as error:  # Pillow raises many types for undecodable data.
        raise ValidationError(
            (
                "Ce fichier n’est pas une image lisible : envoyez une photo au format JPEG, PNG "
                "ou WebP."
            ),
            code="invalid_image",
        ) from error
    finally:
        file.seek(position)


def _check_size(file, limit):
    if file.size > limit:
        raise ValidationError(
            f"Le fichier pèse {filesizeformat(file.size)} ; la limite est de {filesizeformat(limit)}.",
            code="file_too_large",
        )


def _check_dimensions(width, height):
    side = settings.MAX_UPLOAD_IMAGE_SIDE
    if width > side or height > side:
        raise ValidationError(
            (
                f"L’image mesure {width} × {height} pixels ; chaque côté doit mesurer au plus "
                f"{side} pixels."
            ),
            code="image_too_large",
        )
    if width * height > settings.MAX_UPLOAD_IMAGE_PIXELS:
        raise ValidationError(
            (
                f"L’image mesure {width} × {height} pixels, soit {number_format(width * height / 1_000_000, 1)} mégapixels ; la "
                f"limite est de {number_format(settings.MAX_UPLOAD_IMAGE_PIXELS / 1_000_000, 1)} mégapixels. Réduisez-la avant de l’envoyer."
            ),
            code="image_too_large",
        )


# What MP4 and WebM files start with: an ISO « ftyp » box (its size, then the tag) and the EBML
# header of Matroska/WebM.
_VIDEO_SIGNATURES = {
    "mp4": lambda head: head[4:8] == b"ftyp",
    "webm": lambda head: head[:4] == b"\x1aE\xdf\xa3",
}


def validate_video_file(file):
    """Refuse a video heavier than MAX_UPLOAD_VIDEO_BYTES, or a file that is neither MP4 nor WebM
    whatever its name says (a page renamed « .mp4 » would be served as a video)."""
    if getattr(file, "_committed", False):
        return
    _check_size(file, settings.MAX_UPLOAD_VIDEO_BYTES)
    position = file.tell() if hasattr(file, "tell") else 0
    try:
        file.seek(0)
        head = file.read(12)
    finally:
        file.seek(position)
    if not any(matches(head) for matches in _VIDEO_SIGNATURES.values()):
        raise ValidationError(
            "Ce fichier n’est pas une vidéo MP4 ou WebM lisible.", code="invalid_video"
        )
