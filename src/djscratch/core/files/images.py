"""Images (django/core/files/images.py): ImageFile's width and height and
get_image_dimensions(), which read the image header with Pillow (an
ImportError without it, as in Django).
"""

from djscratch.core.files.base import File

__all__ = [
    "ImageFile", "get_image_dimensions",
]


class ImageFile(File):
    """A File with the width and height of the image it holds."""

    @property
    def width(self):
        return self._get_image_dimensions()[0]

    @property
    def height(self):
        return self._get_image_dimensions()[1]

    def _get_image_dimensions(self):
        if not hasattr(self, "_dimensions_cache"):
            close = self.closed
            self.open()
            self._dimensions_cache = get_image_dimensions(self, close=close)
        return self._dimensions_cache


def get_image_dimensions(file_or_path, close=False):
    """(width, height) of an image file or path, or (None, None) when Pillow
    cannot read it; the file is closed afterwards only with `close`."""
    from PIL import ImageFile as PillowImageFile  # Pillow, as in Django

    parser = PillowImageFile.Parser()
    if hasattr(file_or_path, "read"):
        file = file_or_path
        file_pos = file.tell()
        file.seek(0)
    else:
        try:
            file = open(file_or_path, "rb")
        except OSError:
            return (None, None)
        close, file_pos = True, None
    try:
        chunk_size = 1024
        while True:
            data = file.read(chunk_size)
            if not data:
                break
            try:
                parser.feed(data)
            except Exception:  # Pillow's parsers raise anything on bad data
                pass
            if parser.image:
                return parser.image.size
            chunk_size *= 2
        return (None, None)
    finally:
        if close:
            file.close()
        else:
            file.seek(file_pos)
